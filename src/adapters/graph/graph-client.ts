/**
 * One Microsoft Graph client for the three adapters, with the middleware chain spelled out so tests
 * can slot a URL rewriter in front of the HTTP handler: the client keeps talking to
 * https://graph.microsoft.com (so AuthenticationHandler adds the bearer token, which it refuses to
 * do for other hosts over plain http) and the rewriter sends the request to the local test server.
 *
 * Failures (see toOutboundError), per call of callGraph:
 * - Nothing left this process (no token, connection refused, DNS failure): temporarily unavailable.
 * - sendMail has no idempotency key, so an answer that may hide a sent message (a timeout or broken
 *   connection after the request went out, a 5xx other than a 503 with Retry-After) is
 *   UnconfirmedOutboundError: never repeated automatically. The SDK's RetryHandler repeats sendMail
 *   only on 429 and 503 with Retry-After, which Graph documents as throttled, i.e. not processed.
 *   Invitations carry a transactionId, notifications a chainId, and the rest only reads, so those
 *   stay retryable on every temporary failure.
 * - The RetryHandler waits (Retry-After) only while the wait fits in the call's time left and in
 *   the caller's `maxWaitMs` (a Teams turn waits a few seconds at most); otherwise the 429/503 comes
 *   back at once with its Retry-After, and the outbox waits at least that long.
 */
import type { TokenCredential } from '@azure/identity';
import { causedBy, notConnected } from '../connection-errors';
import { ClientCertificateCredential, ClientSecretCredential, ManagedIdentityCredential } from '@azure/identity';
import {
  AuthenticationHandler,
  Client,
  GraphError,
  HTTPMessageHandler,
  RedirectHandler,
  RedirectHandlerOptions,
  RetryHandler,
  RetryHandlerOptions,
  TelemetryHandler,
  type Context,
  type Middleware,
} from '@microsoft/microsoft-graph-client';
import { TokenCredentialAuthenticationProvider } from '@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials';
import {
  PermanentOutboundError,
  TemporarilyUnavailableError,
  UnconfirmedOutboundError,
  type OutboundCallOptions,
  type OutboundOperation,
} from '../../app/outbound-ports';

export const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';
const GRAPH_ORIGIN = 'https://graph.microsoft.com';

/**
 * Operations that must not run twice and have no key that would let Graph see a repeat: a sendMail
 * that Graph may have processed is never sent again without a person checking.
 */
const NOT_REPEATABLE: ReadonlySet<OutboundOperation> = new Set<OutboundOperation>(['sendMail']);

/** Kept free at the end of a call, so a retry never starts just before the timeout aborts it. */
const RETRY_MARGIN_MS = 1_000;

export interface GraphRetrySettings {
  /** Seconds before a retry when Graph sends no Retry-After (Retry-After always wins). */
  delaySeconds: number;
  /** Retries of 429/503/504 per request (the SDK's RetryHandler; at most 10). */
  maxRetries: number;
}

/**
 * Who calls Graph, most preferred first: the web app's user-assigned managed identity (no secret
 * at all; Graph app roles are assigned to its service principal), an app registration with a
 * certificate, or — the fallback — an app registration with a client secret.
 */
export type GraphIdentity =
  | { kind: 'managedIdentity'; clientId: string }
  | { kind: 'certificate'; tenantId: string; clientId: string; certificatePath: string }
  | { kind: 'secret'; tenantId: string; clientId: string; clientSecret: string };

export interface GraphClientOptions {
  /** Who calls Graph; ignored when `credential` is given. */
  identity?: GraphIdentity;
  /** Any @azure/identity credential (a test credential...). */
  credential?: TokenCredential;
  retry?: GraphRetrySettings;
  /** Overall time per call, retries included; afterwards the call is "temporarily unavailable". */
  timeoutMs?: number;
  /** Tests: the origin (e.g. http://127.0.0.1:PORT) every Graph request is sent to instead. */
  rewriteOrigin?: string;
}

export const DEFAULT_GRAPH_RETRY: GraphRetrySettings = { delaySeconds: 3, maxRetries: 3 };
export const DEFAULT_GRAPH_TIMEOUT_MS = 60_000;

/** Sends requests meant for graph.microsoft.com to another origin, after the token was added. */
export class RewriteOriginMiddleware implements Middleware {
  private next: Middleware | undefined;

  constructor(private readonly origin: string) {}

  async execute(context: Context): Promise<void> {
    const rewrite = (url: string): string =>
      url.startsWith(GRAPH_ORIGIN) ? this.origin + url.slice(GRAPH_ORIGIN.length) : url;
    if (typeof context.request === 'string') {
      context.request = rewrite(context.request);
    } else {
      context.request = new Request(rewrite(context.request.url), context.request);
    }
    if (!this.next) throw new Error('RewriteOriginMiddleware must not be the last middleware');
    await this.next.execute(context);
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}

/** What one callGraph call did on the wire, read by the retry policy and by toOutboundError. */
export interface GraphCallRecord {
  operation: OutboundOperation;
  /** Epoch ms at which the call's AbortSignal fires. */
  deadline: number;
  /** The longest single Retry-After wait the RetryHandler may do for this call. */
  maxWaitMs: number;
  /** Requests handed to the HTTP handler (0: e.g. no token, so nothing was sent). */
  attempts: number;
  /** The last attempt: an HTTP answer, or a failure before any byte left, or no answer at all. */
  last?:
    | { kind: 'answered'; status: number; headers: Headers }
    | { kind: 'notSent'; error: unknown }
    | { kind: 'noAnswer'; error: unknown };
  /** The Retry-After (ms) of the last 429/503 answer, kept when a later attempt failed otherwise. */
  retryAfterMs?: number;
}

/** The record of each call, found by its AbortSignal (the one object every middleware sees). */
const calls = new WeakMap<AbortSignal, GraphCallRecord>();

const recordOf = (options: { signal?: AbortSignal | null } | undefined): GraphCallRecord | undefined =>
  options?.signal ? calls.get(options.signal) : undefined;

/** True when `error` (fetch's TypeError with its cause chain) says the connection was never made. */
export function failedBeforeSending(error: unknown): boolean {
  return causedBy(error, notConnected);
}

/**
 * Sits right before the HTTP handler and notes what became of each attempt, since the SDK turns a
 * network failure into a GraphError (-1) without its cause.
 */
export class CallRecorderMiddleware implements Middleware {
  private next: Middleware | undefined;

  async execute(context: Context): Promise<void> {
    if (!this.next) throw new Error('CallRecorderMiddleware must not be the last middleware');
    const call = recordOf(context.options);
    if (!call) return this.next.execute(context);
    call.attempts += 1;
    const abortedBefore = context.options?.signal?.aborted === true;
    try {
      await this.next.execute(context);
    } catch (error) {
      call.last =
        abortedBefore || failedBeforeSending(error) ? { kind: 'notSent', error } : { kind: 'noAnswer', error };
      throw error;
    }
    const response = context.response;
    if (response) {
      call.last = { kind: 'answered', status: response.status, headers: response.headers };
      const wait = retryAfterMs(response.headers);
      if (wait !== undefined && (response.status === 429 || response.status === 503)) call.retryAfterMs = wait;
    }
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}

/** The RetryHandler's delay (seconds) for its next try, as RetryHandler.getDelay computes it. */
function sdkDelaySeconds(response: Response, attempt: number, delaySeconds: number): number {
  const header = retryAfterMs(response.headers);
  if (header !== undefined) return header / 1000;
  const next = attempt + 1;
  // RetryHandler adds up to one second of randomness.
  return (next >= 2 ? Math.round((2 ** next - 1) / 2) + delaySeconds : delaySeconds) + 1;
}

/**
 * The RetryHandler's shouldRetry: a throttled call is tried again only when the wait fits in the
 * call's time left and its `maxWaitMs`, and sendMail only when Graph said it did not process it.
 */
export function graphShouldRetry(
  delaySeconds: number,
  attempt: number,
  _request: unknown,
  options: { signal?: AbortSignal | null } | undefined,
  response: Response,
): boolean {
  const call = recordOf(options);
  if (!call) return true;
  if (NOT_REPEATABLE.has(call.operation) && !notProcessed(response.status, response.headers)) return false;
  const waitMs = sdkDelaySeconds(response, attempt, delaySeconds) * 1000;
  return waitMs <= call.maxWaitMs && Date.now() + waitMs + RETRY_MARGIN_MS < call.deadline;
}

/** 429, or 503 with Retry-After: Graph throttled the request, so it did not process it. */
function notProcessed(status: number, headers: Headers | undefined): boolean {
  return status === 429 || (status === 503 && retryAfterMs(headers) !== undefined);
}

export interface GraphConnection {
  client: Client;
  timeoutMs: number;
}

export function createGraphConnection(options: GraphClientOptions): GraphConnection {
  const credential = options.credential ?? graphCredential(options.identity);
  const authProvider = new TokenCredentialAuthenticationProvider(credential, { scopes: [GRAPH_SCOPE] });
  const retry = options.retry ?? DEFAULT_GRAPH_RETRY;
  const middleware: Middleware[] = [
    new AuthenticationHandler(authProvider),
    new RetryHandler(new RetryHandlerOptions(retry.delaySeconds, retry.maxRetries, graphShouldRetry)),
    new RedirectHandler(new RedirectHandlerOptions()),
    new TelemetryHandler(),
  ];
  if (options.rewriteOrigin) middleware.push(new RewriteOriginMiddleware(options.rewriteOrigin.replace(/\/$/, '')));
  middleware.push(new CallRecorderMiddleware());
  middleware.push(new HTTPMessageHandler());
  return {
    client: Client.initWithMiddleware({ middleware, defaultVersion: 'v1.0' }),
    timeoutMs: options.timeoutMs ?? DEFAULT_GRAPH_TIMEOUT_MS,
  };
}

export function graphCredential(identity: GraphIdentity | undefined): TokenCredential {
  switch (identity?.kind) {
    case 'managedIdentity':
      return new ManagedIdentityCredential({ clientId: identity.clientId });
    case 'certificate':
      return new ClientCertificateCredential(identity.tenantId, identity.clientId, {
        certificatePath: identity.certificatePath,
      });
    case 'secret':
      return new ClientSecretCredential(identity.tenantId, identity.clientId, identity.clientSecret);
    default:
      throw new Error('Graph needs an identity (managed identity, certificate or secret) or a credential');
  }
}

/** Graph answers that mean "try again later": throttling, server trouble, timeouts. */
const TEMPORARY_STATUS = new Set([408, 429, 500, 502, 503, 504]);

function retryAfterMs(headers: Headers | undefined | null): number | undefined {
  const value = typeof headers?.get === 'function' ? headers.get('Retry-After') : null;
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.max(0, at - Date.now()) : undefined;
}

/**
 * Maps anything a Graph call threw onto the outbound error kinds. `call` (callGraph's record of
 * the attempts) tells a request that never left from one that may have been processed; without it
 * an unanswered request counts as possibly processed.
 */
export function toOutboundError(operation: OutboundOperation, error: unknown, call?: GraphCallRecord): Error {
  if (
    error instanceof TemporarilyUnavailableError ||
    error instanceof PermanentOutboundError ||
    error instanceof UnconfirmedOutboundError
  )
    return error;
  const oneShot = NOT_REPEATABLE.has(operation);
  const neverSent = call !== undefined && (call.attempts === 0 || call.last?.kind === 'notSent');
  // The SDK keeps a network failure's name (TypeError, TimeoutError...) as the GraphError's code.
  const message =
    error instanceof GraphError
      ? error.message || error.code || 'no answer'
      : error instanceof Error
        ? error.message || error.name
        : String(error);
  if (error instanceof GraphError && error.statusCode !== -1) {
    const status = error.statusCode;
    const wait = retryAfterMs(error.headers) ?? call?.retryAfterMs;
    const text = error.message || error.code || 'no message';
    // A 5xx may come after the work was done: repeat only what Graph said it did not process.
    if (oneShot && status >= 500 && !notProcessed(status, error.headers))
      return new UnconfirmedOutboundError(operation, status, text);
    if (TEMPORARY_STATUS.has(status)) return new TemporarilyUnavailableError(operation, status, text, wait);
    return new PermanentOutboundError(operation, status, error.code ?? 'graphError', error.message);
  }
  // No HTTP answer: no token, no connection, a timeout, a broken connection.
  if (oneShot && !neverSent) return new UnconfirmedOutboundError(operation, undefined, message);
  return new TemporarilyUnavailableError(operation, undefined, message, call?.retryAfterMs);
}

/** Runs one Graph call under the overall timeout and maps its failure. */
export async function callGraph<T>(
  connection: GraphConnection,
  operation: OutboundOperation,
  call: (signal: AbortSignal) => Promise<T>,
  options: OutboundCallOptions = {},
): Promise<T> {
  const signal = AbortSignal.timeout(connection.timeoutMs);
  const record: GraphCallRecord = {
    operation,
    deadline: Date.now() + connection.timeoutMs,
    maxWaitMs: options.maxWaitMs ?? connection.timeoutMs,
    attempts: 0,
  };
  calls.set(signal, record);
  try {
    return await call(signal);
  } catch (error) {
    throw toOutboundError(operation, error, record);
  }
}

/** Path segment for a user id or UPN; '@' stays readable, as in Graph's own examples. */
export function userSegment(userId: string): string {
  return encodeURIComponent(userId).replace(/%40/g, '@');
}
