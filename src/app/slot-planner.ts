/**
 * Finds free slots for the step-2 conversation. Pure: free/busy comes in, slots come out.
 *
 * Working hours are Dutch wall-clock times; every day is built in Europe/Amsterdam with luxon, so a
 * 09:00 slot is 08:00Z in winter and 07:00Z in summer, also in the week DST changes.
 */
import { DateTime } from 'luxon';
import { addWorkingDays, isWorkingDay } from '../domain/calendar';
import { CONVERSATION_TIME_ZONE, type BusyInterval } from './outbound-ports';

export interface SlotPlannerSettings {
  /** Length of the conversation. */
  slotMinutes: number;
  /** Candidate starts are this far apart, counted from the start of the working day. */
  stepMinutes: number;
  /** 'HH:mm' in Europe/Amsterdam. */
  workdayStart: string;
  workdayEnd: string;
  maxSlots: number;
  /**
   * At most this many offered slots per day: spreading the offer over days gives the manager and the
   * parent a real choice instead of three adjacent half hours.
   */
  maxPerDay: number;
  /** How many working days after the deadline to look for a late slot before giving up. */
  lateSearchWorkingDays: number;
}

export const DEFAULT_SLOT_SETTINGS: SlotPlannerSettings = {
  slotMinutes: 30,
  stepMinutes: 30,
  workdayStart: '09:00',
  workdayEnd: '17:00',
  maxSlots: 3,
  maxPerDay: 1,
  lateSearchWorkingDays: 10,
};

export interface PlanRequest {
  /** The moment of planning; slots start on the next working day after it. */
  now: Date | string;
  /** ISO instant: the conversation must end by then (deadlines.conversationDeadline). */
  deadline: string;
  /** The people who must all be free (manager; staf kw when support was asked). */
  requiredPeople: string[];
  /** Blocking intervals per person, from Calendar.getFreeBusy. */
  busy: ReadonlyMap<string, readonly BusyInterval[]>;
}

export interface PlannedSlot {
  /** ISO instants (UTC). */
  start: string;
  end: string;
  /** True only for the fallback slot offered when nothing fits before the deadline. */
  afterDeadline: boolean;
}

export interface SlotPlan {
  slots: PlannedSlot[];
  /** Nothing fitted before the deadline; `slots` holds at most the first free slot after it. */
  afterDeadline: boolean;
}

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

function parseClock(value: string): { hour: number; minute: number } {
  const match = HH_MM.exec(value);
  if (!match) throw new RangeError(`not an HH:mm time: ${value}`);
  return { hour: Number(match[1]), minute: Number(match[2]) };
}

function settingsWith(overrides: Partial<SlotPlannerSettings>): SlotPlannerSettings {
  const settings = { ...DEFAULT_SLOT_SETTINGS, ...overrides };
  const start = parseClock(settings.workdayStart);
  const end = parseClock(settings.workdayEnd);
  if (end.hour * 60 + end.minute - (start.hour * 60 + start.minute) < settings.slotMinutes) {
    throw new RangeError('working hours are shorter than one slot');
  }
  for (const key of ['slotMinutes', 'stepMinutes', 'maxSlots', 'maxPerDay'] as const) {
    if (!Number.isInteger(settings[key]) || settings[key] < 1)
      throw new RangeError(`${key} must be a positive integer`);
  }
  return settings;
}

function toDateTime(at: Date | string): DateTime {
  const dt = typeof at === 'string' ? DateTime.fromISO(at, { setZone: true }) : DateTime.fromJSDate(at);
  if (!dt.isValid) throw new RangeError(`not an instant: ${String(at)}`);
  return dt.setZone(CONVERSATION_TIME_ZONE);
}

/** The first working day after the Amsterdam date of `now`. */
export function firstPlanningDay(now: Date | string): string {
  return addWorkingDays(toDateTime(now).toISODate()!, 1);
}

/** The days searched for a fallback slot: from the deadline's day (or the first planning day). */
function lateSearchRange(
  now: Date | string,
  deadlineDay: string,
  settings: SlotPlannerSettings,
): { firstDay: string; lastDay: string } {
  const first = firstPlanningDay(now);
  let firstDay = first > deadlineDay ? first : deadlineDay;
  if (!isWorkingDay(firstDay)) firstDay = addWorkingDays(firstDay, 1);
  return { firstDay, lastDay: addWorkingDays(firstDay, settings.lateSearchWorkingDays) };
}

/**
 * The free/busy window to ask the calendar for: from the start of the first planning day to the end
 * of the late-search horizon, so a fallback slot after the deadline is found in the same answer.
 */
export function planningWindow(
  now: Date | string,
  deadline: string,
  overrides: Partial<SlotPlannerSettings> = {},
): { fromIso: string; toIso: string } {
  const settings = settingsWith(overrides);
  const first = firstPlanningDay(now);
  const { lastDay } = lateSearchRange(now, toDateTime(deadline).toISODate()!, settings);
  return {
    fromIso: DateTime.fromISO(first, { zone: CONVERSATION_TIME_ZONE }).startOf('day').toUTC().toISO()!,
    toIso: DateTime.fromISO(lastDay, { zone: CONVERSATION_TIME_ZONE }).endOf('day').toUTC().toISO()!,
  };
}

interface Span {
  start: number;
  end: number;
}

/** All blocking spans of the required people, as epoch milliseconds. */
function blockingSpans(request: PlanRequest): Span[] {
  const spans: Span[] = [];
  for (const person of request.requiredPeople) {
    for (const interval of request.busy.get(person) ?? []) {
      const start = Date.parse(interval.start);
      const end = Date.parse(interval.end);
      if (!Number.isFinite(start) || !Number.isFinite(end)) throw new RangeError(`bad busy interval for ${person}`);
      if (end > start) spans.push({ start, end });
    }
  }
  return spans.sort((a, b) => a.start - b.start);
}

function isFree(spans: readonly Span[], start: number, end: number): boolean {
  // Half-open intervals: a meeting ending at 10:00 does not block a slot starting at 10:00.
  return !spans.some((span) => span.start < end && span.end > start);
}

/** Candidate slots of one working day, in order. */
function* daySlots(isoDate: string, settings: SlotPlannerSettings): Generator<Span> {
  const open = parseClock(settings.workdayStart);
  const close = parseClock(settings.workdayEnd);
  const day = DateTime.fromISO(isoDate, { zone: CONVERSATION_TIME_ZONE });
  const dayEnd = day.set({ hour: close.hour, minute: close.minute }).toMillis();
  // Wall-clock arithmetic per slot keeps 09:00 at 09:00 on the DST change days too.
  for (
    let start = day.set({ hour: open.hour, minute: open.minute });
    ;
    start = start.plus({ minutes: settings.stepMinutes })
  ) {
    const end = start.plus({ minutes: settings.slotMinutes });
    if (end.toMillis() > dayEnd) return;
    yield { start: start.toMillis(), end: end.toMillis() };
  }
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/**
 * Up to `maxSlots` free slots between the next working day and the deadline, free for all required
 * people, on working days (no weekends, no Dutch public holidays) within working hours. When none
 * fits before the deadline, the first free slot after it, flagged `afterDeadline`.
 */
export function planConversationSlots(request: PlanRequest, overrides: Partial<SlotPlannerSettings> = {}): SlotPlan {
  const settings = settingsWith(overrides);
  const spans = blockingSpans(request);
  const deadline = toDateTime(request.deadline).toMillis();
  const deadlineDay = toDateTime(request.deadline).toISODate()!;

  const slots: PlannedSlot[] = [];
  let day = firstPlanningDay(request.now);
  while (day <= deadlineDay && slots.length < settings.maxSlots) {
    let today = 0;
    for (const slot of daySlots(day, settings)) {
      if (slot.end > deadline || today >= settings.maxPerDay || slots.length >= settings.maxSlots) break;
      if (isFree(spans, slot.start, slot.end)) {
        slots.push({ start: iso(slot.start), end: iso(slot.end), afterDeadline: false });
        today += 1;
      }
    }
    day = addWorkingDays(day, 1);
  }
  if (slots.length > 0) return { slots, afterDeadline: false };

  // Nothing before the deadline: offer the first free slot after it, with a warning.
  const { firstDay, lastDay } = lateSearchRange(request.now, deadlineDay, settings);
  for (let lateDay = firstDay; lateDay <= lastDay; lateDay = addWorkingDays(lateDay, 1)) {
    for (const slot of daySlots(lateDay, settings)) {
      if (slot.end <= deadline) continue;
      if (isFree(spans, slot.start, slot.end)) {
        return { slots: [{ start: iso(slot.start), end: iso(slot.end), afterDeadline: true }], afterDeadline: true };
      }
    }
  }
  return { slots: [], afterDeadline: true };
}
