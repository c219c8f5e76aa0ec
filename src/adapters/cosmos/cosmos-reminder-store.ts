import { type CosmosClient, type Container, type ContainerRequest, type Database } from '@azure/cosmos';
import { connectCosmos, ensureContainers, statusOf, type CosmosConnectionOptions } from './cosmos-connection';
import type {
  ConversationKey,
  DeliveryChannel,
  DeliveryRecord,
  DeliveryState,
  JsonObject,
  Lease,
  ReminderStore,
  SaveResult,
  StoredConversation,
  WatchEntry,
} from '../../app/reminder-ports';

/**
 * Reminder bookkeeping in Cosmos DB: one container `reminders`, partition key /id, so every read
 * and write is a point operation; the two lists (stale claims, due watches) are index-served
 * queries whose cost follows what they return. Exactly-once rests on:
 * - claim = `create` (409 when it exists), or a replace with IfMatch of a 'retry' record;
 * - the lease = a document replaced only with IfMatch on the ETag the holder last saw (412 = lost).
 * The local test server and real Cosmos DB both honour these (STACK.md).
 */
export const REMINDERS_CONTAINER_ID = 'reminders';

export const REMINDERS_CONTAINER: ContainerRequest = {
  id: REMINDERS_CONTAINER_ID,
  partitionKey: { paths: ['/id'] },
  indexingPolicy: {
    indexingMode: 'consistent',
    automatic: true,
    includedPaths: [{ path: '/type/?' }, { path: '/state/?' }, { path: '/claimedAt/?' }, { path: '/nextAt/?' }],
    excludedPaths: [{ path: '/*' }],
  },
};

export type CosmosReminderStoreOptions = CosmosConnectionOptions;

interface ConversationDoc {
  id: string;
  type: 'conversation';
  key: ConversationKey;
  reference: JsonObject | null;
  updatedAt: string;
  unreachableSince?: string;
  unreachableReason?: 'notInRoster' | 'noReference';
}

interface DeliveryDoc extends DeliveryRecord {
  /** The document id (`delivery:<escaped id>`); the delivery id is `deliveryId`. */
  deliveryId: string;
  type: 'delivery';
}

interface LeaseDoc {
  id: string;
  type: 'lease';
  name: string;
  holder: string;
  expiresAt: string;
}

interface WatchDoc {
  id: string;
  type: 'watch';
  signalId: string;
  nextAt: string;
}

type Stored<T> = T & { _etag: string };

export class CosmosReminderStore implements ReminderStore {
  private readonly client: CosmosClient;
  /** Gives the shared client back: the last store to close disposes it. */
  private readonly releaseConnection: () => void;
  private readonly database: Database;
  private readonly container: Container;

  constructor(private readonly options: CosmosReminderStoreOptions) {
    const connection = connectCosmos(options);
    ({ client: this.client, database: this.database } = connection);
    this.releaseConnection = connection.release;
    this.container = this.database.container(REMINDERS_CONTAINER_ID);
  }

  async init(): Promise<void> {
    await ensureContainers({ client: this.client, database: this.database }, this.options, [REMINDERS_CONTAINER]);
  }

  async close(): Promise<void> {
    this.releaseConnection();
  }

  // ---- conversation references ----

  async saveReference(key: ConversationKey, reference: JsonObject, at: Date): Promise<SaveResult> {
    const id = docId('conversation', key);
    const existing = await this.read<ConversationDoc>(id);
    if (existing && JSON.stringify(existing.reference) === JSON.stringify(reference) && !existing.unreachableSince) {
      return 'unchanged';
    }
    const doc: ConversationDoc = { id, type: 'conversation', key, reference, updatedAt: at.toISOString() };
    await this.container.items.upsert(doc);
    return existing ? 'updated' : 'created';
  }

  async getReference(key: ConversationKey): Promise<StoredConversation | undefined> {
    const doc = await this.read<ConversationDoc>(docId('conversation', key));
    if (!doc) return undefined;
    return {
      key: doc.key,
      reference: doc.reference,
      updatedAt: doc.updatedAt,
      ...(doc.unreachableSince ? { unreachableSince: doc.unreachableSince } : {}),
      ...(doc.unreachableReason ? { unreachableReason: doc.unreachableReason } : {}),
    };
  }

  async markUnreachable(key: ConversationKey, reason: 'notInRoster' | 'noReference', at: Date): Promise<string> {
    const id = docId('conversation', key);
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const existing = await this.read<ConversationDoc>(id);
      if (existing?.unreachableSince) return existing.unreachableSince;
      const since = at.toISOString();
      const doc: ConversationDoc = {
        id,
        type: 'conversation',
        key,
        reference: existing?.reference ?? null,
        updatedAt: since,
        unreachableSince: since,
        unreachableReason: reason,
      };
      try {
        if (existing)
          await this.container
            .item(id, id)
            .replace(doc, { accessCondition: { type: 'IfMatch', condition: existing._etag } });
        else await this.container.items.create(doc);
        return since;
      } catch (error) {
        if (statusOf(error) !== 412 && statusOf(error) !== 409) throw error;
      }
    }
    throw new Error(`could not mark ${key} unreachable: kept changing`);
  }

  // ---- delivery ledger ----

  async claim(id: string, holder: string, at: Date, maxAttempts: number): Promise<boolean> {
    const documentId = docId('delivery', id);
    const doc: DeliveryDoc = {
      id: documentId,
      deliveryId: id,
      type: 'delivery',
      state: 'claimed',
      holder,
      claimedAt: at.toISOString(),
      attempts: 0,
    };
    try {
      await this.container.items.create(doc);
      return true;
    } catch (error) {
      if (statusOf(error) !== 409) throw error;
    }
    const existing = await this.read<DeliveryDoc>(documentId);
    if (!existing || existing.state !== 'retry' || existing.attempts >= maxAttempts) return false;
    try {
      await this.container.item(documentId, documentId).replace(
        { ...strip(existing), state: 'claimed', holder, claimedAt: at.toISOString() },
        {
          accessCondition: { type: 'IfMatch', condition: existing._etag },
        },
      );
      return true;
    } catch (error) {
      if (statusOf(error) === 412) return false; // another claimant was first
      throw error;
    }
  }

  async markSent(id: string, holder: string, at: Date, via: DeliveryChannel, detail?: string): Promise<void> {
    await this.update(id, (doc) => ({
      ...doc,
      state: 'sent',
      holder,
      sentAt: at.toISOString(),
      via,
      ...(detail !== undefined ? { detail } : {}),
    }));
  }

  async markRefused(
    id: string,
    holder: string,
    _at: Date,
    maxAttempts: number,
    detail: string,
  ): Promise<DeliveryState> {
    // Not our claim (any more): left as it is, its state returned. Never claimed: nothing was
    // delivered and nothing is recorded, so it may be tried again ('retry'), as in SQLite.
    let result: DeliveryState = 'retry';
    await this.update(
      id,
      (doc) => {
        if (doc.state !== 'claimed' || doc.holder !== holder) {
          result = doc.state;
          return undefined;
        }
        const attempts = doc.attempts + 1;
        result = attempts >= maxAttempts ? 'failed' : 'retry';
        return { ...doc, attempts, state: result, detail: detail.slice(0, 500) };
      },
      { ifMissing: 'leave' },
    );
    return result;
  }

  async getDeliveries(ids: readonly string[]): Promise<Map<string, DeliveryRecord>> {
    const found = new Map<string, DeliveryRecord>();
    // Point reads (1 RU each), a few at a time: cheaper and more predictable than an IN query.
    const queue = [...ids];
    const worker = async () => {
      for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
        const doc = await this.read<DeliveryDoc>(docId('delivery', id));
        if (doc) found.set(id, toRecord(doc));
      }
    };
    await Promise.all(Array.from({ length: Math.min(8, ids.length) }, worker));
    return found;
  }

  async listStaleClaims(before: string, limit: number): Promise<DeliveryRecord[]> {
    const take = Math.max(1, Math.floor(limit));
    const { resources } = await this.container.items
      .query<Stored<DeliveryDoc>>(
        {
          query: `SELECT TOP ${take} * FROM c WHERE c.type = 'delivery' AND c.state = 'claimed' AND c.claimedAt < @before ORDER BY c.claimedAt`,
          parameters: [{ name: '@before', value: before }],
        },
        { maxItemCount: take },
      )
      .fetchAll();
    return resources.map(toRecord);
  }

  async markUnconfirmed(id: string, at: Date): Promise<void> {
    await this.update(id, (doc) =>
      doc.state === 'claimed'
        ? { ...doc, state: 'unconfirmed', detail: `unconfirmed at ${at.toISOString()}` }
        : undefined,
    );
  }

  /**
   * Read-modify-write with IfMatch, retried on 412; `change` returning undefined means "leave it".
   * A delivery that does not exist throws, unless `ifMissing` is 'leave'.
   */
  private async update(
    id: string,
    change: (doc: DeliveryDoc) => DeliveryDoc | undefined,
    options: { ifMissing?: 'throw' | 'leave' } = {},
  ): Promise<void> {
    const documentId = docId('delivery', id);
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const existing = await this.read<DeliveryDoc>(documentId);
      if (!existing && options.ifMissing === 'leave') return;
      if (!existing) throw new Error(`delivery ${id} was never claimed`);
      const next = change(strip(existing));
      if (!next) return;
      try {
        await this.container
          .item(documentId, documentId)
          .replace(next, { accessCondition: { type: 'IfMatch', condition: existing._etag } });
        return;
      } catch (error) {
        if (statusOf(error) !== 412) throw error;
      }
    }
    throw new Error(`delivery ${id} kept changing`);
  }

  // ---- lease ----

  async tryAcquireLease(name: string, holder: string, ttlMs: number, now: Date): Promise<Lease | undefined> {
    const id = docId('lease', name);
    const doc: LeaseDoc = { id, type: 'lease', name, holder, expiresAt: new Date(now.getTime() + ttlMs).toISOString() };
    const existing = await this.read<LeaseDoc>(id);
    try {
      if (!existing) {
        const { etag } = await this.container.items.create(doc);
        return { name, holder, expiresAt: doc.expiresAt, etag: etag ?? '' };
      }
      if (existing.holder !== holder && existing.expiresAt > now.toISOString()) return undefined;
      const { etag } = await this.container
        .item(id, id)
        .replace(doc, { accessCondition: { type: 'IfMatch', condition: existing._etag } });
      return { name, holder, expiresAt: doc.expiresAt, etag: etag ?? '' };
    } catch (error) {
      const status = statusOf(error);
      if (status === 409 || status === 412) return undefined; // someone else was first
      throw error;
    }
  }

  async renewLease(lease: Lease, ttlMs: number, now: Date): Promise<Lease | undefined> {
    const id = docId('lease', lease.name);
    const doc: LeaseDoc = {
      id,
      type: 'lease',
      name: lease.name,
      holder: lease.holder,
      expiresAt: new Date(now.getTime() + ttlMs).toISOString(),
    };
    try {
      const { etag } = await this.container
        .item(id, id)
        .replace(doc, { accessCondition: { type: 'IfMatch', condition: lease.etag } });
      return { ...lease, expiresAt: doc.expiresAt, etag: etag ?? '' };
    } catch (error) {
      const status = statusOf(error);
      if (status === 412 || status === 404) return undefined;
      throw error;
    }
  }

  async releaseLease(lease: Lease): Promise<void> {
    const id = docId('lease', lease.name);
    // Expire it rather than delete it: the IfMatch makes sure a lease someone else took is left alone.
    const doc: LeaseDoc = { id, type: 'lease', name: lease.name, holder: '', expiresAt: new Date(0).toISOString() };
    try {
      await this.container.item(id, id).replace(doc, { accessCondition: { type: 'IfMatch', condition: lease.etag } });
    } catch (error) {
      const status = statusOf(error);
      if (status !== 412 && status !== 404) throw error;
    }
  }

  // ---- measure watch list ----

  async setWatch(signalId: string, nextAt: string | null): Promise<void> {
    const id = docId('watch', signalId);
    if (nextAt === null) {
      await this.container
        .item(id, id)
        .delete()
        .catch((error: unknown) => {
          if (statusOf(error) !== 404) throw error;
        });
      return;
    }
    const existing = await this.read<WatchDoc>(id);
    if (existing?.nextAt === nextAt) return;
    const doc: WatchDoc = { id, type: 'watch', signalId, nextAt };
    await this.container.items.upsert(doc);
  }

  async listWatches(before: string, limit: number): Promise<WatchEntry[]> {
    const take = Math.max(1, Math.floor(limit));
    const { resources } = await this.container.items
      .query<WatchDoc>(
        {
          query: `SELECT TOP ${take} * FROM c WHERE c.type = 'watch' AND c.nextAt <= @before ORDER BY c.nextAt`,
          parameters: [{ name: '@before', value: before }],
        },
        { maxItemCount: take },
      )
      .fetchAll();
    return resources.map((doc) => ({ signalId: doc.signalId, nextAt: doc.nextAt }));
  }

  private async read<T>(id: string): Promise<Stored<T> | undefined> {
    const { resource } = await this.container.item(id, id).read<Stored<T>>();
    return resource ?? undefined;
  }
}

/** Cosmos ids cannot hold / \ ? #: such characters are escaped (reversibly) as ~XX. */
export function docId(prefix: string, key: string): string {
  return `${prefix}:${key.replace(/[~/\\?#]/g, (character) => `~${character.charCodeAt(0).toString(16)}`)}`;
}

/** Drops Cosmos system fields before a document is written back. */
function strip<T extends object>(doc: T): T {
  return Object.fromEntries(Object.entries(doc).filter(([key]) => !key.startsWith('_'))) as T;
}

function toRecord(doc: DeliveryDoc): DeliveryRecord {
  return {
    id: doc.deliveryId,
    state: doc.state,
    holder: doc.holder,
    claimedAt: doc.claimedAt,
    attempts: doc.attempts,
    ...(doc.sentAt ? { sentAt: doc.sentAt } : {}),
    ...(doc.via ? { via: doc.via } : {}),
    ...(doc.detail ? { detail: doc.detail } : {}),
  };
}
