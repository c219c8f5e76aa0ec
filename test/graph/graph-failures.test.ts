/**
 * How the Graph adapters report a failure, against the local Graph stand-in with the real SDK
 * middleware: a request that never left is retryable, a sendMail that Graph may have processed is
 * unconfirmed (never repeated, not even by the SDK's RetryHandler), a Retry-After longer than the
 * caller can wait comes back at once with its Retry-After, and an invitation is withdrawn with
 * POST /users/{id}/events/{id}/cancel (the stand-in's cancel route checks its documented shape).
 */
import type { AccessToken, TokenCredential } from '@azure/identity';
import { createGraphAdapters } from '../../src/adapters/graph';
import {
  TemporarilyUnavailableError,
  transactionIdFor,
  UnconfirmedOutboundError,
  type ConversationInvite,
  type OutboundAdapters,
  type OutgoingLetter,
} from '../../src/app/outbound-ports';
import { GraphTestServer } from '../support/graph-server';
import { closedOrigin, waitFor } from '../support/net-peers';

const TOKEN = 'failures-token';
const MAILBOX = 'klachten@kinderopvang.example';
const MANAGER = 'manager@kinderopvang.example';

class StaticCredential implements TokenCredential {
  async getToken(): Promise<AccessToken> {
    return { token: TOKEN, expiresOnTimestamp: Date.now() + 3_600_000 };
  }
}

/** A credential whose token endpoint cannot be reached: no request may go to Graph. */
class FailingCredential implements TokenCredential {
  async getToken(): Promise<AccessToken> {
    const error = new Error('AADSTS: token endpoint not reachable');
    error.name = 'AuthenticationError';
    throw error;
  }
}

let server: GraphTestServer;

function adapters(
  options: { timeoutMs?: number; maxRetries?: number; origin?: string; credential?: TokenCredential } = {},
): OutboundAdapters {
  return createGraphAdapters({
    credential: options.credential ?? new StaticCredential(),
    mailbox: MAILBOX,
    retry: { delaySeconds: 0.01, maxRetries: options.maxRetries ?? 3 },
    timeoutMs: options.timeoutMs ?? 5_000,
    rewriteOrigin: options.origin ?? server.origin,
  });
}

const letter = (key = 'signal-1:decision'): OutgoingLetter => ({
  idempotencyKey: key,
  to: { name: 'J. de Vries', email: 'ouder@example.nl' },
  subject: 'Besluit over uw klacht (KS-2026-0001)',
  text: 'Beste mevrouw De Vries,\n\nOns besluit.',
  reference: 'KS-2026-0001',
});

const invite = (attempt = '1'): ConversationInvite => ({
  transactionId: transactionIdFor('signal-1', 'conversation', attempt),
  organizerId: MANAGER,
  attendees: [{ name: 'J. de Vries', email: 'ouder@example.nl', role: 'parent' }],
  start: '2026-12-28T08:00:00.000Z',
  end: '2026-12-28T08:30:00.000Z',
  timeZone: 'Europe/Amsterdam',
  reference: 'KS-2026-0001',
  subject: 'Gesprek over uw klacht (KS-2026-0001)',
  summary: 'Gesprek met de ouder',
  mode: 'meeting',
});

const sendMailCalls = () => server.requestsTo('/sendMail');

beforeAll(async () => {
  server = await GraphTestServer.start({ token: TOKEN });
});

afterAll(async () => {
  await server.stop();
});

beforeEach(() => {
  server.reset();
  server.mails.length = 0;
  server.events.clear();
  server.cancellations.length = 0;
});

afterEach(() => {
  expect(server.violations).toEqual([]);
});

describe('sendMail: never twice', () => {
  it('a timeout after Graph accepted the message is unconfirmed, not "try again"', async () => {
    server.slowNext(1, 800);
    const error = await adapters({ timeoutMs: 300 })
      .mailer.send(letter())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnconfirmedOutboundError);
    expect(error).not.toBeInstanceOf(TemporarilyUnavailableError);
    // Graph sent it all the same.
    await waitFor(() => server.mails.length === 1);
    expect(server.mails).toHaveLength(1);
  });

  it.each([500, 502, 504])('a %i is unconfirmed and the SDK does not POST again', async (status) => {
    server.failNext(1, status);
    const error = await adapters()
      .mailer.send(letter(`k-${status}`))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnconfirmedOutboundError);
    expect((error as UnconfirmedOutboundError).status).toBe(status);
    expect(sendMailCalls()).toHaveLength(1);
  });

  it('a 503 without Retry-After is unconfirmed; with Retry-After (throttled) it is retried and sent once', async () => {
    server.failNext(1, 503);
    await expect(adapters().mailer.send(letter('k-503'))).rejects.toBeInstanceOf(UnconfirmedOutboundError);
    expect(sendMailCalls()).toHaveLength(1);

    server.reset();
    server.failNext(1, 503, 0.05);
    await adapters().mailer.send(letter('k-503-ra'));
    expect(sendMailCalls().map((call) => call.status)).toEqual([503, 202]);
    expect(server.mails).toHaveLength(1);
  });

  it('a 429 is retried by the SDK (Graph did not process it) and sent once', async () => {
    server.failNext(1, 429, 0.05);
    await adapters().mailer.send(letter('k-429'));
    expect(sendMailCalls().map((call) => call.status)).toEqual([429, 202]);
    expect(server.mails).toHaveLength(1);
  });

  it('connection refused (nothing sent) is temporarily unavailable: safe to send later', async () => {
    const error = await adapters({ origin: await closedOrigin() })
      .mailer.send(letter('k-refused'))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TemporarilyUnavailableError);
    expect(server.requests).toHaveLength(0);
  });

  it('no token (nothing sent) is temporarily unavailable', async () => {
    const error = await adapters({ credential: new FailingCredential() })
      .mailer.send(letter('k-token'))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TemporarilyUnavailableError);
    expect(server.requests).toHaveLength(0);
  });
});

describe('invitations (transactionId) stay retryable', () => {
  it('a 504 is retried by the SDK and makes one event', async () => {
    server.failNext(1, 504);
    const { eventId } = await adapters().calendar.createEvent(invite());
    expect(server.requestsTo('/events').map((call) => call.status)).toEqual([504, 201]);
    expect([...server.events.keys()]).toEqual([eventId]);
  });

  it('a timeout is temporarily unavailable (the retry finds the same event)', async () => {
    server.slowNext(1, 600);
    await expect(adapters({ timeoutMs: 200 }).calendar.createEvent(invite())).rejects.toBeInstanceOf(
      TemporarilyUnavailableError,
    );
  });
});

describe('Retry-After longer than the caller can wait', () => {
  it('comes back at once with the Retry-After instead of sleeping in the SDK', async () => {
    server.failNext(1, 429, 30);
    const started = Date.now();
    const error = await adapters({ timeoutMs: 60_000 })
      .calendar.createEvent(invite(), { maxWaitMs: 2_000 })
      .catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(error).toBeInstanceOf(TemporarilyUnavailableError);
    expect((error as TemporarilyUnavailableError).status).toBe(429);
    expect((error as TemporarilyUnavailableError).retryAfterMs).toBe(30_000);
    expect(server.requestsTo('/events')).toHaveLength(1);
  });

  it('never sleeps past the call timeout, and keeps the Retry-After for the outbox', async () => {
    server.failNext(1, 429, 20);
    const started = Date.now();
    const error = await adapters({ timeoutMs: 3_000 })
      .mailer.send(letter('k-long'))
      .catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(error).toBeInstanceOf(TemporarilyUnavailableError);
    expect((error as TemporarilyUnavailableError).retryAfterMs).toBe(20_000);
  });

  it('still waits a short Retry-After that fits', async () => {
    server.failNext(1, 429, 0.2);
    await adapters().calendar.createEvent(invite(), { maxWaitMs: 2_000 });
    expect(server.requestsTo('/events').map((call) => call.status)).toEqual([429, 201]);
  });
});

describe('withdrawing an invitation', () => {
  it('POSTs /users/{organizer}/events/{id}/cancel with the comment; a second cancel is done too', async () => {
    const graph = adapters();
    const { eventId } = await graph.calendar.createEvent(invite());
    await graph.calendar.cancelEvent(MANAGER, eventId, 'Het gesprek gaat niet door.');
    const [call] = server.requestsTo('/cancel');
    expect(call).toMatchObject({
      method: 'POST',
      path: `/v1.0/users/${MANAGER}/events/${eventId}/cancel`,
      body: { comment: 'Het gesprek gaat niet door.' },
      status: 202,
    });
    expect(call?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(server.events.get(eventId)?.isCancelled).toBe(true);
    // Graph moved it to Deleted Items: 404, which means there is nothing left to withdraw.
    await graph.calendar.cancelEvent(MANAGER, eventId, 'Het gesprek gaat niet door.');
    expect(server.requestsTo('/cancel').map((c) => c.status)).toEqual([202, 404]);
    expect(server.cancellations).toEqual([{ organizer: MANAGER, eventId, comment: 'Het gesprek gaat niet door.' }]);
  });

  it("the stand-in holds a cancel to Graph's documented shape: comment only, in the organizer's mailbox", async () => {
    const { eventId } = await adapters().calendar.createEvent(invite());
    const cancel = (user: string, body: unknown) =>
      fetch(`${server.origin}/v1.0/users/${user}/events/${eventId}/cancel`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await cancel(MANAGER, { comment: 'x', sendResponse: true })).status).toBe(400);
    expect((await cancel(MANAGER, { comment: 42 })).status).toBe(400);
    expect((await cancel('ouder@example.nl', { comment: 'x' })).status).toBe(404);
    expect(server.violations).toEqual([
      expect.stringContaining('Unrecognized key'),
      expect.stringContaining('comment'),
      expect.stringContaining("outside the organizer's mailbox"),
    ]);
    expect(server.cancellations).toEqual([]);
    // Without a comment is allowed: 202 and no body.
    const accepted = await cancel(MANAGER, {});
    expect(accepted.status).toBe(202);
    expect(await accepted.text()).toBe('');
    expect(server.cancellations).toEqual([{ organizer: MANAGER, eventId, comment: undefined }]);
    server.violations.length = 0;
  });

  it('a throttled cancel is retried by the SDK; the attendees get one cancellation', async () => {
    const graph = adapters();
    const { eventId } = await graph.calendar.createEvent(invite());
    server.failNext(1, 429, 0.05, { path: '/cancel' });
    await graph.calendar.cancelEvent(MANAGER, eventId, 'Het gesprek gaat niet door.');
    expect(server.requestsTo('/cancel').map((c) => c.status)).toEqual([429, 202]);
    expect(server.cancellations).toHaveLength(1);
  });

  it('a cancel still failing after the retries is temporarily unavailable, and nothing is cancelled', async () => {
    const graph = adapters({ maxRetries: 1 });
    const { eventId } = await graph.calendar.createEvent(invite());
    server.failNext(2, 503, undefined, { path: '/cancel' });
    await expect(graph.calendar.cancelEvent(MANAGER, eventId, 'Het gesprek gaat niet door.')).rejects.toBeInstanceOf(
      TemporarilyUnavailableError,
    );
    expect(server.events.get(eventId)?.isCancelled).toBe(false);
    expect(server.cancellations).toEqual([]);
  });
});
