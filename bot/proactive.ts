/**
 * Proactive sending for the reminder sweep: a stored conversation reference, a card, and Teams'
 * sending limits.
 *
 * Rate limits (Teams' "rate limiting" page for bots, per bot per conversation): ≤ 7 per second,
 * ≤ 8 per 2 s, ≤ 60 per 30 s, ≤ 1,800 per hour; per app per tenant 30 requests per second in recent
 * versions (earlier 50). Configurable (TEAMS_RATE_LIMIT_CONVERSATION / _TENANT in src/config.ts), as
 * Teams says the exact values may change. node_modules holds no maintained rate limiter (no bottleneck; p-limit only bounds
 * concurrency and is not a direct dependency), so this file has a small sliding-window-log limiter
 * (SlidingWindowLimiter below) that holds for arrival times at the connector, not just send times.
 * It covers the proactive sends of this instance; with the sweep lease only one instance sends them.
 *
 * Errors: the Bot Connector client already retries 429 honouring Retry-After (3 times); when a 429
 * still comes through, this sender pauses the conversation for Retry-After and tries again. 403
 * BotNotInConversationRoster (or ConversationBlockedByUser) -> 'notInRoster'. Other 4xx -> 'refused'
 * (nothing was delivered). A failure before the request could reach the connector -> 'refused' with
 * httpStatus 0, so the sweep retries: connection refused, DNS failure (botframework-connector's
 * RestError carries the socket's code: ECONNREFUSED, ENOTFOUND, EAI_AGAIN...) or no bot token (MSAL
 * throws its AuthError subclasses with an `errorCode`, @azure/identity its credential errors).
 * 5xx or no answer to a request that went out (timeout, connection reset) -> thrown: the outcome is
 * unknown and the sweep will not resend (at-most-once; see src/app/reminders.ts).
 */
import type { CloudAdapter, ConversationReference, TurnContext } from 'botbuilder';
import { causedBy, notConnected } from '../src/adapters/connection-errors';
import { analysisReminderCard } from '../cards/analysis-reminder';
import { digestCard } from '../cards/digest';
import { noticeCard } from '../cards/notice';
import type { AdaptiveCard } from '../cards/render';
import { reminderCard } from '../cards/reminder';
import type { JsonObject, OutgoingMessage, ProactiveSender, SendOutcome } from '../src/app/reminder-ports';
import { nlReminders } from '../src/i18n/nl-reminders';
import { literal } from '../src/i18n/format';
import type { Logger } from '../src/logging';
import { cardMessage } from './attachments';

// ---- rate limiter ---------------------------------------------------------------------------

export interface RateWindow {
  limit: number;
  windowMs: number;
}

export interface RateLimits {
  perConversation: RateWindow[];
  /** Every conversation of one tenant together (Teams counts per app per tenant). */
  perTenant: RateWindow[];
  /** Added to every window, so jitter between here and the connector cannot squeeze one more in. */
  marginMs: number;
}

export const TEAMS_RATE_LIMITS: RateLimits = {
  perConversation: [
    { limit: 7, windowMs: 1_000 },
    { limit: 8, windowMs: 2_000 },
    { limit: 60, windowMs: 30_000 },
    { limit: 1_800, windowMs: 3_600_000 },
  ],
  perTenant: [{ limit: 30, windowMs: 1_000 }],
  marginMs: 50,
};

/** The same limits over shorter windows (tests and demos): `factor` 0.1 makes 1 s into 100 ms. */
export function scaleRateLimits(limits: RateLimits, factor: number, marginMs = limits.marginMs * factor): RateLimits {
  const scale = (windows: RateWindow[]) => windows.map((window) => ({ ...window, windowMs: window.windowMs * factor }));
  return { perConversation: scale(limits.perConversation), perTenant: scale(limits.perTenant), marginMs };
}

export interface LimiterTime {
  now(): number;
  sleep(milliseconds: number): Promise<void>;
}

const realTime: LimiterTime = {
  now: () => Date.now(),
  sleep: (milliseconds) => new Promise((resolve) => setTimeout(resolve, milliseconds)),
};

/** The log key of a tenant's ceiling; conversation ids never start with a NUL. */
const tenantKey = (tenantId: string | undefined): string => `\u0000tenant:${tenantId ?? ''}`;
/** How long a waiter whose windows are full of in-flight messages sleeps before looking again. */
const IN_FLIGHT_POLL_MS = 25;

/**
 * Sliding-window log over COMPLETED sends, with sends in flight counted as inside every window.
 * Why completion times: Teams counts messages when they arrive, somewhere between our request's
 * start and its response. A new send may start only while fewer than `limit` sends are in flight
 * or completed within the last window; then any `limit + 1` arrivals lie at least a window apart,
 * however the network or the HTTP client's socket queue delays them.
 */
export class SlidingWindowLimiter {
  private readonly logs = new Map<string, number[]>();
  private readonly inFlight = new Map<string, number>();
  private readonly pausedUntil = new Map<string, number>();
  private readonly longest: number;
  private completions = 0;

  constructor(
    private readonly limits: RateLimits = TEAMS_RATE_LIMITS,
    private readonly time: LimiterTime = realTime,
  ) {
    this.longest =
      Math.max(0, ...[...limits.perConversation, ...limits.perTenant].map((window) => window.windowMs)) +
      limits.marginMs;
  }

  /**
   * Waits until a message to `conversationId` (in `tenantId`) may start, and books it as in flight.
   * Call the returned function once the request has finished (whatever its outcome).
   */
  async acquire(conversationId: string, tenantId?: string): Promise<() => void> {
    const tenant = tenantKey(tenantId);
    for (;;) {
      const now = this.time.now();
      const wait = Math.max(
        (this.pausedUntil.get(conversationId) ?? 0) - now,
        this.waitFor(conversationId, this.limits.perConversation, now),
        this.waitFor(tenant, this.limits.perTenant, now),
      );
      if (wait <= 0) {
        this.start(conversationId);
        this.start(tenant);
        let done = false;
        return () => {
          if (done) return;
          done = true;
          const at = this.time.now();
          this.finish(conversationId, at);
          this.finish(tenant, at);
        };
      }
      await this.time.sleep(wait);
    }
  }

  /** Holds back every message to the conversation for `milliseconds` (Retry-After). */
  pause(conversationId: string, milliseconds: number): void {
    const until = this.time.now() + milliseconds;
    this.pausedUntil.set(conversationId, Math.max(until, this.pausedUntil.get(conversationId) ?? 0));
  }

  private waitFor(key: string, windows: readonly RateWindow[], now: number): number {
    const log = this.logs.get(key) ?? [];
    const flying = this.inFlight.get(key) ?? 0;
    let wait = 0;
    for (const { limit, windowMs } of windows) {
      const span = windowMs + this.limits.marginMs;
      // Completions inside (now - span, now]; the log is sorted.
      let first = log.length;
      while (first > 0 && log[first - 1]! > now - span) first -= 1;
      const count = log.length - first + flying;
      if (count < limit) continue;
      // Room opens when enough completions leave the window; if in-flight sends fill it, poll.
      const leaving = log[first + (count - limit)];
      wait = Math.max(wait, leaving === undefined ? IN_FLIGHT_POLL_MS : leaving + span - now + 1);
    }
    return wait;
  }

  private start(key: string): void {
    this.inFlight.set(key, (this.inFlight.get(key) ?? 0) + 1);
  }

  private finish(key: string, at: number): void {
    const flying = (this.inFlight.get(key) ?? 1) - 1;
    if (flying > 0) this.inFlight.set(key, flying);
    else this.inFlight.delete(key);
    const log = this.logs.get(key) ?? [];
    // Completions come in time order, so appending keeps the log sorted.
    log.push(Math.max(at, log[log.length - 1] ?? at));
    while (log.length > 0 && log[0]! <= at - this.longest) log.shift();
    this.logs.set(key, log);
    this.completions += 1;
    if (this.completions % 1000 === 0) this.prune(at);
  }

  private prune(now: number): void {
    for (const [key, log] of this.logs) {
      if (!this.inFlight.has(key) && (log[log.length - 1] ?? 0) <= now - this.longest) this.logs.delete(key);
    }
    for (const [key, until] of this.pausedUntil) if (until <= now) this.pausedUntil.delete(key);
  }
}

// ---- sender ---------------------------------------------------------------------------------

export interface TeamsSenderOptions {
  adapter: Pick<CloudAdapter, 'continueConversationAsync'>;
  /** MicrosoftAppId; '' with authentication off (embedded default, tests). */
  appId: string;
  limiter?: SlidingWindowLimiter;
  /** Teams' sending limits when no `limiter` is given; default TEAMS_RATE_LIMITS. */
  limits?: RateLimits;
  /** 429s that get through the SDK's own retries, waited out here before giving up. */
  maxThrottleRetries?: number;
  /** Retry-After when a 429 carries none. */
  defaultRetryAfterMs?: number;
  logger?: Logger;
  time?: LimiterTime;
}

const NOT_IN_ROSTER_CODES = new Set(['BotNotInConversationRoster', 'ConversationBlockedByUser']);

export class TeamsProactiveSender implements ProactiveSender {
  private readonly limiter: SlidingWindowLimiter;
  private readonly time: LimiterTime;

  constructor(private readonly options: TeamsSenderOptions) {
    this.time = options.time ?? realTime;
    this.limiter = options.limiter ?? new SlidingWindowLimiter(options.limits ?? TEAMS_RATE_LIMITS, this.time);
  }

  async send(conversation: JsonObject, message: OutgoingMessage): Promise<SendOutcome> {
    const reference = conversation as Partial<ConversationReference>;
    const conversationId = reference.conversation?.id;
    if (!conversationId || !reference.serviceUrl) {
      return { status: 'refused', httpStatus: 400, detail: 'stored reference has no conversation or serviceUrl' };
    }
    const activity = cardMessage(renderMessage(message));
    const maxRetries = this.options.maxThrottleRetries ?? 3;
    for (let attempt = 0; ; attempt += 1) {
      const done = await this.limiter.acquire(conversationId, reference.conversation?.tenantId);
      try {
        let activityId = '';
        await this.options.adapter.continueConversationAsync(
          this.options.appId,
          reference,
          async (context: TurnContext) => {
            const response = await context.sendActivity(activity);
            activityId = response?.id ?? '';
          },
        );
        return { status: 'sent', activityId };
      } catch (error) {
        const failure = describe(error);
        if (failure.status === undefined && neverSent(error)) {
          this.options.logger?.warn(
            { conversationId, code: failure.code, error: failure.message },
            'proactive message not sent: the connector was not reached',
          );
          return { status: 'refused', httpStatus: 0, detail: failure.code ?? failure.message };
        }
        if (failure.status === undefined || failure.status >= 500) throw error; // outcome unknown
        if (failure.status === 403 && failure.code && NOT_IN_ROSTER_CODES.has(failure.code))
          return { status: 'notInRoster' };
        if (failure.status === 429 && attempt < maxRetries) {
          const waitMs = failure.retryAfterMs ?? this.options.defaultRetryAfterMs ?? 1000;
          this.options.logger?.warn(
            { conversationId, waitMs },
            'Teams throttled a proactive message; waiting Retry-After',
          );
          this.limiter.pause(conversationId, waitMs);
          continue;
        }
        return { status: 'refused', httpStatus: failure.status, detail: failure.code ?? failure.message };
      } finally {
        done();
      }
    }
  }
}

export function renderMessage(message: OutgoingMessage): AdaptiveCard {
  switch (message.type) {
    case 'reminder':
      return reminderCard(message.message);
    case 'analysis':
      return analysisReminderCard(message.message);
    case 'digest':
      return digestCard(message.message);
    case 'unreachable':
      return noticeCard({
        title: nlReminders.unreachableTitle,
        text: nlReminders.unreachableText(literal(message.message.personName), message.message.reason),
        tone: 'warning',
      });
  }
}

interface Failure {
  status?: number;
  code?: string;
  message: string;
  retryAfterMs?: number;
}

/** MSAL's errors of getting the bot's token (each with an `errorCode`), before any request to the connector. */
const MSAL_ERROR_NAMES = new Set([
  'AuthError',
  'ClientAuthError',
  'ClientConfigurationError',
  'ServerError',
  'InteractionRequiredAuthError',
]);

/** @azure/identity's errors of getting a token (managed identity, certificates). */
const CREDENTIAL_ERROR_NAMES = new Set([
  'CredentialUnavailableError',
  'AuthenticationError',
  'AggregateAuthenticationError',
]);

/**
 * True when `error` shows the message cannot have reached the connector: the connection was never
 * made, or the bot never got its token. Follows `cause` and AggregateError's `errors` (all must say so).
 */
export function neverSent(error: unknown): boolean {
  return causedBy(error, (record) => {
    if (notConnected(record)) return true;
    const name = typeof record.name === 'string' ? record.name : '';
    return (MSAL_ERROR_NAMES.has(name) && typeof record.errorCode === 'string') || CREDENTIAL_ERROR_NAMES.has(name);
  });
}

/** Reads botframework-connector's RestError (statusCode, code, response.headers) without its types. */
function describe(error: unknown): Failure {
  if (typeof error !== 'object' || error === null) return { message: String(error) };
  const record = error as { statusCode?: unknown; code?: unknown; message?: unknown; response?: unknown };
  const status = typeof record.statusCode === 'number' ? record.statusCode : undefined;
  const code = typeof record.code === 'string' ? record.code : undefined;
  const failure: Failure = {
    message: typeof record.message === 'string' ? record.message.slice(0, 200) : 'error',
    ...(status !== undefined ? { status } : {}),
    ...(code !== undefined ? { code } : {}),
  };
  const headers = (record.response as { headers?: { get?: (name: string) => string | undefined } } | undefined)
    ?.headers;
  const retryAfter = typeof headers?.get === 'function' ? headers.get('retry-after') : undefined;
  const retryAfterMs = parseRetryAfter(retryAfter);
  return retryAfterMs === undefined ? failure : { ...failure, retryAfterMs };
}

/** Retry-After is seconds or an HTTP date. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
