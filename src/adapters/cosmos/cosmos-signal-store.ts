import { type CosmosClient, type Container, type Database, type SqlParameter, type SqlQuerySpec } from '@azure/cosmos';
import { connectCosmos, ensureContainers, statusOf, type CosmosConnectionOptions } from './cosmos-connection';
import { formatReference } from '../../domain/reference';
import type { Signal } from '../../domain/signal';
import { ConcurrencyError, type ListOptions, type SignalPage, type SignalStore, type Versioned } from '../../app/ports';
import { decodeContinuation, encodeContinuation, NO_DEADLINE, pageSize } from '../paging';
import { CONTAINERS, LOOKUPS_CONTAINER_ID, SIGNALS_CONTAINER_ID } from './containers';

export type CosmosSignalStoreOptions = CosmosConnectionOptions;

/** What is stored: the signal plus denormalised fields the composite indexes need. */
interface SignalDocument extends Signal {
  /** nextDeadline ?? NO_DEADLINE: one sortable field, so "no deadline" sorts last. */
  urgency: string;
  /** owner.id lifted to the top level, for the owner index. */
  ownerId: string;
  /**
   * closedAt while a closed signal still holds personal data; absent otherwise. The retention job
   * queries `retentionFrom < cutoff`, so its cost grows with what is due, not with the archive.
   */
  retentionFrom?: string;
}

/** id = the reference; creating it is what makes a reference unique. */
interface ReferenceLookup {
  id: string;
  type: 'reference';
  signalId: string;
}

/** id = counter:<year>; `last` is the last sequence number handed out. */
interface ReferenceCounter {
  id: string;
  type: 'referenceCounter';
  year: number;
  last: number;
}

/** Fields this adapter adds to a signal; removed again before a Signal leaves the store. */
const HELPER_FIELDS = new Set(['urgency', 'ownerId', 'retentionFrom']);

const COUNTER_ATTEMPTS = 50;
/** The one document /readyz writes; the lookups container's other ids are references and counters. */
const READINESS_PROBE_ID = 'readiness-probe';

/** Signals per query while streaming a year: ~100 KB per response, few round trips. */
const STREAM_PAGE_SIZE = 100;

/**
 * Signals in Cosmos DB (NoSQL API). Layout and costs: docs/data-design.md.
 * - signals, partition key /id: get and replace are point operations (1 request each).
 * - lookups, partition key /id: reference -> signal id, and per-year reference counters.
 * Lists are index-served queries sorted by (urgency, reference) and paged with the same keyset
 * tokens as the SQLite store (src/adapters/paging.ts), so both give the same pages.
 */
export class CosmosSignalStore implements SignalStore {
  private readonly client: CosmosClient;
  /** Gives the shared client back: the last store to close disposes it. */
  private readonly releaseConnection: () => void;
  private readonly database: Database;
  private readonly signals: Container;
  private readonly lookups: Container;
  /** Last counter state this instance wrote, so an uncontended allocation is one replace. */
  private readonly counters = new Map<number, { last: number; etag: string }>();
  /** Allocations in this instance run one at a time; other instances are handled by ETags. */
  private counterQueue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: CosmosSignalStoreOptions) {
    const connection = connectCosmos(options);
    ({ client: this.client, database: this.database } = connection);
    this.releaseConnection = connection.release;
    this.signals = this.database.container(SIGNALS_CONTAINER_ID);
    this.lookups = this.database.container(LOOKUPS_CONTAINER_ID);
  }

  async init(): Promise<void> {
    await ensureContainers({ client: this.client, database: this.database }, this.options, CONTAINERS);
  }

  async ping(): Promise<void> {
    await this.database.read().catch((error: unknown) => {
      throw statusOf(error) === 404 ? new Error(`Cosmos DB database ${this.options.databaseId} does not exist`) : error;
    });
    // A real write (one small upsert): a read-only key or exhausted storage must make /readyz fail.
    await this.lookups.items.upsert({ id: READINESS_PROBE_ID, at: new Date().toISOString() });
  }

  allocateReference(year: number): Promise<string> {
    const next = this.counterQueue.then(() => this.nextSequence(year));
    this.counterQueue = next.catch(() => undefined);
    return next.then((sequence) => formatReference(year, sequence));
  }

  async create(signal: Signal): Promise<{ stored: Versioned<Signal>; created: boolean }> {
    // The lookup goes first: if the reference belongs to another signal nothing has been written yet.
    const lookup: ReferenceLookup = { id: signal.reference, type: 'reference', signalId: signal.id };
    let lookupCreated = false;
    try {
      await this.lookups.items.create(lookup);
      lookupCreated = true;
    } catch (error) {
      if (statusOf(error) !== 409) throw error;
      const { resource } = await this.lookups.item(signal.reference, signal.reference).read<ReferenceLookup>();
      // Same signal id: a retry after a crash between the two writes; carry on.
      if (resource && resource.signalId !== signal.id) {
        throw new Error(`reference ${signal.reference} already belongs to another signal`);
      }
    }
    try {
      const { resource, etag } = await this.signals.items.create<SignalDocument>(toDocument(signal));
      if (!resource) throw new Error(`signal ${signal.id} was not returned after create`);
      return { stored: { value: toSignal(resource), etag: etag ?? resource._etag }, created: true };
    } catch (error) {
      if (statusOf(error) !== 409) throw error;
    }
    // The signal exists already (a re-sent submit): return it unchanged.
    const existing = await this.get(signal.id);
    if (!existing) throw new Error(`signal ${signal.id} neither created nor found`);
    if (lookupCreated && existing.value.reference !== signal.reference) {
      // The re-sent submit allocated a reference of its own; that lookup points nowhere useful.
      await this.lookups
        .item(signal.reference, signal.reference)
        .delete()
        .catch(() => undefined);
    }
    return { stored: existing, created: false };
  }

  async get(id: string): Promise<Versioned<Signal> | undefined> {
    if (!isValidId(id)) return undefined;
    const { resource } = await this.signals.item(id, id).read<SignalDocument>();
    return resource ? { value: toSignal(resource), etag: resource._etag } : undefined;
  }

  /** Two point reads: the lookup, then the signal. No query, no fan-out. */
  async getByReference(reference: string): Promise<Versioned<Signal> | undefined> {
    if (!isValidId(reference)) return undefined;
    const { resource: lookup } = await this.lookups.item(reference, reference).read<ReferenceLookup>();
    if (!lookup || lookup.type !== 'reference') return undefined;
    const found = await this.get(lookup.signalId);
    // A lookup left by an interrupted create may point at a signal that is missing or numbered otherwise.
    return found && found.value.reference === reference ? found : undefined;
  }

  async replace(signal: Signal, etag: string): Promise<Versioned<Signal>> {
    try {
      const { resource, etag: next } = await this.signals
        .item(signal.id, signal.id)
        .replace<SignalDocument>(toDocument(signal), { accessCondition: { type: 'IfMatch', condition: etag } });
      if (!resource) throw new Error(`signal ${signal.id} was not returned after replace`);
      return { value: toSignal(resource), etag: next ?? resource._etag };
    } catch (error) {
      // 412: changed since it was read; 404: gone. Either way the caller's copy is stale.
      const status = statusOf(error);
      if (status === 412 || status === 404) throw new ConcurrencyError(signal.id);
      throw error;
    }
  }

  async listByOwner(ownerId: string, options: ListOptions = {}): Promise<SignalPage> {
    return this.page({ equal: [['ownerId', ownerId]], where: [], parameters: [] }, options);
  }

  async listByLocations(locationIds: readonly string[], options: ListOptions = {}): Promise<SignalPage> {
    const [only, ...more] = locationIds;
    if (only === undefined) return { items: [] };
    if (more.length === 0) return this.page({ equal: [['locationId', only]], where: [], parameters: [] }, options);
    const names = locationIds.map((_, index) => `@location${index}`);
    return this.page(
      {
        equal: [],
        where: [`c.locationId IN (${names.join(', ')})`],
        parameters: locationIds.map((id, index) => ({ name: `@location${index}`, value: id })),
      },
      options,
    );
  }

  async listDue(before: string, options: ListOptions = {}): Promise<SignalPage> {
    return this.page(
      { equal: [], where: ['c.urgency <= @before'], parameters: [{ name: '@before', value: before }] },
      { ...options, status: 'open' },
    );
  }

  async listRetentionDue(closedBefore: string, limit: number): Promise<Signal[]> {
    const take = Math.max(1, Math.min(Math.floor(limit), 1000));
    const documents = await this.query(
      {
        query: `SELECT TOP ${take} * FROM c WHERE c.retentionFrom < @cutoff ORDER BY c.retentionFrom`,
        parameters: [{ name: '@cutoff', value: closedBefore }],
      },
      take,
    );
    return documents.map(toSignal);
  }

  /** Keyset paging on (receivedOn, reference), served by that composite index. */
  async *streamYear(year: number): AsyncIterable<Signal> {
    let after: { receivedOn: string; reference: string } | undefined;
    for (;;) {
      const where = ['c.receivedOn >= @from', 'c.receivedOn < @to'];
      const parameters: SqlParameter[] = [
        { name: '@from', value: `${year}-01-01` },
        { name: '@to', value: `${year + 1}-01-01` },
      ];
      if (after) {
        where.push(
          '(c.receivedOn > @afterReceived OR (c.receivedOn = @afterReceived AND c.reference > @afterReference))',
        );
        parameters.push(
          { name: '@afterReceived', value: after.receivedOn },
          { name: '@afterReference', value: after.reference },
        );
      }
      const documents = await this.query(
        {
          query: `SELECT TOP ${STREAM_PAGE_SIZE} * FROM c WHERE ${where.join(' AND ')} ORDER BY c.receivedOn, c.reference`,
          parameters,
        },
        STREAM_PAGE_SIZE,
      );
      for (const document of documents) yield toSignal(document);
      const last = documents[documents.length - 1];
      if (!last || documents.length < STREAM_PAGE_SIZE) return;
      after = { receivedOn: last.receivedOn, reference: last.reference };
    }
  }

  async close(): Promise<void> {
    this.releaseConnection();
  }

  /**
   * One page of signals ordered by (urgency, reference). Equality filters are also put first in
   * ORDER BY: they do not change the order, but they make the ORDER BY match a composite index
   * (Cosmos refuses a multi-field ORDER BY without one). No OFFSET: the keyset predicate skips
   * straight to the position, so page 50 costs what page 1 costs.
   */
  private async page(filter: Filter, options: ListOptions): Promise<SignalPage> {
    const limit = pageSize(options.limit);
    const after = decodeContinuation(options.continuation);
    const equal: [string, string][] = [...filter.equal];
    if (options.status) equal.push(['status', options.status]);
    const where = [...filter.where];
    const parameters = [...filter.parameters];
    equal.forEach(([field, value], index) => {
      where.unshift(`c.${field} = @equal${index}`);
      parameters.push({ name: `@equal${index}`, value });
    });
    if (after) {
      where.push('(c.urgency > @afterUrgency OR (c.urgency = @afterUrgency AND c.reference > @afterReference))');
      parameters.push(
        { name: '@afterUrgency', value: after.urgency },
        { name: '@afterReference', value: after.reference },
      );
    }
    const orderBy = [...equal.map(([field]) => `c.${field}`), 'c.urgency', 'c.reference'];
    const take = limit + 1;
    const documents = await this.query(
      {
        query: `SELECT TOP ${take} * FROM c WHERE ${where.join(' AND ')} ORDER BY ${orderBy.join(', ')}`,
        parameters,
      },
      take,
    );
    const items = documents.slice(0, limit).map(toSignal);
    const last = items[items.length - 1];
    return documents.length > limit && last
      ? { items, continuation: encodeContinuation({ urgency: urgencyOf(last), reference: last.reference }) }
      : { items };
  }

  /** Runs a (cross-partition) query to the end; TOP bounds how much that is. */
  private async query(spec: SqlQuerySpec, take: number): Promise<SignalDocumentRead[]> {
    const iterator = this.signals.items.query<SignalDocumentRead>(spec, { maxItemCount: take });
    const documents: SignalDocumentRead[] = [];
    while (iterator.hasMoreResults() && documents.length < take) {
      const { resources } = await iterator.fetchNext();
      documents.push(...resources);
    }
    return documents.slice(0, take);
  }

  /** Next sequence number for the year: optimistic replace of the counter, retried on 412. */
  private async nextSequence(year: number): Promise<number> {
    const id = `counter:${year}`;
    for (let attempt = 0; attempt < COUNTER_ATTEMPTS; attempt += 1) {
      const current = this.counters.get(year) ?? (await this.readCounter(id));
      if (!current) {
        const first: ReferenceCounter = { id, type: 'referenceCounter', year, last: 1 };
        try {
          const { etag } = await this.lookups.items.create(first);
          this.counters.set(year, { last: 1, etag: etag ?? '' });
          return 1;
        } catch (error) {
          if (statusOf(error) !== 409) throw error;
          continue; // another instance created it first: read theirs
        }
      }
      const next: ReferenceCounter = { id, type: 'referenceCounter', year, last: current.last + 1 };
      try {
        const { etag } = await this.lookups
          .item(id, id)
          .replace(next, { accessCondition: { type: 'IfMatch', condition: current.etag } });
        this.counters.set(year, { last: next.last, etag: etag ?? '' });
        return next.last;
      } catch (error) {
        if (statusOf(error) !== 412) throw error;
        // Another instance took a number: forget our copy, back off a little (jittered) and retry.
        this.counters.delete(year);
        await sleep(Math.random() * Math.min(100, 5 * 2 ** attempt));
      }
    }
    throw new Error(`could not allocate a reference for ${year}: the counter stayed contended`);
  }

  private async readCounter(id: string): Promise<{ last: number; etag: string } | undefined> {
    const { resource } = await this.lookups.item(id, id).read<ReferenceCounter & { _etag: string }>();
    return resource ? { last: resource.last, etag: resource._etag } : undefined;
  }
}

interface Filter {
  /** field = value filters; also lead the ORDER BY so a composite index serves the query. */
  equal: [string, string][];
  where: string[];
  parameters: SqlParameter[];
}

type SignalDocumentRead = SignalDocument & { _etag: string };

function urgencyOf(signal: Signal): string {
  return signal.nextDeadline ?? NO_DEADLINE;
}

function toDocument(signal: Signal): SignalDocument {
  const holdsPersonalData = signal.parent !== null && !signal.anonymisedAt;
  return {
    ...signal,
    urgency: urgencyOf(signal),
    ownerId: signal.owner.id,
    ...(signal.status === 'closed' && signal.closedAt && holdsPersonalData ? { retentionFrom: signal.closedAt } : {}),
  };
}

/** Strips Cosmos system fields (_rid, _etag, _ts, _self, _attachments) and the helper fields. */
function toSignal(document: SignalDocument): Signal {
  const entries = Object.entries(document).filter(([key]) => !key.startsWith('_') && !HELPER_FIELDS.has(key));
  return Object.fromEntries(entries) as unknown as Signal;
}

/** Cosmos ids cannot hold / \\ ? # (they are part of the URL); such an id cannot exist, so do not ask. */
function isValidId(id: string): boolean {
  return id.length > 0 && id.length <= 255 && !/[/\\?#]/.test(id);
}

function sleep(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}
