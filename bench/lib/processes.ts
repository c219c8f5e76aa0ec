/**
 * Child processes of the bench: the bot under test, the echo baseline and the fake connector each
 * run in their own process, so the bot's RSS is its own and a crash cannot take the bench down.
 * Every child is registered here and killed on the way out (normal end, error or Ctrl-C).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

export const ROOT = resolve(__dirname, '..', '..');

const children = new Set<ChildProcess>();

function killAll(): void {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) child.kill('SIGKILL');
  }
  children.clear();
}

process.once('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    killAll();
    process.exit(130);
  });
}

export async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

export interface Child {
  process: ChildProcess;
  pid: number;
  /** Wall-clock ms (performance.now()) when spawn() returned. */
  spawnedAt: number;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves when the process is gone. */
  stop(graceMs?: number): Promise<void>;
  /** Collected stderr (the last 8 KB), for error messages. */
  stderr(): string;
}

/**
 * Runs a TypeScript file (relative to the root) in one node process — compiled, or with tsx as an
 * in-process loader — so there is no wrapper process between the bench and the code it measures.
 */
export function spawnTs(runtime: Runtime, file: string, env: Record<string, string>, nodeArgs: string[] = []): Child {
  return spawnNode(runtime.args(file, nodeArgs), env);
}

export function spawnNode(args: string[], env: Record<string, string>): Child {
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const spawnedAt = performance.now();
  children.add(child);
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    errors = (errors + chunk.toString('utf8')).slice(-8192);
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  child.once('exit', () => children.delete(child));
  if (child.pid === undefined) throw new Error(`could not start ${args.join(' ')}`);
  return {
    process: child,
    pid: child.pid,
    spawnedAt,
    stderr: () => errors,
    async stop(graceMs = 5000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Polls `url` until it answers 200; throws with the child's stderr when it dies or times out. */
export async function waitForHttp(url: string, child: Child, timeoutMs = 60_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    if (child.process.exitCode !== null) {
      throw new Error(
        `process ${child.pid} exited (${child.process.exitCode}) before ${url} answered:\n${child.stderr()}`,
      );
    }
    try {
      const response = await fetch(url);
      await response.arrayBuffer();
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    if (performance.now() > deadline)
      throw new Error(`${url} did not answer within ${timeoutMs} ms:\n${child.stderr()}`);
    await new Promise((done) => setTimeout(done, 25));
  }
}

/** VmRSS and VmHWM (peak RSS) of a process in MB, from /proc (Linux). */
export function memoryOf(pid: number): { rssMb: number; peakMb: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) / 1024;
    return { rssMb: field('VmRSS'), peakMb: field('VmHWM') };
  } catch {
    return undefined;
  }
}

/** Samples a child's RSS every `everyMs` until stopped; `peakMb` also takes the kernel's VmHWM. */
export class RssSampler {
  private maxRss = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly pid: number,
    private readonly everyMs = 200,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.sample(), this.everyMs);
    this.timer.unref();
  }

  sample(): void {
    const memory = memoryOf(this.pid);
    if (memory && memory.rssMb > this.maxRss) this.maxRss = memory.rssMb;
  }

  /** The highest RSS seen so far and the kernel's high-water mark. */
  peaks(): { sampledMb: number; hwmMb: number } {
    this.sample();
    return { sampledMb: this.maxRss, hwmMb: memoryOf(this.pid)?.peakMb ?? this.maxRss };
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }
}

/**
 * How the bench runs TypeScript children: `compiled` (tsc output, as `npm run start:bot` runs the
 * bot in production) or `tsx` (`node --import tsx`, no build step; the smoke test uses it).
 */
export interface Runtime {
  kind: 'compiled' | 'tsx';
  /** node arguments that run `file` (a .ts path relative to the repository root). */
  args(file: string, nodeArgs?: string[]): string[];
}

export const BUILD_DIR = resolve(ROOT, 'node_modules/.cache/klantsignaal-bench/dist');

export const tsxRuntime: Runtime = {
  kind: 'tsx',
  args: (file, nodeArgs = []) => [...nodeArgs, '--import', 'tsx', resolve(ROOT, file)],
};

export const compiledRuntime: Runtime = {
  kind: 'compiled',
  args: (file, nodeArgs = []) => [...nodeArgs, resolve(BUILD_DIR, file.replace(/\.ts$/, '.js'))],
};

/**
 * Compiles the bot and the bench's children with the repository's tsc (no type check: that is
 * `npm run typecheck`'s job) into node_modules/.cache, inside the tree so node_modules resolves.
 */
export async function buildCompiled(): Promise<number> {
  const started = performance.now();
  const tsc = resolve(ROOT, 'node_modules/typescript/bin/tsc');
  const child = spawnNode(
    [tsc, '-p', resolve(ROOT, 'bench/tsconfig.bench.json'), '--noCheck', '--outDir', BUILD_DIR],
    {},
  );
  const code = await new Promise<number | null>((done) => child.process.once('exit', (exitCode) => done(exitCode)));
  if (code !== 0) throw new Error(`tsc failed (${code}):\n${child.stderr()}`);
  return performance.now() - started;
}
