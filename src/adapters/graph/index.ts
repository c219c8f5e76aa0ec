/**
 * The Graph side of the outbound ports: calendar, mailer and notifier on one client.
 */
import { z } from 'zod';
import type { OutboundAdapters } from '../../app/outbound-ports';
import { GraphCalendar } from './graph-calendar';
import { createGraphConnection, type GraphClientOptions } from './graph-client';
import { GraphMailer } from './graph-mailer';
import { GraphNotifier } from './graph-notifier';

export interface GraphAdapterOptions extends GraphClientOptions {
  /** Shared mailbox (UPN/SMTP) the letters are sent from. */
  mailbox: string;
  /** Teams activity type for notifications; default 'systemDefault' (needs no manifest entry). */
  activityType?: string;
  teamsAppId?: string;
}

export function createGraphAdapters(options: GraphAdapterOptions): OutboundAdapters {
  const connection = createGraphConnection(options);
  return {
    calendar: new GraphCalendar(connection),
    mailer: new GraphMailer(connection, options.mailbox),
    notifier: new GraphNotifier(connection, {
      activityType: options.activityType ?? 'systemDefault',
      ...(options.teamsAppId ? { teamsAppId: options.teamsAppId } : {}),
    }),
  };
}

const graphEnvSchema = z.object({
  GRAPH_TENANT_ID: z.string().min(1),
  GRAPH_CLIENT_ID: z.string().min(1),
  GRAPH_CLIENT_SECRET: z.string().min(1),
  GRAPH_MAILBOX: z.email(),
  GRAPH_ACTIVITY_TYPE: z.string().min(1).optional(),
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
    tenantId: e.GRAPH_TENANT_ID,
    clientId: e.GRAPH_CLIENT_ID,
    clientSecret: e.GRAPH_CLIENT_SECRET,
    mailbox: e.GRAPH_MAILBOX,
    ...(e.GRAPH_ACTIVITY_TYPE ? { activityType: e.GRAPH_ACTIVITY_TYPE } : {}),
    ...(e.GRAPH_TEAMS_APP_ID ? { teamsAppId: e.GRAPH_TEAMS_APP_ID } : {}),
    ...(e.GRAPH_TIMEOUT_MS ? { timeoutMs: e.GRAPH_TIMEOUT_MS } : {}),
    ...(e.GRAPH_RETRY_DELAY_SECONDS !== undefined || e.GRAPH_MAX_RETRIES !== undefined
      ? { retry: { delaySeconds: e.GRAPH_RETRY_DELAY_SECONDS ?? 3, maxRetries: e.GRAPH_MAX_RETRIES ?? 3 } }
      : {}),
  };
}

export { GraphCalendar, aggregateResponse, GRAPH_AMSTERDAM_ZONE } from './graph-calendar';
export { GraphMailer } from './graph-mailer';
export { GraphNotifier, chainIdFor } from './graph-notifier';
export { createGraphConnection, RewriteOriginMiddleware, toOutboundError, GRAPH_SCOPE } from './graph-client';
export type { GraphClientOptions, GraphRetrySettings } from './graph-client';
