/**
 * /readyz says ready only when the store takes a write: reads alone keep working in WAL mode while
 * every write fails (disk full, the file locked by another process), and such an instance must leave
 * the load balancer. Here another connection holds SQLite's write lock, as a stuck process would.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import pino from 'pino';
import { startApp, type RunningApp } from '../../src/server';
import { SAMPLE_ORGANISATION } from '../support/services';

describe('/readyz on the embedded store', () => {
  let app: RunningApp;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'klantsignaal-ready-'));
    app = await startApp({
      env: {},
      settings: { PORT: '0', DATA_DIR: dataDir, ORGANISATION_FILE: SAMPLE_ORGANISATION, STORE: 'sqlite' },
      logger: pino({ level: 'silent' }),
    });
  });

  afterAll(async () => {
    await app.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers 503 while no write can get through, and 200 again once one can', async () => {
    expect((await fetch(`${app.url}/readyz`)).status).toBe(200);
    const other = new DatabaseSync(join(dataDir, 'klantsignaal.sqlite'));
    other.exec('BEGIN IMMEDIATE');
    try {
      const blocked = await fetch(`${app.url}/readyz`);
      expect(blocked.status).toBe(503);
      expect(await blocked.json()).toEqual({ status: 'unavailable', store: 'sqlite' });
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect((await fetch(`${app.url}/readyz`)).status).toBe(200);
  }, 20_000);
});
