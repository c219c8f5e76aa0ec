/**
 * A tiny run of `npm run bench` (bench/run.ts --smoke: 1 connection, 1 s per run, 1,000 signals,
 * a 500-signal analysis, the bot through tsx): checks that every section produces numbers. No timing
 * thresholds — the full bench and docs/performance.md are for those.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BenchResults } from '../bench/run';

const ROOT = resolve(__dirname, '..');

jest.setTimeout(240_000);

let results: BenchResults;
let report: string;
let directory: string;

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'klantsignaal-bench-smoke-'));
  const json = join(directory, 'results.json');
  const out = join(directory, 'performance.md');
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'bench/run.ts'), '--smoke', '--json', json, '--out', out],
    {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-8000)));
  const code = await new Promise<number | null>((done) => child.once('exit', (exitCode) => done(exitCode)));
  if (code !== 0) throw new Error(`bench --smoke exited with ${code}:\n${stderr}`);
  results = JSON.parse(readFileSync(json, 'utf8')) as BenchResults;
  report = readFileSync(out, 'utf8');
});

afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

const positive = (value: number | undefined) => typeof value === 'number' && Number.isFinite(value) && value > 0;

test('bot turns: every scenario and its echo baseline answered, with latencies, a ratio and the RSS', () => {
  expect(results.turns.rows.map((row) => row.scenario)).toEqual(['help', 'status', 'intake', 'escalate']);
  for (const row of results.turns.rows) {
    expect(row.ours.ok).toBeGreaterThan(0);
    expect(row.ours.failed).toBe(0);
    expect(row.echo.ok).toBeGreaterThan(0);
    for (const value of [row.ours.turnsPerSecond, row.ours.p50, row.ours.p95, row.ours.p99, row.ratio])
      expect(positive(value)).toBe(true);
  }
  expect(positive(results.turns.peakRssMb)).toBe(true);
});

test('deadline sweep: listDue finds exactly the due signals and is timed', () => {
  const [sweep] = results.sweep;
  expect(sweep?.stored).toBe(1000);
  expect(sweep?.listed).toBe(sweep?.due);
  expect(positive(sweep?.queryMedianMs)).toBe(true);
  expect(sweep?.plan).toContain('signals_due');
});

test('yearly analysis, cosmos requests and start-up produce numbers', () => {
  expect(results.analysis[0]?.signals).toBe(500);
  expect(positive(results.analysis[0]?.totalMs)).toBe(true);
  expect(results.cosmosError).toBeUndefined();
  expect(positive(results.cosmos?.command.requests)).toBe(true);
  expect(positive(results.cosmos?.cardAction.requests)).toBe(true);
  expect(positive(results.startup[0]?.ms)).toBe(true);
});

test('the Overzicht tab API is timed for three roles', () => {
  expect(results.tab[0]?.stored).toBe(1000);
  expect(results.tab[0]?.warm.map((timing) => timing.role)).toEqual(['staf kwaliteit', 'locatiemanager', 'medewerker']);
  for (const timing of results.tab[0]?.warm ?? []) expect(positive(timing.p95Ms)).toBe(true);
});

test('the report has every section and the machine', () => {
  for (const heading of [
    '## 1. Bot turns',
    '## 2. Deadline sweep',
    '## 3. Yearly analysis',
    '## 4. Cosmos',
    '## 5. Start-up',
    '## 6. Overzicht tab API',
  ]) {
    expect(report).toContain(heading);
  }
  expect(report).toMatch(/Machine: .+ cores, .+ GB RAM, Node v\d+/);
});
