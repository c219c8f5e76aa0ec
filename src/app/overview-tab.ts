/**
 * The "Overzicht" tab's figures for one person: the year at a glance, filtered by location and kind.
 *
 * One rule per number, shared with the bot: the year and month counts are `overzicht`'s own counting
 * (OverviewTally, settlement.ts for "settled"); the deadline rows are the `te laat` and `termijnen`
 * lists themselves (runList), so the tab and the chat cannot disagree. The access rules are the
 * commands' (access.ts). What leaves here holds no parent data: references, kinds, locations, steps,
 * dates and counts. Rows that name a signal go only to who may act on it; the MT and the beheerder
 * get the counts (aggregates), as their work needs no single signal.
 */
import { DateTime } from 'luxon';
import { amsterdamDate, ZONE } from '../domain/deadlines';
import type { Person } from '../domain/organisation';
import {
  CHANNELS,
  RULINGS,
  SATISFACTION_ANSWERS,
  STEPS,
  type Channel,
  type Deadlines,
  type Ruling,
  type Satisfaction,
  type Signal,
  type SignalKind,
  type Step,
} from '../domain/signal';
import type { AnalysisStatus, MeasureStatus } from '../domain/analysis-workflow';
import { canActOnSignal, canViewSignal, seesEverything } from './access';
import type { AnalysisStore } from './annual-analysis';
import { OverviewTally, runList, type ListQuery, type Overview, type QueryDeps } from './queries';
import type { YearFacts, YearIndex } from './year-index';

export interface TabFilter {
  year: number;
  locationId?: string;
  kind?: SignalKind;
}

export interface TabDeps extends QueryDeps {
  index: YearIndex;
  analyses?: Pick<AnalysisStore, 'get'>;
}

export type DeadlineKind = keyof Deadlines;
export const DEADLINE_KINDS: readonly DeadlineKind[] = ['settleBy', 'answerBy', 'confirmBy', 'conversationBy'];

export interface DeadlineRow {
  reference: string;
  kind: SignalKind;
  locationId: string;
  step: Step;
  deadlineKind: DeadlineKind;
  /** ISO instant of the deadline. */
  deadline: string;
}

export interface DeadlineGroup {
  total: number;
  byKind: Record<DeadlineKind, number>;
  /** Absent for who sees aggregates only. */
  rows?: DeadlineRow[];
}

export interface Spread {
  count: number;
  median: number;
  p25: number;
  p75: number;
  min: number;
  max: number;
}

export interface MonthFigures {
  month: number;
  received: number;
  settledInTime: number;
  late: number;
  pending: number;
  /** Calendar days from receipt to the written outcome, of the complaints settled. */
  daysToSettle: Spread | null;
}

export interface TabOverview {
  filter: TabFilter;
  /** Today in Amsterdam: what open terms were judged against. */
  today: string;
  scope: 'all' | 'own';
  aggregatesOnly: boolean;
  /** Exactly `overzicht <jaar>` for this person (without location or kind filter). */
  year: Overview;
  /** The same counting for the chosen location and kind. */
  selection: Overview;
  months: MonthFigures[];
  openByLocation: { locationId: string; byStep: Record<Step, number>; total: number }[];
  deadlines: { overdue: DeadlineGroup; thisWeek: DeadlineGroup };
  themesByQuarter: { themeId: string; quarters: [number, number, number, number] }[];
  channelsByQuarter: { channel: Channel; quarters: [number, number, number, number] }[];
  satisfaction: { answer: Satisfaction; count: number }[];
  complaintsDesk: { filed: number; decided: number };
  disputes: { filed: number; byRuling: Record<Ruling, number>; pending: number };
  report?: {
    status: AnalysisStatus | 'none';
    drafted: boolean;
    adopted: boolean;
    sentToGgd: boolean;
    shared: boolean;
    openActions: { description: string; owner: string; deadline: string; status: MeasureStatus }[];
  };
}

/** Rows per deadline list; the counts go on past it. */
export const MAX_ROWS = 200;
/** Pages of 100 of the deadline list read per request (past it the counts stop: 5,000 open deadlines). */
const MAX_LIST_PAGES = 50;
/** Before every deadline: the `termijnen` list from here holds `te laat` too. */
const BEGINNING = '1970-01-01T00:00:00.000Z';

function spread(values: number[]): Spread | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number): number => {
    const position = (sorted.length - 1) * q;
    const low = Math.floor(position);
    const high = Math.ceil(position);
    return Math.round((sorted[low]! + (sorted[high]! - sorted[low]!) * (position - low)) * 10) / 10;
  };
  return { count: sorted.length, median: at(0.5), p25: at(0.25), p75: at(0.75), min: sorted[0]!, max: sorted.at(-1)! };
}

/** Calendar days between two yyyy-mm-dd dates (plain UTC dates: no zone, no daylight saving in between). */
const daysBetween = (from: string, to: string): number => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);

const zeroSteps = (): Record<Step, number> =>
  Object.fromEntries(STEPS.map((step) => [step, 0])) as Record<Step, number>;
const zeroDeadlines = (): Record<DeadlineKind, number> =>
  Object.fromEntries(DEADLINE_KINDS.map((kind) => [kind, 0])) as Record<DeadlineKind, number>;

/** Which of the signal's deadlines its next open deadline is (nextOpenDeadline picked it). */
function deadlineKindOf(signal: Signal): DeadlineKind {
  return DEADLINE_KINDS.find((kind) => signal.deadlines[kind] === signal.nextDeadline) ?? 'answerBy';
}

/** Whether the person works on single signals at all (not only the MT or beheerder). */
export function seesAggregatesOnly(person: Person): boolean {
  return person.roles.every((role) => role === 'mt' || role === 'admin');
}

const emptyGroup = (withRows: boolean): DeadlineGroup => ({
  total: 0,
  byKind: zeroDeadlines(),
  ...(withRows ? { rows: [] } : {}),
});

/**
 * `te laat` (next deadline before now) and `termijnen` up to Sunday (from now on) in one pass: the
 * bot's `termijnen` list from the beginning of time to the end of the week, split at now. Same list,
 * same access check, same order as the two commands; the store scans the due part once, not twice.
 */
async function deadlineGroups(
  deps: TabDeps,
  person: Person,
  now: Date,
  filter: TabFilter,
  withRows: boolean,
): Promise<{ overdue: DeadlineGroup; thisWeek: DeadlineGroup }> {
  const groups = { overdue: emptyGroup(withRows), thisWeek: emptyGroup(withRows) };
  const nowIso = now.toISOString();
  const query: ListQuery = { kind: 'deadlines', from: BEGINNING, until: endOfWeek(now) };
  let continuation: string | undefined;
  for (let page = 0; page < MAX_LIST_PAGES; page += 1) {
    const result = await runList(deps, person, query, continuation, 100);
    for (const signal of result.items) {
      if (filter.locationId && signal.locationId !== filter.locationId) continue;
      if (filter.kind && signal.kind !== filter.kind) continue;
      const group = signal.nextDeadline !== null && signal.nextDeadline < nowIso ? groups.overdue : groups.thisWeek;
      const deadlineKind = deadlineKindOf(signal);
      group.total += 1;
      group.byKind[deadlineKind] += 1;
      if (group.rows && group.rows.length < MAX_ROWS && canActOnSignal(person, signal)) {
        group.rows.push({
          reference: signal.reference,
          kind: signal.kind,
          locationId: signal.locationId,
          step: signal.step,
          deadlineKind,
          deadline: signal.nextDeadline ?? '',
        });
      }
    }
    continuation = result.continuation;
    if (!continuation) break;
  }
  return groups;
}

async function reportProgress(deps: TabDeps, person: Person, year: number): Promise<TabOverview['report']> {
  const mayRead =
    seesEverything(person) || person.roles.some((role) => role === 'locationManager' || role === 'manager');
  if (!deps.analyses || !mayRead) return undefined;
  const stored = await deps.analyses.get(year);
  if (!stored) {
    return { status: 'none', drafted: false, adopted: false, sentToGgd: false, shared: false, openActions: [] };
  }
  const analysis = stored.value;
  return {
    status: analysis.status,
    drafted: true,
    adopted: analysis.adoptedAt !== undefined,
    sentToGgd: analysis.sentToGgd !== undefined,
    shared: analysis.informed !== undefined,
    openActions: analysis.measures
      .filter((measure) => measure.status === 'planned' || measure.status === 'inProgress')
      .map((measure) => ({
        description: measure.description,
        owner: measure.owner.name,
        deadline: measure.deadline,
        status: measure.status,
      })),
  };
}

/** The end of this calendar week (Sunday) in Amsterdam, as an ISO instant. */
function endOfWeek(now: Date): string {
  return DateTime.fromJSDate(now, { zone: ZONE }).endOf('week').toUTC().toISO()!;
}

type YearCounts = Pick<
  TabOverview,
  | 'year'
  | 'selection'
  | 'months'
  | 'openByLocation'
  | 'themesByQuarter'
  | 'channelsByQuarter'
  | 'satisfaction'
  | 'complaintsDesk'
  | 'disputes'
>;

/** Who sees the same counts: everyone who sees everything alike; others by their id, roles and locations. */
function scopeKey(person: Person): string {
  return seesEverything(person) ? 'all' : JSON.stringify([person.id, person.roles, person.locationIds]);
}

function countYear(
  deps: TabDeps,
  person: Person,
  filter: TabFilter,
  today: string,
  facts: Iterable<YearFacts>,
): YearCounts {
  const locations = deps.directory.organisation().locations;
  const themes = deps.directory.organisation().themes;
  const filtered = Boolean(filter.locationId || filter.kind);
  // Without a filter the selection is the year itself: one tally, not two.
  const yearOverview = new OverviewTally(today);
  const yearTally = filtered ? new OverviewTally(today) : yearOverview;
  const monthTallies = Array.from({ length: 12 }, () => new OverviewTally(today));
  const settleDays: number[][] = Array.from({ length: 12 }, () => []);
  const openByLocation = new Map<string, Record<Step, number>>();
  const themeQuarters = new Map<string, [number, number, number, number]>();
  const channelQuarters = new Map<Channel, [number, number, number, number]>();
  const satisfaction = new Map<Satisfaction, number>();
  const complaintsDesk = { filed: 0, decided: 0 };
  const disputes = {
    filed: 0,
    byRuling: Object.fromEntries(RULINGS.map((r) => [r, 0])) as Record<Ruling, number>,
    pending: 0,
  };

  for (const signal of facts) {
    if (!canViewSignal(person, signal)) continue;
    // `overzicht <jaar>` has no filters: kept apart so the tab can show (and the tests check) it as is.
    const settlement = deps.index.settlement(signal, today);
    yearOverview.add(signal, settlement);
    if (filter.locationId && signal.locationId !== filter.locationId) continue;
    if (filter.kind && signal.kind !== filter.kind) continue;
    if (filtered) yearTally.add(signal, settlement);
    const month = Number(signal.receivedOn.slice(5, 7)) - 1;
    const quarter = Math.floor(month / 3);
    monthTallies[month]!.add(signal, settlement);
    if (settlement.state === 'settled') settleDays[month]!.push(daysBetween(signal.receivedOn, settlement.settledOn));
    if (signal.status === 'open') {
      const steps = openByLocation.get(signal.locationId) ?? zeroSteps();
      steps[signal.step] += 1;
      openByLocation.set(signal.locationId, steps);
    }
    const themeRow = themeQuarters.get(signal.themeId) ?? [0, 0, 0, 0];
    themeRow[quarter] = (themeRow[quarter] ?? 0) + 1;
    themeQuarters.set(signal.themeId, themeRow);
    const channelRow = channelQuarters.get(signal.channel) ?? [0, 0, 0, 0];
    channelRow[quarter] = (channelRow[quarter] ?? 0) + 1;
    channelQuarters.set(signal.channel, channelRow);
    if (signal.satisfaction) satisfaction.set(signal.satisfaction, (satisfaction.get(signal.satisfaction) ?? 0) + 1);
    if (signal.complaintsDesk) {
      complaintsDesk.filed += 1;
      if (signal.complaintsDesk.decided) complaintsDesk.decided += 1;
    }
    if (signal.dispute) {
      disputes.filed += 1;
      if (signal.dispute.ruling) disputes.byRuling[signal.dispute.ruling] += 1;
      else disputes.pending += 1;
    }
  }

  const rank = <T extends { id: string }>(list: readonly T[], id: string): number => {
    const index = list.findIndex((item) => item.id === id);
    return index < 0 ? list.length : index;
  };
  return {
    year: yearOverview.result({ year: filter.year }, locations),
    selection: yearTally.result({ year: filter.year }, locations),
    months: monthTallies.map((tally, index): MonthFigures => {
      const figures = tally.result({ year: filter.year, month: index + 1 }, locations);
      return {
        month: index + 1,
        received: figures.total,
        settledInTime: figures.complaints.settledInTime,
        late: figures.complaints.late,
        pending: figures.complaints.pending,
        daysToSettle: spread(settleDays[index]!),
      };
    }),
    openByLocation: [...openByLocation.entries()]
      .sort(([a], [b]) => rank(locations, a) - rank(locations, b))
      .map(([locationId, byStep]) => ({
        locationId,
        byStep,
        total: STEPS.reduce((sum, step) => sum + byStep[step], 0),
      })),
    themesByQuarter: [...themeQuarters.entries()]
      .sort(([a], [b]) => rank(themes, a) - rank(themes, b))
      .map(([themeId, quarters]) => ({ themeId, quarters })),
    channelsByQuarter: CHANNELS.filter((channel) => channelQuarters.has(channel)).map((channel) => ({
      channel,
      quarters: channelQuarters.get(channel)!,
    })),
    satisfaction: SATISFACTION_ANSWERS.filter((answer) => satisfaction.has(answer)).map((answer) => ({
      answer,
      count: satisfaction.get(answer) ?? 0,
    })),
    complaintsDesk,
    disputes,
  };
}

export async function tabOverview(deps: TabDeps, person: Person, filter: TabFilter): Promise<TabOverview> {
  const now = deps.clock.now();
  const today = amsterdamDate(now);
  // The counts change only with the year's signals, the day, the filter and who looks: reused until one does.
  const counts = await deps.index.counted(filter.year, JSON.stringify([scopeKey(person), filter, today]), (facts) =>
    countYear(deps, person, filter, today, facts),
  );
  const aggregatesOnly = seesAggregatesOnly(person);
  return {
    filter,
    today,
    scope: seesEverything(person) ? 'all' : 'own',
    aggregatesOnly,
    ...counts,
    deadlines: await deadlineGroups(deps, person, now, filter, !aggregatesOnly),
    report: await reportProgress(deps, person, filter.year),
  };
}
