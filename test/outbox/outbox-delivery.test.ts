/**
 * The outbox when delivery goes wrong, end to end: the real bot (BotDriver), SQLite and the real
 * Graph client against the local Graph stand-in.
 * - a letter whose sendMail may have gone out is `unconfirmed` and never sent again;
 * - a letter that never left (connection refused) waits and goes out once when Graph is back;
 * - a Retry-After longer than a Teams turn leaves the work pending for at least that long;
 * - a failed or unconfirmed delivery is logged at warn without personal data, and the card says
 *   why in Dutch words, not codes;
 * - a re-plan withdraws the invitation that was already sent (Outlook cancel), once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createGraphAdapters } from '../../src/adapters/graph';
import { PermanentOutboundError } from '../../src/app/outbound-ports';
import { cancelItemIdFor, drainOutbox, pendingOutboxFor } from '../../src/app/outbox';
import { conversationTransactionId, followInviteResponses, pickSlot } from '../../src/app/plan-conversation';
import { replay } from '../../src/domain/replay';
import { nlPlanning } from '../../src/i18n/nl-planning';
import { nlSignal } from '../../src/i18n/nl-signal';
import { GraphTestServer } from '../support/graph-server';
import { captureLogs, flush, type LogLine } from '../support/log-capture';
import { PEOPLE } from '../support/services';
import { BotDriver, cardText } from '../support/test-adapter';
import {
  actionsWithVerb,
  escalatedComplaint,
  GRAPH_TOKEN,
  graphServices,
  MAILBOX,
  MANAGER_EMAIL,
  move,
  outboundDeps,
  StaticCredential,
  type PlanningServices,
} from '../planning/planning-support';
import { closedOrigin, waitFor } from '../support/net-peers';

// Thursday 24 December 2026.
const NOW = '2026-12-24T10:00:00+01:00';
const PARENT_EMAIL = 'sanne.devries@example.nl';
const PARENT_NAME = 'Sanne de Vries';

let graph: GraphTestServer;
let outboxDir: string;

beforeAll(async () => {
  graph = await GraphTestServer.start({ token: GRAPH_TOKEN });
  outboxDir = mkdtempSync(path.join(tmpdir(), 'ks-outbox-'));
});

afterAll(async () => {
  await graph.stop();
  rmSync(outboxDir, { recursive: true, force: true });
});

beforeEach(() => {
  graph.reset();
  graph.mails.length = 0;
  graph.cancellations.length = 0;
  graph.events.clear();
  graph.busy = [];
});

afterEach(() => {
  expect(graph.violations).toEqual([]);
});

interface World {
  services: PlanningServices;
  driver: BotDriver;
  logs: () => LogLine[];
  close: () => Promise<void>;
}

async function world(options: { origin?: string; timeoutMs?: number } = {}): Promise<World> {
  const capture = captureLogs('info');
  const services = await graphServices({ origin: options.origin ?? graph.origin }, NOW, outboxDir, {
    logger: capture.logger,
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
  });
  return {
    services,
    driver: new BotDriver(services),
    logs: () => capture.lines(),
    close: async () => {
      await services.outbound.outbox.close();
      await services.store.close();
    },
  };
}

/** A complaint answered in writing (no conversation), so the confirmation can be sent at once. */
const writtenComplaint = (driver: BotDriver) =>
  escalatedComplaint(
    driver,
    { parentName: PARENT_NAME, parentEmail: PARENT_EMAIL, contactPreference: 'writing' },
    false,
  );

/** What may never be in a log line: the parent's address and the letter's words. */
function expectNoPersonalData(lines: LogLine[]): void {
  const written = JSON.stringify(lines);
  for (const personal of [PARENT_EMAIL, PARENT_NAME, 'Beste']) expect(written).not.toContain(personal);
}

describe('letters: never twice, never silently lost', () => {
  it('sendMail that times out after Graph took it: unconfirmed, logged, on the card, never resent', async () => {
    const { services, driver, logs, close } = await world({ timeoutMs: 300 });
    try {
      const signalId = await writtenComplaint(driver);
      graph.slowNext(1, 800);
      const moved = await move(driver, PEOPLE.manager, signalId, 'confirmationSent');
      await waitFor(() => graph.mails.length === 1);
      expect(graph.mails).toHaveLength(1);

      const [notice] = await pendingOutboxFor(services.outbound.outbox, signalId);
      expect(notice).toMatchObject({ kind: 'letter', state: 'unconfirmed' });
      expect(notice?.text).toContain('Verzonden items');
      expect(cardText(moved.card)).toContain('Niet zeker of de bevestigingsbrief is verstuurd');

      // The drain, later and again: the letter is not sent a second time.
      services.clock.advance(2 * 60 * 60_000);
      await drainOutbox(outboundDeps(services));
      services.clock.advance(24 * 60 * 60_000);
      await drainOutbox(outboundDeps(services));
      expect(graph.requestsTo('/sendMail')).toHaveLength(1);
      expect(graph.mails).toHaveLength(1);

      await flush();
      const [item] = await services.outbound.outbox.listForSignal(signalId);
      const warned = logs().filter((line) => line.level === 40 && line.state === 'unconfirmed');
      expect(warned).toEqual([
        expect.objectContaining({
          itemId: item!.id,
          signalId,
          kind: 'letter',
          reason: 'no answer',
        }),
      ]);
      expect(warned[0]?.reference).toMatch(/^KS-2026-\d{4}$/);
      expectNoPersonalData(logs());
    } finally {
      await close();
    }
  });

  it('connection refused (nothing sent): the letter waits and goes out once when Graph is back', async () => {
    const { services, driver, close } = await world({ origin: await closedOrigin() });
    try {
      const signalId = await writtenComplaint(driver);
      await move(driver, PEOPLE.manager, signalId, 'confirmationSent');
      const [item] = await services.outbound.outbox.listForSignal(signalId);
      expect(item).toMatchObject({ state: 'pending', failure: 'unreachable' });

      // Graph reachable again.
      services.outbound.mailer = createGraphAdapters({
        credential: new StaticCredential(),
        mailbox: MAILBOX,
        retry: { delaySeconds: 0.01, maxRetries: 1 },
        timeoutMs: 5_000,
        rewriteOrigin: graph.origin,
      }).mailer;
      services.clock.advance(10 * 60_000);
      expect(await drainOutbox(outboundDeps(services))).toMatchObject({ sent: 1 });
      expect(await drainOutbox(outboundDeps(services))).toMatchObject({ sent: 0 });
      expect(graph.mails).toHaveLength(1);
      expect(await pendingOutboxFor(services.outbound.outbox, signalId)).toEqual([]);
    } finally {
      await close();
    }
  });

  it('a refused letter during the turn is logged at warn and the card gives the reason in Dutch', async () => {
    const { services, driver, logs, close } = await world();
    try {
      const signalId = await writtenComplaint(driver);
      graph.failNext(1, 403);
      const moved = await move(driver, PEOPLE.manager, signalId, 'confirmationSent');
      const text = cardText(moved.card);
      expect(text).toContain('Bevestigingsbrief kon niet worden verstuurd (geweigerd door de mailserver)');
      expect(text).not.toMatch(/\(403\)|ErrorAccessDenied|PermanentOutboundError/);

      await flush();
      const [item] = await services.outbound.outbox.listForSignal(signalId);
      const warned = logs().filter((line) => line.level === 40);
      expect(warned).toEqual([
        expect.objectContaining({
          itemId: item!.id,
          signalId,
          reference: item!.reference,
          kind: 'letter',
          state: 'failed',
          reason: '403',
        }),
      ]);
      expectNoPersonalData(logs());
    } finally {
      await close();
    }
  });

  it('an error that is no refusal reads "onbekende fout", and a bad address is named as such', async () => {
    const { services, driver, close } = await world();
    try {
      const signalId = await writtenComplaint(driver);
      services.outbound.maxAttempts = 1;
      services.outbound.mailer = {
        send: async () => {
          throw new TypeError('Cannot read properties of undefined');
        },
      };
      await move(driver, PEOPLE.manager, signalId, 'confirmationSent');
      const [notice] = await pendingOutboxFor(services.outbound.outbox, signalId);
      expect(notice?.text).toBe(nlPlanning.outbox.letter.failed('Bevestigingsbrief', 'onbekende fout'));

      // What the mailer says of a letter it cannot send as it is (bad address, files too large).
      services.outbound.mailer = {
        send: async () => {
          throw new PermanentOutboundError('sendMail', undefined, 'invalidLetter', 'recipient e-mail');
        },
      };
      const other = await writtenComplaint(driver);
      await move(driver, PEOPLE.manager, other, 'confirmationSent');
      const [invalid] = await pendingOutboxFor(services.outbound.outbox, other);
      expect(invalid?.text).toContain('(de brief of het e-mailadres klopt niet)');
    } finally {
      await close();
    }
  });
});

describe('a long Retry-After during a Teams turn', () => {
  it('the pick answers within seconds; the invitation waits at least the Retry-After, then goes out once', async () => {
    const { services, driver, close } = await world();
    try {
      const signalId = await escalatedComplaint(driver, { parentEmail: PARENT_EMAIL }, false);
      const offer = await driver.execute(PEOPLE.manager, 'planning.offer', { signalId });
      const [first] = actionsWithVerb(offer.card, 'planning.pick');
      graph.failNext(1, 429, 600);
      const started = Date.now();
      const picked = await driver.execute(PEOPLE.manager, 'planning.pick', first!.data);
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(cardText(picked.card).toLowerCase()).toContain('uitnodiging nog niet verstuurd');

      const item = await services.outbound.outbox.get(conversationTransactionId(signalId, 1));
      const now = services.clock.now().getTime();
      expect(item).toMatchObject({ state: 'pending', lastError: '429' });
      expect(Date.parse(item!.nextAttemptAt)).toBeGreaterThanOrEqual(now + 600_000);

      services.clock.advance(5 * 60_000);
      expect(await drainOutbox(outboundDeps(services))).toMatchObject({ sent: 0, retry: 0 });
      services.clock.advance(6 * 60_000);
      expect(await drainOutbox(outboundDeps(services))).toMatchObject({ sent: 1 });
      expect(graph.events.size).toBe(1);
    } finally {
      await close();
    }
  });
});

describe('re-planning withdraws the invitation already sent', () => {
  it('a new pick after a decline cancels the old Outlook event once, with a Dutch comment and a history event', async () => {
    const { services, driver, close } = await world();
    try {
      const signalId = await escalatedComplaint(driver, { parentName: PARENT_NAME, parentEmail: PARENT_EMAIL });
      const offer = await driver.execute(PEOPLE.manager, 'planning.offer', { signalId });
      const [first] = actionsWithVerb(offer.card, 'planning.pick');
      await driver.execute(PEOPLE.manager, 'planning.pick', first!.data);
      const [old] = [...graph.events.values()];
      graph.respond(old!.id, PARENT_EMAIL, 'declined');
      await followInviteResponses(outboundDeps(services));

      const again = await driver.execute(PEOPLE.manager, 'planning.offer', { signalId });
      const picks = actionsWithVerb(again.card, 'planning.pick');
      const repicked = await driver.execute(PEOPLE.manager, 'planning.pick', picks[1]!.data);
      expect(cardText(repicked.card)).toContain('De Outlook-uitnodiging is verstuurd.');

      expect(graph.events.size).toBe(2);
      const signal = (await services.store.get(signalId))!.value;
      expect(graph.cancellations).toEqual([
        { organizer: MANAGER_EMAIL, eventId: old!.id, comment: nlPlanning.invite.cancelComment(signal.reference) },
      ]);
      expect(old!.isCancelled).toBe(true);
      const newer = [...graph.events.values()][1]!;
      expect(newer.isCancelled).toBe(false);
      expect(signal.escalation?.conversation.eventId).toBe(newer.id);

      const withdrawn = signal.history.filter((event) => event.type === 'invitationCancelled');
      expect(withdrawn).toEqual([
        expect.objectContaining({
          id: `outbox:${cancelItemIdFor(conversationTransactionId(signalId, 1))}`,
          after: { attempt: 1 },
          note: nlPlanning.history.invitationWithdrawn,
        }),
      ]);
      // Still one invitationSent per invitation that went out.
      expect(signal.history.filter((event) => event.type === 'invitationSent')).toHaveLength(2);
      expect(cardText(repicked.card)).toContain(nlSignal.events.invitationCancelled);
      expect(replay(signal).mismatches).toEqual([]);
      expect(await pendingOutboxFor(services.outbound.outbox, signalId)).toEqual([]);

      // Again and again: nothing more is cancelled, the new invitation is followed.
      await driver.execute(PEOPLE.manager, 'planning.pick', picks[1]!.data);
      services.clock.advance(60 * 60_000);
      await drainOutbox(outboundDeps(services));
      expect(graph.requestsTo('/cancel')).toHaveLength(1);
      expect(await followInviteResponses(outboundDeps(services))).toMatchObject({ checked: 1 });
    } finally {
      await close();
    }
  });

  it('a cancel Outlook refuses for now is shown on the card and done by the drain later', async () => {
    const { services, driver, close } = await world();
    try {
      const signalId = await escalatedComplaint(driver, { parentEmail: PARENT_EMAIL }, false);
      const offer = await driver.execute(PEOPLE.manager, 'planning.offer', { signalId });
      const [first, second] = actionsWithVerb(offer.card, 'planning.pick');
      await driver.execute(PEOPLE.manager, 'planning.pick', first!.data);
      // A second offer, another slot: a re-plan while the first invitation stands.
      const offer2 = await driver.execute(PEOPLE.manager, 'planning.offer', { signalId });
      const other = actionsWithVerb(offer2.card, 'planning.pick').find(
        (pick) => pick.data.slotStart === second!.data.slotStart,
      );
      // The try during the turn and the SDK's one retry both get 503.
      graph.failNext(2, 503, undefined, { path: '/cancel' });
      const repicked = await driver.execute(PEOPLE.manager, 'planning.pick', other!.data);
      expect(cardText(repicked.card)).toContain('De Outlook-uitnodiging is verstuurd.');
      expect(cardText(repicked.card)).toContain('Eerdere Outlook-uitnodiging nog niet ingetrokken');
      expect(graph.cancellations).toEqual([]);

      services.clock.advance(2 * 60 * 60_000);
      expect(await drainOutbox(outboundDeps(services))).toMatchObject({ sent: 1 });
      expect(graph.cancellations).toHaveLength(1);
      expect(graph.requestsTo('/cancel').map((call) => call.status)).toEqual([503, 503, 202]);
      expect(await pendingOutboxFor(services.outbound.outbox, signalId)).toEqual([]);
    } finally {
      await close();
    }
  });

  it('planning by hand for another time withdraws the invitation sent for the earlier time', async () => {
    const { services, driver, close } = await world();
    try {
      const signalId = await escalatedComplaint(driver, { parentEmail: PARENT_EMAIL }, false);
      const offer = await driver.execute(PEOPLE.manager, 'planning.offer', { signalId });
      const [first] = actionsWithVerb(offer.card, 'planning.pick');
      await driver.execute(PEOPLE.manager, 'planning.pick', first!.data);
      const [old] = [...graph.events.values()];

      await move(driver, PEOPLE.manager, signalId, 'conversationPlanned', {
        plannedDate: '2027-01-05',
        plannedTime: '14:00',
      });
      expect(graph.cancellations.map((c) => c.eventId)).toEqual([old!.id]);
      const signal = (await services.store.get(signalId))!.value;
      expect(signal.history.filter((event) => event.type === 'invitationCancelled')).toHaveLength(1);
    } finally {
      await close();
    }
  });

  it('pickSlot itself (no bot): a duplicate click of the old offer does not cancel the current invitation', async () => {
    const { services, driver, close } = await world();
    try {
      const signalId = await escalatedComplaint(driver, { parentEmail: PARENT_EMAIL }, false);
      const deps = outboundDeps(services);
      const person = (await services.directory.findPerson(PEOPLE.manager.id))!;
      const offer = await driver.execute(PEOPLE.manager, 'planning.offer', { signalId });
      const [first] = actionsWithVerb(offer.card, 'planning.pick');
      const offer2 = await driver.execute(PEOPLE.manager, 'planning.offer', { signalId });
      const [, second] = actionsWithVerb(offer2.card, 'planning.pick');
      const pick = (data: Record<string, unknown>) =>
        pickSlot(deps, {
          signalId,
          slotStart: String(data.slotStart),
          pickId: String(data.pickId),
          person,
        });
      await pick(first!.data);
      await pick(second!.data);
      expect(graph.cancellations).toHaveLength(1);
      // The first offer's button again (a re-sent turn): "al opgeslagen", the current event stays.
      await pick(first!.data);
      expect(graph.cancellations).toHaveLength(1);
      const current = (await services.store.get(signalId))!.value.escalation?.conversation.eventId;
      expect(graph.events.get(current!)?.isCancelled).toBe(false);
    } finally {
      await close();
    }
  });
});
