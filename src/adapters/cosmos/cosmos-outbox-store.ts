import {
  type CosmosClient,
  type Container,
  type ContainerRequest,
  type Database,
  type SqlQuerySpec,
} from '@azure/cosmos';
import { connectCosmos, ensureContainers, statusOf, type CosmosConnectionOptions } from './cosmos-connection';
import { dueAtOf, type NewOutboxItem, type OutboxItem, type OutboxStore } from '../../app/outbox';

export const OUTBOX_CONTAINER_ID = 'outbox';

/**
 * Partition key /id: claiming an item (read, then replace with If-Match) is a point operation.
 * The drain's "what is due" and the follow list are cross-partition queries over two indexed
 * fields; the outbox stays small (done items drop out of both), so they are cheap.
 */
export const OUTBOX_CONTAINER: ContainerRequest = {
  id: OUTBOX_CONTAINER_ID,
  partitionKey: { paths: ['/id'] },
  indexingPolicy: {
    indexingMode: 'consistent',
    automatic: true,
    includedPaths: [{ path: '/signalId/?' }, { path: '/dueAt/?' }, { path: '/following/?' }],
    excludedPaths: [{ path: '/*' }],
  },
};

export type CosmosOutboxStoreOptions = CosmosConnectionOptions;

/** The stored document: the item without its version (that is the _etag) plus the due index. */
type OutboxDocument = Omit<OutboxItem, 'version'> & { dueAt?: string };
type OutboxDocumentRead = OutboxDocument & { _etag: string };

/** The outbox in Cosmos DB; `update` is a replace with If-Match on the item's _etag. */
export class CosmosOutboxStore implements OutboxStore {
  private readonly client: CosmosClient;
  /** Gives the shared client back: the last store to close disposes it. */
  private readonly releaseConnection: () => void;
  private readonly database: Database;
  private readonly container: Container;

  constructor(private readonly options: CosmosOutboxStoreOptions) {
    const connection = connectCosmos(options);
    ({ client: this.client, database: this.database } = connection);
    this.releaseConnection = connection.release;
    this.container = this.database.container(OUTBOX_CONTAINER_ID);
  }

  async init(): Promise<void> {
    await ensureContainers({ client: this.client, database: this.database }, this.options, [OUTBOX_CONTAINER]);
  }

  async add(item: NewOutboxItem): Promise<{ item: OutboxItem; created: boolean }> {
    try {
      const { resource, etag } = await this.container.items.create<OutboxDocument>(toDocument(item));
      if (!resource) throw new Error(`outbox item ${item.id} was not returned after create`);
      return { item: toItem({ ...resource, _etag: etag ?? (resource as OutboxDocumentRead)._etag }), created: true };
    } catch (error) {
      if (statusOf(error) !== 409) throw error;
      const existing = await this.get(item.id);
      if (!existing) throw new Error(`outbox item ${item.id} neither added nor found`);
      return { item: existing, created: false };
    }
  }

  async get(id: string): Promise<OutboxItem | undefined> {
    try {
      const { resource } = await this.container.item(id, id).read<OutboxDocumentRead>();
      return resource ? toItem(resource) : undefined;
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw error;
    }
  }

  async listForSignal(signalId: string): Promise<OutboxItem[]> {
    const items = await this.query({
      query: 'SELECT * FROM c WHERE c.signalId = @signalId',
      parameters: [{ name: '@signalId', value: signalId }],
    });
    return items.sort((a, b) => compare(a.createdAt, b.createdAt) || compare(a.id, b.id));
  }

  async listDue(nowIso: string, limit: number): Promise<OutboxItem[]> {
    const items = await this.query({
      query: 'SELECT * FROM c WHERE c.dueAt <= @now',
      parameters: [{ name: '@now', value: nowIso }],
    });
    return items
      .sort((a, b) => compare(dueAtOf(a) ?? '', dueAtOf(b) ?? '') || compare(a.id, b.id))
      .slice(0, clampLimit(limit));
  }

  async listFollowing(limit: number): Promise<OutboxItem[]> {
    const items = await this.query({ query: 'SELECT * FROM c WHERE c.following = true', parameters: [] });
    return items.sort((a, b) => compare(a.createdAt, b.createdAt) || compare(a.id, b.id)).slice(0, clampLimit(limit));
  }

  async update(next: OutboxItem): Promise<OutboxItem | undefined> {
    try {
      const { resource, etag } = await this.container
        .item(next.id, next.id)
        .replace<OutboxDocument>(toDocument(next), { accessCondition: { type: 'IfMatch', condition: next.version } });
      if (!resource) throw new Error(`outbox item ${next.id} was not returned after replace`);
      return toItem({ ...resource, _etag: etag ?? (resource as OutboxDocumentRead)._etag });
    } catch (error) {
      const status = statusOf(error);
      if (status === 412 || status === 404) return undefined;
      throw error;
    }
  }

  async close(): Promise<void> {
    this.releaseConnection();
  }

  private async query(spec: SqlQuerySpec): Promise<OutboxItem[]> {
    const { resources } = await this.container.items.query<OutboxDocumentRead>(spec).fetchAll();
    return resources.map(toItem);
  }
}

function toDocument(item: NewOutboxItem | OutboxItem): OutboxDocument {
  // JSON drops undefined fields, so a cleared field is really gone from the stored document.
  const { version: _version, ...rest } = item as OutboxItem;
  const plain = JSON.parse(JSON.stringify(rest)) as Omit<OutboxItem, 'version'>;
  const dueAt = dueAtOf(plain);
  return { ...plain, ...(dueAt ? { dueAt } : {}) };
}

/** Strips Cosmos system fields and the index helper. */
function toItem(document: OutboxDocumentRead): OutboxItem {
  const record: Record<string, unknown> = { ...document };
  for (const key of ['_rid', '_self', '_etag', '_ts', '_attachments', 'dueAt']) delete record[key];
  return { ...(record as Omit<OutboxItem, 'version'>), version: document._etag };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function clampLimit(limit: number): number {
  return Math.max(1, Math.min(Math.floor(limit), 1000));
}
