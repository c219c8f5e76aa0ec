/**
 * The yearly complaints analysis: figures for the organisation and per location, computed in one
 * pass over a stream of signals, and how a figure is presented. Counts are given exactly: a count of
 * complaints is not personal data, and the GGD must get the real numbers.
 *
 * Definitions (also in the report's explanation, src/i18n/nl-analysis.ts):
 * - Scope: every signal received (receivedOn, Europe/Amsterdam) in the calendar year; anonymised
 *   signals count like any other (only kind, location, theme, channel, steps and dates are read —
 *   never the parent, description or wish).
 * - Counts by kind, theme and channel cover all signals. Everything else — highest step, outcome,
 *   handling time, terms, satisfaction, Klachtenloket and Geschillencommissie — covers complaints
 *   (klachten) only: the legal report is about complaints, and only complaints carry the 6-week clock.
 * - Outcome: a Geschillencommissie ruling (gegrond / deels gegrond / ongegrond) wins; otherwise a
 *   closed complaint is "opgelost"; otherwise "nog open". The Klachtenloket outcome is free text,
 *   so it is counted (with / without outcome) but not classified.
 * - Tenor: of every settled complaint, the tenor of its written outcome (gegrond, deels gegrond,
 *   ongegrond, in overleg opgelost); outcomes recorded before the tenor was asked count as
 *   "notRecorded".
 * - Handling time: calendar days from receivedOn to the day the written outcome was sent (settled,
 *   settlement.ts), settled complaints only. Calendar dates, not instants, so a DST change never
 *   adds or loses a day.
 * - Percentiles: nearest rank. The P-th percentile of N sorted values is the value at rank
 *   ceil(P/100 × N) (1-based). The median is the 50th percentile by the same rule (for an even N the
 *   lower middle value) so every figure is a day count that really occurred.
 * - Terms (6 weeks, same-week confirmation, conversation within 2 weeks): "met" when done at or
 *   before the deadline; "missed" when done later, or not done while the deadline has passed at
 *   `asOf`; "pending" (left out of the share) when not done and the deadline is still ahead. The
 *   6 weeks are met by the written outcome (settlement.ts), not by closing.
 * - Memory: per group only counters, maps keyed by theme, and a histogram of handling days (its
 *   size is bounded by the number of distinct day counts, not by the number of signals).
 */
import {
  CHANNELS,
  RULINGS,
  SATISFACTION_ANSWERS,
  SIGNAL_KINDS,
  STEPS,
  TENORS,
  type Tenor,
  type Channel,
  type Ruling,
  type Satisfaction,
  type Signal,
  type SignalKind,
  type Step,
} from './signal';
import { ZONE } from './deadlines';
import { settlementOf, writtenOutcome } from './settlement';
import { isMelding } from './reporting-duty';

export const OUTCOMES = ['resolved', 'founded', 'partlyFounded', 'unfounded', 'open'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const SATISFACTION_KEYS = [...SATISFACTION_ANSWERS, 'notRecorded'] as const;
export type SatisfactionKey = Satisfaction | 'notRecorded';

export const TENOR_KEYS = [...TENORS, 'notRecorded'] as const;
export type TenorKey = Tenor | 'notRecorded';

/** A term kept or not. `pending` is not yet decided and is left out of the share. */
export interface TermShare {
  met: number;
  missed: number;
  pending: number;
}

export interface DurationFigures {
  /** Closed complaints measured. */
  count: number;
  /** Days, nearest rank; null without data. */
  median: number | null;
  p90: number | null;
}

export interface ComplaintFigures {
  total: number;
  byTheme: Record<string, number>;
  byChannel: Record<Channel, number>;
  /** Complaints received per month (index 0 = January). */
  byMonth: number[];
  highestStep: Record<Step, number>;
  outcomes: Record<Outcome, number>;
  handlingDays: DurationFigures;
  settledWithinTerm: TermShare;
  confirmedInSameWeek: TermShare;
  conversationWithinTwoWeeks: TermShare;
  satisfaction: Record<SatisfactionKey, number>;
  /** The tenor of the written outcomes of settled complaints. */
  tenors: Record<TenorKey, number>;
  /** Written decisions recorded and the measures they promised the parents. */
  decisions: { count: number; measures: number };
  complaintsDesk: { filed: number; withOutcome: number };
  disputes: { filed: number; filedLate: number; rulings: Record<Ruling, number>; awaitingRuling: number };
}

export interface GroupFigures {
  signals: {
    total: number;
    byKind: Record<SignalKind, number>;
    byTheme: Record<string, number>;
    byChannel: Record<Channel, number>;
  };
  complaints: ComplaintFigures;
}

/** JSON-safe; holds no personal data, so it may be stored with the analysis. */
export interface YearFigures {
  year: number;
  /** ISO instant the open terms were judged against. */
  asOf: string;
  organisation: GroupFigures;
  /** Keyed by location id, only locations with at least one signal. */
  locations: Record<string, GroupFigures>;
  /** Signals the stream gave outside the year (should be 0; kept to make a store bug visible). */
  skipped: number;
}

const zeros = <K extends string>(keys: readonly K[]): Record<K, number> =>
  Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;

const MS_PER_DAY = 86_400_000;
const MS_PER_HOUR = 3_600_000;

/**
 * The Amsterdam date of an instant, fast: deadlines.amsterdamDate goes through luxon (~15 µs), too
 * slow for 50,000 signals. Zone offsets change only on whole UTC hours, so the date is cached per
 * UTC hour (at most 8,784 entries a year).
 */
const DAY_FORMAT = new Intl.DateTimeFormat('en-CA', {
  timeZone: ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
const dateByHour = new Map<number, string>();
export function amsterdamDay(instant: string): string {
  const hour = Math.floor(Date.parse(instant) / MS_PER_HOUR);
  let day = dateByHour.get(hour);
  if (day === undefined) {
    day = DAY_FORMAT.format(new Date(hour * MS_PER_HOUR));
    if (dateByHour.size > 20_000) dateByHour.clear();
    dateByHour.set(hour, day);
  }
  return day;
}

/** Whole calendar days between two yyyy-mm-dd dates; pure date arithmetic, no zone involved. */
export function calendarDaysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / MS_PER_DAY);
}

/** Nearest-rank percentile over a histogram of integer values (value → count). */
export function nearestRank(histogram: ReadonlyMap<number, number>, percentile: number): number | null {
  let total = 0;
  for (const count of histogram.values()) total += count;
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil((percentile / 100) * total));
  let seen = 0;
  for (const value of [...histogram.keys()].sort((a, b) => a - b)) {
    seen += histogram.get(value)!;
    if (seen >= rank) return value;
  }
  return null;
}

function judgeTerm(share: TermShare, deadline: string | undefined, doneAt: string | undefined, asOf: number): void {
  if (deadline === undefined) return;
  const due = Date.parse(deadline);
  if (doneAt !== undefined) {
    if (Date.parse(doneAt) <= due) share.met += 1;
    else share.missed += 1;
  } else if (due < asOf) share.missed += 1;
  else share.pending += 1;
}

export function outcomeOf(signal: Signal): Outcome {
  const ruling = signal.dispute?.ruling;
  if (ruling) return ruling;
  return signal.status === 'closed' ? 'resolved' : 'open';
}

class GroupAccumulator {
  private readonly signalsByKind = zeros(SIGNAL_KINDS);
  private readonly signalsByTheme = new Map<string, number>();
  private readonly signalsByChannel = zeros(CHANNELS);
  private signalTotal = 0;

  private complaintTotal = 0;
  private readonly complaintsByTheme = new Map<string, number>();
  private readonly complaintsByChannel = zeros(CHANNELS);
  private readonly byMonth = new Array<number>(12).fill(0);
  private readonly highestStep = zeros(STEPS);
  private readonly outcomes = zeros(OUTCOMES);
  private readonly handlingDays = new Map<number, number>();
  private readonly settled: TermShare = { met: 0, missed: 0, pending: 0 };
  private readonly confirmed: TermShare = { met: 0, missed: 0, pending: 0 };
  private readonly conversation: TermShare = { met: 0, missed: 0, pending: 0 };
  private readonly satisfaction = zeros(SATISFACTION_KEYS);
  private readonly tenors = zeros(TENOR_KEYS);
  private readonly decisions = { count: 0, measures: 0 };
  private readonly desk = { filed: 0, withOutcome: 0 };
  private readonly disputes = { filed: 0, filedLate: 0, rulings: zeros(RULINGS), awaitingRuling: 0 };

  add(signal: Signal, asOf: number): void {
    this.signalTotal += 1;
    this.signalsByKind[signal.kind] += 1;
    this.signalsByChannel[signal.channel] += 1;
    increment(this.signalsByTheme, signal.themeId);
    if (signal.kind !== 'complaint') return;

    this.complaintTotal += 1;
    increment(this.complaintsByTheme, signal.themeId);
    this.complaintsByChannel[signal.channel] += 1;
    this.byMonth[Number(signal.receivedOn.slice(5, 7)) - 1]! += 1;
    this.highestStep[signal.highestStep] += 1;
    this.outcomes[outcomeOf(signal)] += 1;
    const settlement = settlementOf(signal, amsterdamDay(new Date(asOf).toISOString()));
    if (settlement.state === 'settled') {
      const days = calendarDaysBetween(signal.receivedOn, settlement.settledOn);
      this.handlingDays.set(days, (this.handlingDays.get(days) ?? 0) + 1);
      this.settled[settlement.inTime ? 'met' : 'missed'] += 1;
      this.tenors[writtenOutcome(signal)?.tenor ?? 'notRecorded'] += 1;
    } else if (settlement.state === 'open') this.settled[settlement.overdue ? 'missed' : 'pending'] += 1;
    if (signal.escalation) {
      judgeTerm(this.confirmed, signal.deadlines.confirmBy, signal.escalation.confirmationSentAt, asOf);
      judgeTerm(this.conversation, signal.deadlines.conversationBy, signal.escalation.conversation.heldAt, asOf);
    }
    this.satisfaction[signal.handling?.satisfaction ?? 'notRecorded'] += 1;
    if (signal.decision) {
      this.decisions.count += 1;
      this.decisions.measures += signal.decision.measures.length;
    }
    if (signal.complaintsDesk) {
      this.desk.filed += 1;
      if (signal.complaintsDesk.outcome) this.desk.withOutcome += 1;
    }
    if (signal.dispute) {
      this.disputes.filed += 1;
      if (signal.dispute.filedLate) this.disputes.filedLate += 1;
      if (signal.dispute.ruling) this.disputes.rulings[signal.dispute.ruling] += 1;
      else this.disputes.awaitingRuling += 1;
    }
  }

  result(): GroupFigures {
    let measured = 0;
    for (const count of this.handlingDays.values()) measured += count;
    return {
      signals: {
        total: this.signalTotal,
        byKind: { ...this.signalsByKind },
        byTheme: sortedRecord(this.signalsByTheme),
        byChannel: { ...this.signalsByChannel },
      },
      complaints: {
        total: this.complaintTotal,
        byTheme: sortedRecord(this.complaintsByTheme),
        byChannel: { ...this.complaintsByChannel },
        byMonth: [...this.byMonth],
        highestStep: { ...this.highestStep },
        outcomes: { ...this.outcomes },
        handlingDays: {
          count: measured,
          median: nearestRank(this.handlingDays, 50),
          p90: nearestRank(this.handlingDays, 90),
        },
        settledWithinTerm: { ...this.settled },
        confirmedInSameWeek: { ...this.confirmed },
        conversationWithinTwoWeeks: { ...this.conversation },
        satisfaction: { ...this.satisfaction },
        tenors: { ...this.tenors },
        decisions: { ...this.decisions },
        complaintsDesk: { ...this.desk },
        disputes: { ...this.disputes, rulings: { ...this.disputes.rulings } },
      },
    };
  }
}

function increment(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

/** Largest first, then by key, so tables and charts read the same way every run. */
function sortedRecord(map: ReadonlyMap<string, number>): Record<string, number> {
  return Object.fromEntries([...map.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])));
}

/**
 * Feed signals one by one (from SignalStore.streamYear) and read the figures at the end.
 * `asOf` is the moment open terms are judged against (the clock's now).
 */
export class AnalysisAccumulator {
  private readonly organisation = new GroupAccumulator();
  private readonly locations = new Map<string, GroupAccumulator>();
  private readonly asOfMs: number;
  private skipped = 0;

  constructor(
    readonly year: number,
    private readonly asOf: Date,
  ) {
    this.asOfMs = asOf.getTime();
  }

  add(signal: Signal): void {
    // A melding never enters the yearly report (it goes to the parent committees); its own figures
    // are the route's (reporting-duty.ts dutyFigures).
    if (isMelding(signal)) return;
    if (Number(signal.receivedOn.slice(0, 4)) !== this.year) {
      this.skipped += 1;
      return;
    }
    this.organisation.add(signal, this.asOfMs);
    let location = this.locations.get(signal.locationId);
    if (!location) {
      location = new GroupAccumulator();
      this.locations.set(signal.locationId, location);
    }
    location.add(signal, this.asOfMs);
  }

  result(): YearFigures {
    return {
      year: this.year,
      asOf: this.asOf.toISOString(),
      organisation: this.organisation.result(),
      locations: Object.fromEntries(
        [...this.locations.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([id, group]) => [id, group.result()]),
      ),
      skipped: this.skipped,
    };
  }
}

/** Convenience for tests and small sets: the figures of an iterable of signals. */
export function analyseSignals(year: number, signals: Iterable<Signal>, asOf: Date): YearFigures {
  const accumulator = new AnalysisAccumulator(year, asOf);
  for (const signal of signals) accumulator.add(signal);
  return accumulator.result();
}

// ---- year on year -----------------------------------------------------------------------------

export const COMPARISON_KEYS = [
  'signals',
  'complaints',
  'escalatedToOrganisation',
  'complaintsDesk',
  'disputes',
  'handlingMedian',
  'handlingP90',
  'settledWithinTerm',
  'confirmedInSameWeek',
  'conversationWithinTwoWeeks',
  'satisfied',
] as const;
export type ComparisonKey = (typeof COMPARISON_KEYS)[number];

/** A key figure as data; presentation turns it into text. */
export type KeyFigure =
  | { type: 'count'; value: number }
  /** `complaints`: the group's complaints, to tell "no complaints" from "none judged yet". */
  | { type: 'share'; part: number; of: number; complaints: number }
  | { type: 'days'; value: number | null; basis: number; complaints: number };

export interface ComparisonRow {
  key: ComparisonKey;
  current: KeyFigure;
  previous: KeyFigure | null;
}

export function keyFigures(group: GroupFigures): Record<ComparisonKey, KeyFigure> {
  const c = group.complaints;
  const share = (term: TermShare): KeyFigure => ({
    type: 'share',
    part: term.met,
    of: term.met + term.missed,
    complaints: c.total,
  });
  const satisfactionAnswered = c.satisfaction.satisfied + c.satisfaction.partly + c.satisfaction.notSatisfied;
  return {
    signals: { type: 'count', value: group.signals.total },
    complaints: { type: 'count', value: c.total },
    escalatedToOrganisation: {
      type: 'count',
      value: c.highestStep.organisation + c.highestStep.complaintsDesk + c.highestStep.disputesCommittee,
    },
    complaintsDesk: { type: 'count', value: c.complaintsDesk.filed },
    disputes: { type: 'count', value: c.disputes.filed },
    handlingMedian: { type: 'days', value: c.handlingDays.median, basis: c.handlingDays.count, complaints: c.total },
    handlingP90: { type: 'days', value: c.handlingDays.p90, basis: c.handlingDays.count, complaints: c.total },
    settledWithinTerm: share(c.settledWithinTerm),
    confirmedInSameWeek: share(c.confirmedInSameWeek),
    conversationWithinTwoWeeks: share(c.conversationWithinTwoWeeks),
    // Of the parents who answered (not reachable and not recorded left out).
    satisfied: { type: 'share', part: c.satisfaction.satisfied, of: satisfactionAnswered, complaints: c.total },
  };
}

/** The caller provides both years' figures (the previous year may be missing: first year in use). */
export function compareYears(current: GroupFigures, previous: GroupFigures | undefined): ComparisonRow[] {
  const now = keyFigures(current);
  const before = previous ? keyFigures(previous) : undefined;
  return COMPARISON_KEYS.map((key) => ({ key, current: now[key], previous: before ? before[key] : null }));
}

// ---- presentation -----------------------------------------------------------------------------

/**
 * A presented figure: an exact count, a percentage, or "none" — a share or a number of days with
 * nothing to compute it over (shown as "–", never as a small number). `noComplaints`: there were no
 * complaints at all ("geen klachten"); otherwise none was settled or judged yet.
 */
export type Cell =
  | { type: 'value'; value: number }
  | { type: 'percent'; value: number; part: number; of: number }
  | { type: 'none'; noComplaints: boolean };

export const countCell = (value: number): Cell => ({ type: 'value', value });

/** `complaints`: how many complaints the share is about (default: its base). */
export function shareCell(part: number, of: number, complaints = of): Cell {
  return of === 0
    ? { type: 'none', noComplaints: complaints === 0 }
    : { type: 'percent', value: (part / of) * 100, part, of };
}

export function daysCell(value: number | null, basis: number, complaints = basis): Cell {
  return value === null || basis === 0 ? { type: 'none', noComplaints: complaints === 0 } : { type: 'value', value };
}

export function presentKeyFigure(figure: KeyFigure): Cell {
  switch (figure.type) {
    case 'count':
      return countCell(figure.value);
    case 'share':
      return shareCell(figure.part, figure.of, figure.complaints);
    case 'days':
      return daysCell(figure.value, figure.basis, figure.complaints);
  }
}
