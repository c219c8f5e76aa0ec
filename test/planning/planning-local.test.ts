/**
 * The embedded default: no GRAPH_* settings, so createOutbound picks the local outbox folder. The
 * invitation is an .ics (read back with a standard parser), the e-mailed letter an .eml, the letter
 * for the post a .txt in the print folder.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as ical from 'node-ical';
import { createOutbound } from '../../src/adapters/outbound';
import { FilePrinter } from '../../src/adapters/outbound';
import { LocalMailer } from '../../src/adapters/local';
import {
  conversationTransactionId,
  followInviteResponses,
  performMoveWithOutbound,
} from '../../src/app/plan-conversation';
import { PEOPLE, testServices } from '../support/services';
import { BotDriver, cardText } from '../support/test-adapter';
import { actionsWithVerb, escalatedComplaint, outboundDeps, type PlanningServices } from './planning-support';

const NOW = '2026-12-24T10:00:00+01:00';

describe('createOutbound', () => {
  it('chooses Graph only when GRAPH_* settings are present, and refuses half a configuration', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'ks-outbound-'));
    try {
      const store = { kind: 'sqlite' as const, path: path.join(dataDir, 'ks.sqlite') };
      const local = await createOutbound({ env: {}, dataDir, store, organisationName: 'Demo' });
      expect(local.mode).toBe('local');
      expect(local.outboxDir).toBe(path.join(dataDir, 'outbox'));
      await local.outbox.close();

      const graph = await createOutbound({
        env: {
          GRAPH_TENANT_ID: 'tenant',
          GRAPH_CLIENT_ID: 'client',
          GRAPH_CLIENT_SECRET: 'secret',
          GRAPH_MAILBOX: 'klachten@regenboog.example',
          OUTBOX_DIR: path.join(dataDir, 'elsewhere'),
        },
        dataDir,
        store,
        organisationName: 'Demo',
      });
      expect(graph.mode).toBe('graph');
      expect(graph.outboxDir).toBe(path.join(dataDir, 'elsewhere'));
      await graph.outbox.close();

      await expect(
        createOutbound({ env: { GRAPH_TENANT_ID: 'tenant' }, dataDir, store, organisationName: 'Demo' }),
      ).rejects.toThrow(/Graph configuration incomplete/);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('the embedded default writes the invitation and letters into the local outbox', () => {
  let dataDir: string;
  let services: PlanningServices;
  let driver: BotDriver;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'ks-local-'));
    const base = await testServices(NOW);
    const outbound = await createOutbound({
      env: {},
      dataDir,
      store: { kind: 'sqlite', path: path.join(dataDir, 'klantsignaal.sqlite') },
      organisationName: 'Kinderopvang De Regenboog',
      now: () => base.clock.now(),
    });
    services = { ...base, outbound };
    driver = new BotDriver(services);
  });

  afterAll(async () => {
    await services.outbound.outbox.close();
    await services.store.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('escalate, offer, pick: one .ics that a standard parser reads; confirmation .eml; decision by post .txt', async () => {
    const signalId = await escalatedComplaint(driver, { parentEmail: 'sanne@example.nl' });
    const offer = await driver.execute(PEOPLE.manager, 'planning.offer', { signalId });
    const picks = actionsWithVerb(offer.card, 'planning.pick');
    expect(picks.map((pick) => pick.data.slotStart)).toEqual([
      '2026-12-28T08:00:00.000Z',
      '2026-12-29T08:00:00.000Z',
      '2026-12-30T08:00:00.000Z',
    ]);
    const picked = await driver.execute(PEOPLE.manager, 'planning.pick', picks[0]!.data);
    expect(cardText(picked.card)).toContain('De Outlook-uitnodiging is verstuurd.');
    await driver.execute(PEOPLE.manager, 'planning.pick', picks[0]!.data);

    const invites = readdirSync(path.join(dataDir, 'outbox', 'invites')).filter((f) => f.endsWith('.ics'));
    expect(invites).toEqual([`${conversationTransactionId(signalId, 1)}.ics`]);
    const parsed = ical.sync.parseICS(readFileSync(path.join(dataDir, 'outbox', 'invites', invites[0]!), 'utf8'));
    const events = Object.values(parsed).filter((c): c is ical.VEvent => c?.type === 'VEVENT');
    expect(events).toHaveLength(1);
    const [event] = events;
    expect(event!.start.toISOString()).toBe('2026-12-28T08:00:00.000Z');
    expect(event!.end!.toISOString()).toBe('2026-12-28T08:30:00.000Z');
    const signal = (await services.store.get(signalId))!.value;
    expect(String(event!.summary)).toContain(signal.reference);
    expect(String(event!.description)).not.toContain(signal.description);

    // The local calendar answers 'accepted' (demo); the bot records it.
    expect(await followInviteResponses(outboundDeps(services))).toMatchObject({ checked: 1, changed: 1 });
    expect((await services.store.get(signalId))!.value.escalation?.conversation.response).toBe('accepted');

    const manager = (await services.directory.findPerson(PEOPLE.manager.id))!;
    const deps = outboundDeps(services);
    await performMoveWithOutbound(deps, {
      signalId,
      command: { name: 'confirmationSent', input: {} },
      actor: manager,
      eventId: 'local-confirmation',
    });
    const mailer = new LocalMailer({ outboxDir: services.outbound.outboxDir, from: { name: 'x', email: 'x@y.nl' } });
    const eml = readFileSync(mailer.fileFor('local-confirmation:letter'), 'utf8');
    expect(eml).toContain('To: Sanne de Vries <sanne@example.nl>');
    expect(eml).toMatch(/Subject: Bevestiging van uw klacht/);

    await performMoveWithOutbound(deps, {
      signalId,
      command: {
        name: 'recordDecision',
        input: { text: 'Deels gegrond.', measures: [], sentOn: '2026-12-24', tenor: 'founded', sentVia: 'letter' },
      },
      actor: manager,
      eventId: 'local-decision',
    });
    const printFile = new FilePrinter(services.outbound.outboxDir).fileFor('local-decision:letter');
    expect(existsSync(printFile)).toBe(true);
    const printed = readFileSync(printFile, 'utf8');
    expect(printed).toContain(`kenmerk ${signal.reference}`);
    expect(printed).toContain('Aan: Sanne de Vries');
    expect(printed).toContain('Deels gegrond.');
    // Printed, not e-mailed: only the confirmation is in the mail folder.
    expect(readdirSync(path.join(dataDir, 'outbox', 'mail'))).toHaveLength(1);

    const history = (await services.store.get(signalId))!.value.history.map((e) => e.type);
    expect(history).toEqual(
      expect.arrayContaining(['invitationSent', 'invitationAnswered', 'letterEmailed', 'letterPrintReady']),
    );
  });

  it('prints the confirmation when the parent has no e-mail address', async () => {
    const signalId = await escalatedComplaint(
      driver,
      { parentEmail: '', parentPhone: '0612345678', contactPreference: 'writing' },
      false,
    );
    const manager = (await services.directory.findPerson(PEOPLE.manager.id))!;
    const outcome = await performMoveWithOutbound(outboundDeps(services), {
      signalId,
      command: { name: 'confirmationSent', input: {} },
      actor: manager,
      eventId: 'no-email-confirmation',
    });
    expect(outcome.letters?.map((item) => [item.work.kind === 'letter' && item.work.route, item.state])).toEqual([
      ['print', 'sent'],
    ]);
    expect(existsSync(new FilePrinter(services.outbound.outboxDir).fileFor('no-email-confirmation:letter'))).toBe(true);
  });
});
