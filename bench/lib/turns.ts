/**
 * Bot turns over real HTTP: Klantsignaal (src/server.ts: restify 12 + CloudAdapter + embedded SQLite)
 * and a bare echo bot, both in their own processes, both answering through the same local connector
 * process; autocannon runs in the bench process. With 2 cores those four compete for CPU: the
 * ratio ours/echo, measured back to back under the same conditions, is the figure that means something.
 */
import autocannon from 'autocannon';
import { DatabaseSync } from 'node:sqlite';
import { immediate } from '../../src/adapters/sqlite/open-database';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { SqliteSignalStore } from '../../src/adapters/sqlite/sqlite-signal-store';
import { NO_DEADLINE } from '../../src/adapters/paging';
import { amsterdamDate, DEFAULT_DEADLINE_SETTINGS } from '../../src/domain/deadlines';
import { formatReference } from '../../src/domain/reference';
import { registerSignal } from '../../src/domain/register';
import type { Signal } from '../../src/domain/signal';
import { PEOPLE, SAMPLE_ORGANISATION, validIntake } from '../../test/support/services';
import { freePort, spawnTs, waitForHttp, type Child, type Runtime } from './processes';

export type Person = { id: string; name: string };

// ---- the processes ------------------------------------------------------------------------

export interface Connector {
  child: Child;
  url: string;
  stats(): Promise<{ calls: number; lastPath: string; lastBody: string }>;
}

export async function startConnector(runtime: Runtime): Promise<Connector> {
  const port = await freePort();
  const child = spawnTs(runtime, 'bench/lib/connector-process.ts', { PORT: String(port) });
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/__stats`, child);
  return {
    child,
    url,
    async stats() {
      const response = await fetch(`${url}/__stats`);
      return (await response.json()) as { calls: number; lastPath: string; lastBody: string };
    },
  };
}

export interface BotProcess {
  child: Child;
  url: string;
}

/** Environment of the real bot for the bench: embedded store, auth off, flood guard out of the way. */
export function botEnv(port: number, dataDir: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    ORGANISATION_FILE: SAMPLE_ORGANISATION,
    // Production level: every turn writes its info lines (to /dev/null here).
    LOG_LEVEL: 'info',
    // One load generator plays a few users at full speed: the flood guard would (rightly) refuse it.
    FLOOD_BURST: '100000000',
    FLOOD_REFILL_PER_SECOND: '100000000',
    MICROSOFT_APP_ID: '',
    STORE: 'sqlite',
    REMINDERS_ENABLED: 'false',
    ...extra,
  };
}

/** src/server.ts run as its own main (the composition root), optionally with extra node flags. */
export async function startBot(
  runtime: Runtime,
  dataDir: string,
  nodeArgs: string[] = [],
  extra: Record<string, string> = {},
): Promise<BotProcess> {
  const port = await freePort();
  const child = spawnTs(runtime, 'src/server.ts', botEnv(port, dataDir, extra), nodeArgs);
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/healthz`, child);
  return { child, url };
}

export async function startEchoBot(runtime: Runtime): Promise<BotProcess> {
  const port = await freePort();
  const child = spawnTs(runtime, 'bench/lib/echo-bot.ts', { PORT: String(port) });
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/healthz`, child);
  return { child, url };
}

// ---- the data the turns need ----------------------------------------------------------------

export interface Seeded {
  /** References the quality person may look up with `status`. */
  statusReferences: string[];
  /** Ids of step-0 complaints owned by the employee, one per escalation request. */
  escalationIds: string[];
}

/**
 * Writes step-0 complaints into the bot's SQLite file before it starts: the store's own schema
 * (created by SqliteSignalStore.init) and columns, rows inserted in one transaction with
 * synchronous=OFF (the store itself fsyncs every create, which would take minutes for thousands).
 * The year's reference counter is set past them so the bot's own registrations do not collide.
 */
export async function seedBotStore(dataDir: string, count: { status: number; escalation: number }): Promise<Seeded> {
  const path = join(dataDir, 'klantsignaal.sqlite');
  const store = new SqliteSignalStore(path);
  await store.init();
  await store.close();
  const now = new Date();
  const year = Number(amsterdamDate(now).slice(0, 4));
  const receivedOn = amsterdamDate(new Date(now.getTime() - 86_400_000));
  const db = new DatabaseSync(path);
  db.exec('PRAGMA synchronous = OFF');
  const insert = db.prepare(
    `INSERT INTO signals (id, reference, owner_id, location_id, status, urgency, received_on, retention_from, etag, doc)
     VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)`,
  );
  const seeded: Seeded = { statusReferences: [], escalationIds: [] };
  const total = count.status + count.escalation;
  immediate(db, () => {
    for (let sequence = 1; sequence <= total; sequence += 1) {
      const signal = benchComplaint(`bench-${sequence}`, formatReference(year, sequence), receivedOn, now);
      insert.run(
        signal.id,
        signal.reference,
        signal.owner.id,
        signal.locationId,
        signal.status,
        signal.nextDeadline ?? NO_DEADLINE,
        signal.receivedOn,
        randomUUID(),
        JSON.stringify(signal),
      );
      if (sequence <= count.status) seeded.statusReferences.push(signal.reference);
      else seeded.escalationIds.push(signal.id);
    }
    db.prepare('INSERT OR REPLACE INTO reference_counters (year, last) VALUES (?, ?)').run(year, total);
  });
  db.close();
  return seeded;
}

function benchComplaint(id: string, reference: string, receivedOn: string, at: Date): Signal {
  return registerSignal(
    {
      id,
      reference,
      input: {
        kind: 'complaint',
        locationId: 'zonnebloem',
        themeId: 'communication',
        channel: 'phone',
        receivedOn,
        parentName: 'Sanne de Vries',
        parentEmail: 'sanne@example.nl',
        parentPhone: undefined,
        contactPreference: 'meeting',
        description: 'De overdracht bij het ophalen was te kort.',
        parentWish: 'Een gesprek met de locatiemanager',
      },
      by: { id: PEOPLE.employee.id, name: PEOPLE.employee.name },
      at,
    },
    DEFAULT_DEADLINE_SETTINGS,
  );
}

// ---- the activities -------------------------------------------------------------------------

export function activity(serviceUrl: string, person: Person, fields: Record<string, unknown>): Record<string, unknown> {
  return {
    channelId: 'msteams',
    serviceUrl,
    conversation: { id: `a:personal-${person.id}`, conversationType: 'personal', tenantId: 'tenant' },
    from: { id: `29:${person.id}`, name: person.name, aadObjectId: person.id },
    recipient: { id: '28:klantsignaal', name: 'Klantsignaal' },
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    ...fields,
  };
}

function invoke(
  serviceUrl: string,
  person: Person,
  verb: string,
  data: Record<string, unknown>,
): Record<string, unknown> {
  return activity(serviceUrl, person, {
    type: 'invoke',
    name: 'adaptiveCard/action',
    value: { action: { type: 'Action.Execute', verb, data } },
  });
}

export type Kind = 'message' | 'invoke';

export interface Scenario {
  id: string;
  label: string;
  kind: Kind;
  /** The body of the next request (fresh ids every time). */
  next(): string;
  /** What the reply must contain: in the connector's last body (message) or the HTTP answer (invoke). */
  expect: RegExp;
}

export interface Scenarios {
  ours: Scenario[];
  echo: Record<Kind, Scenario>;
  /** Escalation requests sent after the pre-seeded pool ran out (these measure a refusal instead). */
  escalationsBeyondPool(): number;
}

export function scenarios(serviceUrl: string, seeded: Seeded): Scenarios {
  let statusIndex = 0;
  let escalationIndex = 0;
  const today = () => amsterdamDate(new Date());
  const ours: Scenario[] = [
    {
      id: 'help',
      label: '`help` (message)',
      kind: 'message',
      next: () => JSON.stringify(activity(serviceUrl, PEOPLE.employee, { type: 'message', text: 'help' })),
      expect: /Nieuw signaal registreren/,
    },
    {
      id: 'status',
      label: '`status <ref>` (message)',
      kind: 'message',
      next: () => {
        const reference = seeded.statusReferences[statusIndex++ % seeded.statusReferences.length]!;
        return JSON.stringify(activity(serviceUrl, PEOPLE.quality, { type: 'message', text: `status ${reference}` }));
      },
      expect: /KS-\d{4}-\d{4}/,
    },
    {
      id: 'intake',
      label: 'intake submit (card action)',
      kind: 'invoke',
      next: () =>
        JSON.stringify(
          invoke(serviceUrl, PEOPLE.employee, 'intake.submit', {
            intakeId: randomUUID(),
            ...validIntake({ receivedOn: today() }),
          }),
        ),
      expect: /Signaal geregistreerd: KS-\d{4}-\d+/,
    },
    {
      id: 'escalate',
      label: 'step-2 escalation (card action)',
      kind: 'invoke',
      next: () => {
        // One pre-seeded step-0 complaint per request; when the pool runs out the bot answers "wrong step".
        const signalId = seeded.escalationIds[escalationIndex++ % seeded.escalationIds.length]!;
        return JSON.stringify(
          invoke(serviceUrl, PEOPLE.employee, 'signal.move', {
            signalId,
            move: 'escalateToOrganisation',
            formId: randomUUID(),
            manager: PEOPLE.manager.id,
            supporter: PEOPLE.quality.id,
          }),
        );
      },
      expect: /Stap 2 · organisatie/,
    },
  ];
  const echo: Record<Kind, Scenario> = {
    message: {
      id: 'echo-message',
      label: 'echo bot, message',
      kind: 'message',
      next: () => JSON.stringify(activity(serviceUrl, PEOPLE.employee, { type: 'message', text: 'help' })),
      expect: /echo: help/,
    },
    invoke: {
      id: 'echo-invoke',
      label: 'echo bot, card action',
      kind: 'invoke',
      next: () =>
        JSON.stringify(
          invoke(serviceUrl, PEOPLE.employee, 'intake.submit', { intakeId: randomUUID(), ...validIntake() }),
        ),
      expect: /echo/,
    },
  };
  return { ours, echo, escalationsBeyondPool: () => Math.max(0, escalationIndex - seeded.escalationIds.length) };
}

/** Sends one request of the scenario and checks the reply, so the load measures working turns. */
export async function probe(botUrl: string, scenario: Scenario, connector: Connector): Promise<void> {
  const response = await fetch(`${botUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: scenario.next(),
  });
  const body = await response.text();
  if (response.status !== 200) throw new Error(`${scenario.id}: HTTP ${response.status} ${body.slice(0, 300)}`);
  const checked = scenario.kind === 'invoke' ? body : (await connector.stats()).lastBody;
  if (!scenario.expect.test(checked)) {
    throw new Error(`${scenario.id}: the reply does not match ${scenario.expect}: ${checked.slice(0, 600)}`);
  }
}

// ---- the load -------------------------------------------------------------------------------

export interface LoadResult {
  connections: number;
  seconds: number;
  ok: number;
  failed: number;
  turnsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  /** Connector calls per answered turn (replies the bot posted). */
  connectorCallsPerTurn: number;
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

/**
 * `connections` clients, each sending the next request as soon as the previous one is answered,
 * for `seconds`. Latency per request from autocannon's 'response' event (ms), percentiles computed
 * here (autocannon reports p97.5, not p95).
 */
export async function load(
  botUrl: string,
  scenario: Scenario,
  connections: number,
  seconds: number,
  connector: Connector,
): Promise<LoadResult> {
  const before = (await connector.stats()).calls;
  const times: number[] = [];
  let ok = 0;
  let failed = 0;
  const instance = autocannon({
    url: botUrl,
    connections,
    duration: seconds,
    timeout: 30,
    requests: [
      {
        method: 'POST',
        path: '/api/messages',
        headers: { 'content-type': 'application/json' },
        setupRequest: (request) => ({ ...request, body: scenario.next() }),
      },
    ],
  });
  instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
    if (statusCode >= 200 && statusCode < 300) {
      ok += 1;
      times.push(responseTime);
    } else failed += 1;
  });
  const result = await instance;
  const after = (await connector.stats()).calls;
  const sorted = Float64Array.from(times).sort();
  return {
    connections,
    seconds: result.duration,
    ok,
    failed: failed + result.errors,
    turnsPerSecond: ok / result.duration,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    connectorCallsPerTurn: ok > 0 ? (after - before) / ok : 0,
  };
}
