/**
 * Reminder rules of the yearly analysis, beside the signals' rules in reminders.ts and in the same
 * shape: every point has a deterministic id, is due at `sendHour` on a working day (Amsterdam), and
 * the sweep sends each point once per recipient.
 *
 * - The GGD deadline (the analysis of `year` must be at the GGD before 1 June of `year + 1`): from
 *   1 April staf kw is reminded once a week (the first working day of the week) until "sent to the
 *   GGD" is recorded; from 1 June the weekly reminder says it is late and also goes to the MT.
 *   Only the current week's point exists: a sweep that was down for weeks sends one, not a backlog.
 * - Actions and measures decided with the analysis: like a complaint's measures, advance points
 *   `measure.workingDaysBefore` working days before the deadline to the owner, and one "missed" point
 *   the first working day after it to the owner and staf kw, until the measure is done or cancelled.
 */
import { addWorkingDays, isWorkingDay } from './calendar';
import { endOfDay } from './deadlines';
import { ggdDeadline, ggdDeadlineState, type AnalysisStatus, type AnnualAnalysis } from './analysis-workflow';
import {
  advanceCandidates,
  dueInstant,
  fromOrigin,
  weeklyDueAt,
  workingDayBefore,
  type Recipient,
  type ReminderPointKind,
  type ReminderRules,
} from './reminders';

export type AnalysisReminderSubject = 'sendToGgd' | 'measure';

export interface AnalysisReminderPoint {
  /** `analysis-${year}:ggd:${week}`, `analysis-${year}:ggd-late:${week}` or `analysis-${year}:measure:${id}:${date}:${offset}` */
  id: string;
  year: number;
  subject: AnalysisReminderSubject;
  kind: ReminderPointKind;
  /** The deadline (ISO instant, end of its day in Amsterdam). */
  deadline: string;
  dueAt: string;
  recipients: Recipient[];
  /** Where the analysis stands; 'missing' when staf kw has not made it yet. */
  status: AnalysisStatus | 'missing';
  measure?: { id: string; description: string };
}

const quality: Recipient = { type: 'role', role: 'quality', audience: 'quality' };
const mt: Recipient = { type: 'role', role: 'mt', audience: 'managers' };

/** The first working day on or after the date. */
function workingDayFrom(isoDate: string): string {
  return isWorkingDay(isoDate) ? isoDate : addWorkingDays(isoDate, 1);
}

const later = (a: string, b: string): string => (Date.parse(a) >= Date.parse(b) ? a : b);

function ggdPoint(year: number, analysis: AnnualAnalysis | undefined, now: Date, rules: ReminderRules) {
  const state = ggdDeadlineState(year, now, analysis?.sentToGgd?.on);
  if (state !== 'remind' && state !== 'late') return [];
  const { week, dueAt } = weeklyDueAt(now, 1, rules.sendHour);
  const late = state === 'late';
  const firstDay = workingDayFrom(late ? `${year + 1}-06-01` : `${year + 1}-04-01`);
  const point: AnalysisReminderPoint = {
    id: `analysis-${year}:${late ? 'ggd-late' : 'ggd'}:${week}`,
    year,
    subject: 'sendToGgd',
    kind: late ? 'missed' : 'upcoming',
    deadline: endOfDay(ggdDeadline(year)),
    // The week of 1 April (or 1 June) starts on that day, not on its Monday.
    dueAt: later(dueAt, dueInstant(firstDay, rules.sendHour)),
    recipients: late ? [quality, mt] : [quality],
    status: analysis?.status ?? 'missing',
  };
  return [point];
}

function measurePoints(analysis: AnnualAnalysis, rules: ReminderRules): AnalysisReminderPoint[] {
  const points: AnalysisReminderPoint[] = [];
  for (const measure of analysis.measures) {
    if (measure.status === 'done' || measure.status === 'cancelled') continue;
    const deadline = endOfDay(measure.deadline);
    const base = `analysis-${analysis.year}:measure:${measure.id}:${measure.deadline}`;
    const owner: Recipient = { type: 'person', person: measure.owner, audience: 'owner' };
    const common = {
      year: analysis.year,
      subject: 'measure' as const,
      deadline,
      status: analysis.status,
      measure: { id: measure.id, description: measure.description },
    };
    const advance = advanceCandidates(deadline, rules.measure.workingDaysBefore, rules.sendHour);
    for (const candidate of fromOrigin(advance, measure.createdAt)) {
      points.push({
        ...common,
        id: `${base}:${candidate.offsetLabel}`,
        kind: 'upcoming',
        dueAt: candidate.dueAt,
        recipients: [owner],
      });
    }
    points.push({
      ...common,
      id: `${base}:missed`,
      kind: 'missed',
      dueAt: dueInstant(workingDayBefore(measure.deadline, -1), rules.sendHour),
      recipients: [owner, quality],
    });
  }
  return points;
}

/**
 * The analysis points due at `now`: the GGD reminder of the report year (`year`), and the measures
 * of that year's and the year before's analysis (measures often run longer than a year). An advance
 * point whose deadline has passed is left out: the "missed" point says it better.
 */
export function dueAnalysisPoints(
  analyses: { year: number; analysis: AnnualAnalysis | undefined }[],
  reportYear: number,
  now: Date,
  rules: ReminderRules,
): AnalysisReminderPoint[] {
  const at = now.getTime();
  const points: AnalysisReminderPoint[] = [];
  for (const { year, analysis } of analyses) {
    if (year === reportYear) points.push(...ggdPoint(year, analysis, now, rules));
    if (analysis) points.push(...measurePoints(analysis, rules));
  }
  return points
    .filter((point) => Date.parse(point.dueAt) <= at && (point.kind === 'missed' || Date.parse(point.deadline) >= at))
    .sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.id.localeCompare(b.id));
}
