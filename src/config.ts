import { resolve } from 'node:path';
import { z } from 'zod';

/**
 * The one place that reads the environment. Validated once at start; a wrong setting stops the
 * start with a message naming it. Options passed in code win over the environment (tests, tools).
 */

const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

export interface RateWindowSetting {
  limit: number;
  windowMs: number;
}

/** "7/1,8/2": at most 7 per 1 s and 8 per 2 s. Empty: the default. */
const rateWindows = (fallback: string) =>
  optionalText
    .transform((text) => text ?? fallback)
    .transform((text, ctx): RateWindowSetting[] => {
      const windows = text.split(',').map((part) => /^\s*(\d+)\s*\/\s*(\d+(?:\.\d+)?)\s*$/.exec(part));
      if (windows.some((match) => !match || Number(match[1]) < 1 || Number(match[2]) <= 0)) {
        ctx.addIssue({ code: 'custom', message: 'expected limit/seconds pairs such as 7/1,8/2,60/30' });
        return z.NEVER;
      }
      return windows.map((match) => ({ limit: Number(match![1]), windowMs: Number(match![2]) * 1000 }));
    });

const envSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3978),
    HOST: z.string().default('127.0.0.1'),
    DATA_DIR: z.string().default('data'),
    ORGANISATION_FILE: z.string().default('config/organisation.sample.json'),
    /** With Entra ID groups in the organisation file: minutes a person's roles and the members are reused. */
    DIRECTORY_CACHE_MINUTES: z.coerce.number().int().min(1).max(1440).default(10),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** Application Insights: the log lines also go there as traces (src/adapters/telemetry). */
    APPLICATIONINSIGHTS_CONNECTION_STRING: optionalText,
    MAX_BODY_BYTES: positiveInt(256 * 1024),

    MICROSOFT_APP_ID: optionalText,
    MICROSOFT_APP_PASSWORD: optionalText,
    MICROSOFT_APP_TENANT_ID: optionalText,
    MICROSOFT_APP_TYPE: z.enum(['SingleTenant', 'MultiTenant', 'UserAssignedMSI']).optional(),
    /**
     * Where the channel's OpenID configuration (and so its signing keys) and the issuer of its tokens
     * are, when not the public Bot Framework ones: a sovereign cloud, or the local issuer of the
     * security tests. Both or neither; unset in a normal deployment.
     */
    BOT_OPENID_METADATA_URL: optionalText.pipe(z.url().optional()),
    BOT_TOKEN_ISSUER: optionalText,
    /**
     * The "Overzicht" tab's Teams SSO: the Application ID URI of the app registration
     * (api://<domain>/<client id>, the manifest's webApplicationInfo.resource), the audience of the
     * tokens the tab sends. Without it, and with bot authentication on, the tab refuses every request.
     */
    TAB_SSO_RESOURCE: optionalText,
    /** Entra ID's OpenID configuration for the tab's tokens; only for a sovereign cloud or the security tests. */
    TAB_OPENID_METADATA_URL: optionalText.pipe(z.url().optional()),

    /** Flood guard per user: messages and card actions allowed at once, and refilled per second. */
    FLOOD_BURST: positiveInt(10),
    FLOOD_REFILL_PER_SECOND: z.coerce.number().positive().default(2),
    /** The same for automatic card refreshes, which Teams sends for every card a person scrolls past. */
    FLOOD_REFRESH_BURST: positiveInt(60),
    FLOOD_REFRESH_REFILL_PER_SECOND: z.coerce.number().positive().default(10),
    /**
     * Teams' sending limits for proactive messages, as `limit/seconds` windows: per conversation
     * (per bot per thread) and per tenant (per app). Defaults from Teams' rate-limit page.
     */
    TEAMS_RATE_LIMIT_CONVERSATION: rateWindows('7/1,8/2,60/30,1800/3600'),
    TEAMS_RATE_LIMIT_TENANT: rateWindows('30/1'),

    STORE: z.enum(['sqlite', 'cosmos']).optional(),
    COSMOS_ENDPOINT: optionalText.pipe(z.url().optional()),
    COSMOS_KEY: optionalText,
    COSMOS_DATABASE: z.string().default('klantsignaal'),
    COSMOS_CREATE_IF_MISSING: flag.default(true),
    /** Off only for a single-endpoint server such as the local Cosmos emulator used by the tests. */
    COSMOS_ENDPOINT_DISCOVERY: flag.default(true),

    ANSWER_WITHIN_DAYS: positiveInt(10),
    /** Months after closing before a signal's personal data is anonymised (AVG). */
    RETENTION_MONTHS: positiveInt(24),
    DUE_SOON_DAYS: positiveInt(3),
    /** The GGD's address for the yearly analysis; unset: staf kw sends it themselves and records that. */
    GGD_EMAIL: optionalText.pipe(z.email().optional()),
    /** Distinct MT members who must adopt the yearly analysis. */
    ANALYSIS_REQUIRED_ADOPTIONS: z.coerce.number().int().min(1).max(20).default(2),
    /**
     * Where a person's browser reaches this bot, for the single-use download links offered where
     * Teams' file consent is missing (the Agents Playground). Unset: the address it listens on.
     */
    DOWNLOAD_BASE_URL: optionalText.pipe(z.url().optional()),
    /** How long a download link works. */
    DOWNLOAD_LINK_MINUTES: z.coerce.number().int().min(1).max(60).default(10),

    /** Demo people can switch role in the Playground; refused when bot authentication is on. */
    DEMO_MODE: flag.optional(),
    /** Demo signals near their deadlines, seeded at start (npm start); refused with bot authentication on. */
    DEMO_DATA: flag.default(false),
    /**
     * With DEMO_DATA: seconds before the first reminder sweep, unless a signal is registered sooner,
     * so a reminder never replaces a card a newcomer is still filling in.
     */
    DEMO_FIRST_REMINDER_SECONDS: z.coerce.number().int().min(0).max(3600).default(180),
  })
  .superRefine((env, ctx) => {
    if (env.MICROSOFT_APP_ID && env.MICROSOFT_APP_TYPE !== 'UserAssignedMSI' && !env.MICROSOFT_APP_PASSWORD) {
      ctx.addIssue({
        code: 'custom',
        path: ['MICROSOFT_APP_PASSWORD'],
        message: 'required when MICROSOFT_APP_ID is set',
      });
    }
    if (env.MICROSOFT_APP_ID && !env.MICROSOFT_APP_TENANT_ID && env.MICROSOFT_APP_TYPE !== 'MultiTenant') {
      ctx.addIssue({ code: 'custom', path: ['MICROSOFT_APP_TENANT_ID'], message: 'required for a single-tenant bot' });
    }
    if (Boolean(env.BOT_OPENID_METADATA_URL) !== Boolean(env.BOT_TOKEN_ISSUER)) {
      ctx.addIssue({
        code: 'custom',
        path: [env.BOT_OPENID_METADATA_URL ? 'BOT_TOKEN_ISSUER' : 'BOT_OPENID_METADATA_URL'],
        message: 'BOT_OPENID_METADATA_URL and BOT_TOKEN_ISSUER go together',
      });
    }
    if (env.STORE === 'cosmos' && !env.COSMOS_ENDPOINT) {
      ctx.addIssue({ code: 'custom', path: ['COSMOS_ENDPOINT'], message: 'required when STORE=cosmos' });
    }
    if (env.DEMO_MODE && env.MICROSOFT_APP_ID) {
      ctx.addIssue({
        code: 'custom',
        path: ['DEMO_MODE'],
        message: 'demo mode is only allowed without bot authentication',
      });
    }
    if (env.DEMO_DATA && env.MICROSOFT_APP_ID) {
      ctx.addIssue({
        code: 'custom',
        path: ['DEMO_DATA'],
        message: 'demo data is only allowed without bot authentication',
      });
    }
  });

export type Environment = z.input<typeof envSchema>;

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  organisationFile: string;
  directoryCacheMinutes: number;
  logLevel: z.output<typeof envSchema>['LOG_LEVEL'];
  /** Set: logs also go to Application Insights. */
  applicationInsightsConnectionString?: string;
  maxBodyBytes: number;
  bot: {
    appId?: string;
    appPassword?: string;
    tenantId?: string;
    appType?: string;
    /** Channel token validation against another issuer than the public Bot Framework (tests, sovereign cloud). */
    channelOpenIdMetadataUrl?: string;
    channelTokenIssuer?: string;
  };
  /** The "Overzicht" tab's sign-in (bot/tab/sso.ts). */
  tab: { ssoResource?: string; openIdMetadataUrl: string };
  /** Per-user token bucket of the flood guard. */
  flood: { burst: number; refillPerSecond: number; refresh: { burst: number; refillPerSecond: number } };
  /** Teams' limits for proactive sends (bot/proactive.ts). */
  teamsRateLimits: { perConversation: RateWindowSetting[]; perTenant: RateWindowSetting[] };
  store:
    | { kind: 'sqlite'; path: string }
    | {
        kind: 'cosmos';
        endpoint: string;
        key?: string;
        database: string;
        createIfMissing: boolean;
        endpointDiscovery: boolean;
      };
  deadlines: { answerWithinDays: number; dueSoonDays: number };
  retentionMonths: number;
  /** Where "Per e-mail naar de GGD" sends the adopted yearly analysis (GGD_EMAIL). */
  ggdEmail?: string;
  /** Single-use download links: base URL (default: the listening address) and lifetime. */
  downloads: { baseUrl?: string; linkMinutes: number };
  /** The yearly analysis: MT adoptions required. */
  analysis: { requiredAdoptions: number };
  demoMode: boolean;
  /** Seed the demo signals (src/app/demo-data.ts) at start. */
  demoData: boolean;
  /** With demoData: seconds before the first reminder sweep, unless a signal is registered sooner. */
  demoFirstReminderSeconds: number;
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid settings:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads settings from `overrides` first, then the environment. */
export function loadConfig(env: Record<string, string | undefined> = process.env, overrides: Environment = {}): Config {
  const source = { ...pickDefined(env), ...pickDefined(overrides as Record<string, string | undefined>) };
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.') || 'settings'}: ${issue.message}`),
    );
  }
  const e = parsed.data;
  const dataDir = resolve(e.DATA_DIR);
  const useCosmos = e.STORE === 'cosmos' || (e.STORE === undefined && e.COSMOS_ENDPOINT !== undefined);
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    organisationFile: resolve(e.ORGANISATION_FILE),
    directoryCacheMinutes: e.DIRECTORY_CACHE_MINUTES,
    logLevel: e.LOG_LEVEL,
    ...(e.APPLICATIONINSIGHTS_CONNECTION_STRING
      ? { applicationInsightsConnectionString: e.APPLICATIONINSIGHTS_CONNECTION_STRING }
      : {}),
    maxBodyBytes: e.MAX_BODY_BYTES,
    bot: {
      appId: e.MICROSOFT_APP_ID,
      appPassword: e.MICROSOFT_APP_PASSWORD,
      tenantId: e.MICROSOFT_APP_TENANT_ID,
      appType: e.MICROSOFT_APP_TYPE,
      channelOpenIdMetadataUrl: e.BOT_OPENID_METADATA_URL,
      channelTokenIssuer: e.BOT_TOKEN_ISSUER,
    },
    tab: {
      ssoResource: e.TAB_SSO_RESOURCE,
      openIdMetadataUrl:
        e.TAB_OPENID_METADATA_URL ??
        `https://login.microsoftonline.com/${e.MICROSOFT_APP_TYPE === 'MultiTenant' || !e.MICROSOFT_APP_TENANT_ID ? 'organizations' : e.MICROSOFT_APP_TENANT_ID}/v2.0/.well-known/openid-configuration`,
    },
    flood: {
      burst: e.FLOOD_BURST,
      refillPerSecond: e.FLOOD_REFILL_PER_SECOND,
      refresh: { burst: e.FLOOD_REFRESH_BURST, refillPerSecond: e.FLOOD_REFRESH_REFILL_PER_SECOND },
    },
    teamsRateLimits: { perConversation: e.TEAMS_RATE_LIMIT_CONVERSATION, perTenant: e.TEAMS_RATE_LIMIT_TENANT },
    store:
      useCosmos && e.COSMOS_ENDPOINT
        ? {
            kind: 'cosmos',
            endpoint: e.COSMOS_ENDPOINT,
            key: e.COSMOS_KEY,
            database: e.COSMOS_DATABASE,
            createIfMissing: e.COSMOS_CREATE_IF_MISSING,
            endpointDiscovery: e.COSMOS_ENDPOINT_DISCOVERY,
          }
        : { kind: 'sqlite', path: resolve(dataDir, 'klantsignaal.sqlite') },
    deadlines: { answerWithinDays: e.ANSWER_WITHIN_DAYS, dueSoonDays: e.DUE_SOON_DAYS },
    retentionMonths: e.RETENTION_MONTHS,
    ...(e.GGD_EMAIL ? { ggdEmail: e.GGD_EMAIL } : {}),
    analysis: { requiredAdoptions: e.ANALYSIS_REQUIRED_ADOPTIONS },
    downloads: {
      ...(e.DOWNLOAD_BASE_URL ? { baseUrl: e.DOWNLOAD_BASE_URL.replace(/\/+$/, '') } : {}),
      linkMinutes: e.DOWNLOAD_LINK_MINUTES,
    },
    demoMode: e.DEMO_MODE ?? !e.MICROSOFT_APP_ID,
    demoData: e.DEMO_DATA,
    demoFirstReminderSeconds: e.DEMO_FIRST_REMINDER_SECONDS,
  };
}

/** For the start-up log line: never print secrets. */
export function describeConfig(config: Config): Record<string, unknown> {
  return {
    ...config,
    applicationInsightsConnectionString: config.applicationInsightsConnectionString ? '[set]' : undefined,
    bot: { ...config.bot, appPassword: config.bot.appPassword ? '[redacted]' : undefined },
    store:
      config.store.kind === 'cosmos'
        ? { ...config.store, key: config.store.key ? '[redacted]' : undefined }
        : config.store,
  };
}

function pickDefined(values: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(values).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
}
