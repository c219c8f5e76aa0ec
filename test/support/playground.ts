/**
 * The real bot (startApp on a free port, temp data dir) plus Microsoft 365 Agents Playground pointed
 * at it, as `npm start` runs them. `stop()` ends both: the Playground's whole process group, then the bot.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pino from 'pino';
import { startApp, type RunningApp } from '../../src/server';
import { SAMPLE_ORGANISATION } from './services';

const ROOT = resolve(__dirname, '../..');
const PLAYGROUND_CLI = require.resolve('@microsoft/m365agentsplayground/cli.js');
const PLAYGROUND_CONFIG = resolve(ROOT, 'config/playground.yml');

export interface RunningPlayground {
  /** The Playground's UI, e.g. http://127.0.0.1:41234 */
  url: string;
  app: RunningApp;
  /** The bot's temp DATA_DIR; the embedded default's outbox is `<dataDir>/outbox` (removed by stop()). */
  dataDir: string;
  /** What the Playground printed so far (stdout and stderr), for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

/** A port nobody listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.unref();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => done(port));
    });
  });
}

async function waitUntilAnswers(
  url: string,
  child: ChildProcess,
  output: () => string,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `the Playground stopped (exit ${child.exitCode ?? child.signalCode}) before answering:\n${output()}`,
      );
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1_000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error(`the Playground did not answer at ${url} within ${timeoutMs / 1000} s:\n${output()}`);
}

/** Signals the child's whole process group; SIGKILL if it does not exit within `graceMs`. */
async function killGroup(child: ChildProcess, graceMs = 3_000): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-(child.pid as number), name);
    } catch {
      // the group is already gone
    }
  };
  signal('SIGTERM');
  const timer = setTimeout(() => signal('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
  // Anything the CLI started that outlived it.
  signal('SIGKILL');
}

export interface PlaygroundOptions {
  startTimeoutMs?: number;
  /** Extra bot environment (e.g. the demo data and a short reminder sweep interval). */
  env?: Record<string, string>;
}

export async function startPlayground(options: PlaygroundOptions = {}): Promise<RunningPlayground> {
  const dataDir = mkdtempSync(join(tmpdir(), 'klantsignaal-e2e-data-'));
  const workDir = mkdtempSync(join(tmpdir(), 'klantsignaal-e2e-playground-'));
  const cleanDirs = () => {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(workDir, { recursive: true, force: true });
  };

  let app: RunningApp;
  try {
    app = await startApp({
      env: { ...options.env },
      settings: {
        PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        ORGANISATION_FILE: SAMPLE_ORGANISATION,
        LOG_LEVEL: 'silent',
      },
      logger: pino({ level: process.env.E2E_BOT_LOG ?? 'silent' }),
    });
  } catch (error) {
    cleanDirs();
    throw error;
  }

  const port = await freePort();
  let printed = '';
  const child = spawn(
    process.execPath,
    [PLAYGROUND_CLI, '-e', `${app.url}/api/messages`, '-c', 'msteams', '-p', String(port), '--disable-telemetry'],
    {
      // Its devTools/ log lands in the temp dir, not in the repo.
      cwd: workDir,
      env: {
        ...process.env,
        TEAMSAPPTESTER_BROWSER: 'none',
        M365_AGENTS_PLAYGROUND_CONFIG_PATH: PLAYGROUND_CONFIG,
      },
      // Its own process group, so stop() can end everything it starts.
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const collect = (chunk: Buffer) => {
    printed = (printed + chunk.toString('utf8')).slice(-20_000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const output = () => printed;

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    try {
      await killGroup(child);
    } finally {
      child.stdout?.destroy();
      child.stderr?.destroy();
      await app.stop();
      cleanDirs();
    }
  };

  const url = `http://127.0.0.1:${port}`;
  try {
    await waitUntilAnswers(url, child, output, options.startTimeoutMs ?? 30_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, app, dataDir, output, stop };
}
