/**
 * The yearly analysis, reusing bench/analysis.ts (owned by the analysis work): its `generate` writes
 * `count` signals of 2026 (+ a tenth in 2025) through the real moves, and its `--measure <db>` mode
 * times produceAnnualAnalysis end to end (stream both years, compute, save, .docx with charts, CSV)
 * in a fresh process and sends the figures back over IPC. Nothing is duplicated here.
 */
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generate } from '../analysis';
import { ROOT } from './processes';

export interface AnalysisMeasurement {
  count: number;
  generateMs: number;
  signals: number;
  previous: number;
  totalMs: number;
  cpuMs: number;
  computeMs: number;
  renderMs: number;
  docxBytes: number;
  csvBytes: number;
  peakRssMb: number;
}

function isMeasurement(value: unknown): value is Omit<AnalysisMeasurement, 'count' | 'generateMs'> {
  if (value === null || typeof value !== 'object') return false;
  const record = value as Record<string, unknown>;
  return ['signals', 'totalMs', 'peakRssMb', 'docxBytes'].every((key) => typeof record[key] === 'number');
}

export async function measureAnalysis(count: number): Promise<AnalysisMeasurement> {
  const directory = mkdtempSync(join(tmpdir(), 'klantsignaal-bench-analysis-'));
  try {
    const path = join(directory, `signals-${count}.db`);
    const started = performance.now();
    await generate(path, count);
    const generateMs = performance.now() - started;
    const message = await new Promise<unknown>((done, fail) => {
      // bench/analysis.ts is only run through tsx (it is not part of the compiled build).
      const child = fork(resolve(ROOT, 'bench/analysis.ts'), ['--measure', path], {
        cwd: ROOT,
        execArgv: ['--import', 'tsx'],
        stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      });
      let stderr = '';
      child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-4000)));
      let received: unknown;
      child.on('message', (value) => (received = value));
      child.once('error', fail);
      child.once('exit', (code) =>
        code === 0 && received !== undefined ? done(received) : fail(new Error(`analysis exited ${code}: ${stderr}`)),
      );
    });
    if (!isMeasurement(message)) throw new Error(`unexpected analysis result: ${JSON.stringify(message)}`);
    return { ...message, count, generateMs };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}
