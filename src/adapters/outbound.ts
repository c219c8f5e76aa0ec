/**
 * Chooses the outbound adapters once, for the composition root: Microsoft Graph when GRAPH_*
 * settings are present (graphOptionsFromEnv), else the local outbox folder (.ics / .eml / .jsonl),
 * and the outbox store next to the signals (SQLite table or Cosmos container).
 */
import type { TokenCredential } from '@azure/identity';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import path from 'node:path';
import type { LetterPrinter, OutboundServices, OutboxStore, PrintableLetter } from '../app/outbox';
import type { OutboundAdapters } from '../app/outbound-ports';
import { transactionIdFor } from '../app/outbound-ports';
import type { SlotPlannerSettings } from '../app/slot-planner';
import { nlPlanning } from '../i18n/nl-planning';
import { createLogger, type Logger } from '../logging';
import { createGraphAdapters, graphOptionsFromEnv, type GraphAdapterOptions } from './graph';
import { createLocalAdapters } from './local';
import { writeOnce } from './local/outbox-files';
import { SqliteOutboxStore } from './sqlite/sqlite-outbox-store';

/** Letters to print: one UTF-8 .txt per letter in `<outbox>/print/`, written once. */
export class FilePrinter implements LetterPrinter {
  constructor(private readonly outboxDir: string) {}

  fileFor(key: string): string {
    return path.join(this.outboxDir, 'print', `${transactionIdFor('print', key)}.txt`);
  }

  async print(letter: PrintableLetter): Promise<{ location: string }> {
    const file = this.fileFor(letter.key);
    const text = [
      nlPlanning.print.heading(letter.reference),
      '',
      nlPlanning.print.to(letter.recipientName),
      nlPlanning.print.subject(letter.subject),
      '',
      letter.text,
      '',
    ].join('\n');
    await writeOnce(file, text);
    return { location: file };
  }
}

export type OutboxStoreSettings =
  | { kind: 'sqlite'; path: string }
  | {
      kind: 'cosmos';
      endpoint: string;
      key?: string;
      database: string;
      createIfMissing: boolean;
      endpointDiscovery?: boolean;
    };

export interface CreateOutboundOptions {
  /** The process environment (GRAPH_*, OUTBOX_DIR). */
  env: Record<string, string | undefined>;
  /** config.dataDir: the local outbox is `<dataDir>/outbox` unless OUTBOX_DIR is set. */
  dataDir: string;
  /** config.store: the outbox lives where the signals live. */
  store: OutboxStoreSettings;
  /** Sender name of local letters (the organisation's name). */
  organisationName: string;
  /** Tests: a ready store, Graph options, or a credential for Cosmos. */
  outboxStore?: OutboxStore;
  graph?: GraphAdapterOptions;
  cosmosCredential?: TokenCredential;
  slotSettings?: Partial<SlotPlannerSettings>;
  now?: () => Date;
  /** Where failed and unconfirmed letters and invitations are logged (the server's logger); default one at LOG_LEVEL. */
  logger?: Logger;
}

export interface Outbound extends OutboundServices {
  outboxDir: string;
}

/** Builds the outbound services; call `outbox.init()` before use (createOutbound does it). */
export async function createOutbound(options: CreateOutboundOptions): Promise<Outbound> {
  const outboxDir = path.resolve(options.env.OUTBOX_DIR?.trim() || path.join(options.dataDir, 'outbox'));
  const graph = options.graph ?? graphOptionsFromEnv(options.env as NodeJS.ProcessEnv);
  const adapters: OutboundAdapters = graph
    ? createGraphAdapters(graph)
    : createLocalAdapters({
        outboxDir,
        from: {
          name: options.organisationName,
          email: options.env.GRAPH_MAILBOX?.trim() || 'klachten@klantsignaal.local',
        },
        ...(options.now ? { now: options.now } : {}),
      });
  const outbox = options.outboxStore ?? (await createOutboxStore(options.store, options.cosmosCredential));
  await outbox.init();
  return {
    ...adapters,
    outbox,
    printer: new FilePrinter(outboxDir),
    mode: graph ? 'graph' : 'local',
    holder: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
    outboxDir,
    logger: options.logger ?? createLogger(options.env.LOG_LEVEL?.trim() || 'info'),
    ...(options.slotSettings ? { slotSettings: options.slotSettings } : {}),
  };
}

/** The Cosmos SDK and @azure/identity load only with a Cosmos store (STORE=cosmos), not at every start. */
async function createOutboxStore(
  settings: OutboxStoreSettings,
  credential: TokenCredential | undefined,
): Promise<OutboxStore> {
  if (settings.kind === 'sqlite') return new SqliteOutboxStore(settings.path);
  const { CosmosOutboxStore } = await import('./cosmos/cosmos-outbox-store');
  const { DefaultAzureCredential } = await import('@azure/identity');
  return new CosmosOutboxStore({
    endpoint: settings.endpoint,
    ...(settings.key ? { key: settings.key } : { credential: credential ?? new DefaultAzureCredential() }),
    databaseId: settings.database,
    createIfMissing: settings.createIfMissing,
    ...(settings.endpointDiscovery === undefined ? {} : { endpointDiscovery: settings.endpointDiscovery }),
  });
}
