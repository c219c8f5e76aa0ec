/**
 * The yearly analysis counts a signal in the year it was RECEIVED, whatever day it was registered or
 * closed: received on 31 December and registered in January belongs to the old year; handling days
 * run from receipt to the close's day in Amsterdam (a close at 23:30 UTC is the next day there).
 * Checked on the accumulator and through the SQLite store's year stream, as `analyse` runs it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteSignalStore } from '../../src/adapters/sqlite/sqlite-signal-store';
import { computeYearFigures } from '../../src/app/annual-analysis';
import { analyseSignals, type YearFigures } from '../../src/domain/analysis';
import { amsterdamDate, DEFAULT_DEADLINE_SETTINGS } from '../../src/domain/deadlines';
import { applyMove, type MoveCommand } from '../../src/domain/process';
import { registerSignal } from '../../src/domain/register';
import type { SignalKind, Signal } from '../../src/domain/signal';

const employee = { id: 'emp-1', name: 'Eva Medewerker' };

interface Spec {
  key: string;
  kind?: SignalKind;
  receivedOn: string;
  registeredAt: string;
  /** Handled and closed at this instant. */
  closedAt?: string;
}

function build(spec: Spec, sequence: number): Signal {
  let signal = registerSignal(
    {
      id: `sig-${spec.key}`,
      reference: `KS-${spec.receivedOn.slice(0, 4)}-${String(sequence).padStart(4, '0')}`,
      input: {
        kind: spec.kind ?? 'complaint',
        locationId: 'zon',
        themeId: 'communicatie',
        channel: 'phone',
        receivedOn: spec.receivedOn,
        parentName: 'Ouder',
        parentEmail: 'ouder@example.nl',
        parentPhone: undefined,
        contactPreference: 'phone',
        description: 'Omschrijving',
        parentWish: undefined,
      },
      by: employee,
      at: new Date(spec.registeredAt),
    },
    DEFAULT_DEADLINE_SETTINGS,
  );
  if (!spec.closedAt) return signal;
  // A klacht closes with its written outcome, sent the same Amsterdam day it closes.
  const sentOn = amsterdamDate(spec.closedAt);
  const written: MoveCommand = {
    name: 'recordDecision',
    input: { text: 'Afspraken.', tenor: 'resolvedByAgreement', measures: [], sentOn, sentVia: 'email' },
  };
  const moves: MoveCommand[] = [
    { name: 'handle', input: { summary: 'Besproken.', satisfaction: 'satisfied' } },
    ...((spec.kind ?? 'complaint') === 'complaint' ? [written] : []),
    { name: 'close', input: {} },
  ];
  moves.forEach((command, index) => {
    const result = applyMove(signal, command, {
      actor: employee,
      at: new Date(spec.closedAt!),
      eventId: `${spec.key}-${index}`,
    });
    if (!result.ok) throw new Error(`${spec.key}: ${command.name} refused: ${result.error}`);
    signal = result.signal;
  });
  return signal;
}

const SPECS: Spec[] = [
  // Received in the old year, registered in the new one (after the holidays), closed in the new one.
  {
    key: 'late-registered',
    receivedOn: '2026-12-30',
    registeredAt: '2027-01-04T08:15:00Z',
    closedAt: '2027-01-05T23:30:00Z',
  },
  // Received on New Year's Eve, registered at 00:30 Amsterdam on 1 January (still 31 December in UTC).
  { key: 'across-midnight', receivedOn: '2026-12-31', registeredAt: '2026-12-31T23:30:00Z' },
  // Received and registered in the new year, 1 January at 00:30 Amsterdam.
  { key: 'new-year', receivedOn: '2027-01-01', registeredAt: '2026-12-31T23:30:00Z', closedAt: '2027-01-02T10:00:00Z' },
  // Received a year earlier, registered months later, closed in the analysed year.
  {
    key: 'old',
    kind: 'question',
    receivedOn: '2025-11-20',
    registeredAt: '2026-02-02T10:00:00Z',
    closedAt: '2026-03-02T10:00:00Z',
  },
  // Received in March in winter time, closed the day summer time starts (29 March 2026).
  { key: 'dst', receivedOn: '2026-03-10', registeredAt: '2026-03-10T09:00:00Z', closedAt: '2026-03-29T22:30:00Z' },
];

const AS_OF = new Date('2027-02-01T12:00:00Z');

function expect2026(figures: YearFigures): void {
  expect(figures.year).toBe(2026);
  expect(figures.organisation.signals.total).toBe(3);
  expect(figures.organisation.complaints.total).toBe(3);
  expect(figures.organisation.signals.byKind.question).toBe(0);
  // By month of receipt: March, and two in December (none in January or February, the registration months).
  expect(figures.organisation.complaints.byMonth).toEqual([0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 2]);
  // Handling days, receipt to the written outcome (the close's day in Amsterdam): 30 Dec -> 6 Jan (23:30 UTC) = 7; 10 -> 30 March = 20.
  expect(figures.organisation.complaints.handlingDays).toEqual({ count: 2, median: 7, p90: 20 });
  expect(figures.organisation.complaints.outcomes).toMatchObject({ resolved: 2, open: 1 });
}

function expect2027(figures: YearFigures): void {
  expect(figures.organisation.signals.total).toBe(1);
  expect(figures.organisation.complaints.byMonth[0]).toBe(1);
  expect(figures.organisation.complaints.handlingDays).toEqual({ count: 1, median: 1, p90: 1 });
}

describe('yearly figures by year of receipt', () => {
  const signals = SPECS.map((spec, index) => build(spec, index + 1));

  it('the accumulator counts by receipt year, not registration or closing year', () => {
    const figures = analyseSignals(2026, signals, AS_OF);
    expect2026(figures);
    expect(figures.skipped).toBe(2);
    expect2027(analyseSignals(2027, signals, AS_OF));
    const previous = analyseSignals(2025, signals, AS_OF);
    expect(previous.organisation.signals).toMatchObject({ total: 1, byKind: expect.objectContaining({ question: 1 }) });
    expect(previous.organisation.complaints.total).toBe(0);
  });

  it('the SQLite year stream and the analysis agree', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'klantsignaal-year-'));
    const store = new SqliteSignalStore(join(directory, 'signals.db'));
    try {
      await store.init();
      for (const signal of signals) await store.create(signal);
      expect2026(await computeYearFigures(store, 2026, AS_OF));
      expect2027(await computeYearFigures(store, 2027, AS_OF));
    } finally {
      await store.close();
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
