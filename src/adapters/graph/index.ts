/**
 * The Graph side of the outbound ports: calendar, mailer and notifier on one client.
 *
 * This file is cheap to load on purpose: the composition root reads graphOptionsFromEnv on every
 * start, but the Graph SDK and @azure/identity (the adapters' modules below) are only required
 * when Graph is actually used — createGraphAdapters or one of the helpers is called.
 */
import { z } from 'zod';
import type { OutboundAdapters, OutboundOperation } from '../../app/outbound-ports';
import type { Organisation } from '../../domain/organisation';
import type { GroupMapping } from '../config/organisation-file';
import type { GraphCallRecord, GraphClientOptions, GraphConnection, GraphIdentity } from './graph-client';
import type { GraphDirectoryOptions, GraphGroupDirectory } from './graph-directory';

/* eslint-disable @typescript-eslint/no-require-imports -- lazy loads (synchronous API), see above */
const graphClient = (): typeof import('./graph-client') => require('./graph-client');
const graphCalendar = (): typeof import('./graph-calendar') => require('./graph-calendar');
const graphMailer = (): typeof import('./graph-mailer') => require('./graph-mailer');
const graphNotifier = (): typeof import('./graph-notifier') => require('./graph-notifier');
const graphDirectory = (): typeof import('./graph-directory') => require('./graph-directory');
/* eslint-enable @typescript-eslint/no-require-imports */

export interface GraphAdapterOptions extends GraphClientOptions {
  /** Shared mailbox (UPN/SMTP) the letters are sent from. */
  mailbox: string;
  teamsAppId?: string;
}

export function createGraphAdapters(options: GraphAdapterOptions): OutboundAdapters {
  const connection = graphClient().createGraphConnection(options);
  const { GraphCalendar } = graphCalendar();
  const { GraphMailer } = graphMailer();
  const { GraphNotifier } = graphNotifier();
  return {
    calendar: new GraphCalendar(connection),
    mailer: new GraphMailer(connection, options.mailbox),
    notifier: new GraphNotifier(connection, options.teamsAppId ? { teamsAppId: options.teamsAppId } : {}),
  };
}

/** People and roles from Entra ID groups (the organisation file's `groups`), on its own Graph client. */
export function createGraphDirectory(
  options: GraphClientOptions,
  organisation: Organisation,
  groups: GroupMapping,
  settings: GraphDirectoryOptions,
): GraphGroupDirectory {
  const { GraphGroupDirectory } = graphDirectory();
  return new GraphGroupDirectory(graphClient().createGraphConnection(options), organisation, groups, settings);
}

const graphEnvSchema = z.object({
  GRAPH_TENANT_ID: z.string().min(1).optional(),
  GRAPH_CLIENT_ID: z.string().min(1),
  GRAPH_CLIENT_CERTIFICATE_PATH: z.string().min(1).optional(),
  GRAPH_CLIENT_SECRET: z.string().min(1).optional(),
  GRAPH_MAILBOX: z.email(),
  GRAPH_TEAMS_APP_ID: z.string().min(1).optional(),
  GRAPH_TIMEOUT_MS: z.coerce.number().int().positive().optional(),
  GRAPH_RETRY_DELAY_SECONDS: z.coerce.number().min(0).max(180).optional(),
  GRAPH_MAX_RETRIES: z.coerce.number().int().min(0).max(10).optional(),
});

/**
 * Graph settings from the environment, or undefined when Graph is not configured (then the
 * composition root picks the local outbox). Partly configured Graph is an error, not a fallback.
 */
export function graphOptionsFromEnv(env: NodeJS.ProcessEnv): GraphAdapterOptions | undefined {
  const keys = Object.keys(graphEnvSchema.shape).filter((k) => env[k] !== undefined && env[k] !== '');
  if (keys.length === 0) return undefined;
  const parsed = graphEnvSchema.safeParse(Object.fromEntries(keys.map((k) => [k, env[k]])));
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => i.path.join('.')).join(', ');
    throw new Error(`Graph configuration incomplete or invalid: ${fields}`);
  }
  const e = parsed.data;
  return {
    identity: graphIdentityFrom(e),
    mailbox: e.GRAPH_MAILBOX,
    ...(e.GRAPH_TEAMS_APP_ID ? { teamsAppId: e.GRAPH_TEAMS_APP_ID } : {}),
    ...(e.GRAPH_TIMEOUT_MS ? { timeoutMs: e.GRAPH_TIMEOUT_MS } : {}),
    ...(e.GRAPH_RETRY_DELAY_SECONDS !== undefined || e.GRAPH_MAX_RETRIES !== undefined
      ? { retry: { delaySeconds: e.GRAPH_RETRY_DELAY_SECONDS ?? 3, maxRetries: e.GRAPH_MAX_RETRIES ?? 3 } }
      : {}),
  };
}

/**
 * A certificate when its file is named, else a client secret (the fallback), else the web app's
 * user-assigned managed identity whose client id GRAPH_CLIENT_ID is.
 */
function graphIdentityFrom(e: z.infer<typeof graphEnvSchema>): GraphIdentity {
  if (!e.GRAPH_CLIENT_CERTIFICATE_PATH && !e.GRAPH_CLIENT_SECRET)
    return { kind: 'managedIdentity', clientId: e.GRAPH_CLIENT_ID };
  if (!e.GRAPH_TENANT_ID)
    throw new Error('Graph configuration incomplete or invalid: GRAPH_TENANT_ID (needed with a certificate or secret)');
  return e.GRAPH_CLIENT_CERTIFICATE_PATH
    ? {
        kind: 'certificate',
        tenantId: e.GRAPH_TENANT_ID,
        clientId: e.GRAPH_CLIENT_ID,
        certificatePath: e.GRAPH_CLIENT_CERTIFICATE_PATH,
      }
    : {
        kind: 'secret',
        tenantId: e.GRAPH_TENANT_ID,
        clientId: e.GRAPH_CLIENT_ID,
        clientSecret: e.GRAPH_CLIENT_SECRET!,
      };
}

// The helpers, loading their module on first call. The classes and constants (GraphCalendar,
// GraphMailer, GraphNotifier, RewriteOriginMiddleware, GRAPH_SCOPE, GRAPH_AMSTERDAM_ZONE) come from
// their own modules: a value re-export here would load the Graph SDK at start-up again.
export function createGraphConnection(options: GraphClientOptions): GraphConnection {
  return graphClient().createGraphConnection(options);
}
export function toOutboundError(operation: OutboundOperation, error: unknown, call?: GraphCallRecord): Error {
  return graphClient().toOutboundError(operation, error, call);
}
type AggregateResponse = typeof import('./graph-calendar').aggregateResponse;
export function aggregateResponse(event: Parameters<AggregateResponse>[0]): ReturnType<AggregateResponse> {
  return graphCalendar().aggregateResponse(event);
}
export function chainIdFor(idempotencyKey: string): number {
  return graphNotifier().chainIdFor(idempotencyKey);
}
export type { GraphCalendar } from './graph-calendar';
export type { GraphMailer } from './graph-mailer';
export type { GraphNotifier } from './graph-notifier';
export type { GraphDirectoryOptions, GraphGroupDirectory } from './graph-directory';
export type { RewriteOriginMiddleware } from './graph-client';
export type {
  GraphCallRecord,
  GraphClientOptions,
  GraphConnection,
  GraphIdentity,
  GraphRetrySettings,
} from './graph-client';
