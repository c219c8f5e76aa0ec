/**
 * Reminder rules: which reminders a signal has, when each is due and who gets it. Pure: the sweep
 * (src/app/reminders.ts) asks for the points, keeps those with dueAt <= now and sends each once.
 *
 * Every point has a deterministic identity, `${signalId}:${deadlineKind}:${deadlineDate}:${offsetLabel}`,
 * so the same point computed by any instance at any time is the same reminder. The deadline's date is
 * part of it: should a deadline ever move, its reminders are new reminders.
 *
 * Rules (all on the Dutch wall clock; a point is at `sendHour`:00 Europe/Amsterdam on a working day):
 * - confirmBy (step 2, same-week confirmation not yet sent): the last `lastWorkingDays` working days
 *   of the escalation's ISO week (holidays skipped: with Friday a holiday, Wednesday and Thursday).
 * - conversationBy (conversation not yet held), settleBy (complaint without its written outcome), answerBy
 *   (other kinds not yet handled), measures of a decision: `workingDaysBefore` working days before
 *   the deadline's date (0 = on the day, or the working day before it when it is not one).
 * - missed: the first working day after an open deadline's date, to the missed audience (owner,
 *   escalated to the manager and staf kw). Measures have no "done" state in the signal, so they
 *   only get advance reminders; a "missed" notice would reach every owner of every measure, also
 *   the ones carried out on time. When the bot was down over a measure's last advance point, that
 *   point is sent late, once, within MEASURE_LATE_WORKING_DAYS working days after the deadline
 *   (see dueReminders); later it is dropped.
 * - Points before the deadline existed (escalation, registration, decision) are dropped, except that
 *   an open deadline always keeps at least one advance point: when all of them lie before its origin,
 *   the latest one stays and fires at the next sweep (e.g. escalated on a Friday afternoon).
 * - Closed or anonymised signals have no deadline reminders; a closed signal keeps its measures'.
 * - Each deadline (and each measure) is computed on its own: one whose stored date the calendar
 *   refuses (a measure typed as 0026-05-01 before the forms checked the range, a record written by
 *   an old client) is left out and listed in the plan's `unreadable`, and the signal's other
 *   reminders, the legal six-week deadline among them, still come (see reminderPlan).
 */
import { DateTime } from 'luxon';
import { addWorkingDays, isWorkingDay } from './calendar';
import { ZONE, amsterdamDate, endOfDay } from './deadlines';
import type { Role } from './organisation';
import { awaitsSettlement } from './settlement';
import type { PersonRef, Signal } from './signal';

export const AUDIENCES = [
  /** The signal's owner (employee, location manager or manager, per step). */
  'owner',
  /** The step-2 manager; the location's managers when the signal was never escalated. */
  'escalationManager',
  /** Staf kw (or another supporter) added to step 2. */
  'supporter',
  /** Whoever recorded the decision. */
  'decidedBy',
  /** The location managers of the signal's location. */
  'locationManagers',
  /** The managers (primair proces / MT) of the signal's location. */
  'managers',
  /** Staf kwaliteit, organisation-wide. */
  'quality',
] as const;
export type Audience = (typeof AUDIENCES)[number];

export const REMINDER_DEADLINE_KINDS = [
  'confirmBy',
  'conversationBy',
  'settleBy',
  'answerBy',
  'measure',
  /** Meldplicht: the consultation with the vertrouwensinspecteur (points from reporting-duty.ts). */
  'reportingConsultation',
] as const;
export type ReminderDeadlineKind = (typeof REMINDER_DEADLINE_KINDS)[number];

export type ReminderPointKind = 'upcoming' | 'missed';

export type Recipient =
  | { type: 'person'; person: PersonRef; audience: Audience }
  | { type: 'role'; role: Role; locationId?: string; audience: Audience };

export interface ReminderPoint {
  /** `${signalId}:${deadlineKind}:${deadlineDate}:${offsetLabel}` */
  id: string;
  signalId: string;
  deadlineKind: ReminderDeadlineKind;
  kind: ReminderPointKind;
  /** The deadline itself (ISO instant, end of its day in Amsterdam). */
  deadline: string;
  /** When the reminder is due (ISO instant): sendHour on a working day, Amsterdam. */
  dueAt: string;
  offsetLabel: string;
  recipients: Recipient[];
  /** For measure points: which commitment (see commitmentsOf) and its text. */
  measure?: { key: string; index?: number; source: CommitmentSource; description: string };
}

/**
 * Where a dated commitment of the organisation comes from: a measure of its own written outcome, the
 * obligations of a binding Geschillencommissie ruling, or what it agreed at the Klachtenloket.
 * All are reminded like measures.
 */
export type CommitmentSource = 'decision' | 'dispute' | 'complaintsDesk';

interface Commitment {
  /** Stable within the signal: part of the reminder's delivery id. */
  key: string;
  /** For a measure: its index in decision.measures. */
  index?: number;
  source: CommitmentSource;
  description: string;
  deadline: string;
  /** When it was promised: no reminder is due before. */
  since: string;
}

function lastEventAt(signal: Signal, type: Signal['history'][number]['type']): string {
  return signal.history.findLast((event) => event.type === type)?.at ?? signal.registeredAt;
}

/** Whether the organisation made dated commitments on this signal (measures, obligations, agreements). */
export function hasCommitments(signal: Signal): boolean {
  return commitmentsOf(signal).length > 0;
}

/** Every dated commitment the organisation made on this signal. */
function commitmentsOf(signal: Signal): Commitment[] {
  const { decision, dispute, complaintsDesk } = signal;
  const measures = decision && Array.isArray(decision.measures) ? decision.measures : [];
  const list: Commitment[] = measures.map((measure, index) => ({
    key: `measure${index}`,
    index,
    source: 'decision',
    description: measure?.description,
    deadline: measure?.deadline,
    since: decision!.recordedAt,
  }));
  if (dispute?.obligations && dispute.obligationsDeadline) {
    list.push({
      key: 'obligations',
      source: 'dispute',
      description: dispute.obligations,
      deadline: dispute.obligationsDeadline,
      since: lastEventAt(signal, 'disputeRuling'),
    });
  }
  if (complaintsDesk?.agreements && complaintsDesk.agreementsDeadline) {
    list.push({
      key: 'deskAgreements',
      source: 'complaintsDesk',
      description: complaintsDesk.agreements,
      deadline: complaintsDesk.agreementsDeadline,
      since: lastEventAt(signal, 'complaintsDeskOutcome'),
    });
  }
  return list;
}

export interface AdvanceRule {
  /** Working days before the deadline's date; 0 = on the day. */
  workingDaysBefore: number[];
  audience: Audience[];
}

export interface ReminderRules {
  /** Hour of the day (Amsterdam) at which reminders are due. */
  sendHour: number;
  confirmation: { lastWorkingDays: number; audience: Audience[] };
  conversation: AdvanceRule;
  settle: AdvanceRule;
  answer: AdvanceRule;
  measure: AdvanceRule;
  missed: { audience: Audience[] };
}

export const DEFAULT_REMINDER_RULES: ReminderRules = {
  sendHour: 8,
  confirmation: { lastWorkingDays: 2, audience: ['owner'] },
  conversation: { workingDaysBefore: [3], audience: ['owner', 'supporter'] },
  settle: { workingDaysBefore: [10, 5, 2], audience: ['owner'] },
  answer: { workingDaysBefore: [2], audience: ['owner'] },
  measure: { workingDaysBefore: [5, 0], audience: ['owner', 'decidedBy'] },
  missed: { audience: ['owner', 'escalationManager', 'quality'] },
};

/**
 * Time-zone arithmetic is slow in luxon (~0.5 ms a call, mostly Intl); the sweep asks the same
 * questions every few minutes, so the answers (pure functions of their input) are memoised.
 */
const MEMO_LIMIT = 20_000;
function memo<R>(fn: (key: string) => R): (key: string) => R {
  const cache = new Map<string, R>();
  return (key) => {
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    const value = fn(key);
    if (cache.size >= MEMO_LIMIT) cache.clear();
    cache.set(key, value);
    return value;
  };
}

const dueInstantMemo = memo((key) => {
  const [isoDate, hour] = key.split('|');
  return DateTime.fromISO(isoDate!, { zone: ZONE })
    .set({ hour: Number(hour), minute: 0, second: 0, millisecond: 0 })
    .toUTC()
    .toISO()!;
});
const dayOf = memo((instant) => amsterdamDate(instant));
const endOfDayMemo = memo((isoDate) => endOfDay(isoDate));

/** sendHour:00 on a calendar date in Amsterdam, as a UTC ISO instant. */
export function dueInstant(isoDate: string, sendHour: number): string {
  return dueInstantMemo(`${isoDate}|${sendHour}`);
}

/** The working day `days` before the date; 0 is the date itself or, when it is no working day, the one before. */
export function workingDayBefore(isoDate: string, days: number): string {
  return workingDayMemo(`${isoDate}|${days}`);
}

const workingDayMemo = memo((key) => {
  const [isoDate, text] = key.split('|');
  const days = Number(text);
  if (days === 0) return isWorkingDay(isoDate!) ? isoDate! : addWorkingDays(isoDate!, -1);
  return addWorkingDays(isoDate!, -days);
});

/** Working days of the ISO week (Monday..Sunday, Amsterdam) that holds the date. */
export function workingDaysOfWeek(isoDate: string): string[] {
  return [...weekMemo(isoDate)];
}

const weekMemo = memo((isoDate): readonly string[] => {
  const monday = DateTime.fromISO(isoDate, { zone: ZONE }).startOf('week');
  const days: string[] = [];
  for (let offset = 0; offset < 7; offset += 1) {
    const day = monday.plus({ days: offset }).toISODate()!;
    if (isWorkingDay(day)) days.push(day);
  }
  return days;
});

export interface Candidate {
  offsetLabel: string;
  dueAt: string;
}

/**
 * Keeps candidates at or after the origin; when none is left, the latest earlier one (at least one
 * advance reminder per open deadline). Duplicated due moments keep the first candidate.
 */
export function fromOrigin(candidates: Candidate[], origin: string): Candidate[] {
  const unique = new Map<string, Candidate>();
  for (const candidate of candidates) if (!unique.has(candidate.dueAt)) unique.set(candidate.dueAt, candidate);
  const sorted = [...unique.values()].sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  const originMs = Date.parse(origin);
  const kept = sorted.filter((candidate) => Date.parse(candidate.dueAt) >= originMs);
  if (kept.length > 0) return kept;
  const latest = sorted[sorted.length - 1];
  return latest ? [latest] : [];
}

export function advanceCandidates(
  deadline: string,
  workingDaysBefore: readonly number[],
  sendHour: number,
): Candidate[] {
  const date = dayOf(deadline);
  return workingDaysBefore.map((days) => ({
    offsetLabel: `-${days}wd`,
    dueAt: dueInstant(workingDayBefore(date, days), sendHour),
  }));
}

function resolveAudience(signal: Signal, audiences: readonly Audience[]): Recipient[] {
  const recipients: Recipient[] = [];
  const seenPeople = new Set<string>();
  const seenRoles = new Set<string>();
  const person = (who: PersonRef | undefined, audience: Audience): void => {
    if (!who || seenPeople.has(who.id)) return;
    seenPeople.add(who.id);
    recipients.push({ type: 'person', person: { id: who.id, name: who.name }, audience });
  };
  const role = (which: Role, audience: Audience, locationId?: string): void => {
    const key = `${which}@${locationId ?? '*'}`;
    if (seenRoles.has(key)) return;
    seenRoles.add(key);
    recipients.push({ type: 'role', role: which, audience, ...(locationId ? { locationId } : {}) });
  };
  for (const audience of audiences) {
    switch (audience) {
      case 'owner':
        person(signal.owner, audience);
        break;
      case 'escalationManager':
        if (signal.escalation?.manager) person(signal.escalation.manager, audience);
        else role('manager', audience, signal.locationId);
        break;
      case 'supporter':
        person(signal.escalation?.supporter, audience);
        break;
      case 'decidedBy':
        person(signal.decision?.decidedBy, audience);
        break;
      case 'locationManagers':
        role('locationManager', audience, signal.locationId);
        break;
      case 'managers':
        role('manager', audience, signal.locationId);
        break;
      case 'quality':
        role('quality', audience);
        break;
    }
  }
  return recipients;
}

interface OpenDeadline {
  kind: Exclude<ReminderDeadlineKind, 'measure'>;
  deadline: string;
  /** When the deadline came into existence. */
  origin: string;
  advance: Candidate[];
  audience: Audience[];
}

/**
 * A deadline of the signal whose reminder points could not be computed: a stored date the calendar
 * refuses. Ids and the date only, never a measure's text or anything about a person.
 */
export interface UnreadableDeadline {
  deadlineKind: ReminderDeadlineKind;
  /** For a measure: its index in decision.measures. */
  measureIndex?: number;
  /** The stored date when it looks like one (digits and date punctuation only), for whoever repairs it. */
  storedDate?: string;
}

/** A signal's reminder points, and the deadlines left out because they could not be computed. */
export interface ReminderPlan {
  /** Sorted by dueAt then id. */
  points: ReminderPoint[];
  /** Each left out on its own: the signal's other points are in `points`. */
  unreadable: UnreadableDeadline[];
}

const DATE_LIKE = /^[+-]?\d{1,6}-\d{1,2}-\d{1,2}(T[\d:.]{1,18}(Z|[+-]\d{2}:?\d{2})?)?$/;

function storedDateOf(value: unknown): { storedDate?: string } {
  return typeof value === 'string' && DATE_LIKE.test(value) ? { storedDate: value } : {};
}

/** luxon answers an unreadable date with null rather than throwing; this makes it throw. */
function validInstant(instant: string | null | undefined): string {
  if (typeof instant !== 'string' || Number.isNaN(Date.parse(instant))) throw new RangeError('not a valid instant');
  return instant;
}

/**
 * The signal's open deadlines, each built on its own: `build` throws when its dates cannot be
 * computed, and then only that deadline is left out (see reminderPlan).
 */
function openDeadlines(
  signal: Signal,
  rules: ReminderRules,
): { kind: OpenDeadline['kind']; stored: unknown; build: () => OpenDeadline | undefined }[] {
  if (signal.status !== 'open') return [];
  const deadlines = signal.deadlines ?? {};
  const escalation = signal.escalation;
  return [
    {
      kind: 'confirmBy',
      stored: deadlines.confirmBy,
      build: () => {
        const confirmBy = deadlines.confirmBy;
        if (!escalation || !confirmBy || escalation.confirmationSentAt) return undefined;
        const week = workingDaysOfWeek(dayOf(validInstant(escalation.escalatedAt)));
        const last = week.slice(Math.max(0, week.length - rules.confirmation.lastWorkingDays));
        return {
          kind: 'confirmBy',
          deadline: validInstant(confirmBy),
          origin: escalation.escalatedAt,
          advance: last.map((day, index) => ({
            offsetLabel: `week-last${last.length - index}`,
            dueAt: dueInstant(day, rules.sendHour),
          })),
          audience: rules.confirmation.audience,
        };
      },
    },
    {
      kind: 'conversationBy',
      stored: deadlines.conversationBy,
      build: () => {
        const conversationBy = deadlines.conversationBy;
        if (!escalation || !conversationBy || escalation.conversation.heldAt) return undefined;
        return {
          kind: 'conversationBy',
          deadline: validInstant(conversationBy),
          origin: escalation.escalatedAt,
          advance: advanceCandidates(conversationBy, rules.conversation.workingDaysBefore, rules.sendHour),
          audience: rules.conversation.audience,
        };
      },
    },
    {
      // The written outcome settles the complaint (settlement.ts), whether or not it is closed yet.
      kind: 'settleBy',
      stored: deadlines.settleBy,
      build: () => {
        const settleBy = deadlines.settleBy;
        if (!settleBy || !awaitsSettlement(signal)) return undefined;
        return {
          kind: 'settleBy',
          deadline: validInstant(settleBy),
          origin: signal.registeredAt,
          advance: advanceCandidates(settleBy, rules.settle.workingDaysBefore, rules.sendHour),
          audience: rules.settle.audience,
        };
      },
    },
    {
      // The other kinds are answered once the handling (with the satisfaction question) is recorded.
      kind: 'answerBy',
      stored: deadlines.answerBy,
      build: () => {
        const answerBy = deadlines.answerBy;
        if (!answerBy || signal.handling) return undefined;
        return {
          kind: 'answerBy',
          deadline: validInstant(answerBy),
          origin: signal.registeredAt,
          advance: advanceCandidates(answerBy, rules.answer.workingDaysBefore, rules.sendHour),
          audience: rules.answer.audience,
        };
      },
    },
  ];
}

/**
 * Every reminder point of the signal in its current state, and the deadlines whose points could not
 * be computed. Each deadline and each measure is computed on its own: a date the calendar refuses
 * leaves out that one only, so one bad measure date never costs the signal its other reminders.
 */
export function reminderPlan(signal: Signal, rules: ReminderRules = DEFAULT_REMINDER_RULES): ReminderPlan {
  if (signal.anonymisedAt !== undefined || signal.parent === null) return { points: [], unreadable: [] };
  const points: ReminderPoint[] = [];
  const unreadable: UnreadableDeadline[] = [];
  const base = (kind: ReminderDeadlineKind, deadline: string) => `${signal.id}:${kind}:${dayOf(deadline)}`;

  for (const { kind, stored, build } of openDeadlines(signal, rules)) {
    try {
      const open = build();
      if (!open) continue;
      const recipients = resolveAudience(signal, open.audience);
      const own: ReminderPoint[] = fromOrigin(open.advance, open.origin).map((candidate) => ({
        id: `${base(open.kind, open.deadline)}:${candidate.offsetLabel}`,
        signalId: signal.id,
        deadlineKind: open.kind,
        kind: 'upcoming',
        deadline: open.deadline,
        dueAt: candidate.dueAt,
        offsetLabel: candidate.offsetLabel,
        recipients,
      }));
      const missedOn = workingDayBefore(dayOf(open.deadline), -1);
      own.push({
        id: `${base(open.kind, open.deadline)}:missed`,
        signalId: signal.id,
        deadlineKind: open.kind,
        kind: 'missed',
        deadline: open.deadline,
        dueAt: dueInstant(missedOn, rules.sendHour),
        offsetLabel: 'missed',
        recipients: resolveAudience(signal, rules.missed.audience),
      });
      points.push(...own);
    } catch {
      unreadable.push({ deadlineKind: kind, ...storedDateOf(stored) });
    }
  }

  const commitments = commitmentsOf(signal);
  const recipients = commitments.length > 0 ? resolveAudience(signal, rules.measure.audience) : [];
  for (const commitment of commitments) {
    const { key, index, source, description } = commitment;
    try {
      const deadline = validInstant(endOfDayMemo(commitment.deadline));
      const candidates = advanceCandidates(deadline, rules.measure.workingDaysBefore, rules.sendHour);
      const own = fromOrigin(candidates, commitment.since).map((candidate): ReminderPoint => ({
        id: `${signal.id}:${key}:${commitment.deadline}:${candidate.offsetLabel}`,
        signalId: signal.id,
        deadlineKind: 'measure',
        kind: 'upcoming',
        deadline,
        dueAt: candidate.dueAt,
        offsetLabel: candidate.offsetLabel,
        recipients,
        measure: { key, ...(index !== undefined ? { index } : {}), source, description },
      }));
      points.push(...own);
    } catch {
      unreadable.push({
        deadlineKind: 'measure',
        ...(index !== undefined ? { measureIndex: index } : {}),
        ...storedDateOf(commitment.deadline),
      });
    }
  }

  points.sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.id.localeCompare(b.id));
  return { points, unreadable };
}

/** Every reminder point of the signal in its current state, sorted by dueAt then id (see reminderPlan). */
export function reminderPoints(signal: Signal, rules: ReminderRules = DEFAULT_REMINDER_RULES): ReminderPoint[] {
  return reminderPlan(signal, rules).points;
}

/**
 * How many working days after a measure's deadline its last advance reminder may still go out late.
 * Late sending is for a bot outage over the reminder (a failed deployment, a weekend down): within a
 * working week the owner can still act on "verstreken op …" or say it was done. After a first
 * deployment, or an outage of weeks, a flood of notices about measures long past helps nobody and
 * reads as an accusation, so from then on the point is dropped silently.
 */
export const MEASURE_LATE_WORKING_DAYS = 5;

/** The end of the last day (Amsterdam) on which a measure reminder for that deadline may go out late. */
const lateUntilMemo = memo((isoDate) => endOfDay(addWorkingDays(isoDate, MEASURE_LATE_WORKING_DAYS)));

/**
 * The plan's points due at `now` (dueAt <= now), with the same `unreadable`. An advance point whose
 * deadline has already passed is left out (a sweep that ran late, or a late registration): the
 * "missed" point says it better.
 *
 * Measures have no "missed" point, so there the last advance point stays due after the deadline
 * and is sent late, once (the ledger keeps it from going twice): a manager whose reminder fell in a
 * bot outage still hears of the measure, and one who got it on time hears nothing more. Only within
 * MEASURE_LATE_WORKING_DAYS working days after the deadline's date; after that it is dropped. Not
 * when the deadline had already passed as the decision was recorded: nobody was ever to be reminded.
 */
export function dueReminders(signal: Signal, now: Date, rules: ReminderRules = DEFAULT_REMINDER_RULES): ReminderPlan {
  const at = now.getTime();
  const plan = reminderPlan(signal, rules);
  const due = plan.points.filter((point) => Date.parse(point.dueAt) <= at);
  const promisedAt = new Map(commitmentsOf(signal).map((c) => [c.key, Date.parse(c.since)]));
  // Per commitment, the last of its advance points that are due (points are sorted by dueAt).
  const lastOfMeasure = new Map<string, ReminderPoint>();
  for (const point of due) if (point.measure) lastOfMeasure.set(point.measure.key, point);
  const points = due.filter((point) => {
    if (point.kind === 'missed' || Date.parse(point.deadline) >= at) return true;
    return (
      point.measure !== undefined &&
      lastOfMeasure.get(point.measure.key) === point &&
      Date.parse(point.deadline) >= (promisedAt.get(point.measure.key) ?? Number.POSITIVE_INFINITY) &&
      at <= Date.parse(lateUntilMemo(dayOf(point.deadline)))
    );
  });
  return { points, unreadable: plan.unreadable };
}

/** Points due at `now` (see dueReminders); deadlines that cannot be computed are left out. */
export function duePoints(signal: Signal, now: Date, rules: ReminderRules = DEFAULT_REMINDER_RULES): ReminderPoint[] {
  return dueReminders(signal, now, rules).points;
}

/** The earliest measure point after `now`, for the watch list of closed signals; null when none. */
export function nextMeasurePointAfter(
  signal: Signal,
  now: Date,
  rules: ReminderRules = DEFAULT_REMINDER_RULES,
): string | null {
  const at = now.getTime();
  const next = reminderPoints(signal, rules).find(
    (point) => point.deadlineKind === 'measure' && Date.parse(point.dueAt) > at,
  );
  return next?.dueAt ?? null;
}

/**
 * How many calendar days before a deadline its earliest advance point can be: the sweep looks that
 * far ahead in SignalStore.listDue. 7 calendar days per 5 working days, plus a week for holidays.
 */
export function lookaheadDays(rules: ReminderRules): number {
  const maxWorkingDays = Math.max(
    0,
    ...rules.conversation.workingDaysBefore,
    ...rules.settle.workingDaysBefore,
    ...rules.answer.workingDaysBefore,
  );
  return Math.ceil((maxWorkingDays * 7) / 5) + 7;
}

/** The first working day of the ISO week holding `now` on or after `weekday` (1 = Monday), at sendHour. */
export function weeklyDueAt(now: Date, weekday: number, sendHour: number): { week: string; dueAt: string } {
  const current = DateTime.fromJSDate(now).setZone(ZONE);
  const week = `${current.weekYear}-W${String(current.weekNumber).padStart(2, '0')}`;
  const days = workingDaysOfWeek(current.toISODate()!);
  const first = days.find((day) => DateTime.fromISO(day, { zone: ZONE }).weekday >= weekday);
  // A week without a working day from that weekday on has no digest moment: due at the week's end.
  const dueAt = first ? dueInstant(first, sendHour) : current.endOf('week').toUTC().toISO()!;
  return { week, dueAt };
}
