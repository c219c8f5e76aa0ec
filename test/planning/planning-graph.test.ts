/**
 * Planning the step-2 conversation and sending the letters, end to end: the real bot (BotDriver),
 * a real SQLite store and the real Graph client against the local Graph server, which checks every
 * request's shape and bearer token.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { drainOutbox, pendingOutboxFor } from '../../src/app/outbox';
import {
  conversationTransactionId,
  followInviteResponses,
  performMoveWithOutbound,
} from '../../src/app/plan-conversation';
import { replay } from '../../src/domain/replay';
import { nlPlanning } from '../../src/i18n/nl-planning';
import { GraphTestServer } from '../support/graph-server';
import { PEOPLE } from '../support/services';
import { BotDriver, cardText } from '../support/test-adapter';
import {
  actionsWithVerb,
  escalatedComplaint,
  GRAPH_TOKEN,
  graphServices,
  MAILBOX,
  MANAGER_EMAIL,
  outboundDeps,
  QUALITY_EMAIL,
  type PlanningServices,
} from './planning-support';

// Thursday 24 December 2026: Friday is Christmas, then a weekend.
const NOW = '2026-12-24T10:00:00+01:00';
const PARENT_EMAIL = 'sanne@example.nl';
const PARENT_NAME = 'Sanne "de" Vries & Zn';

let graph: GraphTestServer;
let outboxDir: string;

beforeAll(async () => {
  graph = await GraphTestServer.start({ token: GRAPH_TOKEN });
  outboxDir = mkdtempSync(path.join(tmpdir(), 'ks-planning-'));
});

afterAll(async () => {
  await graph.stop();
  rmSync(outboxDir, { recursive: true, force: true });
});

function resetGraph(): void {
  graph.reset();
  graph.events.clear();
  graph.mails.length = 0;
  graph.cancellations.length = 0;
  graph.busy = [];
}

async function manager(services: PlanningServices) {
  const person = await services.directory.findPerson(PEOPLE.manager.id);
  if (!person) throw new Error('no manager in the sample organisation');
  return person;
}

async function stored(services: PlanningServices, signalId: string) {
  const signal = (await services.store.get(signalId))?.value;
  if (!signal) throw new Error('signal not stored');
  return signal;
}

describe('Outlook planning with Graph up', () => {
  let services: PlanningServices;
  let driver: BotDriver;
  let signalId: string;

  beforeAll(async () => {
    resetGraph();
    services = await graphServices(graph, NOW, outboxDir);
    driver = new BotDriver(services);
    signalId = await escalatedComplaint(driver, { parentName: PARENT_NAME, parentEmail: PARENT_EMAIL });
    // Monday 28 December: the manager is busy 09:00-11:00 (Amsterdam), staf kw 11:00-12:00.
    graph.busy = [
      { schedule: MANAGER_EMAIL, start: '2026-12-28T08:00:00Z', end: '2026-12-28T10:00:00Z', status: 'busy' },
      { schedule: QUALITY_EMAIL, start: '2026-12-28T10:00:00Z', end: '2026-12-28T11:00:00Z', status: 'oof' },
    ];
  });

  afterEach(() => {
    expect(graph.violations).toEqual([]);
  });

  afterAll(async () => {
    await services.outbound.outbox.close();
    await services.store.close();
  });

  it('offers three free slots, skipping Christmas, the weekend and busy hours', async () => {
    const offer = await driver.execute(PEOPLE.manager, 'planning.offer', { signalId });
    const text = cardText(offer.card);
    expect(text).toContain('Gesprek plannen in Outlook');
    expect(text).not.toContain('Geen vrij moment vóór de termijn');
    const picks = actionsWithVerb(offer.card, 'planning.pick');
    expect(picks.map((pick) => pick.data.slotStart)).toEqual([
      '2026-12-28T11:00:00.000Z',
      '2026-12-29T08:00:00.000Z',
      '2026-12-30T08:00:00.000Z',
    ]);
    expect(picks[0]?.title).toBe('maandag 28 december 2026 12:00–12:30');
    // One offer, one pickId on every button.
    expect(new Set(picks.map((pick) => pick.data.pickId)).size).toBe(1);

    const [schedule] = graph.requestsTo('/calendar/getSchedule');
    expect(schedule?.path).toBe(`/v1.0/users/${MANAGER_EMAIL}/calendar/getSchedule`);
    expect(schedule?.body).toMatchObject({ schedules: [MANAGER_EMAIL, QUALITY_EMAIL] });
  });

  it('a pick creates exactly one meeting at the centre, also when clicked twice', async () => {
    const offer = await driver.execute(PEOPLE.manager, 'planning.offer', { signalId });
    const [first, second] = actionsWithVerb(offer.card, 'planning.pick');
    const picked = await driver.execute(PEOPLE.manager, 'planning.pick', first!.data);
    const text = cardText(picked.card);
    expect(text).toContain('Gesprek gepland op ma 28 dec 2026 12:00.');
    expect(text).toContain('De Outlook-uitnodiging is verstuurd.');

    // The same button again, and another slot of the same offer: nothing new.
    const again = await driver.execute(PEOPLE.manager, 'planning.pick', first!.data);
    expect(cardText(again.card)).toContain('Dit was al opgeslagen.');
    const other = await driver.execute(PEOPLE.manager, 'planning.pick', second!.data);
    expect(cardText(other.card)).toContain('ma 28 dec 2026 12:00');
    expect(graph.events.size).toBe(1);

    const [event] = [...graph.events.values()];
    expect(event!.organizer).toBe(MANAGER_EMAIL);
    expect(event!.transactionId).toBe(conversationTransactionId(signalId, 1));
    expect(event!.body).toMatchObject({
      start: { dateTime: '2026-12-28T12:00:00', timeZone: 'W. Europe Standard Time' },
      end: { dateTime: '2026-12-28T12:30:00', timeZone: 'W. Europe Standard Time' },
      // The centre has an address in the organisation file: the parent comes there, no Teams meeting.
      isOnlineMeeting: false,
      location: { displayName: 'KDV De Zonnebloem, Utrecht, Zonnebloemstraat 12, 3514 AB Utrecht' },
      sensitivity: 'private',
      attendees: [
        { emailAddress: { address: PARENT_EMAIL, name: PARENT_NAME }, type: 'required' },
        { emailAddress: { address: QUALITY_EMAIL, name: 'Isaiah Langer' }, type: 'optional' },
        // The location manager the parent met at step 1.
        { emailAddress: { address: 'megan.bowen@regenboog.example', name: 'Megan Bowen' }, type: 'optional' },
      ],
    });
    const signal = await stored(services, signalId);
    expect(event!.body.subject).toBe(`Gesprek over uw klacht (${signal.reference})`);
    // Only what the meeting needs: never the complaint itself.
    expect(event!.body.body.content).not.toContain(signal.description);
    expect(event!.body.body.content).not.toContain(signal.parentWish);

    expect(signal.escalation?.conversation).toMatchObject({
      plannedFor: '2026-12-28T11:00:00.000Z',
      eventId: event!.id,
      invitedFor: '2026-12-28T11:00:00.000Z',
      response: 'none',
    });
    expect(signal.history.filter((e) => e.type === 'conversationPlanned')).toHaveLength(1);
    expect(signal.history.filter((e) => e.type === 'invitationSent')).toHaveLength(1);
    expect(replay(signal).mismatches).toEqual([]);
    expect(await pendingOutboxFor(services.outbound.outbox, signalId)).toEqual([]);
  });

  it('sends the confirmation letter by sendMail to the parent, with escaped HTML, once', async () => {
    const deps = outboundDeps(services);
    const actor = await manager(services);
    const request = {
      signalId,
      command: { name: 'confirmationSent', input: {} } as const,
      actor,
      eventId: 'confirm-1',
    };
    const outcome = await performMoveWithOutbound(deps, request);
    expect(outcome.kind).toBe('done');
    // A re-sent turn: same event id, nothing new.
    await performMoveWithOutbound(deps, request);
    expect(graph.mails).toHaveLength(1);

    const [mail] = graph.mails;
    const send = graph.requestsTo('/sendMail');
    expect(send[0]?.path).toBe(`/v1.0/users/${MAILBOX}/sendMail`);
    expect(mail!.message.toRecipients).toEqual([{ emailAddress: { address: PARENT_EMAIL, name: PARENT_NAME } }]);
    const signal = await stored(services, signalId);
    expect(mail!.message.subject).toBe(`Bevestiging van uw klacht (${signal.reference})`);
    expect(mail!.message.body.contentType).toBe('HTML');
    expect(mail!.message.body.content).toContain('Beste Sanne &quot;de&quot; Vries &amp; Zn,');
    expect(mail!.message.body.content).not.toContain(PARENT_NAME);
    expect(mail!.message.body.content).toContain('gesprek over uw klacht op maandag 28 december 2026 om 12:00 uur');

    const emailed = signal.history.filter((e) => e.type === 'letterEmailed');
    expect(emailed).toHaveLength(1);
    expect(emailed[0]?.after).toMatchObject({ kind: 'confirmation', via: 'email', letterId: 'confirm-1:letter' });
    expect(replay(signal).mismatches).toEqual([]);
  });

  it('follows the answer; a decline asks for another slot and the re-plan is a new event', async () => {
    const deps = outboundDeps(services);
    const [event] = [...graph.events.values()];
    expect(await followInviteResponses(deps)).toMatchObject({ checked: 1, changed: 0 });

    graph.respond(event!.id, PARENT_EMAIL, 'accepted');
    expect(await followInviteResponses(deps)).toMatchObject({ checked: 1, changed: 1 });
    expect((await stored(services, signalId)).escalation?.conversation.response).toBe('accepted');

    graph.respond(event!.id, PARENT_EMAIL, 'declined');
    expect(await followInviteResponses(deps)).toMatchObject({ changed: 1 });
    let signal = await stored(services, signalId);
    expect(signal.escalation?.conversation.response).toBe('declined');
    expect(signal.history.filter((e) => e.type === 'invitationAnswered')).toHaveLength(2);

    // The parent's slot is now taken in the manager's calendar.
    graph.busy.push({ schedule: MANAGER_EMAIL, start: '2026-12-28T11:00:00Z', end: '2026-12-28T11:30:00Z' });
    const offer = await driver.execute(PEOPLE.manager, 'planning.offer', { signalId });
    const picks = actionsWithVerb(offer.card, 'planning.pick');
    expect(picks[0]?.data.slotStart).toBe('2026-12-28T11:30:00.000Z');
    const picked = await driver.execute(PEOPLE.manager, 'planning.pick', picks[1]!.data);
    expect(cardText(picked.card)).toContain('Gesprek gepland op di 29 dec 2026 09:00.');

    expect(graph.events.size).toBe(2);
    const transactionIds = [...graph.events.values()].map((e) => e.transactionId);
    expect(transactionIds).toEqual([conversationTransactionId(signalId, 1), conversationTransactionId(signalId, 2)]);
    signal = await stored(services, signalId);
    const second = [...graph.events.values()][1]!;
    expect(signal.escalation?.conversation).toMatchObject({
      eventId: second.id,
      invitedFor: '2026-12-29T08:00:00.000Z',
      response: 'none',
    });
    // The declined invitation is withdrawn in Outlook, once: the attendees get a cancellation in
    // Dutch that names only the reference.
    const comment = nlPlanning.invite.cancelComment(signal.reference);
    expect(comment).toContain('gaat niet door');
    expect(graph.cancellations).toEqual([{ organizer: MANAGER_EMAIL, eventId: event!.id, comment }]);
    expect(graph.requestsTo('/cancel')).toEqual([
      expect.objectContaining({
        method: 'POST',
        path: `/v1.0/users/${MANAGER_EMAIL}/events/${event!.id}/cancel`,
        body: { comment },
        status: 202,
      }),
    ]);
    for (const personal of [PARENT_NAME, PARENT_EMAIL, signal.description]) expect(comment).not.toContain(personal);
    expect(event!.isCancelled).toBe(true);
    expect(second.isCancelled).toBe(false);
    const withdrawn = signal.history.filter((e) => e.type === 'invitationCancelled');
    expect(withdrawn).toEqual([
      expect.objectContaining({ after: { attempt: 1 }, note: nlPlanning.history.invitationWithdrawn }),
    ]);
    expect(signal.history.filter((e) => e.type === 'invitationSent')).toHaveLength(2);
    expect(await pendingOutboxFor(services.outbound.outbox, signalId)).toEqual([]);

    // The old event is no longer followed; the new one is.
    expect(await followInviteResponses(deps)).toMatchObject({ checked: 1 });
    expect(replay(signal).mismatches).toEqual([]);
  });
});

describe('Graph down, then up', () => {
  let services: PlanningServices;
  let driver: BotDriver;
  let signalId: string;

  beforeAll(async () => {
    resetGraph();
    services = await graphServices(graph, NOW, outboxDir);
    driver = new BotDriver(services);
    signalId = await escalatedComplaint(driver, { parentEmail: PARENT_EMAIL, contactPreference: 'phone' }, false);
  });

  afterAll(async () => {
    await services.outbound.outbox.close();
    await services.store.close();
  });

  it('says the calendar is unreachable when free/busy fails, and offers the manual form', async () => {
    graph.failNext(10, 503);
    const offer = await driver.execute(PEOPLE.manager, 'planning.offer', { signalId });
    expect(cardText(offer.card)).toContain('De agenda in Outlook is nu niet bereikbaar.');
    expect(actionsWithVerb(offer.card, 'planning.pick')).toEqual([]);
    expect(actionsWithVerb(offer.card, 'signal.form')[0]?.data).toEqual({ signalId, move: 'conversationPlanned' });
    graph.reset();
  });

  it('keeps the invitation and both letters in the outbox while Graph answers 503, and loses nothing', async () => {
    const offer = await driver.execute(PEOPLE.manager, 'planning.offer', { signalId });
    const [first] = actionsWithVerb(offer.card, 'planning.pick');
    // Overloaded, with Retry-After: Graph did not process the requests, so letters may be resent too.
    graph.failNext(1000, 503, 0);

    const picked = await driver.execute(PEOPLE.manager, 'planning.pick', first!.data);
    const text = cardText(picked.card);
    expect(text).toContain('Gesprek gepland op ma 28 dec 2026 09:00.');
    expect(text.toLowerCase()).toContain('uitnodiging nog niet verstuurd');

    const deps = outboundDeps(services);
    const actor = await manager(services);
    const confirmation = await performMoveWithOutbound(deps, {
      signalId,
      command: { name: 'confirmationSent', input: {} },
      actor,
      eventId: 'confirm-down',
    });
    expect(confirmation.letters?.map((item) => item.state)).toEqual(['pending']);
    await performMoveWithOutbound(deps, {
      signalId,
      command: {
        name: 'recordDecision',
        input: { text: 'Deels gegrond.', measures: [], sentOn: '2026-12-24', tenor: 'founded', sentVia: 'email' },
      },
      actor,
      eventId: 'decision-down',
    });

    const pending = await pendingOutboxFor(services.outbound.outbox, signalId);
    expect(pending.map((notice) => [notice.kind, notice.state])).toEqual([
      ['invite', 'pending'],
      ['letter', 'pending'],
      ['letter', 'pending'],
    ]);
    expect(pending[0]?.text).toContain('Outlook-uitnodiging nog niet verstuurd');
    expect(pending[1]?.text).toContain('Bevestigingsbrief nog niet verstuurd');
    expect(graph.events.size).toBe(0);
    expect(graph.mails).toHaveLength(0);

    // Still down: a drain tries again later and keeps everything.
    services.clock.advance(10 * 60_000);
    expect(await drainOutbox(deps)).toMatchObject({ retry: 3, sent: 0 });
    expect(await pendingOutboxFor(services.outbound.outbox, signalId)).toHaveLength(3);
  });

  it('sends every invitation and letter exactly once when Graph is back, even with two drains at once', async () => {
    graph.reset();
    services.clock.advance(60 * 60_000);
    const [a, b] = await Promise.all([
      drainOutbox(outboundDeps(services, 'instance-a')),
      drainOutbox(outboundDeps(services, 'instance-b')),
    ]);
    expect(a.sent + b.sent).toBe(3);
    expect(await drainOutbox(outboundDeps(services))).toMatchObject({ sent: 0, retry: 0 });

    expect(graph.events.size).toBe(1);
    const [event] = [...graph.events.values()];
    expect(event!.body.isOnlineMeeting).toBe(false);
    expect(event!.body.location).toEqual({ displayName: 'Telefonisch' });
    expect(event!.body.body.content).toContain('Wij bellen u dan op het telefoonnummer dat bij ons bekend is.');
    expect(graph.mails.map((mail) => mail.message.subject.split(' (')[0])).toEqual([
      'Bevestiging van uw klacht',
      expect.any(String),
    ]);
    expect(graph.mails).toHaveLength(2);
    expect(graph.violations).toEqual([]);

    expect(await pendingOutboxFor(services.outbound.outbox, signalId)).toEqual([]);
    const signal = await stored(services, signalId);
    expect(signal.escalation?.conversation.eventId).toBe(event!.id);
    const types = signal.history.map((e) => e.type);
    expect(types.filter((t) => t === 'invitationSent')).toHaveLength(1);
    expect(types.filter((t) => t === 'letterEmailed')).toHaveLength(2);
    expect(replay(signal).mismatches).toEqual([]);
  });

  it('marks a refused letter failed and shows it, without retrying', async () => {
    const deps = outboundDeps(services);
    const otherId = await escalatedComplaint(
      driver,
      { parentEmail: 'ouder@example.nl', contactPreference: 'writing' },
      false,
    );
    graph.reset();
    graph.mails.length = 0;
    graph.failNext(1, 403);
    await performMoveWithOutbound(deps, {
      signalId: otherId,
      command: { name: 'confirmationSent', input: {} },
      actor: await manager(services),
      eventId: 'confirm-refused',
    });
    const [notice] = await pendingOutboxFor(services.outbound.outbox, otherId);
    expect(notice).toMatchObject({ kind: 'letter', state: 'failed' });
    // In words, not the code (the code is in the log).
    expect(notice?.text).toContain('kon niet worden verstuurd (geweigerd door de mailserver)');
    expect(notice?.text).not.toContain('403');
    services.clock.advance(24 * 60 * 60_000);
    expect(await drainOutbox(deps)).toMatchObject({ sent: 0, failed: 0 });
    expect(graph.mails).toHaveLength(0);
  });
});
