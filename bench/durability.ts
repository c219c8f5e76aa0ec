/**
 * Issue 11 (4): durability. Starts the real bot as a child process on the embedded store, fires
 * 200 intake registrations at it concurrently over HTTP, kills it with SIGKILL while they are in
 * flight, restarts it on the same DATA_DIR and checks that every registration whose confirmation card
 * reached the client exists, with its history, and is served by the restarted bot.
 *
 *   npx tsx bench/durability.ts [--count 200] [--kill-after 60]
 *
 * `--kill-after N`: SIGKILL once N confirmations have arrived. Exit code 1 when anything confirmed is lost.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SqliteSignalStore } from '../src/adapters/sqlite/sqlite-signal-store';
import { amsterdamDate } from '../src/domain/deadlines';

const ROOT = resolve(__dirname, '..');
const EMPLOYEE = { id: '00000000-0000-0000-0000-0000000000020', name: 'Alex Wilber' };

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

async function freePort(): Promise<number> {
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

function startBot(dataDir: string, port: number): ChildProcess {
  // One process (no tsx CLI wrapper), so SIGKILL hits the bot itself.
  return spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/server.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      ORGANISATION_FILE: join(ROOT, 'config/organisation.sample.json'),
      LOG_LEVEL: 'warn',
      // One client at full speed: the flood guard would (rightly) slow it down.
      FLOOD_BURST: '100000',
      MICROSOFT_APP_ID: '',
      STORE: 'sqlite',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

async function waitUntilReady(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`bot exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/readyz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error('bot did not become ready in 30 s');
}

function activity(url: string, verb: string, data: Record<string, unknown>): string {
  return JSON.stringify({
    type: 'invoke',
    name: 'adaptiveCard/action',
    channelId: 'msteams',
    serviceUrl: url,
    conversation: { id: 'a:durability', conversationType: 'personal' },
    from: { id: `29:${EMPLOYEE.id}`, name: EMPLOYEE.name, aadObjectId: EMPLOYEE.id },
    recipient: { id: '28:klantsignaal', name: 'Klantsignaal' },
    id: randomUUID(),
    value: { action: { type: 'Action.Execute', verb, data } },
  });
}

async function invoke(url: string, verb: string, data: Record<string, unknown>): Promise<string | undefined> {
  const response = await fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: activity(url, verb, data),
  });
  if (response.status !== 200) return undefined;
  return JSON.stringify(await response.json());
}

function intake(intakeId: string, index: number): Record<string, unknown> {
  return {
    intakeId,
    kind: 'complaint',
    locationId: 'zonnebloem',
    themeId: 'communication',
    channel: 'phone',
    receivedOn: amsterdamDate(new Date()),
    parentName: `Ouder ${index}`,
    parentEmail: `ouder${index}@example.nl`,
    parentPhone: '',
    contactPreference: 'meeting',
    description: `Registratie ${index} tijdens de duurzaamheidstest.`,
    parentWish: 'Een gesprek',
  };
}

async function main(): Promise<void> {
  const count = option('count', 200);
  const killAfter = option('kill-after', Math.floor(count * 0.3));
  const dataDir = mkdtempSync(join(tmpdir(), 'klantsignaal-durability-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let bot = startBot(dataDir, port);
  try {
    await waitUntilReady(url, bot);
    const ids = Array.from({ length: count }, () => randomUUID());
    const confirmed = new Map<string, string>();
    let failed = 0;
    let killedAt: number | undefined;
    const started = Date.now();
    await Promise.all(
      ids.map(async (id, index) => {
        try {
          const body = await invoke(url, 'intake.submit', intake(id, index));
          const reference = body?.match(/Signaal geregistreerd: (KS-\d{4}-\d{4})/)?.[1];
          if (reference) confirmed.set(id, reference);
          else failed += 1;
        } catch {
          failed += 1; // the connection died with the process: no confirmation reached the user
        }
        if (killedAt === undefined && confirmed.size >= killAfter) {
          killedAt = Date.now() - started;
          bot.kill('SIGKILL');
        }
      }),
    );
    await new Promise<void>((done) => (bot.exitCode !== null || bot.signalCode !== null ? done() : bot.once('exit', () => done())));
    console.log(
      `sent ${count}; confirmed ${confirmed.size}; unconfirmed ${failed}; SIGKILL after ${killedAt ?? '-'} ms (${bot.signalCode ?? bot.exitCode})`,
    );

    bot = startBot(dataDir, port);
    await waitUntilReady(url, bot);
    let served = 0;
    for (const [id, reference] of confirmed) {
      const card = await invoke(url, 'signal.open', { signalId: id });
      if (card?.includes(reference)) served += 1;
    }
    bot.kill('SIGTERM');
    await new Promise((done) => bot.once('exit', done));

    const store = new SqliteSignalStore(join(dataDir, 'klantsignaal.sqlite'));
    await store.init();
    let found = 0;
    let withHistory = 0;
    let storedUnconfirmed = 0;
    const references = new Set<string>();
    for (const id of ids) {
      const stored = await store.get(id);
      if (!stored) continue;
      references.add(stored.value.reference);
      if (!confirmed.has(id)) {
        storedUnconfirmed += 1;
        continue;
      }
      found += 1;
      if (stored.value.reference === confirmed.get(id) && stored.value.history[0]?.type === 'registered') withHistory += 1;
    }
    await store.close();
    const lost = confirmed.size - withHistory;
    console.log(
      `after restart: ${found}/${confirmed.size} confirmed registrations stored, ${withHistory} with their reference and ` +
        `'registered' history event, ${served} served by the restarted bot; ${storedUnconfirmed} stored whose ` +
        `confirmation never arrived (in flight at the kill; Teams would re-send, and the intake id makes that idempotent); ` +
        `${references.size} distinct references; LOST: ${lost}`,
    );
    if (lost > 0 || served !== confirmed.size || references.size !== found + storedUnconfirmed) process.exitCode = 1;
  } finally {
    if (bot.exitCode === null && bot.signalCode === null) bot.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
