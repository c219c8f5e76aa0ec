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
import { reminderSettingsFromEnv, startReminderScheduler } from './app/reminders';
import { drainOutbox } from './app/outbox';
import { followInviteResponses } from './app/plan-conversation';
import { anonymiseExpired } from './app/retention';
import { seedDemoSignals } from './app/demo-data';
import { inviteResponsesOutcome, outboxOutcome, retentionOutcome, startBackgroundJobs } from './background-jobs';
import { TeamsProactiveSender } from '../bot/proactive';
import { SqliteAnalysisStore } from './adapters/sqlite/sqlite-analysis-store';
import { createAnalysisDocumentRenderer } from './adapters/documents';
import type { AnalysisStore, AnnualAnalysisDeps } from './app/annual-analysis';
import { createPersonalCardSender } from '../bot/verbs/analysis-verbs';
import { DemoRoles } from '../bot/commands/role';

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

/** The Cosmos settings every Cosmos-backed store shares; no key means Entra ID (managed identity). */
async function cosmosOptions(store: Extract<Config['store'], { kind: 'cosmos' }>): Promise<CosmosConnectionOptions> {
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

function createAuthentication(config: Config): ConfigurationBotFrameworkAuthentication {
  // No app id: authentication off (embedded default, Playground). Otherwise the Bot Framework checks every token.
  // BOT_OPENID_METADATA_URL / BOT_TOKEN_ISSUER point the channel token check at another issuer (tests,
  // sovereign cloud); ChannelAuthentication also answers forged tokens with 401 (docs/security.md).
  return new ChannelAuthentication(config.bot);
}

/** Builds and starts the whole bot; resolves once it listens. */
export async function startApp(options: AppOptions = {}): Promise<RunningApp> {
  const config = loadConfig(options.env ?? process.env, options.settings);
  const logger = options.logger ?? createLogger(config.logLevel);
  // People and roles from the organisation file, or from Entra ID groups through Graph when it maps them.
  const { organisation, directory } = createDirectory({
    organisationFile: config.organisationFile,
    env: options.env ?? process.env,
    cacheMinutes: config.directoryCacheMinutes,
    logger,
  });
  const store = await createStore(config);
  await store.init();
  const clock = options.clock ?? systemClock;
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
    ...(config.ggdEmail ? { ggdEmail: config.ggdEmail } : {}),
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
  const adapter = new CloudAdapter(createAuthentication(config));
  services.personalCards = createPersonalCardSender({ adapter, appId: config.bot.appId ?? '', references: reminders });
  // --- flood guard (issue 11, docs/security.md): per-user token bucket, after authentication ---
  adapter.use(new FloodGuard({ ...config.flood, logger }));
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
      sender: new TeamsProactiveSender({ adapter, appId: config.bot.appId ?? '', logger }),
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

  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  const address = server.address() as AddressInfo;
  const url = `http://${config.host}:${address.port}`;
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
    throw error;
  }
}

if (require.main === module) void main();

/** A reminder scheduler that starts after `seconds`, or at once when `startNow` is called. */
function delayedStart(
  start: () => ReturnType<typeof startReminderScheduler>,
  seconds: number,
): { startNow: () => void; stop: () => Promise<void> } {
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
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await scheduler?.stop();
    },
  };
}
