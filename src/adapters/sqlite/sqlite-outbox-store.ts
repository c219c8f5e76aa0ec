import { openSqlite, type DatabaseSync } from './open-database';
import { randomUUID } from 'node:crypto';
import { dueAtOf, type NewOutboxItem, type OutboxItem, type OutboxStore } from '../../app/outbox';

interface Row {
  version: string;
  doc: string;
}

/**
 * The outbox of the embedded default: its own table in the signals' SQLite file (a second
 * connection; WAL lets both write). `update` is a compare-and-set on the version column, which is
 * what makes a claim exclusive.
 */
export class SqliteOutboxStore implements OutboxStore {
  private readonly db: DatabaseSync;

  constructor(path: string) {
    // FULL: a lost "sent" mark would send an invitation or letter twice.
    this.db = openSqlite(path, 'FULL');
  }

  async init(): Promise<void> {
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS outbox (
        id TEXT PRIMARY KEY,
        signal_id TEXT NOT NULL,
        created_at TEXT NOT NULL,
        due_at TEXT,
        following INTEGER NOT NULL DEFAULT 0,
        version TEXT NOT NULL,
        doc TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS outbox_signal ON outbox (signal_id, created_at);
      CREATE INDEX IF NOT EXISTS outbox_due ON outbox (due_at) WHERE due_at IS NOT NULL;
      CREATE INDEX IF NOT EXISTS outbox_following ON outbox (following) WHERE following = 1;
    `);
  }

  async add(item: NewOutboxItem): Promise<{ item: OutboxItem; created: boolean }> {
    const stored: OutboxItem = { ...item, version: randomUUID() };
    const result = this.db
      .prepare(
        `INSERT INTO outbox (id, signal_id, created_at, due_at, following, version, doc)
         VALUES (@id, @signalId, @createdAt, @dueAt, @following, @version, @doc)
         ON CONFLICT(id) DO NOTHING`,
      )
      .run(columns(stored));
    if (result.changes === 1) return { item: stored, created: true };
    const existing = await this.get(item.id);
    if (!existing) throw new Error(`outbox item ${item.id} neither added nor found`);
    return { item: existing, created: false };
  }

  async get(id: string): Promise<OutboxItem | undefined> {
    return toItem(this.db.prepare('SELECT version, doc FROM outbox WHERE id = ?').get(id) as Row | undefined);
  }

  async listForSignal(signalId: string): Promise<OutboxItem[]> {
    const rows = this.db
      .prepare('SELECT version, doc FROM outbox WHERE signal_id = ? ORDER BY created_at, rowid')
      .all(signalId) as unknown as Row[];
    return rows.map((row) => toItem(row)!);
  }

  async listDue(nowIso: string, limit: number): Promise<OutboxItem[]> {
    const rows = this.db
      .prepare('SELECT version, doc FROM outbox WHERE due_at IS NOT NULL AND due_at <= ? ORDER BY due_at, id LIMIT ?')
      .all(nowIso, clampLimit(limit)) as unknown as Row[];
    return rows.map((row) => toItem(row)!);
  }

  async listFollowing(limit: number): Promise<OutboxItem[]> {
    const rows = this.db
      .prepare('SELECT version, doc FROM outbox WHERE following = 1 ORDER BY created_at, rowid LIMIT ?')
      .all(clampLimit(limit)) as unknown as Row[];
    return rows.map((row) => toItem(row)!);
  }

  async update(next: OutboxItem): Promise<OutboxItem | undefined> {
    const stored: OutboxItem = { ...next, version: randomUUID() };
    const result = this.db
      .prepare(
        `UPDATE outbox SET due_at = @dueAt, following = @following, version = @version, doc = @doc
         WHERE id = @id AND version = @expected`,
      )
      .run({
        id: stored.id,
        dueAt: dueAtOf(stored) ?? null,
        following: stored.following ? 1 : 0,
        version: stored.version,
        doc: documentOf(stored),
        expected: next.version,
      });
    return result.changes === 1 ? stored : undefined;
  }

  async close(): Promise<void> {
    // A second close (shutdown after a failed start) is harmless; node:sqlite would throw.
    if (this.db.isOpen) this.db.close();
  }
}

function clampLimit(limit: number): number {
  return Math.max(1, Math.min(Math.floor(limit), 1000));
}

function columns(item: OutboxItem) {
  // undefined fields are dropped by JSON, so a cleared field is really gone.
  return {
    id: item.id,
    signalId: item.signalId,
    createdAt: item.createdAt,
    dueAt: dueAtOf(item) ?? null,
    following: item.following ? 1 : 0,
    version: item.version,
    doc: documentOf(item),
  };
}

function documentOf(item: OutboxItem): string {
  return JSON.stringify({ ...item, version: undefined });
}

function toItem(row: Row | undefined): OutboxItem | undefined {
  return row ? { ...(JSON.parse(row.doc) as Omit<OutboxItem, 'version'>), version: row.version } : undefined;
}
