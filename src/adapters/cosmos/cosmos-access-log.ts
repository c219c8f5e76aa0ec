import {
  type CosmosClient,
  type Container,
  type ContainerRequest,
  type Database,
  type SqlParameter,
} from '@azure/cosmos';
import { connectCosmos, ensureContainers, type CosmosConnectionOptions } from './cosmos-connection';
import { randomUUID } from 'node:crypto';
import {
  ACCESS_ACTIONS,
  type AccessAction,
  type AccessLog,
  type AccessLogEntry,
  type AccessLogFilter,
} from '../../app/access';

export const ACCESS_LOG_CONTAINER_ID = 'accessLog';

/**
 * Partition key /signalId: "who read this signal" (the question an AVG request asks) is a
 * single-partition query; "what did this person read" fans out, and is rare. Only the fields the
 * queries use are indexed.
 */
export const ACCESS_LOG_CONTAINER: ContainerRequest = {
  id: ACCESS_LOG_CONTAINER_ID,
  partitionKey: { paths: ['/signalId'] },
  indexingPolicy: {
    indexingMode: 'consistent',
    automatic: true,
    includedPaths: [{ path: '/signalId/?' }, { path: '/personId/?' }, { path: '/at/?' }],
    excludedPaths: [{ path: '/*' }],
  },
};

export type CosmosAccessLogOptions = CosmosConnectionOptions;

interface AccessLogDocument extends AccessLogEntry {
  id: string;
}

/** The access log in Cosmos DB: one small document per access, never changed. */
export class CosmosAccessLog implements AccessLog {
  private readonly client: CosmosClient;
  /** Gives the shared client back: the last store to close disposes it. */
  private readonly releaseConnection: () => void;
  private readonly database: Database;
  private readonly container: Container;

  constructor(private readonly options: CosmosAccessLogOptions) {
    const connection = connectCosmos(options);
    ({ client: this.client, database: this.database } = connection);
    this.releaseConnection = connection.release;
    this.container = this.database.container(ACCESS_LOG_CONTAINER_ID);
  }

  async init(): Promise<void> {
    await ensureContainers({ client: this.client, database: this.database }, this.options, [ACCESS_LOG_CONTAINER]);
  }

  async record(entry: AccessLogEntry): Promise<void> {
    const document: AccessLogDocument = { id: randomUUID(), ...entry };
    await this.container.items.create(document);
  }

  async list(filter: AccessLogFilter): Promise<AccessLogEntry[]> {
    const where: string[] = [];
    const parameters: SqlParameter[] = [];
    if (filter.signalId !== undefined) {
      where.push('c.signalId = @signalId');
      parameters.push({ name: '@signalId', value: filter.signalId });
    }
    if (filter.personId !== undefined) {
      where.push('c.personId = @personId');
      parameters.push({ name: '@personId', value: filter.personId });
    }
    const query = `SELECT * FROM c${where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''}`;
    const { resources } = await this.container.items
      .query<AccessLogDocument>(
        { query, parameters },
        filter.signalId !== undefined ? { partitionKey: filter.signalId } : {},
      )
      .fetchAll();
    // Sorted here: one field, few entries per signal, and no composite index needed.
    return resources
      .map((document) => ({
        personId: document.personId,
        signalId: document.signalId,
        reference: document.reference,
        action: toAction(document.action),
        at: document.at,
      }))
      .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  }

  async close(): Promise<void> {
    this.releaseConnection();
  }
}

function toAction(value: string): AccessAction {
  const known = ACCESS_ACTIONS.find((action) => action === value);
  if (!known) throw new Error(`unknown access action "${value}" in the access log`);
  return known;
}
