import { openSqlite, type DatabaseSync } from './open-database';
import {
  ACCESS_ACTIONS,
  type AccessAction,
  type AccessLog,
  type AccessLogEntry,
  type AccessLogFilter,
} from '../../app/access';

interface Row {
  person_id: string;
  signal_id: string;
  reference: string;
  action: string;
  at: string;
}

/**
 * The access log of the embedded default: its own table, in the same SQLite file as the signals
 * (a second connection; WAL lets both write).
 */
export class SqliteAccessLog implements AccessLog {
  private readonly db: DatabaseSync;

  constructor(path: string) {
    // Written on every read of a signal: NORMAL survives a killed process without a flush per entry.
    this.db = openSqlite(path, 'NORMAL');
  }

  async init(): Promise<void> {
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS access_log (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        person_id TEXT NOT NULL,
        signal_id TEXT NOT NULL,
        reference TEXT NOT NULL,
        action TEXT NOT NULL,
        at TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS access_log_signal ON access_log (signal_id, at);
      CREATE INDEX IF NOT EXISTS access_log_person ON access_log (person_id, at);
    `);
  }

  async record(entry: AccessLogEntry): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO access_log (person_id, signal_id, reference, action, at)
         VALUES (@personId, @signalId, @reference, @action, @at)`,
      )
      .run({
        personId: entry.personId,
        signalId: entry.signalId,
        reference: entry.reference,
        action: entry.action,
        at: entry.at,
      });
  }

  async list(filter: AccessLogFilter): Promise<AccessLogEntry[]> {
    const clauses: string[] = [];
    if (filter.signalId !== undefined) clauses.push('signal_id = @signalId');
    if (filter.personId !== undefined) clauses.push('person_id = @personId');
    const where = clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '';
    const rows = this.db
      .prepare(`SELECT person_id, signal_id, reference, action, at FROM access_log ${where} ORDER BY at, seq`)
      .all({
        ...(filter.signalId !== undefined ? { signalId: filter.signalId } : {}),
        ...(filter.personId !== undefined ? { personId: filter.personId } : {}),
      }) as unknown as Row[];
    return rows.map((row) => ({
      personId: row.person_id,
      signalId: row.signal_id,
      reference: row.reference,
      action: toAction(row.action),
      at: row.at,
    }));
  }

  async close(): Promise<void> {
    // A second close (shutdown after a failed start) is harmless; node:sqlite would throw.
    if (this.db.isOpen) this.db.close();
  }
}

function toAction(value: string): AccessAction {
  const known = ACCESS_ACTIONS.find((action) => action === value);
  if (!known) throw new Error(`unknown access action "${value}" in the access log`);
  return known;
}
