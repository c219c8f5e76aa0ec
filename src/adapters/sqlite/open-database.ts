import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';

export type { DatabaseSync, StatementSync };

/** How long a connection waits for another connection's write lock before it gives up. */
const BUSY_TIMEOUT_MS = 5000;

/** SQLite's result codes for "this is not (or no longer) a database": SQLITE_CORRUPT, SQLITE_NOTADB. */
const CORRUPT_CODES = new Set([11, 26]);

/** The store file cannot be used at start: damaged, or it cannot be opened or written. */
export class StoreFileError extends Error {
  constructor(
    readonly path: string,
    readonly problem: 'corrupt' | 'unwritable',
    readonly reason: string,
  ) {
    super(`SQLite store ${path}: ${problem} (${reason})`);
    this.name = 'StoreFileError';
  }
}

/**
 * Opens the embedded SQLite file the way every embedded store does: folder created, WAL (readers
 * never block the writer), a busy timeout for the other connections to the same file, and the
 * flush level the caller's data needs (docs/adr/0005-embedded-store-durability.md). A file that
 * cannot be used throws StoreFileError, which the start turns into a message naming the file.
 */
export function openSqlite(path: string, synchronous: 'FULL' | 'NORMAL'): DatabaseSync {
  let db: DatabaseSync | undefined;
  try {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    db = new DatabaseSync(path, { timeout: BUSY_TIMEOUT_MS });
    // The first statements read the header and write the journal mode: a damaged or read-only file fails here.
    db.exec('PRAGMA journal_mode = WAL');
    db.exec(`PRAGMA synchronous = ${synchronous}`);
    return db;
  } catch (error) {
    if (db?.isOpen) db.close();
    throw storeFileError(path, error);
  }
}

function storeFileError(path: string, error: unknown): StoreFileError {
  const code = typeof error === 'object' && error !== null && 'errcode' in error ? error.errcode : undefined;
  const reason = error instanceof Error ? error.message : String(error);
  return new StoreFileError(
    path,
    typeof code === 'number' && CORRUPT_CODES.has(code) ? 'corrupt' : 'unwritable',
    reason,
  );
}

/**
 * Runs `work` in one write transaction taken at the start (BEGIN IMMEDIATE): a read-then-write
 * inside cannot be overtaken by another connection, and a thrown error rolls everything back.
 * `work` must be synchronous: the transaction is this connection's, not this call's.
 */
export function immediate<T>(db: DatabaseSync, work: () => T): T {
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = work();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    if (db.isTransaction) db.exec('ROLLBACK');
    throw error;
  }
}

/** Prepared once per SQL text on one connection: preparing on every call costs measurably per turn. */
export class StatementCache {
  private readonly statements = new Map<string, StatementSync>();

  constructor(private readonly db: DatabaseSync) {}

  get(sql: string): StatementSync {
    let prepared = this.statements.get(sql);
    if (!prepared) {
      prepared = this.db.prepare(sql);
      this.statements.set(sql, prepared);
    }
    return prepared;
  }
}
