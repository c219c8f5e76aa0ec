/**
 * Deadline sweep: N stored signals of which a fixed number (100) are open and due; the rest are
 * closed, as in a real archive. Times the query the reminder sweep uses — SignalStore.listDue(horizon)
 * paged through all due, the exact call of src/app/reminders.ts (page size 100, horizon = now +
 * lookahead) — and the whole runReminderSweep with a fake sender/notifier (instant), on the store
 * as production opens it (WAL, synchronous=NORMAL).
 *
 * Rows are written straight into the store's schema (SqliteSignalStore.init creates it) in one
 * transaction with synchronous=OFF; the store's own create fsyncs every row (minutes for 100,000).
 */
import { DatabaseSync } from 'node:sqlite';
import { immediate } from '../../src/adapters/sqlite/open-database';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { loadOrganisation, OrganisationFileDirectory } from '../../src/adapters/config/organisation-file';
import { NO_DEADLINE } from '../../src/adapters/paging';
import { SqliteReminderStore } from '../../src/adapters/sqlite/sqlite-reminder-store';
import { SqliteSignalStore } from '../../src/adapters/sqlite/sqlite-signal-store';
import { DEFAULT_REMINDER_SETTINGS, runReminderSweep, type SweepReport } from '../../src/app/reminders';
import { ManualClock } from '../../src/domain/clock';
import { amsterdamDate, DEFAULT_DEADLINE_SETTINGS } from '../../src/domain/deadlines';
import { applyMove } from '../../src/domain/process';
import { formatReference } from '../../src/domain/reference';
import { registerSignal } from '../../src/domain/register';
import { DEFAULT_REMINDER_RULES, lookaheadDays } from '../../src/domain/reminders';
import type { Signal } from '../../src/domain/signal';
import { PEOPLE, SAMPLE_ORGANISATION } from '../../test/support/services';

export const DUE = 100;
/** Open signals whose deadlines lie beyond the sweep's horizon. */
export const OPEN_NOT_DUE = 200;
const NOW = new Date('2026-11-25T09:00:00Z');
const DAY = 86_400_000;

export interface SweepMeasurement {
  stored: number;
  due: number;
  /** Signals listDue returned (must equal `due`). */
  listed: number;
  pages: number;
  /** listDue paged through all due: first run (statement preparation included), then median/max of the repeats. */
  queryFirstMs: number;
  queryMedianMs: number;
  queryMaxMs: number;
  /** The whole runReminderSweep, first run (sends) and a second one (all already recorded); undefined if it failed. */
  sweepFirstMs?: number;
  sweepRepeatMs?: number;
  sweepReport?: SweepReport;
  sweepError?: string;
  plan: string;
  generateMs: number;
}

function complaint(id: string, reference: string, receivedAt: Date): Signal {
  return registerSignal(
    {
      id,
      reference,
      input: {
        kind: 'complaint',
        locationId: 'zonnebloem',
        themeId: 'communication',
        channel: 'phone',
        receivedOn: receivedAt.toISOString().slice(0, 10),
        parentName: 'Ouder',
        parentEmail: 'ouder@example.nl',
        parentPhone: undefined,
        contactPreference: 'phone',
        description: 'Beschrijving van wat er gebeurde, zoals een ouder die typt. '.repeat(3),
        parentWish: 'Een gesprek.',
      },
      by: { id: PEOPLE.employee.id, name: PEOPLE.employee.name },
      at: receivedAt,
    },
    DEFAULT_DEADLINE_SETTINGS,
  );
}

function closedTemplate(): Signal {
  const received = new Date(NOW.getTime() - 200 * DAY);
  let signal = complaint('template', 'KS-2026-0000', received);
  const actor = { id: PEOPLE.employee.id, name: PEOPLE.employee.name };
  const handled = applyMove(
    signal,
    { name: 'handle', input: { summary: 'Gebeld.', satisfaction: 'satisfied' } },
    { actor, at: new Date(received.getTime() + DAY), eventId: 'template-1' },
  );
  if (!handled.ok) throw new Error(`handle: ${handled.error}`);
  signal = handled.signal;
  // A klacht closes only after its written outcome went to the parent.
  const sentAt = new Date(received.getTime() + 2 * DAY - 60_000);
  const written = applyMove(
    signal,
    {
      name: 'recordDecision',
      input: {
        text: 'Afspraken bevestigd.',
        tenor: 'resolvedByAgreement',
        measures: [],
        sentOn: amsterdamDate(sentAt),
        sentVia: 'email',
      },
    },
    { actor, at: sentAt, eventId: 'template-written' },
  );
  if (!written.ok) throw new Error(`recordDecision: ${written.error}`);
  signal = written.signal;
  const closed = applyMove(
    signal,
    { name: 'close', input: {} },
    { actor, at: new Date(received.getTime() + 2 * DAY), eventId: 'template-2' },
  );
  if (!closed.ok) throw new Error(`close: ${closed.error}`);
  return closed.signal;
}

async function generate(path: string, stored: number): Promise<void> {
  const store = new SqliteSignalStore(path);
  await store.init();
  await store.close();
  const db = new DatabaseSync(path);
  db.exec('PRAGMA synchronous = OFF');
  const insert = db.prepare(
    `INSERT INTO signals (id, reference, owner_id, location_id, status, urgency, received_on, retention_from, etag, doc)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'bench', ?)`,
  );
  const template = closedTemplate();
  const openNotDue = Math.min(OPEN_NOT_DUE, Math.max(0, stored - DUE));
  immediate(db, () => {
    for (let i = 1; i <= stored; i += 1) {
      const id = `sweep-${i}`;
      const reference = formatReference(2026, i);
      // The first DUE are open with their 6-week deadline overdue or within the sweep's horizon; the
      // next OPEN_NOT_DUE are open with it further away (listDue must skip them); the rest are closed.
      const signal =
        i <= DUE
          ? complaint(id, reference, new Date(NOW.getTime() - (25 + (i % 36)) * DAY))
          : i <= DUE + openNotDue
            ? complaint(id, reference, new Date(NOW.getTime() - (i % 14) * DAY))
            : {
                ...template,
                id,
                reference,
                history: template.history.map((event) => ({ ...event, id: `${id}:${event.id}` })),
              };
      insert.run(
        signal.id,
        signal.reference,
        signal.owner.id,
        signal.locationId,
        signal.status,
        signal.nextDeadline ?? NO_DEADLINE,
        signal.receivedOn,
        signal.status === 'closed' ? (signal.closedAt ?? null) : null,
        JSON.stringify(signal),
      );
    }
  });
  db.close();
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

export async function measureSweep(stored: number, repeats = 5): Promise<SweepMeasurement> {
  const directory = mkdtempSync(join(tmpdir(), 'klantsignaal-bench-sweep-'));
  const path = join(directory, 'klantsignaal.sqlite');
  try {
    const generateStart = performance.now();
    await generate(path, stored);
    const generateMs = performance.now() - generateStart;
    const horizon = new Date(NOW.getTime() + lookaheadDays(DEFAULT_REMINDER_RULES) * DAY).toISOString();

    const explain = new DatabaseSync(path, { readOnly: true });
    const plan = (
      explain
        .prepare(
          `EXPLAIN QUERY PLAN SELECT doc FROM signals WHERE urgency <= @before AND status = @status ORDER BY urgency, reference LIMIT 101`,
        )
        .all({ before: horizon, status: 'open' }) as { detail: string }[]
    )
      .map((row) => row.detail)
      .join('; ');
    explain.close();

    const store = new SqliteSignalStore(path);
    const times: number[] = [];
    let listed = 0;
    let pages = 0;
    for (let run = 0; run <= repeats; run += 1) {
      listed = 0;
      pages = 0;
      const start = performance.now();
      let continuation: string | undefined;
      do {
        const page = await store.listDue(horizon, { limit: 100, ...(continuation ? { continuation } : {}) });
        listed += page.items.length;
        pages += 1;
        continuation = page.continuation;
      } while (continuation);
      times.push(performance.now() - start);
    }
    const [first, ...rest] = times;
    const result: SweepMeasurement = {
      stored,
      due: DUE,
      listed,
      pages,
      queryFirstMs: first ?? NaN,
      queryMedianMs: median(rest),
      queryMaxMs: Math.max(...rest),
      plan,
      generateMs,
    };

    // The whole sweep, with instant fakes for Teams and the activity feed.
    const reminders = new SqliteReminderStore(join(directory, 'reminders.sqlite'));
    try {
      await reminders.init();
      const deps = {
        signals: store,
        reminders,
        directory: new OrganisationFileDirectory(loadOrganisation(SAMPLE_ORGANISATION)),
        sender: { send: async () => ({ status: 'sent' as const, activityId: 'bench' }) },
        notifier: { notify: async () => undefined },
        activityFeed: false,
        clock: new ManualClock(NOW),
        deadlines: DEFAULT_DEADLINE_SETTINGS,
        settings: DEFAULT_REMINDER_SETTINGS,
        logger: pino({ level: 'silent' }),
        links: { signal: () => 'https://teams.example/signal', chat: () => 'https://teams.example/chat' },
      };
      const firstStart = performance.now();
      const report = await runReminderSweep(deps);
      result.sweepFirstMs = performance.now() - firstStart;
      result.sweepReport = report;
      const repeatStart = performance.now();
      await runReminderSweep(deps);
      result.sweepRepeatMs = performance.now() - repeatStart;
    } catch (error) {
      result.sweepError = error instanceof Error ? error.message : String(error);
    } finally {
      await reminders.close();
    }
    await store.close();
    return result;
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}
