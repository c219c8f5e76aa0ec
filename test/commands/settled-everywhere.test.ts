/**
 * "Settled" and "in time" mean one thing everywhere: for random complaint histories, the signal card,
 * the `te laat` list, `overzicht`, the export and the yearly analysis never disagree with the
 * domain's settlementOf, nor with each other.
 */
import fc from 'fast-check';
import ExcelJS from 'exceljs';
import { signalCard } from '../../cards/signal';
import { buildExport } from '../../src/app/export';
import { overview, runList } from '../../src/app/queries';
import { analyseSignals } from '../../src/domain/analysis';
import { amsterdamDate, DEFAULT_DEADLINE_SETTINGS } from '../../src/domain/deadlines';
import type { Person } from '../../src/domain/organisation';
import { applyMove, type MoveCommand } from '../../src/domain/process';
import { registerSignal } from '../../src/domain/register';
import { settlementOf } from '../../src/domain/settlement';
import type { Signal } from '../../src/domain/signal';
import { cardText } from '../support/test-adapter';
import { commandServices, ROLE_PEOPLE, type TestServices } from './fixtures';

const NOW = new Date('2026-11-25T09:00:00Z');
const TODAY = amsterdamDate(NOW);
const DAY = 86_400_000;

interface Spec {
  receivedDay: number;
  /** Days after receipt the written outcome went out; null: never. */
  writtenAfter: number | null;
  escalate: boolean;
  closeAfterLetter: boolean;
}

const specArb: fc.Arbitrary<Spec> = fc.record({
  receivedDay: fc.integer({ min: 0, max: 320 }),
  writtenAfter: fc.option(fc.integer({ min: 0, max: 80 }), { nil: null }),
  escalate: fc.boolean(),
  closeAfterLetter: fc.boolean(),
});

let sequence = 0;

/** A complaint of the demo organisation with the history the spec asks, built with the real moves. */
function complaint(spec: Spec): Signal {
  sequence += 1;
  const receivedAt = new Date(Date.UTC(2026, 0, 1, 9) + spec.receivedDay * DAY);
  const receivedOn = amsterdamDate(receivedAt);
  const employee = ROLE_PEOPLE.employee;
  let signal = registerSignal(
    {
      id: `sig-${sequence}`,
      reference: `KS-2026-${String(sequence).padStart(4, '0')}`,
      input: {
        kind: 'complaint',
        locationId: 'zonnebloem',
        themeId: 'communication',
        channel: 'phone',
        receivedOn,
        parentName: 'Ouder Een',
        parentEmail: 'ouder@example.nl',
        parentPhone: undefined,
        contactPreference: 'writing',
        description: 'Beschrijving',
        parentWish: 'Wens',
      },
      by: employee,
      at: receivedAt,
    },
    DEFAULT_DEADLINE_SETTINGS,
  );
  let at = receivedAt.getTime();
  const move = (command: MoveCommand, when = at + 60_000) => {
    at = when;
    if (at > NOW.getTime()) return false;
    const result = applyMove(signal, command, {
      actor: employee,
      at: new Date(at),
      eventId: `e-${signal.history.length}`,
    });
    if (!result.ok) throw new Error(`${command.name}: ${result.error} ${result.field ?? ''}`);
    signal = result.signal;
    return true;
  };
  move({ name: 'handle', input: { summary: 'Besproken', satisfaction: 'satisfied' } });
  if (spec.escalate) {
    move({ name: 'escalateToOrganisation', input: { manager: ROLE_PEOPLE.manager } });
    move({ name: 'confirmationSent', input: {} });
  }
  if (spec.writtenAfter === null) return signal;
  const writtenAt = Math.max(at + 60_000, receivedAt.getTime() + spec.writtenAfter * DAY);
  const sent = move(
    {
      name: 'recordDecision',
      input: {
        text: 'Uitkomst',
        tenor: 'founded',
        measures: [],
        sentOn: amsterdamDate(new Date(writtenAt)),
        sentVia: 'email',
      },
    },
    writtenAt,
  );
  if (!sent) return signal;
  if (spec.closeAfterLetter) {
    if (spec.escalate) move({ name: 'handle', input: { summary: 'Nagevraagd', satisfaction: 'partly' } });
    move({ name: 'close', input: {} }, at + 20 * DAY);
  }
  return signal;
}

/** The export's "binnen 6 weken" column per reference. */
async function exportColumn(services: TestServices, person: Person): Promise<Map<string, string>> {
  const outcome = await buildExport(services, person, 2026);
  if (outcome.kind !== 'file') throw new Error(`export: ${outcome.kind}`);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(outcome.bytes as unknown as ArrayBuffer);
  const sheet = book.worksheets[0]!;
  const header = (sheet.getRow(1).values as unknown[]).map(String);
  const referenceColumn = header.findIndex((title) => /^referentie$/i.test(title));
  const inTimeColumn = header.findIndex((title) => /^binnen 6 weken$/i.test(title));
  const column = new Map<string, string>();
  sheet.eachRow((row, index) => {
    if (index > 1)
      column.set(String(row.getCell(referenceColumn).value), String(row.getCell(inTimeColumn).value ?? ''));
  });
  return column;
}

describe('settled and in time, everywhere', () => {
  it('the card, te laat, overzicht, the export and the yearly analysis agree with settlementOf', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(specArb, { minLength: 1, maxLength: 8 }), async (specs) => {
        const services = await commandServices();
        services.clock.set(NOW);
        const signals = specs.map(complaint);
        for (const signal of signals) await services.store.create(signal);
        const quality = (await services.directory.findPerson(ROLE_PEOPLE.quality.id))!;

        const settlements = signals.map((signal) => settlementOf(signal, TODAY));
        const settledInTime = settlements.filter((s) => s.state === 'settled' && s.inTime).length;
        const late = settlements.filter((s) =>
          s.state === 'settled' ? !s.inTime : s.state === 'open' && s.overdue,
        ).length;

        // overzicht
        const figures = await overview(services, quality, { year: 2026 });
        expect(figures.complaints).toMatchObject({ total: signals.length, settledInTime, late });

        // the yearly analysis
        const analysis = analyseSignals(2026, signals, NOW).organisation.complaints.settledWithinTerm;
        expect(analysis).toEqual({ met: settledInTime, missed: late, pending: signals.length - settledInTime - late });

        // te laat: an open complaint is listed for its legal term only while it awaits its written outcome
        const overdue = await runList(services, quality, { kind: 'overdue', before: NOW.toISOString() });
        const listed = new Set(overdue.items.map((item) => item.reference));
        signals.forEach((signal, index) => {
          const settlement = settlements[index]!;
          if (signal.status === 'open' && settlement.state === 'open' && settlement.overdue) {
            expect(listed.has(signal.reference)).toBe(true);
          }
          if (settlement.state === 'settled' && !signal.escalation) expect(listed.has(signal.reference)).toBe(false);
        });

        // the export
        const column = await exportColumn(services, quality);
        signals.forEach((signal, index) => {
          const settlement = settlements[index]!;
          const expected =
            settlement.state === 'settled'
              ? settlement.inTime
                ? 'ja'
                : 'nee'
              : settlement.state === 'open' && settlement.overdue
                ? 'nee'
                : 'lopend';
          expect(column.get(signal.reference)?.toLowerCase()).toBe(expected);
        });

        // the card
        const organisation = services.directory.organisation();
        signals.forEach((signal, index) => {
          const settlement = settlements[index]!;
          const text = cardText(
            signalCard({
              signal,
              organisation,
              now: NOW,
              today: TODAY,
              deadlineSettings: DEFAULT_DEADLINE_SETTINGS,
              showPersonalData: true,
              moves: [],
            }),
          );
          if (settlement.state === 'settled') {
            expect(text).toMatch(new RegExp(`afgehandeld op .* \\(${settlement.inTime ? 'op tijd' : 'te laat'}\\)`));
          } else expect(text).not.toContain('afgehandeld op');
        });
        await services.store.close();
        await services.accessLog.close();
      }),
      { numRuns: 25, seed: 5122026 },
    );
  });
});
