import { immediate, openSqlite, type DatabaseSync } from './open-database';
import { randomUUID } from 'node:crypto';
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

interface ConversationRow {
  key: string;
  reference: string | null;
  updated_at: string;
  unreachable_since: string | null;
  unreachable_reason: string | null;
}

interface DeliveryRow {
  id: string;
  state: DeliveryState;
  holder: string;
  claimed_at: string;
  attempts: number;
  sent_at: string | null;
  via: DeliveryChannel | null;
  detail: string | null;
}

interface LeaseRow {
  name: string;
  holder: string;
  expires_at: string;
  etag: string;
}

/**
 * Reminder bookkeeping in the embedded SQLite file (its own connection, WAL, so several processes
 * on one file behave like several bot instances). Claims are INSERT .. ON CONFLICT DO NOTHING and
 * the lease is a conditional UPDATE on its etag: both atomic across connections.
 */
export class SqliteReminderStore implements ReminderStore {
  private readonly db: DatabaseSync;

  /**
   * `synchronous`: FULL (default) makes every record survive a power loss too: a lost "sent"
   * record would mean a second reminder. NORMAL (WAL) survives process crashes, not power loss;
   * tests that sweep a thousand times use it to save the fsyncs.
   */
  constructor(path: string, options: { synchronous?: 'FULL' | 'NORMAL' } = {}) {
    this.db = openSqlite(path, options.synchronous === 'NORMAL' ? 'NORMAL' : 'FULL');
  }

  async init(): Promise<void> {
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS reminder_conversations (
        key TEXT PRIMARY KEY,
        reference TEXT,
        updated_at TEXT NOT NULL,
        unreachable_since TEXT,
        unreachable_reason TEXT
      );
      CREATE TABLE IF NOT EXISTS reminder_deliveries (
        id TEXT PRIMARY KEY,
        state TEXT NOT NULL,
        holder TEXT NOT NULL,
        claimed_at TEXT NOT NULL,
        attempts INTEGER NOT NULL,
        sent_at TEXT,
        via TEXT,
        detail TEXT
      );
      CREATE INDEX IF NOT EXISTS reminder_deliveries_state ON reminder_deliveries (state, claimed_at);
      CREATE TABLE IF NOT EXISTS reminder_leases (
        name TEXT PRIMARY KEY,
        holder TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        etag TEXT NOT NULL
      );
      CREATE TABLE IF NOT EXISTS reminder_watches (signal_id TEXT PRIMARY KEY, next_at TEXT NOT NULL);
      CREATE INDEX IF NOT EXISTS reminder_watches_next ON reminder_watches (next_at);
    `);
  }

  async close(): Promise<void> {
    // A second close (shutdown after a failed start) is harmless; node:sqlite would throw.
    if (this.db.isOpen) this.db.close();
  }

  // ---- conversation references ----

  async saveReference(key: ConversationKey, reference: JsonObject, at: Date): Promise<SaveResult> {
    const json = JSON.stringify(reference);
    return immediate(this.db, (): SaveResult => {
      const row = this.conversationRow(key);
      if (row && row.reference === json && !row.unreachable_since) return 'unchanged';
      this.db
        .prepare(
          `INSERT INTO reminder_conversations (key, reference, updated_at, unreachable_since, unreachable_reason)
             VALUES (?, ?, ?, NULL, NULL)
             ON CONFLICT(key) DO UPDATE SET reference = excluded.reference, updated_at = excluded.updated_at,
               unreachable_since = NULL, unreachable_reason = NULL`,
        )
        .run(key, json, at.toISOString());
      return row ? 'updated' : 'created';
    });
  }

  async getReference(key: ConversationKey): Promise<StoredConversation | undefined> {
    const row = this.conversationRow(key);
    if (!row) return undefined;
    return {
      key,
      reference: row.reference === null ? null : (JSON.parse(row.reference) as JsonObject),
      updatedAt: row.updated_at,
      ...(row.unreachable_since ? { unreachableSince: row.unreachable_since } : {}),
      ...(row.unreachable_reason ? { unreachableReason: row.unreachable_reason as 'notInRoster' | 'noReference' } : {}),
    };
  }

  async markUnreachable(key: ConversationKey, reason: 'notInRoster' | 'noReference', at: Date): Promise<string> {
    return immediate(this.db, (): string => {
      const row = this.conversationRow(key);
      if (row?.unreachable_since) return row.unreachable_since;
      const since = at.toISOString();
      this.db
        .prepare(
          `INSERT INTO reminder_conversations (key, reference, updated_at, unreachable_since, unreachable_reason)
             VALUES (?, NULL, ?, ?, ?)
             ON CONFLICT(key) DO UPDATE SET unreachable_since = excluded.unreachable_since,
               unreachable_reason = excluded.unreachable_reason, updated_at = excluded.updated_at`,
        )
        .run(key, since, since, reason);
      return since;
    });
  }

  private conversationRow(key: string): ConversationRow | undefined {
    return this.db.prepare('SELECT * FROM reminder_conversations WHERE key = ?').get(key) as
      ConversationRow | undefined;
  }

  // ---- delivery ledger ----

  async claim(id: string, holder: string, at: Date, maxAttempts: number): Promise<boolean> {
    const claimedAt = at.toISOString();
    const created = this.db
      .prepare(
        `INSERT INTO reminder_deliveries (id, state, holder, claimed_at, attempts) VALUES (?, 'claimed', ?, ?, 0)
         ON CONFLICT(id) DO NOTHING`,
      )
      .run(id, holder, claimedAt);
    if (created.changes === 1) return true;
    // A delivery the connector refused earlier may be claimed again, by exactly one claimant.
    const retaken = this.db
      .prepare(
        `UPDATE reminder_deliveries SET state = 'claimed', holder = ?, claimed_at = ?
         WHERE id = ? AND state = 'retry' AND attempts < ?`,
      )
      .run(holder, claimedAt, id, maxAttempts);
    return retaken.changes === 1;
  }

  async markSent(id: string, holder: string, at: Date, via: DeliveryChannel, detail?: string): Promise<void> {
    this.db
      .prepare(
        `UPDATE reminder_deliveries SET state = 'sent', holder = ?, sent_at = ?, via = ?, detail = ? WHERE id = ?`,
      )
      .run(holder, at.toISOString(), via, detail ?? null, id);
  }

  async markRefused(
    id: string,
    holder: string,
    _at: Date,
    maxAttempts: number,
    detail: string,
  ): Promise<DeliveryState> {
    const row = this.db
      .prepare(
        `UPDATE reminder_deliveries
         SET attempts = attempts + 1, detail = @detail,
             state = CASE WHEN attempts + 1 >= @max THEN 'failed' ELSE 'retry' END
         WHERE id = @id AND holder = @holder AND state = 'claimed'
         RETURNING state`,
      )
      .get({ id, holder, detail: detail.slice(0, 500), max: maxAttempts }) as { state: DeliveryState } | undefined;
    if (row) return row.state;
    // Not our claim (any more): left as it is, its state returned. Never claimed: nothing was
    // delivered and nothing is recorded, so it may be tried again ('retry'), as in Cosmos DB.
    const current = this.db.prepare(`SELECT state FROM reminder_deliveries WHERE id = ?`).get(id) as
      { state: DeliveryState } | undefined;
    return current?.state ?? 'retry';
  }

  async getDeliveries(ids: readonly string[]): Promise<Map<string, DeliveryRecord>> {
    const found = new Map<string, DeliveryRecord>();
    if (ids.length === 0) return found;
    const rows = this.db
      .prepare(`SELECT * FROM reminder_deliveries WHERE id IN (SELECT value FROM json_each(?))`)
      .all(JSON.stringify(ids)) as unknown as DeliveryRow[];
    for (const row of rows) found.set(row.id, toRecord(row));
    return found;
  }

  async listStaleClaims(before: string, limit: number): Promise<DeliveryRecord[]> {
    const rows = this.db
      .prepare(
        `SELECT * FROM reminder_deliveries WHERE state = 'claimed' AND claimed_at < ? ORDER BY claimed_at LIMIT ?`,
      )
      .all(before, limit) as unknown as DeliveryRow[];
    return rows.map(toRecord);
  }

  async markUnconfirmed(id: string, at: Date): Promise<void> {
    this.db
      .prepare(`UPDATE reminder_deliveries SET state = 'unconfirmed', detail = ? WHERE id = ? AND state = 'claimed'`)
      .run(`unconfirmed at ${at.toISOString()}`, id);
  }

  // ---- lease ----

  async tryAcquireLease(name: string, holder: string, ttlMs: number, now: Date): Promise<Lease | undefined> {
    const expiresAt = new Date(now.getTime() + ttlMs).toISOString();
    const etag = randomUUID();
    return immediate(this.db, (): Lease | undefined => {
      const row = this.db.prepare('SELECT * FROM reminder_leases WHERE name = ?').get(name) as LeaseRow | undefined;
      if (!row) {
        const created = this.db
          .prepare(
            'INSERT INTO reminder_leases (name, holder, expires_at, etag) VALUES (?, ?, ?, ?) ON CONFLICT(name) DO NOTHING',
          )
          .run(name, holder, expiresAt, etag);
        return created.changes === 1 ? { name, holder, expiresAt, etag } : undefined;
      }
      if (row.holder !== holder && row.expires_at > now.toISOString()) return undefined;
      const taken = this.db
        .prepare('UPDATE reminder_leases SET holder = ?, expires_at = ?, etag = ? WHERE name = ? AND etag = ?')
        .run(holder, expiresAt, etag, name, row.etag);
      return taken.changes === 1 ? { name, holder, expiresAt, etag } : undefined;
    });
  }

  async renewLease(lease: Lease, ttlMs: number, now: Date): Promise<Lease | undefined> {
    const expiresAt = new Date(now.getTime() + ttlMs).toISOString();
    const etag = randomUUID();
    const renewed = this.db
      .prepare('UPDATE reminder_leases SET expires_at = ?, etag = ? WHERE name = ? AND holder = ? AND etag = ?')
      .run(expiresAt, etag, lease.name, lease.holder, lease.etag);
    return renewed.changes === 1 ? { ...lease, expiresAt, etag } : undefined;
  }

  async releaseLease(lease: Lease): Promise<void> {
    this.db
      .prepare('DELETE FROM reminder_leases WHERE name = ? AND holder = ? AND etag = ?')
      .run(lease.name, lease.holder, lease.etag);
  }

  // ---- measure watch list ----

  async setWatch(signalId: string, nextAt: string | null): Promise<void> {
    if (nextAt === null) {
      this.db.prepare('DELETE FROM reminder_watches WHERE signal_id = ?').run(signalId);
      return;
    }
    this.db
      .prepare(
        `INSERT INTO reminder_watches (signal_id, next_at) VALUES (?, ?)
         ON CONFLICT(signal_id) DO UPDATE SET next_at = excluded.next_at WHERE next_at <> excluded.next_at`,
      )
      .run(signalId, nextAt);
  }

  async listWatches(before: string, limit: number): Promise<WatchEntry[]> {
    const rows = this.db
      .prepare('SELECT signal_id, next_at FROM reminder_watches WHERE next_at <= ? ORDER BY next_at, signal_id LIMIT ?')
      .all(before, limit) as { signal_id: string; next_at: string }[];
    return rows.map((row) => ({ signalId: row.signal_id, nextAt: row.next_at }));
  }
}

function toRecord(row: DeliveryRow): DeliveryRecord {
  return {
    id: row.id,
    state: row.state,
    holder: row.holder,
    claimedAt: row.claimed_at,
    attempts: row.attempts,
    ...(row.sent_at ? { sentAt: row.sent_at } : {}),
    ...(row.via ? { via: row.via } : {}),
    ...(row.detail ? { detail: row.detail } : {}),
  };
}
