/**
 * The Overzicht tab's API at size (issue 20: ≤ 200 ms for 100,000 stored signals on SQLite): the bot
 * in this process on a fresh SQLite store holding `stored` signals of this year (test/support/tab-data.ts,
 * written through the SignalStore port), then GET /tab/api/overview over HTTP as staf kwaliteit (the whole
 * organisation), a location manager and an employee. The first request builds the year index (streams
 * the year from the store); the repeats answer from it, as every later request does.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { DEMO_PERSON_HEADER } from '../../bot/tab/routes';
import { amsterdamDate } from '../../src/domain/deadlines';
import { startApp } from '../../src/server';
import { PEOPLE, SAMPLE_ORGANISATION } from '../../test/support/services';
import { tabSignals } from '../../test/support/tab-data';

export interface TabTiming {
  role: string;
  medianMs: number;
  p95Ms: number;
  maxMs: number;
  /** Median CPU time of the process per request (server and client side together): less sensitive to a busy machine. */
  cpuMs: number;
  bytes: number;
}

export interface TabMeasurement {
  stored: number;
  seedSeconds: number;
  /** The first request of the year: streams it from the store into the index. */
  coldMs: number;
  warm: TabTiming[];
  rssBeforeMb: number;
  rssAfterMb: number;
}

const SEED_BATCH = 5_000;

const quantile = (sorted: number[], q: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

export async function measureTab(stored: number, repeats: number): Promise<TabMeasurement> {
  const dataDir = mkdtempSync(join(tmpdir(), 'klantsignaal-bench-tab-'));
  const app = await startApp({
    env: { REMINDERS_ENABLED: 'false' },
    settings: { PORT: '0', DATA_DIR: dataDir, ORGANISATION_FILE: SAMPLE_ORGANISATION, LOG_LEVEL: 'silent' },
    logger: pino({ level: 'silent' }),
  });
  try {
    const now = new Date();
    const seedStarted = performance.now();
    // In batches, so the bench process does not hold 100,000 full signals while it measures.
    for (let first = 1; first <= stored; first += SEED_BATCH) {
      const count = Math.min(SEED_BATCH, stored - first + 1);
      const batch = tabSignals({
        count,
        year: now.getFullYear(),
        today: amsterdamDate(now),
        seed: first,
        firstSequence: first,
      });
      for (const signal of batch) await app.services.store.create(signal);
    }
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    const ask = async (personId: string): Promise<{ ms: number; cpuMs: number; bytes: number }> => {
      const started = performance.now();
      const cpu = process.cpuUsage();
      const response = await fetch(`${app.url}/tab/api/overview`, { headers: { [DEMO_PERSON_HEADER]: personId } });
      const body = await response.text();
      if (response.status !== 200) throw new Error(`tab API answered ${response.status}: ${body.slice(0, 200)}`);
      const used = process.cpuUsage(cpu);
      return { ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000, bytes: body.length };
    };
    global.gc?.();
    const rssBeforeMb = process.memoryUsage().rss / 1024 ** 2;
    const coldMs = (await ask(PEOPLE.quality.id)).ms;
    const rssAfterMb = process.memoryUsage().rss / 1024 ** 2;
    const warm: TabTiming[] = [];
    for (const [role, id] of [
      ['staf kwaliteit', PEOPLE.quality.id],
      ['locatiemanager', PEOPLE.locationManager.id],
      ['medewerker', PEOPLE.employee.id],
    ] as const) {
      const times: number[] = [];
      const cpu: number[] = [];
      let bytes = 0;
      for (let i = 0; i < repeats; i += 1) {
        const answer = await ask(id);
        times.push(answer.ms);
        cpu.push(answer.cpuMs);
        bytes = answer.bytes;
      }
      times.sort((a, b) => a - b);
      cpu.sort((a, b) => a - b);
      warm.push({
        role,
        medianMs: quantile(times, 0.5),
        p95Ms: quantile(times, 0.95),
        maxMs: times.at(-1)!,
        cpuMs: quantile(cpu, 0.5),
        bytes,
      });
    }
    return { stored, seedSeconds, coldMs, warm, rssBeforeMb, rssAfterMb };
  } finally {
    await app.stop(1000);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const n1 = (value: number) => value.toFixed(1);

/** The section of docs/performance.md. */
export function renderTab(results: TabMeasurement[], targetMs: number): string[] {
  const lines = [
    '## 6. Overzicht tab API',
    '',
    'bench/lib/tab.ts: the bot in the bench process on a fresh SQLite store with `Stored` signals of this year ' +
      '(test/support/tab-data.ts, written through the SignalStore port), then `GET /tab/api/overview` over HTTP ' +
      '(demo person header; sign-in costs no store work). First = the first request of the year, which streams the year ' +
      'into the year index (src/app/year-index.ts); the repeats answer from the index, as every later request does until ' +
      'it is rebuilt in the background (every 5 minutes). CPU ms: median CPU time of the bench process per request ' +
      '(server and client together), which a busy machine inflates far less than the wall-clock times. ' +
      'RSS: the bench process before and after the first request.',
    '',
    '| Stored | Seed s | First ms | Role | Median ms | p95 ms | Max ms | CPU ms | Answer KB | RSS before → after MB | Target ≤ ' +
      targetMs +
      ' ms (p95) |',
    '|---:|---:|---:|---|---:|---:|---:|---:|---:|---|---|',
  ];
  for (const result of results) {
    for (const [index, timing] of result.warm.entries()) {
      lines.push(
        `| ${index === 0 ? result.stored.toLocaleString('en') : ''} | ${index === 0 ? n1(result.seedSeconds) : ''} | ` +
          `${index === 0 ? result.coldMs.toFixed(0) : ''} | ${timing.role} | ${n1(timing.medianMs)} | ${n1(timing.p95Ms)} | ` +
          `${n1(timing.maxMs)} | ${n1(timing.cpuMs)} | ${n1(timing.bytes / 1024)} | ` +
          `${index === 0 ? `${result.rssBeforeMb.toFixed(0)} → ${result.rssAfterMb.toFixed(0)}` : ''} | ` +
          `${timing.p95Ms <= targetMs ? 'met' : '**NOT met**'} |`,
      );
    }
  }
  lines.push('');
  return lines;
}
