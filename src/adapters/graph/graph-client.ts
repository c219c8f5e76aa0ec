/**
 * One Microsoft Graph client for the three adapters, with the middleware chain spelled out so tests
 * can slot a URL rewriter in front of the HTTP handler: the client keeps talking to
 * https://graph.microsoft.com (so AuthenticationHandler adds the bearer token, which it refuses to
 * do for other hosts over plain http) and the rewriter sends the request to the local test server.
 */
import type { TokenCredential } from '@azure/identity';
import { ClientSecretCredential } from '@azure/identity';
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
import { PermanentOutboundError, TemporarilyUnavailableError, type OutboundOperation } from '../../app/outbound-ports';

export const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';
const GRAPH_ORIGIN = 'https://graph.microsoft.com';

export interface GraphRetrySettings {
  /** Seconds before a retry when Graph sends no Retry-After (Retry-After always wins). */
  delaySeconds: number;
  /** Retries of 429/503/504 per request (the SDK's RetryHandler; at most 10). */
  maxRetries: number;
}

export interface GraphClientOptions {
  /** App registration (client credentials flow); ignored when `credential` is given. */
  tenantId?: string;
  clientId?: string;
  clientSecret?: string;
  /** Any @azure/identity credential (managed identity, a test credential...). */
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

export interface GraphConnection {
  client: Client;
  timeoutMs: number;
}

export function createGraphConnection(options: GraphClientOptions): GraphConnection {
  const credential = options.credential ?? clientSecretCredential(options);
  const authProvider = new TokenCredentialAuthenticationProvider(credential, { scopes: [GRAPH_SCOPE] });
  const retry = options.retry ?? DEFAULT_GRAPH_RETRY;
  const middleware: Middleware[] = [
    new AuthenticationHandler(authProvider),
    new RetryHandler(new RetryHandlerOptions(retry.delaySeconds, retry.maxRetries)),
    new RedirectHandler(new RedirectHandlerOptions()),
    new TelemetryHandler(),
  ];
  if (options.rewriteOrigin) middleware.push(new RewriteOriginMiddleware(options.rewriteOrigin.replace(/\/$/, '')));
  middleware.push(new HTTPMessageHandler());
  return {
    client: Client.initWithMiddleware({ middleware, defaultVersion: 'v1.0' }),
    timeoutMs: options.timeoutMs ?? DEFAULT_GRAPH_TIMEOUT_MS,
  };
}

function clientSecretCredential(options: GraphClientOptions): TokenCredential {
  const { tenantId, clientId, clientSecret } = options;
  if (!tenantId || !clientId || !clientSecret) {
    throw new Error('Graph needs GRAPH_TENANT_ID, GRAPH_CLIENT_ID and GRAPH_CLIENT_SECRET (or a credential)');
  }
  return new ClientSecretCredential(tenantId, clientId, clientSecret);
}

/** Graph answers that mean "try again later": throttling, server trouble, timeouts. */
const TEMPORARY_STATUS = new Set([408, 429, 500, 502, 503, 504]);

function retryAfterMs(headers: Headers | undefined): number | undefined {
  const value = headers?.get('Retry-After');
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.max(0, at - Date.now()) : undefined;
}

/** Maps anything a Graph call threw onto the two outbound error kinds. */
export function toOutboundError(operation: OutboundOperation, error: unknown): Error {
  if (error instanceof TemporarilyUnavailableError || error instanceof PermanentOutboundError) return error;
  if (error instanceof GraphError) {
    const status = error.statusCode;
    // -1: no HTTP answer at all (network error, timeout abort, token endpoint unreachable).
    if (status === -1 || TEMPORARY_STATUS.has(status)) {
      return new TemporarilyUnavailableError(
        operation,
        status === -1 ? undefined : status,
        error.message || error.code || 'no answer',
        retryAfterMs(error.headers),
      );
    }
    return new PermanentOutboundError(operation, status, error.code ?? 'graphError', error.message);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new TemporarilyUnavailableError(operation, undefined, message);
}

/** Runs one Graph call under the overall timeout and maps its failure. */
export async function callGraph<T>(
  connection: GraphConnection,
  operation: OutboundOperation,
  call: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  try {
    return await call(AbortSignal.timeout(connection.timeoutMs));
  } catch (error) {
    throw toOutboundError(operation, error);
  }
}

/** Path segment for a user id or UPN; '@' stays readable, as in Graph's own examples. */
export function userSegment(userId: string): string {
  return encodeURIComponent(userId).replace(/%40/g, '@');
}
