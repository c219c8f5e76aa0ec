import { openSqlite, type DatabaseSync } from './open-database';
import { randomUUID } from 'node:crypto';
import type { AnnualAnalysis } from '../../domain/analysis-workflow';
import type { AnalysisStore } from '../../app/annual-analysis';
import { ConcurrencyError, type Versioned } from '../../app/ports';

/**
 * The yearly analyses in the embedded SQLite file (may be the same file as the signals: its own
 * table). One row per year; the record is small (aggregate figures, reviews, measures).
 */
export class SqliteAnalysisStore implements AnalysisStore {
  private readonly db: DatabaseSync;

  constructor(path: string) {
    // FULL: an adoption confirmed to an MT member survives even a power loss; writes are rare.
    this.db = openSqlite(path, 'FULL');
  }

  async init(): Promise<void> {
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS annual_analyses (
        year INTEGER PRIMARY KEY,
        status TEXT NOT NULL,
        etag TEXT NOT NULL,
        doc TEXT NOT NULL
      );
    `);
  }

  async get(year: number): Promise<Versioned<AnnualAnalysis> | undefined> {
    const row = this.db.prepare('SELECT etag, doc FROM annual_analyses WHERE year = ?').get(year) as
      { etag: string; doc: string } | undefined;
    return row ? { value: JSON.parse(row.doc) as AnnualAnalysis, etag: row.etag } : undefined;
  }

  async save(analysis: AnnualAnalysis, etag?: string): Promise<Versioned<AnnualAnalysis>> {
    const next = randomUUID();
    const params = { year: analysis.year, status: analysis.status, next, doc: JSON.stringify(analysis) };
    const result =
      etag === undefined
        ? this.db
            .prepare(
              `INSERT INTO annual_analyses (year, status, etag, doc) VALUES (@year, @status, @next, @doc)
               ON CONFLICT(year) DO NOTHING`,
            )
            .run(params)
        : this.db
            .prepare(
              'UPDATE annual_analyses SET status = @status, etag = @next, doc = @doc WHERE year = @year AND etag = @etag',
            )
            .run({ ...params, etag });
    if (result.changes !== 1) throw new ConcurrencyError(analysis.id);
    return { value: analysis, etag: next };
  }

  close(): void {
    // A second close (shutdown after a failed start) is harmless; node:sqlite would throw.
    if (this.db.isOpen) this.db.close();
  }
}
