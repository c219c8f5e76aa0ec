/**
 * Benchmark of the yearly analysis: `npx tsx bench/analysis.ts`.
 *
 * Generates 5,000 and 50,000 signals of 2026 (plus a tenth of that in 2025, for the comparison)
 * through the real moves into a temporary SQLite store, then — in a fresh child process, so the
 * peak RSS is that of the analysis alone — times the use case end to end: stream both years,
 * compute, save the draft, build the .docx (with charts) and the CSV. Target: ≤ 3 s at 50,000.
 */
import { DatabaseSync } from 'node:sqlite';
import { immediate } from '../src/adapters/sqlite/open-database';
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAnalysisDocumentRenderer } from '../src/adapters/documents';
import { SqliteAnalysisStore } from '../src/adapters/sqlite/sqlite-analysis-store';
import { SqliteSignalStore } from '../src/adapters/sqlite/sqlite-signal-store';
import { computeYearFigures, produceAnnualAnalysis } from '../src/app/annual-analysis';
import { ManualClock } from '../src/domain/clock';
import { DEFAULT_DEADLINE_SETTINGS } from '../src/domain/deadlines';
import { applyMove, type MoveCommand } from '../src/domain/process';
import { formatReference } from '../src/domain/reference';
import { registerSignal } from '../src/domain/register';
import { CHANNELS, type PersonRef, type Signal, type SignalKind } from '../src/domain/signal';
import { NO_DEADLINE } from '../src/adapters/paging';

const YEAR = 2026;
const LOCATIONS = Array.from({ length: 40 }, (_, i) => ({ id: `loc-${i + 1}`, name: `Kindercentrum ${i + 1}` }));
const THEMES = [
  'Communicatie',
  'Pedagogisch handelen',
  'Veiligheid & gezondheid',
  'Planning & plaatsing',
  'Facturatie',
  'Personeel',
  'Voeding',
  'Accommodatie',
  'Overig',
].map((name, i) => ({ id: `theme-${i + 1}`, name }));
const KINDS: SignalKind[] = [
  'complaint',
  'complaint',
  'complaint',
  'concern',
  'remark',
  'question',
  'suggestion',
  'compliment',
];
const employee: PersonRef = { id: 'emp-1', name: 'Medewerker' };
const manager: PersonRef = { id: 'mgr-1', name: 'Manager' };

/** Deterministic pseudo-random numbers (mulberry32) so every run measures the same data. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function makeSignal(year: number, sequence: number, rnd: () => number): Signal {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)]!;
  const day = new Date(Date.UTC(year, 0, 1 + Math.floor(rnd() * 365)));
  const receivedOn = day.toISOString().slice(0, 10);
  const kind = pick(KINDS);
  let signal = registerSignal(
    {
      id: `sig-${year}-${sequence}`,
      reference: formatReference(year, sequence),
      input: {
        kind,
        locationId: pick(LOCATIONS).id,
        themeId: pick(THEMES).id,
        channel: pick(CHANNELS),
        receivedOn,
        parentName: 'Ouder',
        parentEmail: 'ouder@example.nl',
        parentPhone: undefined,
        contactPreference: 'meeting',
        description: 'Beschrijving van wat er gebeurde, zoals een ouder die typt. '.repeat(3),
        parentWish: 'Een gesprek.',
      },
      by: employee,
      at: new Date(`${receivedOn}T08:00:00Z`),
    },
    DEFAULT_DEADLINE_SETTINGS,
  );
  const clock = new ManualClock(new Date(`${receivedOn}T09:00:00Z`));
  let index = 0;
  const move = (days: number, command: MoveCommand, actor = employee) => {
    clock.advance(days * 86_400_000);
    const result = applyMove(signal, command, { actor, at: clock.now(), eventId: `${signal.id}-${(index += 1)}` });
    if (!result.ok) throw new Error(`${command.name}: ${result.error}`);
    signal = result.signal;
  };
  const satisfaction = pick(['satisfied', 'satisfied', 'partly', 'notSatisfied', 'unreachable'] as const);
  move(rnd() * 3, { name: 'handle', input: { summary: 'Afgehandeld.', satisfaction } });
  const path = rnd();
  if (kind === 'complaint' && path < 0.3) {
    move(0.1, { name: 'escalateToLocation', input: { locationManager: manager } });
    if (path < 0.08) {
      move(0.1, { name: 'escalateToOrganisation', input: { manager } }, manager);
      move(1, {
        name: 'conversationPlanned',
        input: { plannedFor: new Date(clock.now().getTime() + 7 * 86_400_000).toISOString() },
      });
      move(rnd() * 6, { name: 'confirmationSent', input: {} });
      move(rnd() * 12, { name: 'conversationHeld', input: {} });
    }
    const sentOn = clock.now().toISOString().slice(0, 10);
    move(
      0.1,
      {
        name: 'recordDecision',
        input: {
          text: 'Besluit.',
          measures: [{ description: 'Maatregel', deadline: '2027-06-01' }],
          sentOn,
          tenor: 'founded',
          sentVia: 'email',
        },
      },
      manager,
    );
    if (path < 0.01)
      move(2, {
        name: 'fileComplaintsDesk',
        input: { filedOn: clock.now().toISOString().slice(0, 10), caseNumber: 'KL' },
      });
    if (path < 0.004) {
      move(10, { name: 'fileDispute', input: { filedOn: clock.now().toISOString().slice(0, 10), caseNumber: 'GC' } });
      move(30, { name: 'disputeRuling', input: { ruling: pick(['founded', 'partlyFounded', 'unfounded'] as const) } });
    }
  }
  // The rest of the klachten are settled at step 0 with the letter confirming what was agreed.
  if (kind === 'complaint' && !signal.decision) {
    move(rnd() * 45, {
      name: 'recordDecision',
      input: {
        text: 'Afspraken bevestigd.',
        measures: [],
        sentOn: clock.now().toISOString().slice(0, 10),
        tenor: 'resolvedByAgreement',
        sentVia: 'email',
      },
    });
  }
  // After step 2 the parent is asked again before closing.
  if (signal.escalation) move(0.1, { name: 'handle', input: { summary: 'Nagevraagd.', satisfaction } });
  // Most are closed, some days after they were settled; a reason covers a parent not satisfied.
  if (rnd() < 0.92) move(rnd() * 10, { name: 'close', input: { reason: 'Afgerond.' } });
  return signal;
}

/** Bulk insert with the store's own columns, in one transaction (the store fsyncs every create). */
export async function generate(path: string, count: number): Promise<void> {
  const store = new SqliteSignalStore(path);
  await store.init();
  await store.close();
  const db = new DatabaseSync(path);
  db.exec('PRAGMA synchronous = OFF');
  const insert = db.prepare(
    `INSERT INTO signals (id, reference, owner_id, location_id, status, urgency, received_on, etag, doc)
     VALUES (?, ?, ?, ?, ?, ?, ?, 'bench', ?)`,
  );
  const rnd = random(count);
  const write = (year: number, n: number) =>
    immediate(db, () => {
      for (let i = 1; i <= n; i += 1) {
        const s = makeSignal(year, i, rnd);
        insert.run(
          s.id,
          s.reference,
          s.owner.id,
          s.locationId,
          s.status,
          s.nextDeadline ?? NO_DEADLINE,
          s.receivedOn,
          JSON.stringify(s),
        );
      }
    });
  write(YEAR, count);
  write(YEAR - 1, Math.round(count / 10));
  db.close();
}

/** Runs in the child: the measured part only. */
async function measure(path: string): Promise<void> {
  const signals = new SqliteSignalStore(path);
  const analyses = new SqliteAnalysisStore(join(path, '..', 'analyses.db'));
  await analyses.init();
  const clock = new ManualClock(new Date('2027-02-01T09:00:00Z'));
  const documents = createAnalysisDocumentRenderer(() => ({
    organisationName: 'Bench Kinderopvang',
    locations: LOCATIONS,
    themes: THEMES,
  }));

  const cpuStart = process.cpuUsage();
  const start = performance.now();
  const result = await produceAnnualAnalysis(
    { signals, analyses, clock, documents, settings: { requiredAdoptions: 2 }, reportContent: () => ({ audiences: [] }) },
    YEAR,
    { id: 'kw', name: 'Staf kwaliteit', roles: ['quality'] },
  );
  const totalMs = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  if (!result.ok) throw new Error(result.error);
  const computeStart = performance.now();
  await computeYearFigures(signals, YEAR, clock.now());
  const computeMs = performance.now() - computeStart;
  const renderStart = performance.now();
  await documents.render(result.analysis.value);
  const renderMs = performance.now() - renderStart;
  process.send?.({
    signals: result.analysis.value.figures.organisation.signals.total,
    previous: result.analysis.value.previousFigures?.organisation.signals.total ?? 0,
    computeMs,
    renderMs,
    totalMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    docxBytes: result.documents.docx.content.length,
    csvBytes: result.documents.csv.content.length,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  });
  await signals.close();
  analyses.close();
}

interface Measurement {
  signals: number;
  previous: number;
  computeMs: number;
  renderMs: number;
  totalMs: number;
  cpuMs: number;
  docxBytes: number;
  csvBytes: number;
  peakRssMb: number;
}

function runChild(path: string): Promise<Measurement> {
  return new Promise((resolve, reject) => {
    const child = fork(__filename, ['--measure', path], { execArgv: process.execArgv });
    child.on('message', (message) => resolve(message as Measurement));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? undefined : reject(new Error(`measure exited with ${code}`))));
  });
}

async function main(): Promise<void> {
  const measureAt = process.argv.indexOf('--measure');
  if (measureAt >= 0) {
    await measure(process.argv[measureAt + 1]!);
    return;
  }
  const directory = mkdtempSync(join(tmpdir(), 'klantsignaal-bench-'));
  try {
    console.log(
      `load average before: ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')} on ${cpus().length} CPUs`,
    );
    for (const count of [5_000, 50_000]) {
      const path = join(directory, `signals-${count}.db`);
      const generateStart = performance.now();
      await generate(path, count);
      const generated = ((performance.now() - generateStart) / 1000).toFixed(1);
      const m = await runChild(path);
      console.log(
        `${count.toLocaleString('en')} signals (+${m.previous.toLocaleString('en')} previous year; generated in ${generated} s): ` +
          `stream+compute+docx+csv ${(m.totalMs / 1000).toFixed(2)} s wall, ${(m.cpuMs / 1000).toFixed(2)} s CPU ` +
          `[stream+compute one year ${(m.computeMs / 1000).toFixed(2)} s, docx+csv ${(m.renderMs / 1000).toFixed(2)} s], ` +
          `peak RSS ${m.peakRssMb.toFixed(0)} MB, docx ${(m.docxBytes / 1024).toFixed(0)} KB, csv ${(m.csvBytes / 1024).toFixed(0)} KB` +
          (count === 50_000 ? ` — target ≤ 3 s: ${m.totalMs <= 3000 ? 'met' : 'NOT met'}` : ''),
      );
      if (m.signals !== count) throw new Error(`expected ${count} signals, analysed ${m.signals}`);
    }
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
