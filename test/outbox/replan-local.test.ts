/**
 * The embedded default (local outbox folder): a re-plan after a decline writes the cancellation of
 * the first invitation (`<transactionId>.cancel.ics`, METHOD:CANCEL) once, records it in the
 * signal's history, and frees the old slot in the manager's calendar.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createOutbound } from '../../src/adapters/outbound';
import { drainOutbox, pendingOutboxFor } from '../../src/app/outbox';
import { conversationTransactionId, followInviteResponses } from '../../src/app/plan-conversation';
import { nlPlanning } from '../../src/i18n/nl-planning';
import { captureLogs } from '../support/log-capture';
import { PEOPLE, testServices } from '../support/services';
import { BotDriver, cardText } from '../support/test-adapter';
import { actionsWithVerb, escalatedComplaint, outboundDeps, type PlanningServices } from '../planning/planning-support';

const NOW = '2026-12-24T10:00:00+01:00';

let dataDir: string;
let services: PlanningServices;
let driver: BotDriver;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'ks-replan-local-'));
  const base = await testServices(NOW);
  const outbound = await createOutbound({
    env: {},
    dataDir,
    store: { kind: 'sqlite', path: path.join(dataDir, 'klantsignaal.sqlite') },
    organisationName: 'Kinderopvang De Regenboog',
    now: () => base.clock.now(),
    logger: captureLogs('warn').logger,
  });
  services = { ...base, outbound };
  driver = new BotDriver(services);
});

afterAll(async () => {
  await services.outbound.outbox.close();
  await services.store.close();
  rmSync(dataDir, { recursive: true, force: true });
});

it('a re-plan after a decline writes one cancellation of the first invitation and frees its slot', async () => {
  const invites = path.join(dataDir, 'outbox', 'invites');
  const signalId = await escalatedComplaint(driver, { parentEmail: 'sanne@example.nl' });
  const offer = await driver.execute(PEOPLE.manager, 'planning.offer', { signalId });
  const [first] = actionsWithVerb(offer.card, 'planning.pick');
  await driver.execute(PEOPLE.manager, 'planning.pick', first!.data);
  const firstId = conversationTransactionId(signalId, 1);
  expect(existsSync(path.join(invites, `${firstId}.ics`))).toBe(true);

  // The demo hook: the parent declines.
  writeFileSync(path.join(invites, `${firstId}.response`), 'declined\n');
  await followInviteResponses(outboundDeps(services));
  const again = await driver.execute(PEOPLE.manager, 'planning.offer', { signalId });
  const picks = actionsWithVerb(again.card, 'planning.pick');
  const repicked = await driver.execute(PEOPLE.manager, 'planning.pick', picks[1]!.data);
  expect(cardText(repicked.card)).toContain('De Outlook-uitnodiging is verstuurd.');

  const cancel = readFileSync(path.join(invites, `${firstId}.cancel.ics`), 'utf8');
  expect(cancel).toMatch(/^METHOD:CANCEL\r?$/m);
  expect(cancel).toContain(`UID:${firstId}@klantsignaal`);
  expect(readdirSync(invites).filter((file) => file.endsWith('.cancel.ics'))).toEqual([`${firstId}.cancel.ics`]);
  const secondId = conversationTransactionId(signalId, 2);
  expect(existsSync(path.join(invites, `${secondId}.cancel.ics`))).toBe(false);

  const signal = (await services.store.get(signalId))!.value;
  const withdrawn = signal.history.filter((event) => event.type === 'invitationCancelled');
  expect(withdrawn.map((event) => [event.after, event.note])).toEqual([
    [{ attempt: 1 }, nlPlanning.history.invitationWithdrawn],
  ]);
  expect(await pendingOutboxFor(services.outbound.outbox, signalId)).toEqual([]);
  services.clock.advance(60 * 60_000);
  expect(await drainOutbox(outboundDeps(services))).toMatchObject({ sent: 0 });

  // The old slot is free again; the new one is taken.
  const busy = await services.outbound.calendar.getFreeBusy(
    ['adele.vance@regenboog.example'],
    '2026-12-28T00:00:00Z',
    '2026-12-31T00:00:00Z',
  );
  expect(busy.get('adele.vance@regenboog.example')?.map((interval) => interval.start)).toEqual([
    new Date(String(picks[1]!.data.slotStart)).toISOString(),
  ]);
});
