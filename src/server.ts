/**
 * The composition root: reads the config once, chooses the adapters, wires the bot to restify.
 * The only file outside bot/ allowed to import botbuilder and restify.
 */
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';
import { ChannelAuthentication } from '../bot/channel-authentication';
import { FloodGuard } from '../bot/flood-guard';
import { randomUUID } from 'node:crypto';
import * as restify from 'restify';
import type { AddressInfo } from 'node:net';
import { KlantsignaalBot, turnLogger } from '../bot/klantsignaal-bot';
import type { BotServices } from '../bot/services';
import { loadConfig, describeConfig, ConfigError, type Config, type Environment } from './config';
import { systemClock, type Clock } from './domain/clock';
import { nl } from './i18n/nl';
import pino from 'pino';
import { createLogger, type Logger } from './logging';
import type { SignalStore } from './app/ports';
import { OrganisationFileError } from './adapters/config/organisation-file';
import { createDirectory } from './adapters/directory';
import { SqliteSignalStore } from './adapters/sqlite/sqlite-signal-store';
import type { CosmosConnectionOptions } from './adapters/cosmos/cosmos-connection';
import { SqliteAccessLog } from './adapters/sqlite/sqlite-access-log';
import type { AccessLog } from './app/access';
import { createOutbound } from './adapters/outbound';
import { SqliteReminderStore } from './adapters/sqlite/sqlite-reminder-store';
import type { ReminderStore } from './app/reminder-ports';
import { ggdMeldingParagraph } from './app/reporting-duty';
import { reminderSettingsFromEnv, startReminderScheduler } from './app/reminders';
import { drainOutbox } from './app/outbox';
import { followInviteResponses } from './app/plan-conversation';
import { anonymiseExpired } from './app/retention';
import { seedDemoSignals } from './app/demo-data';
import { inviteResponsesOutcome, outboxOutcome, retentionOutcome, startBackgroundJobs } from './background-jobs';
import { TEAMS_RATE_LIMITS, TeamsProactiveSender } from '../bot/proactive';
import { SqliteAnalysisStore } from './adapters/sqlite/sqlite-analysis-store';
import { StoreFileError } from './adapters/sqlite/open-database';
import { enStart } from './i18n/en-start';
import { nlStart } from './i18n/nl-start';
import { createAnalysisDocumentRenderer } from './adapters/documents';
import { reportContentFrom } from './domain/report-content';
import { DownloadLinks, serveDownload } from './app/download-links';
import { nlDownloads } from './i18n/nl-downloads';
import type { AnalysisStore, AnnualAnalysisDeps } from './app/annual-analysis';
import { createPersonalCardSender } from '../bot/verbs/analysis-verbs';
import { REFRESH_VERBS } from '../bot/verbs';
import { DemoRoles } from '../bot/commands/role';
import { mountTab } from '../bot/tab/routes';
import { TabTokenValidator } from '../bot/tab/sso';
import { YearIndex } from './app/year-index';

export interface AppOptions {
  /** Settings that win over the environment (tests, tools). */
  settings?: Environment;
  env?: Record<string, string | undefined>;
  clock?: Clock;
  logger?: Logger;
}

export interface RunningApp {
  config: Config;
  url: string;
  services: BotServices;
  stop(graceMs?: number): Promise<void>;
}

/** Counts turns being processed so shutdown can wait for them. Instance state, not module state. */
class TurnsInFlight {
  count = 0;
  draining = false;
  private waiters: (() => void)[] = [];

  async track(turn: () => Promise<void>): Promise<void> {
    this.count += 1;
    try {
      await turn();
    } finally {
      this.count -= 1;
      if (this.count === 0) this.waiters.splice(0).forEach((wake) => wake());
    }
  }

  settled(timeoutMs: number): Promise<void> {
    if (this.count === 0) return Promise.resolve();
    return new Promise((resolve) => {
      this.waiters.push(resolve);
      setTimeout(resolve, timeoutMs).unref();
    });
  }
}

// The Cosmos adapters (and with them @azure/cosmos and @azure/identity) are required only when
// STORE=cosmos: the embedded SQLite set-up never pays for loading them.

type CosmosStoreConfig = Extract<Config['store'], { kind: 'cosmos' }>;
const cosmosOptionsByConfig = new WeakMap<CosmosStoreConfig, Promise<CosmosConnectionOptions>>();

/**
 * The Cosmos settings every Cosmos-backed store shares, made once per configuration: the stores then
 * share one client (cosmos-connection.ts) and one credential. No key means Entra ID (managed identity).
 */
function cosmosOptions(store: CosmosStoreConfig): Promise<CosmosConnectionOptions> {
  let options = cosmosOptionsByConfig.get(store);
  if (!options) {
    options = makeCosmosOptions(store);
    cosmosOptionsByConfig.set(store, options);
  }
  return options;
}

async function makeCosmosOptions(store: CosmosStoreConfig): Promise<CosmosConnectionOptions> {
  return {
    endpoint: store.endpoint,
    key: store.key,
    credential: store.key ? undefined : new (await import('@azure/identity')).DefaultAzureCredential(),
    databaseId: store.database,
    createIfMissing: store.createIfMissing,
    endpointDiscovery: store.endpointDiscovery,
  };
}

async function createStore(config: Config): Promise<SignalStore> {
  if (config.store.kind === 'cosmos') {
    const { CosmosSignalStore } = await import('./adapters/cosmos/cosmos-signal-store');
    return new CosmosSignalStore(await cosmosOptions(config.store));
  }
  return new SqliteSignalStore(config.store.path);
}

async function createReminderStore(config: Config): Promise<ReminderStore> {
  if (config.store.kind === 'cosmos') {
    const { CosmosReminderStore } = await import('./adapters/cosmos/cosmos-reminder-store');
    return new CosmosReminderStore(await cosmosOptions(config.store));
  }
  return new SqliteReminderStore(config.store.path);
}

async function createAccessLog(config: Config): Promise<AccessLog> {
  if (config.store.kind === 'cosmos') {
    const { CosmosAccessLog } = await import('./adapters/cosmos/cosmos-access-log');
    return new CosmosAccessLog(await cosmosOptions(config.store));
  }
  return new SqliteAccessLog(config.store.path);
}

async function createAnalysisStore(config: Config): Promise<AnalysisStore & { close(): void | Promise<void> }> {
  if (config.store.kind === 'cosmos') {
    const { CosmosAnalysisStore } = await import('./adapters/cosmos/cosmos-analysis-store');
    return new CosmosAnalysisStore(await cosmosOptions(config.store));
  }
  return new SqliteAnalysisStore(config.store.path);
}

function createAuthentication(config: Config, logger: Logger): ConfigurationBotFrameworkAuthentication {
  // No app id: authentication off (embedded default, Playground). Otherwise the Bot Framework checks every token.
  // BOT_OPENID_METADATA_URL / BOT_TOKEN_ISSUER point the channel token check at another issuer (tests,
  // sovereign cloud); ChannelAuthentication answers every refusal with a bare 401 (docs/security.md).
  return new ChannelAuthentication(config.bot, (reason) =>
    logger.warn({ reason }, 'channel authentication refused a request'),
  );
}

/** Builds and starts the whole bot; resolves once it listens. */
/** Hosts that mean "every interface": a browser reaches those as localhost. */
const LISTEN_ALL = new Set(['0.0.0.0', '::', '']);

export async function startApp(options: AppOptions = {}): Promise<RunningApp> {
  const config = loadConfig(options.env ?? process.env, options.settings);
  // Application Insights only when configured: its modules are loaded here, not at start-up.
  const insights = config.applicationInsightsConnectionString
    ? (await import('./adapters/telemetry/application-insights')).startApplicationInsights(
        config.applicationInsightsConnectionString,
      )
    : undefined;
  const logger =
    options.logger ??
    createLogger(
      config.logLevel,
      insights
        ? pino.multistream([
            { level: 'trace', stream: process.stdout },
            { level: 'trace', stream: insights.stream },
          ])
        : undefined,
    );
  // People and roles from the organisation file, or from Entra ID groups through Graph when it maps them.
  const { organisation, directory } = createDirectory({
    organisationFile: config.organisationFile,
    env: options.env ?? process.env,
    cacheMinutes: config.directoryCacheMinutes,
    logger,
  });
  const clock = options.clock ?? systemClock;
  // The Overzicht tab counts over a compact copy of each year, kept current by the store's own writes.
  // Rebuilt when older than 5 minutes; on Cosmos every 30, as each rebuild reads the year (docs/data-design.md).
  const yearIndex = new YearIndex({ clock, maxAgeMs: (config.store.kind === 'cosmos' ? 30 : 5) * 60_000 });
  const store = yearIndex.observe(await createStore(config));
  await store.init();
  if (config.demoData) {
    const added = await seedDemoSignals({ store, directory, clock, deadlines: config.deadlines });
    logger.info({ added }, 'demo signals seeded');
  }
  const accessLog = await createAccessLog(config);
  await accessLog.init();
  // Demo people may switch role in the Playground; never with bot authentication on.
  const demoRoles = config.demoMode && !config.bot.appId ? new DemoRoles(directory) : undefined;
  // Outlook and mail through Graph when GRAPH_* is set; otherwise .ics/.eml files in the local outbox.
  const outbound = await createOutbound({
    env: options.env ?? process.env,
    dataDir: config.dataDir,
    store: config.store,
    organisationName: organisation.name,
    logger,
  });

  const reminders = await createReminderStore(config);
  await reminders.init();
  const reminderSettings = reminderSettingsFromEnv(options.env ?? process.env);

  // The yearly analysis lives next to the signals: its own table in SQLite, its own container in Cosmos.
  const analyses = await createAnalysisStore(config);
  await analyses.init();
  const analysis: AnnualAnalysisDeps | undefined = analyses && {
    signals: store,
    analyses,
    clock,
    settings: config.analysis,
    reportContent: () => reportContentFrom(directory.organisation().report),
    ...(config.ggdEmail ? { ggdEmail: config.ggdEmail } : {}),
    ggdMeldingFigures: (year) => ggdMeldingParagraph({ store, directory }, year),
    documents: createAnalysisDocumentRenderer(() => {
      const org = directory.organisation();
      return { organisationName: org.name, locations: org.locations, themes: org.themes };
    }),
  };

  const services: BotServices = {
    store,
    directory: demoRoles ? demoRoles.directory : directory,
    clock,
    deadlines: config.deadlines,
    logger,
    newId: randomUUID,
    accessLog,
    ...(analysis ? { analysis } : {}),
    outbound,
    reminders,
    reminderRules: reminderSettings.rules,
    ...(demoRoles ? { demoRoles } : {}),
  };
  const bot = new KlantsignaalBot(services);
  const adapter = new CloudAdapter(createAuthentication(config, logger));
  services.personalCards = createPersonalCardSender({ adapter, appId: config.bot.appId ?? '', references: reminders });
  // --- flood guard (issue 11, docs/security.md): per-user token bucket, after authentication ---
  adapter.use(
    new FloodGuard({
      burst: config.flood.burst,
      refillPerSecond: config.flood.refillPerSecond,
      refresh: { ...config.flood.refresh, verbs: REFRESH_VERBS },
      logger,
    }),
  );
  // --- end flood guard ---
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    turnLogger(logger, context).error({ err: error }, 'turn failed');
    try {
      await context.sendActivity(nl.errors.generic);
    } catch (sendError) {
      turnLogger(logger, context).error({ err: sendError }, 'could not tell the user about the failure');
    }
  };

  // Reminders and periodic work; every instance runs them, leases and claims keep each send single.
  const botChat = `https://teams.microsoft.com/l/chat/0/0?users=28:${config.bot.appId ?? ''}`;
  const startReminders = () =>
    startReminderScheduler({
      signals: store,
      reminders,
      analyses,
      directory: services.directory,
      sender: new TeamsProactiveSender({
        adapter,
        appId: config.bot.appId ?? '',
        logger,
        limits: { ...config.teamsRateLimits, marginMs: TEAMS_RATE_LIMITS.marginMs },
      }),
      notifier: outbound.notifier,
      activityFeed: outbound.mode === 'graph',
      clock: services.clock,
      deadlines: config.deadlines,
      settings: reminderSettings,
      logger,
      links: { signal: () => botChat, chat: () => botChat },
    });
  // The demo's reminders wait until a signal is registered or a few minutes have passed: arriving in
  // the first seconds, they pushed away the intake card a newcomer was filling in.
  const delayed = config.demoData ? delayedStart(startReminders, config.demoFirstReminderSeconds) : undefined;
  if (delayed) services.onSignalRegistered = delayed.startNow;
  const reminderScheduler = delayed ?? startReminders();
  services.sweepNow = () => void reminderScheduler.runNow();
  const outboundDeps = { store, directory: services.directory, clock: services.clock, accessLog, outbound };
  const jobs = startBackgroundJobs(
    [
      // Each run logs one line, `background job run`, with its counts (docs/operations.md).
      { name: 'outbox', pattern: '*/30 * * * * *', run: async () => outboxOutcome(await drainOutbox(outboundDeps)) },
      {
        name: 'inviteResponses',
        pattern: '0 */5 * * * *',
        run: async () => inviteResponsesOutcome(await followInviteResponses(outboundDeps)),
      },
      {
        name: 'retention',
        pattern: '0 30 2 * * *',
        // Daily: its line is logged even when nothing was due, so a missing line can raise an alert.
        heartbeat: true,
        run: async (jobLogger) =>
          retentionOutcome(
            await anonymiseExpired({ store, clock: services.clock, logger: jobLogger }, config.retentionMonths),
          ),
      },
    ],
    logger,
  );

  const downloadLinks = new DownloadLinks(clock, config.downloads.linkMinutes * 60_000);
  const server = restify.createServer({ name: 'klantsignaal', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: config.maxBodyBytes, mapParams: false }));
  const turns = new TurnsInFlight();
  server.post('/api/messages', async (req, res) => {
    if (turns.draining) {
      // Shutting down: Teams retries elsewhere (another instance) or later.
      res.send(503, { status: 'shutting down' });
      return;
    }
    await turns.track(async () => {
      try {
        await adapter.process(req, res, (context) => bot.run(context));
      } catch (error) {
        // CloudAdapter validates the activity before its own error handling: a malformed body lands here.
        logger.warn({ err: error }, 'request refused before a turn started');
        if (!res.headersSent) res.send(400, { error: 'invalid activity' });
      }
    });
  });
  // Single-use download links (src/app/download-links.ts): the file once, to its person, in time.
  server.get('/downloads/:token', async (req, res) => {
    const token = String(req.params.token ?? '');
    const personId = new URL(req.url ?? '', 'http://localhost').searchParams.get('voor') ?? '';
    const served = await serveDownload({ links: downloadLinks, accessLog, clock, logger }, token, personId);
    if (!served.ok) {
      res.writeHead(served.reason === 'wrongPerson' ? 403 : 410, {
        'Content-Type': 'text/plain; charset=utf-8',
        'Cache-Control': 'no-store',
      });
      res.end(nlDownloads.refused[served.reason]);
      return;
    }
    const { file } = served;
    res.writeHead(200, {
      'Content-Type': file.contentType,
      'Content-Length': file.content.length,
      'Content-Disposition': `attachment; filename="${file.fileName}"`,
      'Cache-Control': 'no-store',
    });
    res.end(file.content);
  });
  server.get('/healthz', async (_req, res) => {
    res.send(200, { status: 'alive' });
  });
  server.get('/readyz', async (_req, res) => {
    if (turns.draining) {
      // Shutting down: a load balancer or monitor should stop sending here.
      res.send(503, { status: 'shutting down' });
      return;
    }
    try {
      await store.ping();
      res.send(200, { status: 'ready', store: config.store.kind });
    } catch (error) {
      logger.warn({ err: error }, 'store not reachable');
      res.send(503, { status: 'unavailable', store: config.store.kind });
    }
  });

  mountTab(server, {
    // The people themselves, not the chat's `rol` switch: the tab's demo picks its person on the page.
    overview: { store, directory, clock, accessLog, logger, index: yearIndex, analyses },
    ...(demoRoles
      ? { demo: true }
      : {
          sso: new TabTokenValidator({
            resource: config.tab.ssoResource,
            openIdMetadataUrl: config.tab.openIdMetadataUrl,
            tenantId: config.bot.appType === 'MultiTenant' ? undefined : config.bot.tenantId,
          }),
        }),
    botAppId: config.bot.appId,
    logger,
    now: () => clock.now(),
  });

  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  const address = server.address() as AddressInfo;
  const url = `http://${config.host}:${address.port}`;
  const downloadBase =
    config.downloads.baseUrl ?? `http://${LISTEN_ALL.has(config.host) ? 'localhost' : config.host}:${address.port}`;
  services.downloads = {
    links: downloadLinks,
    ttlMinutes: config.downloads.linkMinutes,
    url: (token, personId) => `${downloadBase}/downloads/${token}?voor=${encodeURIComponent(personId)}`,
  };
  logger.info({ config: describeConfig(config), url }, 'klantsignaal listening');

  return {
    config,
    url,
    services,
    /**
     * Graceful: stop taking turns (503, and /readyz 503) while the turns in flight finish (bounded),
     * then close the port; meanwhile the schedulers stop and the reminder lease is released.
     */
    async stop(graceMs = 10_000) {
      turns.draining = true;
      const schedulers = Promise.all([reminderScheduler.stop(), jobs.stop()]).catch((error: unknown) => {
        logger.error({ err: error }, 'stopping the schedulers failed');
      });
      // The port stays open until the turns in flight are done, so a request arriving meanwhile gets
      // a clear 503 rather than a refused connection.
      await turns.settled(graceMs);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Idle keep-alive connections would hold close() open; no turn is using them any more.
      server.server.closeIdleConnections?.();
      await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, graceMs).unref())]);
      await schedulers;
      await store.close();
      await accessLog.close();
      await reminders.close();
      await analyses?.close();
      await outbound.outbox.close();
      logger.info({ unfinishedTurns: turns.count }, 'stopped');
      await insights?.shutdown();
    },
  };
}

async function main(): Promise<void> {
  try {
    const app = await startApp();
    const shutdown = async (signal: string) => {
      app.services.logger.info({ signal }, 'shutting down');
      await app.stop();
      process.exit(0);
    };
    process.once('SIGTERM', () => void shutdown('SIGTERM'));
    process.once('SIGINT', () => void shutdown('SIGINT'));
  } catch (error) {
    if (error instanceof ConfigError || error instanceof OrganisationFileError) {
      process.stderr.write(`Klantsignaal cannot start.\n${error.message}\n`);
      process.exit(2);
    }
    if (error instanceof StoreFileError) {
      const texts = [nlStart, enStart].map((language) =>
        error.problem === 'corrupt'
          ? language.storeCorrupt(error.path)
          : language.storeUnwritable(error.path, error.reason),
      );
      process.stderr.write(`${texts.join('\n')}\n`);
      process.exit(2);
    }
    throw error;
  }
}

if (require.main === module) void main();

/** A reminder scheduler that starts after `seconds`, or at once when `startNow` is called. */
function delayedStart(
  start: () => ReturnType<typeof startReminderScheduler>,
  seconds: number,
): ReturnType<typeof startReminderScheduler> & { startNow: () => void } {
  let scheduler: ReturnType<typeof startReminderScheduler> | undefined;
  let stopped = false;
  const startNow = () => {
    clearTimeout(timer);
    if (!scheduler && !stopped) scheduler = start();
  };
  const timer = setTimeout(startNow, seconds * 1000);
  timer.unref();
  return {
    startNow,
    // A melding's route is told at once, also before the demo's reminders would have started.
    async runNow() {
      startNow();
      return scheduler?.runNow();
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await scheduler?.stop();
    },
  };
}
