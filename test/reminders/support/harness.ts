import { CloudAdapter, ConfigurationBotFrameworkAuthentication, TurnContext, type Activity } from 'botbuilder';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { rememberConversation } from '../../../bot/conversation-references';
import { SlidingWindowLimiter, TeamsProactiveSender, type RateLimits } from '../../../bot/proactive';
import { loadOrganisation, OrganisationFileDirectory } from '../../../src/adapters/config/organisation-file';
import { CosmosAnalysisStore } from '../../../src/adapters/cosmos/cosmos-analysis-store';
import { CosmosReminderStore } from '../../../src/adapters/cosmos/cosmos-reminder-store';
import { CosmosSignalStore } from '../../../src/adapters/cosmos/cosmos-signal-store';
import { LocalNotifier, type NotificationLine } from '../../../src/adapters/local/local-notifier';
import { SqliteAnalysisStore } from '../../../src/adapters/sqlite/sqlite-analysis-store';
import { SqliteReminderStore } from '../../../src/adapters/sqlite/sqlite-reminder-store';
import { SqliteSignalStore } from '../../../src/adapters/sqlite/sqlite-signal-store';
import type { AnalysisStore } from '../../../src/app/annual-analysis';
import type { SignalStore } from '../../../src/app/ports';
import type { ReminderStore } from '../../../src/app/reminder-ports';
import { parseReminderSettings, type ReminderDeps, type ReminderSettingsInput } from '../../../src/app/reminders';
import type { ManualClock } from '../../../src/domain/clock';
import { DEFAULT_DEADLINE_SETTINGS } from '../../../src/domain/deadlines';
import type { LocalCosmos } from '../../support/cosmos-server';
import { SAMPLE_ORGANISATION } from '../../support/services';

export const silent = pino({ level: 'silent' });
export const organisation = loadOrganisation(SAMPLE_ORGANISATION);
export const directory = new OrganisationFileDirectory(organisation);

export interface Stores {
  signals: SignalStore;
  reminders: ReminderStore;
  /** A second connection to the same data, like another bot instance. */
  second(): Promise<{ signals: SignalStore; reminders: ReminderStore }>;
  /** The yearly analyses, in the same database (closed with the rest). */
  analyses(): Promise<AnalysisStore>;
  close(): Promise<void>;
}

export type StoreKind = 'SQLite' | 'Cosmos DB';

let databases = 0;

export async function openStores(
  kind: StoreKind,
  cosmos?: LocalCosmos,
  options: { fast?: boolean; signalsInMemory?: boolean } = {},
): Promise<Stores> {
  const opened: { close(): Promise<void> }[] = [];
  if (kind === 'SQLite') {
    const dir = mkdtempSync(join(tmpdir(), 'klantsignaal-reminders-'));
    const open = async () => {
      // In memory when a test seeds thousands of signals and needs no second connection to them.
      const signals = new SqliteSignalStore(options.signalsInMemory ? ':memory:' : join(dir, 'data.sqlite'));
      const reminders = new SqliteReminderStore(
        join(dir, 'data.sqlite'),
        options.fast ? { synchronous: 'NORMAL' } : {},
      );
      await signals.init();
      await reminders.init();
      opened.push(reminders, signals);
      return { signals, reminders };
    };
    const first = await open();
    return {
      ...first,
      second: open,
      async analyses() {
        const analyses = new SqliteAnalysisStore(join(dir, 'data.sqlite'));
        await analyses.init();
        opened.push({ close: async () => analyses.close() });
        return analyses;
      },
      async close() {
        for (const store of opened) await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  if (!cosmos) throw new Error('Cosmos DB needs the local server');
  const cosmosOptions = {
    endpoint: cosmos.endpoint,
    key: cosmos.key,
    databaseId: `reminders-${(databases += 1)}-${Date.now()}`,
    createIfMissing: true,
    endpointDiscovery: false,
  };
  const open = async () => {
    const signals = new CosmosSignalStore(cosmosOptions);
    const reminders = new CosmosReminderStore(cosmosOptions);
    await signals.init();
    await reminders.init();
    opened.push(reminders, signals);
    return { signals, reminders };
  };
  const first = await open();
  return {
    ...first,
    second: open,
    async analyses() {
      const analyses = new CosmosAnalysisStore(cosmosOptions);
      await analyses.init();
      opened.push({ close: async () => analyses.close() });
      return analyses;
    },
    async close() {
      for (const store of opened) await store.close();
    },
  };
}

export function newAdapter(): CloudAdapter {
  // No app id: authentication off, as in the embedded default.
  return new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
}

/** The personal-chat conversation id the harness gives a person. */
export const chatOf = (personId: string): string => `a:chat-${personId}`;

/** Stores the person's personal-chat reference the way the bot does on a turn. */
export async function introduce(
  adapter: CloudAdapter,
  store: ReminderStore,
  serviceUrl: string,
  person: { id: string; name: string },
): Promise<void> {
  const activity: Partial<Activity> = {
    type: 'message',
    id: `hello-${person.id}`,
    channelId: 'msteams',
    serviceUrl,
    conversation: { id: chatOf(person.id), conversationType: 'personal', isGroup: false, name: '', tenantId: 'tenant' },
    from: { id: `29:${person.id}`, name: person.name, aadObjectId: person.id },
    recipient: { id: '28:klantsignaal', name: 'Klantsignaal' },
    text: 'hallo',
  };
  await rememberConversation(new TurnContext(adapter, activity), store);
}

export interface DepsOptions {
  stores: { signals: SignalStore; reminders: ReminderStore };
  adapter: CloudAdapter;
  clock: ManualClock;
  outboxDir: string;
  holder: string;
  settings?: ReminderSettingsInput;
  limits?: RateLimits;
  activityFeed?: boolean;
  afterSend?: ReminderDeps['afterSend'];
}

export function reminderDeps(options: DepsOptions): ReminderDeps {
  const limiter = new SlidingWindowLimiter(options.limits);
  return {
    signals: options.stores.signals,
    reminders: options.stores.reminders,
    directory,
    sender: new TeamsProactiveSender({ adapter: options.adapter, appId: '', limiter, logger: silent }),
    notifier: new LocalNotifier({ outboxDir: options.outboxDir, now: () => options.clock.now() }),
    activityFeed: options.activityFeed ?? false,
    clock: options.clock,
    deadlines: DEFAULT_DEADLINE_SETTINGS,
    settings: parseReminderSettings({
      digest: { enabled: false, weekday: 1, maxReferencesPerLocation: 5 },
      ...options.settings,
    }),
    logger: silent,
    links: {
      signal: (signalId) => `https://teams.microsoft.com/l/entity/app/signal?context=${encodeURIComponent(signalId)}`,
      chat: () => 'https://teams.microsoft.com/l/chat/0/0?users=28:klantsignaal',
    },
    holder: options.holder,
    ...(options.afterSend ? { afterSend: options.afterSend } : {}),
  };
}

export function notifications(outboxDir: string): NotificationLine[] {
  try {
    return readFileSync(join(outboxDir, 'notifications.jsonl'), 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as NotificationLine);
  } catch {
    return [];
  }
}

/** The card an activity POST carried. */
export function cardOfCall(body: Record<string, unknown>): Record<string, unknown> {
  const attachments = body.attachments as { content?: Record<string, unknown> }[] | undefined;
  const content = attachments?.[0]?.content;
  if (!content) throw new Error('no card in the activity');
  return content;
}

/** All texts of a card, joined. */
export function textOf(card: unknown): string {
  const texts: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (typeof value === 'string' && ['text', 'title', 'value'].includes(key)) texts.push(value);
        else walk(value);
      }
    }
  };
  walk(card);
  return texts.join('\n');
}

/** The conversation id in a connector path (/v3/conversations/{id}/activities/...). */
export function conversationOfPath(path: string): string {
  const match = /^\/v3\/conversations\/([^/]+)\/activities/.exec(path);
  return match ? decodeURIComponent(match[1]!) : '';
}

/** The most messages any window of `windowMs` holds, from sorted timestamps. */
export function maxInWindow(timestamps: number[], windowMs: number): number {
  const sorted = [...timestamps].sort((a, b) => a - b);
  let max = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end += 1) {
    while (sorted[end]! - sorted[start]! >= windowMs) start += 1;
    max = Math.max(max, end - start + 1);
  }
  return max;
}
