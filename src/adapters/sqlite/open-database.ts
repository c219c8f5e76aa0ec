import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Opens the embedded SQLite file the way every embedded store does: folder created, WAL (readers
 * never block the writer), a busy timeout for the other connections to the same file, and the
 * flush level the caller's data needs (docs/adr/0005-embedded-store-durability.md).
 */
export function openSqlite(path: string, synchronous: 'FULL' | 'NORMAL'): Database.Database {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous}`);
  db.pragma('busy_timeout = 5000');
  return db;
}
