/**
 * The Graph adapters against a local Graph stand-in: the real @microsoft/microsoft-graph-client with
 * its real middleware (auth, retry), the bearer token on every request, bodies checked against
 * Graph's documented shapes.
 */
import type { AccessToken, TokenCredential } from '@azure/identity';
import {
  ATTACHMENTS_TOO_LARGE,
  MAX_ATTACHMENT_BYTES,
  PermanentOutboundError,
  TemporarilyUnavailableError,
  transactionIdFor,
  UnconfirmedOutboundError,
  type ActivityNotice,
  type ConversationInvite,
  type OutboundAdapters,
} from '../../src/app/outbound-ports';
import { ACTIVITY_TYPES, type FeedActivity } from '../../src/app/activity-types';
import { createAnalysisDocumentRenderer } from '../../src/adapters/documents';
import { AnalysisAccumulator } from '../../src/domain/analysis';
import { DEFAULT_ANALYSIS_SETTINGS, draftAnalysis } from '../../src/domain/analysis-workflow';
import { planConversationSlots, planningWindow } from '../../src/app/slot-planner';
import { createGraphAdapters, createGraphConnection, toOutboundError } from '../../src/adapters/graph';
import { conversationDeadline } from '../../src/domain/deadlines';
import { GraphTestServer } from '../support/graph-server';
import { waitFor } from '../support/net-peers';
import { REPORT_CONTENT } from '../analysis/report-content';

const TOKEN = 'test-token-for-graph';
const MANAGER = 'manager@kinderopvang.example';
const QUALITY = 'staf.kw@kinderopvang.example';
const MAILBOX = 'klachten@kinderopvang.example';

class StaticCredential implements TokenCredential {
  scopes: string[] = [];
  constructor(private readonly token: string) {}
  async getToken(scopes: string | string[]): Promise<AccessToken> {
    this.scopes.push(...(Array.isArray(scopes) ? scopes : [scopes]));
    return { token: this.token, expiresOnTimestamp: Date.now() + 3_600_000 };
  }
}

let server: GraphTestServer;
let credential: StaticCredential;
let graph: OutboundAdapters;

function adapters(overrides: { token?: string; timeoutMs?: number; maxRetries?: number } = {}): OutboundAdapters {
  return createGraphAdapters({
    credential: overrides.token ? new StaticCredential(overrides.token) : credential,
    mailbox: MAILBOX,
    retry: { delaySeconds: 0.01, maxRetries: overrides.maxRetries ?? 3 },
    timeoutMs: overrides.timeoutMs ?? 5_000,
    rewriteOrigin: server.origin,
  });
}

function invite(overrides: Partial<ConversationInvite> = {}): ConversationInvite {
  return {
    transactionId: transactionIdFor('signal-42', 'conversation', '1'),
    organizerId: MANAGER,
    attendees: [
      { name: 'J. de Vries', email: 'ouder@example.nl', role: 'parent' },
      { name: 'Staf Kwaliteit', email: QUALITY, role: 'supporter', optional: true },
    ],
    start: '2026-12-28T08:00:00.000Z',
    end: '2026-12-28T08:30:00.000Z',
    timeZone: 'Europe/Amsterdam',
    reference: 'KS-2026-0042',
    subject: 'Gesprek over uw klacht (KS-2026-0042)',
    summary: 'Gesprek over de communicatie bij het ophalen',
    mode: 'meeting',
    ...overrides,
  };
}

beforeAll(async () => {
  server = await GraphTestServer.start({ token: TOKEN });
});

afterAll(async () => {
  await server.stop();
});

beforeEach(() => {
  server.reset();
  server.events.clear();
  server.mails.length = 0;
  server.notifications.clear();
  server.busy = [];
  credential = new StaticCredential(TOKEN);
  graph = adapters();
});

afterEach(() => {
  // Every request the adapters sent had Graph's shape and the bearer token.
  expect(server.violations).toEqual([]);
});

describe('Graph calendar', () => {
  it('reads free/busy with getSchedule and plans around it', async () => {
    server.busy = [
      { schedule: MANAGER, start: '2026-12-28T08:00:00Z', end: '2026-12-28T10:00:00Z', status: 'busy' },
      { schedule: MANAGER, start: '2026-12-29T08:00:00Z', end: '2026-12-29T08:30:00Z', status: 'tentative' },
      { schedule: MANAGER, start: '2026-12-30T08:00:00Z', end: '2026-12-30T16:00:00Z', status: 'free' },
      { schedule: QUALITY, start: '2026-12-28T10:00:00Z', end: '2026-12-28T11:00:00Z', status: 'oof' },
    ];
    const now = '2026-12-24T10:15:00+01:00';
    const deadline = conversationDeadline(now);
    const window = planningWindow(now, deadline);
    const freeBusy = await graph.calendar.getFreeBusy([MANAGER, QUALITY], window.fromIso, window.toIso);

    expect(freeBusy.get(MANAGER)).toEqual([
      { start: '2026-12-28T08:00:00.000Z', end: '2026-12-28T10:00:00.000Z', status: 'busy' },
      { start: '2026-12-29T08:00:00.000Z', end: '2026-12-29T08:30:00.000Z', status: 'tentative' },
    ]);
    expect(freeBusy.get(QUALITY)).toEqual([
      { start: '2026-12-28T10:00:00.000Z', end: '2026-12-28T11:00:00.000Z', status: 'oof' },
    ]);

    const [call] = server.requestsTo('/calendar/getSchedule');
    expect(call?.path).toBe(`/v1.0/users/${MANAGER}/calendar/getSchedule`);
    expect(call?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(call?.headers.prefer).toBe('outlook.timezone="UTC"');
    expect(call?.body).toMatchObject({
      schedules: [MANAGER, QUALITY],
      startTime: { dateTime: '2026-12-27T23:00:00', timeZone: 'UTC' },
      availabilityViewInterval: 30,
    });
    expect(credential.scopes).toContain('https://graph.microsoft.com/.default');

    const plan = planConversationSlots({ now, deadline, requiredPeople: [MANAGER, QUALITY], busy: freeBusy });
    // Monday: manager busy 09:00-11:00 local, staf kw out 11:00-12:00; Tuesday 09:00 tentative.
    expect(plan.slots.map((s) => s.start)).toEqual([
      '2026-12-28T11:00:00.000Z',
      '2026-12-29T08:30:00.000Z',
      '2026-12-30T08:00:00.000Z',
    ]);
  });

  it('creates a Teams meeting in the manager calendar, once per transactionId', async () => {
    const first = await graph.calendar.createEvent(invite());
    const second = await graph.calendar.createEvent(invite());

    expect(second.eventId).toBe(first.eventId);
    expect(server.events.size).toBe(1);
    const posts = server.requestsTo('/events');
    expect(posts).toHaveLength(2);
    expect(posts.every((r) => r.status === 201 && r.path === `/v1.0/users/${MANAGER}/events`)).toBe(true);
    expect(posts[0]?.body).toMatchObject({
      subject: 'Gesprek over uw klacht (KS-2026-0042)',
      start: { dateTime: '2026-12-28T09:00:00', timeZone: 'W. Europe Standard Time' },
      end: { dateTime: '2026-12-28T09:30:00', timeZone: 'W. Europe Standard Time' },
      isOnlineMeeting: true,
      onlineMeetingProvider: 'teamsForBusiness',
      sensitivity: 'private',
      transactionId: invite().transactionId,
      attendees: [
        { emailAddress: { address: 'ouder@example.nl', name: 'J. de Vries' }, type: 'required' },
        { emailAddress: { address: QUALITY, name: 'Staf Kwaliteit' }, type: 'optional' },
      ],
    });
  });

  it('writes a phone conversation with the phone note and no online meeting', async () => {
    await graph.calendar.createEvent(
      invite({
        transactionId: transactionIdFor('signal-43', 'conversation', '1'),
        mode: 'phone',
        phoneNote: 'De manager belt u op <nummer>.',
      }),
    );
    const body = server.requestsTo('/events')[0]?.body as {
      isOnlineMeeting: boolean;
      body: { content: string };
      location: unknown;
    };
    expect(body.isOnlineMeeting).toBe(false);
    expect(body).not.toHaveProperty('onlineMeetingProvider');
    expect(body.location).toEqual({ displayName: 'Telefonisch' });
    expect(body.body.content).toContain('De manager belt u op &lt;nummer&gt;.');
    expect(body.body.content).toContain('KS-2026-0042');
  });

  it('refuses an invite without the reference in the subject before calling Graph', async () => {
    await expect(graph.calendar.createEvent(invite({ subject: 'Gesprek' }))).rejects.toBeInstanceOf(
      PermanentOutboundError,
    );
    await expect(graph.calendar.createEvent(invite({ mode: 'phone' }))).rejects.toThrow(/phoneNote/);
    expect(server.requests).toHaveLength(0);
  });

  it('follows the invite answer: none, accepted, declined, deleted', async () => {
    const { eventId } = await graph.calendar.createEvent(invite());
    expect(await graph.calendar.getEventResponse(MANAGER, eventId)).toBe('none');
    const get = server.requestsTo(`/events/${eventId}`)[0];
    expect(get?.method).toBe('GET');
    expect(get?.query.get('$select')).toBe('attendees,responseStatus,isCancelled');

    server.respond(eventId, QUALITY, 'declined'); // optional attendee: does not decide
    server.respond(eventId, 'ouder@example.nl', 'tentativelyAccepted');
    expect(await graph.calendar.getEventResponse(MANAGER, eventId)).toBe('tentativelyAccepted');
    server.respond(eventId, 'ouder@example.nl', 'accepted');
    expect(await graph.calendar.getEventResponse(MANAGER, eventId)).toBe('accepted');
    server.respond(eventId, 'ouder@example.nl', 'declined');
    expect(await graph.calendar.getEventResponse(MANAGER, eventId)).toBe('declined');

    // Decline -> re-plan with a new transactionId gives a new event; the old one stays as it was.
    const replanned = await graph.calendar.createEvent(
      invite({ transactionId: transactionIdFor('signal-42', 'conversation', '2') }),
    );
    expect(replanned.eventId).not.toBe(eventId);
    expect(server.events.size).toBe(2);

    server.deleteEvent(replanned.eventId);
    expect(await graph.calendar.getEventResponse(MANAGER, replanned.eventId)).toBe('declined');
  });
});

describe('Graph faults', () => {
  it('honours Retry-After on 429 and then succeeds', async () => {
    server.failNext(1, 429, 0.3);
    const started = Date.now();
    const { eventId } = await graph.calendar.createEvent(invite());
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
    const posts = server.requestsTo('/events');
    expect(posts.map((r) => r.status)).toEqual([429, 201]);
    expect(posts[1]?.headers['retry-attempt']).toBe('1');
    expect(posts[1]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(server.events.get(eventId)).toBeDefined();
  });

  it('throws TemporarilyUnavailableError when Graph stays down, and creates one event when it is back', async () => {
    server.failNext(10, 503, 0);
    const error = await graph.calendar.createEvent(invite()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TemporarilyUnavailableError);
    expect((error as TemporarilyUnavailableError).status).toBe(503);
    expect((error as TemporarilyUnavailableError).operation).toBe('createEvent');
    expect(server.requestsTo('/events')).toHaveLength(4); // first try + 3 retries
    expect(server.events.size).toBe(0);

    server.reset(); // Graph is back; the caller's outbox retries the same invite.
    const { eventId } = await graph.calendar.createEvent(invite());
    expect(server.events.size).toBe(1);
    expect(server.events.get(eventId)?.transactionId).toBe(invite().transactionId);
  });

  it('treats a 500 as temporary without hammering Graph, and as unconfirmed for sendMail', async () => {
    server.failNext(1, 500);
    await expect(graph.calendar.createEvent(invite())).rejects.toBeInstanceOf(TemporarilyUnavailableError);
    expect(server.requestsTo('/events')).toHaveLength(1);
    // sendMail has no idempotency key: a 500 may come after the message went out.
    server.failNext(1, 500);
    await expect(graph.mailer.send(letter())).rejects.toBeInstanceOf(UnconfirmedOutboundError);
    expect(server.requestsTo('/sendMail')).toHaveLength(1);
    expect(server.mails).toHaveLength(0);
  });

  it('times out on a slow Graph; the retry with the same transactionId finds the event Graph made meanwhile', async () => {
    const impatient = adapters({ timeoutMs: 200 });
    server.slowNext(1, 600);
    await expect(impatient.calendar.createEvent(invite())).rejects.toBeInstanceOf(TemporarilyUnavailableError);
    await waitFor(() => server.events.size === 1);

    const { eventId } = await impatient.calendar.createEvent(invite());
    expect(server.events.size).toBe(1);
    expect([...server.events.keys()]).toEqual([eventId]);
  });

  it('maps a wrong token (401) and a bad shape (400) to permanent errors', async () => {
    const wrong = adapters({ token: 'someone-elses-token' });
    const unauthorized = await wrong.notifier
      .notify(MANAGER, {
        activity: { type: 'weeklyDigest', parameters: { week: '2026-W49' } },
        webUrl: 'https://teams.microsoft.com/l/entity/x',
        title: 't',
        previewText: 'p',
        idempotencyKey: 'k',
      })
      .catch((e: unknown) => e);
    expect(unauthorized).toBeInstanceOf(PermanentOutboundError);
    expect((unauthorized as PermanentOutboundError).status).toBe(401);
    expect(server.violations).toEqual([expect.stringMatching(/bearer token/)]);
    server.violations.length = 0;

    // The stand-in rejects what Graph rejects: an event without times, with an unknown property.
    const connection = createGraphConnection({
      credential,
      rewriteOrigin: server.origin,
      retry: { delaySeconds: 0, maxRetries: 0 },
    });
    const raw = await connection.client
      .api(`/users/${MANAGER}/events`)
      .post({ subject: 'x', colour: 'red' })
      .catch((e: unknown) => e);
    const mapped = toOutboundError('createEvent', raw);
    expect(mapped).toBeInstanceOf(PermanentOutboundError);
    expect((mapped as PermanentOutboundError).status).toBe(400);
    expect(server.violations.join('\n')).toMatch(/start/);
    expect(server.violations.join('\n')).toMatch(/transactionId/);
    expect(server.violations.join('\n')).toMatch(/colour/);
    server.violations.length = 0;
  });
});

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** The real Word file and CSV of a (quiet) year, as the analysis renderer makes them. */
async function analysisFiles() {
  const at = new Date('2027-03-01T10:00:00Z');
  const drafted = draftAnalysis(
    { figures: new AnalysisAccumulator(2026, at).result(), settings: DEFAULT_ANALYSIS_SETTINGS, content: REPORT_CONTENT },
    { id: 'kw', name: 'Staf Kwaliteit', roles: ['quality'] },
    at,
  );
  if (!drafted.ok) throw new Error(drafted.error);
  const renderer = createAnalysisDocumentRenderer(() => ({
    organisationName: 'Kinderopvang De Regenboog',
    locations: [],
    themes: [],
  }));
  return renderer.render(drafted.analysis);
}

function letter(
  overrides: Partial<Parameters<OutboundAdapters['mailer']['send']>[0]> = {},
): Parameters<OutboundAdapters['mailer']['send']>[0] {
  return {
    idempotencyKey: 'signal-42:confirmation',
    to: { name: 'J. de Vries', email: 'ouder@example.nl' },
    subject: 'Bevestiging van uw klacht KS-2026-0042',
    text: 'Beste mevrouw De Vries,\n\nWij hebben uw klacht ontvangen <script>alert(1)</script> & plannen een gesprek.\n\nMet vriendelijke groet',
    reference: 'KS-2026-0042',
    ...overrides,
  };
}

describe('Graph mailer and notifier', () => {
  it('sends a letter from the shared mailbox with an escaped HTML body (202)', async () => {
    await graph.mailer.send(letter());
    const [call] = server.requestsTo('/sendMail');
    expect(call?.path).toBe(`/v1.0/users/${MAILBOX}/sendMail`);
    expect(call?.status).toBe(202);
    expect(call?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(server.mails).toHaveLength(1);
    const { message, saveToSentItems } = server.mails[0]!;
    expect(saveToSentItems).toBe(true);
    expect(message.toRecipients).toEqual([{ emailAddress: { address: 'ouder@example.nl', name: 'J. de Vries' } }]);
    expect(message.body.contentType).toBe('HTML');
    expect(message.body.content).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; plannen');
    expect(message.body.content).not.toContain('<script>');
    expect(message.internetMessageHeaders).toContainEqual({
      name: 'X-Klantsignaal-Idempotency-Key',
      value: 'signal-42:confirmation',
    });

    await graph.mailer.send(letter()); // same key in the same process: not sent again
    expect(server.mails).toHaveLength(1);
  });

  it('refuses a letter to an invalid address before calling Graph', async () => {
    await expect(graph.mailer.send(letter({ to: { name: 'X', email: 'not-an-address' } }))).rejects.toBeInstanceOf(
      PermanentOutboundError,
    );
    expect(server.requests).toHaveLength(0);
  });

  it('sends the yearly analysis files as fileAttachment, base64, in the documented shape', async () => {
    const { docx, csv } = await analysisFiles();
    await graph.mailer.send(
      letter({
        idempotencyKey: 'analysis-2026-ggd',
        to: { name: 'GGD, toezicht kinderopvang', email: 'toezicht@ggd.example' },
        subject: 'Jaarverslag klachten 2026',
        text: 'Geachte heer, mevrouw,\n\nHierbij het jaarverslag.',
        attachments: [
          { name: docx.fileName, contentType: DOCX_TYPE, content: docx.content },
          { name: csv.fileName, contentType: 'text/csv', content: csv.content },
        ],
      }),
    );
    expect(server.requestsTo('/sendMail').map((call) => call.status)).toEqual([202]);
    const { message } = server.mails[0]!;
    expect(message.attachments).toEqual([
      {
        '@odata.type': '#microsoft.graph.fileAttachment',
        name: 'jaarverslag-klachten-2026.docx',
        contentType: DOCX_TYPE,
        contentBytes: docx.content.toString('base64'),
      },
      {
        '@odata.type': '#microsoft.graph.fileAttachment',
        name: 'jaarverslag-klachten-2026.csv',
        contentType: 'text/csv',
        contentBytes: csv.content.toString('base64'),
      },
    ]);
    // What Exchange would attach is the file itself: a Word zip and the CSV's header row.
    const sentDocx = Buffer.from(message.attachments![0]!.contentBytes, 'base64');
    expect(sentDocx.subarray(0, 2).toString()).toBe('PK');
    expect(Buffer.from(message.attachments![1]!.contentBytes, 'base64').toString('utf8')).toContain('Niveau;Onderdeel');
  });

  it('refuses files over the sendMail limit before calling Graph, and so does a body over 4 MB', async () => {
    const big = { name: 'groot.docx', contentType: DOCX_TYPE, content: Buffer.alloc(MAX_ATTACHMENT_BYTES + 1, 1) };
    const tooLarge = graph.mailer.send(letter({ idempotencyKey: 'too-large', attachments: [big] }));
    await expect(tooLarge).rejects.toMatchObject({ name: 'PermanentOutboundError', code: ATTACHMENTS_TOO_LARGE });
    // Files within the cap, but with a long text the request would pass Graph's 4 MB: refused too.
    const justUnder = { ...big, content: Buffer.alloc(MAX_ATTACHMENT_BYTES, 1) };
    const longText = graph.mailer.send(
      letter({ idempotencyKey: 'long-text', text: 'x'.repeat(300_000), attachments: [justUnder] }),
    );
    await expect(longText).rejects.toMatchObject({ name: 'PermanentOutboundError', status: 413 });
    expect(server.requests).toHaveLength(0);
  });

  it('sends an activity notification (204); a repeat replaces it through the chainId', async () => {
    const notice: ActivityNotice = {
      activity: { type: 'deadlineApproaching', parameters: { reference: 'KS-2026-0042' } },
      webUrl: 'https://teams.microsoft.com/l/entity/app-id/signal?context=%7B%22subEntityId%22%3A%22KS-2026-0042%22%7D',
      title: 'KS-2026-0042: kies een tijd voor het gesprek',
      previewText: 'x'.repeat(400),
      idempotencyKey: 'signal-42:pick-slot:1',
    };
    await graph.notifier.notify(MANAGER, notice);
    await graph.notifier.notify(MANAGER, notice);
    const calls = server.requestsTo('/teamwork/sendActivityNotification');
    expect(calls.map((c) => [c.path, c.status])).toEqual([
      [`/v1.0/users/${MANAGER}/teamwork/sendActivityNotification`, 204],
      [`/v1.0/users/${MANAGER}/teamwork/sendActivityNotification`, 204],
    ]);
    expect(calls[0]?.body).toMatchObject({
      topic: { source: 'text', value: notice.title, webUrl: notice.webUrl },
      activityType: 'deadlineApproaching',
      templateParameters: [{ name: 'reference', value: 'KS-2026-0042' }],
    });
    expect((calls[0]?.body as { previewText: { content: string } }).previewText.content.length).toBeLessThanOrEqual(
      150,
    );
    expect(server.notifications.size).toBe(1);
    expect(server.violations).toEqual([]);
  });

  it('every activity type is sent as the manifest declares it; Graph refuses an undeclared type or a missing parameter', async () => {
    const examples: FeedActivity[] = [
      { type: 'deadlineApproaching', parameters: { reference: 'KS-2026-0001' } },
      { type: 'deadlineMissed', parameters: { reference: 'KS-2026-0002' } },
      { type: 'analysisReminder', parameters: { year: '2026' } },
      { type: 'weeklyDigest', parameters: { week: '2026-W49' } },
      { type: 'colleagueUnreachable', parameters: { name: 'Mira Manager' } },
    ];
    expect(examples.map((a) => a.type).sort()).toEqual(Object.keys(ACTIVITY_TYPES).sort());
    const base = { webUrl: 'https://teams.microsoft.com/l/entity/x', title: 't', previewText: 'p' };
    for (const [index, activity] of examples.entries())
      await graph.notifier.notify(MANAGER, { ...base, activity, idempotencyKey: `declared-${index}` });
    expect(server.violations).toEqual([]);
    expect(server.notifications.size).toBe(examples.length);

    const forged = [
      { type: 'signalAssigned', parameters: { reference: 'KS-2026-0003' } },
      { type: 'deadlineMissed', parameters: {} },
      { type: 'deadlineMissed', parameters: { reference: 'KS-2026-0004', title: 'extra' } },
    ] as unknown as FeedActivity[];
    for (const [index, activity] of forged.entries()) {
      const refused = await graph.notifier
        .notify(MANAGER, { ...base, activity, idempotencyKey: `forged-${index}` })
        .catch((e: unknown) => e);
      expect(refused).toMatchObject({ name: 'PermanentOutboundError', status: 400 });
    }
    expect(server.violations).toEqual([
      expect.stringMatching(/activityType signalAssigned is not declared/),
      expect.stringMatching(/deadlineMissed.*reference/),
      expect.stringMatching(/deadlineMissed.*title/),
    ]);
    server.violations.length = 0;
  });
});
