import { immediate, openSqlite, StatementCache, type DatabaseSync } from './open-database';
import { randomUUID } from 'node:crypto';
import { formatReference } from '../../domain/reference';
import type { Signal } from '../../domain/signal';
import { ConcurrencyError, type ListOptions, type SignalPage, type SignalStore, type Versioned } from '../../app/ports';
import { decodeContinuation, encodeContinuation, NO_DEADLINE, pageSize } from '../paging';

const STREAM_PAGE_SIZE = 100;

interface Row {
  id: string;
  etag: string;
  doc: string;
}

/**
 * The embedded store: one SQLite file, WAL mode. Indexed columns mirror the Cosmos composite
 * indexes (docs/data-design.md) so both stores answer the same queries the same way.
 */
export class SqliteSignalStore implements SignalStore {
  private readonly db: DatabaseSync;

  constructor(path: string) {
    // NORMAL in WAL mode: a committed registration survives a crash or kill of the process
    // (bench/durability.ts proves it); only a power loss of the machine may drop the last commits.
    // FULL would flush on every commit and blocked the event loop for ~1/5 of a card action.
    // The embedded store is for one machine; production runs on Cosmos DB.
    this.db = openSqlite(path, 'NORMAL');
    this.statements = new StatementCache(this.db);
  }

  private readonly statements: StatementCache;

  private statement(sql: string) {
    return this.statements.get(sql);
  }

  async init(): Promise<void> {
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS signals (
        id TEXT PRIMARY KEY,
        reference TEXT NOT NULL UNIQUE,
        owner_id TEXT NOT NULL,
        location_id TEXT NOT NULL,
        status TEXT NOT NULL,
        urgency TEXT NOT NULL,
        received_on TEXT NOT NULL,
        retention_from TEXT,
        etag TEXT NOT NULL,
        doc TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS signals_owner ON signals (owner_id, status, urgency, reference);
      CREATE INDEX IF NOT EXISTS signals_location ON signals (location_id, status, urgency, reference);
      CREATE INDEX IF NOT EXISTS signals_due ON signals (status, urgency, reference);
      CREATE INDEX IF NOT EXISTS signals_received ON signals (received_on, reference);
      CREATE INDEX IF NOT EXISTS signals_retention ON signals (retention_from) WHERE retention_from IS NOT NULL;
      CREATE TABLE IF NOT EXISTS reference_counters (year INTEGER PRIMARY KEY, last INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS readiness (id INTEGER PRIMARY KEY, at TEXT NOT NULL);
    `);
  }

  async ping(): Promise<void> {
    // A real write: in WAL mode reads keep working while the disk is full or another process
    // holds the write lock, and then this instance cannot take a registration.
    this.statement(`INSERT INTO readiness (id, at) VALUES (1, @at) ON CONFLICT(id) DO UPDATE SET at = excluded.at`).run(
      { at: new Date().toISOString() },
    );
  }

  async allocateReference(year: number): Promise<string> {
    const next = this.statement(
      `INSERT INTO reference_counters (year, last) VALUES (?, 1)
         ON CONFLICT(year) DO UPDATE SET last = last + 1 RETURNING last`,
    ).get(year) as { last: number };
    return formatReference(year, next.last);
  }

  async create(signal: Signal): Promise<{ stored: Versioned<Signal>; created: boolean }> {
    const etag = randomUUID();
    // One transaction: a reference already held by another signal is refused explicitly, an id
    // already stored is the re-sent submit of that signal.
    const result = immediate(this.db, () => {
      const holder = this.statement('SELECT id FROM signals WHERE reference = ?').get(signal.reference) as
        { id: string } | undefined;
      if (holder && holder.id !== signal.id) throw new Error(`reference ${signal.reference} belongs to another signal`);
      return this.statement(
        `INSERT INTO signals (id, reference, owner_id, location_id, status, urgency, received_on, retention_from, etag, doc)
           VALUES (@id, @reference, @ownerId, @locationId, @status, @urgency, @receivedOn, @retentionFrom, @etag, @doc)
           ON CONFLICT(id) DO NOTHING`,
      ).run({ ...columns(signal), etag, doc: JSON.stringify(signal) });
    });
    if (result.changes === 1) return { stored: { value: signal, etag }, created: true };
    const existing = await this.get(signal.id);
    if (!existing) throw new Error(`signal ${signal.id} neither created nor found`);
    return { stored: existing, created: false };
  }

  async get(id: string): Promise<Versioned<Signal> | undefined> {
    return toVersioned(this.statement('SELECT id, etag, doc FROM signals WHERE id = ?').get(id) as Row | undefined);
  }

  async getByReference(reference: string): Promise<Versioned<Signal> | undefined> {
    return toVersioned(
      this.statement('SELECT id, etag, doc FROM signals WHERE reference = ?').get(reference) as Row | undefined,
    );
  }

  async replace(signal: Signal, etag: string): Promise<Versioned<Signal>> {
    const next = randomUUID();
    const result = this.statement(
      `UPDATE signals SET owner_id = @ownerId, location_id = @locationId, status = @status, urgency = @urgency,
           received_on = @receivedOn, retention_from = @retentionFrom, reference = @reference, etag = @next, doc = @doc
         WHERE id = @id AND etag = @etag`,
    ).run({ ...columns(signal), etag, next, doc: JSON.stringify(signal) });
    if (result.changes !== 1) throw new ConcurrencyError(signal.id);
    return { value: signal, etag: next };
  }

  async listByOwner(ownerId: string, options: ListOptions = {}): Promise<SignalPage> {
    return this.page('owner_id = @ownerId', { ownerId }, options);
  }

  async listByLocations(locationIds: readonly string[], options: ListOptions = {}): Promise<SignalPage> {
    if (locationIds.length === 0) return { items: [] };
    const names = locationIds.map((_, index) => `@location${index}`);
    const params = Object.fromEntries(locationIds.map((id, index) => [`location${index}`, id]));
    return this.page(`location_id IN (${names.join(', ')})`, params, options);
  }

  async listDue(before: string, options: ListOptions = {}): Promise<SignalPage> {
    return this.page('urgency <= @before', { before }, { ...options, status: 'open' });
  }

  /**
   * Keyset pages on (received_on, reference) rather than one open cursor: a cursor held across a
   * `yield` keeps the connection busy, so a consumer that writes mid-stream would fail.
   */
  async listRetentionDue(closedBefore: string, limit: number): Promise<Signal[]> {
    const rows = this.statement(
      'SELECT doc FROM signals WHERE retention_from IS NOT NULL AND retention_from < ? ORDER BY retention_from LIMIT ?',
    ).all(closedBefore, Math.max(1, Math.min(Math.floor(limit), 1000))) as { doc: string }[];
    return rows.map((row) => JSON.parse(row.doc) as Signal);
  }

  async *streamYear(year: number): AsyncIterable<Signal> {
    const statement = this.statement(
      `SELECT doc, received_on, reference FROM signals
       WHERE received_on >= @from AND received_on < @to
         AND (received_on > @afterReceived OR (received_on = @afterReceived AND reference > @afterReference))
       ORDER BY received_on, reference LIMIT @take`,
    );
    let after = { afterReceived: '', afterReference: '' };
    for (;;) {
      const rows = statement.all({
        from: `${year}-01-01`,
        to: `${year + 1}-01-01`,
        ...after,
        take: STREAM_PAGE_SIZE,
      }) as { doc: string; received_on: string; reference: string }[];
      for (const row of rows) yield JSON.parse(row.doc) as Signal;
      const last = rows[rows.length - 1];
      if (!last || rows.length < STREAM_PAGE_SIZE) return;
      after = { afterReceived: last.received_on, afterReference: last.reference };
    }
  }

  async close(): Promise<void> {
    // A second close (shutdown after a failed start) is harmless; node:sqlite would throw.
    if (this.db.isOpen) this.db.close();
  }

  /** Keyset paging on (urgency, reference): stable under inserts, cost independent of the page number. */
  private page(where: string, params: Record<string, unknown>, options: ListOptions): SignalPage {
    const limit = pageSize(options.limit);
    const after = decodeContinuation(options.continuation);
    const clauses = [where];
    if (options.status) clauses.push('status = @status');
    if (after) clauses.push('(urgency > @afterUrgency OR (urgency = @afterUrgency AND reference > @afterReference))');
    const rows = this.statement(
      `SELECT doc FROM signals WHERE ${clauses.join(' AND ')} ORDER BY urgency, reference LIMIT @take`,
    ).all({
      ...params,
      ...(options.status ? { status: options.status } : {}),
      ...(after ? { afterUrgency: after.urgency, afterReference: after.reference } : {}),
      take: limit + 1,
    }) as { doc: string }[];
    const items = rows.slice(0, limit).map((row) => JSON.parse(row.doc) as Signal);
    const last = items[items.length - 1];
    return rows.length > limit && last
      ? { items, continuation: encodeContinuation({ urgency: urgencyOf(last), reference: last.reference }) }
      : { items };
  }
}

function urgencyOf(signal: Signal): string {
  return signal.nextDeadline ?? NO_DEADLINE;
}

function columns(signal: Signal) {
  return {
    id: signal.id,
    reference: signal.reference,
    ownerId: signal.owner.id,
    locationId: signal.locationId,
    status: signal.status,
    urgency: urgencyOf(signal),
    receivedOn: signal.receivedOn,
    // Set while a closed signal still holds personal data: the retention job's index.
    retentionFrom:
      signal.status === 'closed' && signal.closedAt && signal.parent !== null && !signal.anonymisedAt
        ? signal.closedAt
        : null,
  };
}

function toVersioned(row: Row | undefined): Versioned<Signal> | undefined {
  return row ? { value: JSON.parse(row.doc) as Signal, etag: row.etag } : undefined;
}
