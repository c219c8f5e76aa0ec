import { DateTime } from 'luxon';
import { ZONE, amsterdamDate, endOfDay } from './amsterdam';
import { addWorkingDays, isWorkingDay } from './calendar';
import { awaitsSettlement } from './settlement';
import type { Deadlines, Signal, SignalKind } from './signal';

export { ZONE, amsterdamDate, endOfDay };

/** Legal limit: a complaint is settled within 6 weeks of receipt (Wet kinderopvang). */
export const SETTLE_WITHIN_DAYS = 42;
/** Step 2: the conversation is held within at most 2 weeks of the organisation's receipt. */
export const CONVERSATION_WITHIN_DAYS = 14;

/** `metLate`: done, but after the deadline (the card says so rather than a plain "gedaan"). */
export type DeadlineState = 'onTime' | 'dueSoon' | 'late' | 'met' | 'metLate';
/** The states of a deadline that still needs something done. */
export type OpenDeadlineState = Exclude<DeadlineState, 'met' | 'metLate'>;

export interface DeadlineSettings {
  /** Target answer time in calendar days for kinds without the legal clock. */
  answerWithinDays: number;
  /** A deadline is "bijna" (due soon) this many days before it ends. */
  dueSoonDays: number;
}

export const DEFAULT_DEADLINE_SETTINGS: DeadlineSettings = { answerWithinDays: 10, dueSoonDays: 3 };

function addDays(isoDate: string, days: number): string {
  return DateTime.fromISO(isoDate, { zone: ZONE }).plus({ days }).toISODate()!;
}

/** 6 weeks after the day of receipt, to the end of that day. */
export function settleBy(receivedOn: string): string {
  return endOfDay(addDays(receivedOn, SETTLE_WITHIN_DAYS));
}

export function answerBy(receivedOn: string, settings: DeadlineSettings): string {
  return endOfDay(addDays(receivedOn, settings.answerWithinDays));
}

/**
 * The day the organisation's terms start: the day it received the complaint, or the next working day
 * when that was a weekend or a Dutch public holiday. Accepts a yyyy-mm-dd date or an instant.
 */
export function organisationTermStart(receivedOn: Date | string): string {
  const day =
    typeof receivedOn === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(receivedOn) ? receivedOn : amsterdamDate(receivedOn);
  return isWorkingDay(day) ? day : addWorkingDays(day, 1);
}

/** "In the same week": the end of Sunday of the ISO week in which the organisation's terms start. */
export function confirmationDeadline(receivedOn: Date | string): string {
  const day = organisationTermStart(receivedOn);
  return DateTime.fromISO(day, { zone: ZONE }).endOf('week').toUTC().toISO()!;
}

/** The conversation: within 14 days of the day the organisation's terms start. */
export function conversationDeadline(receivedOn: Date | string): string {
  return endOfDay(addDays(organisationTermStart(receivedOn), CONVERSATION_WITHIN_DAYS));
}

/** The deadlines a new signal starts with: the legal clock for complaints, a target for the rest. */
export function initialDeadlines(kind: SignalKind, receivedOn: string, settings: DeadlineSettings): Deadlines {
  return kind === 'complaint' ? { settleBy: settleBy(receivedOn) } : { answerBy: answerBy(receivedOn, settings) };
}

/** The earliest deadline that still needs something done; null when nothing is pending. */
export function nextOpenDeadline(
  signal: Pick<Signal, 'status' | 'kind' | 'deadlines' | 'escalation' | 'decision'>,
): string | null {
  if (signal.status === 'closed') return null;
  const { settleBy: settle, answerBy: answer, confirmBy, conversationBy } = signal.deadlines;
  const pending = [awaitsSettlement(signal) ? settle : undefined, answer];
  if (signal.escalation && !signal.escalation.confirmationSentAt) pending.push(confirmBy);
  if (signal.escalation && !signal.escalation.conversation.heldAt) pending.push(conversationBy);
  const open = pending.filter((d): d is string => typeof d === 'string').sort();
  return open[0] ?? null;
}

/** The state of a deadline that still needs something done. */
export function openDeadlineState(deadline: string, now: Date, settings: DeadlineSettings): OpenDeadlineState {
  const end = DateTime.fromISO(deadline);
  const current = DateTime.fromJSDate(now);
  if (current > end) return 'late';
  if (current.plus({ days: settings.dueSoonDays }) >= end) return 'dueSoon';
  return 'onTime';
}

/** As openDeadlineState, or met (late or not) once `metAt` says when it was done. */
export function deadlineState(deadline: string, now: Date, settings: DeadlineSettings, metAt?: string): DeadlineState {
  if (metAt) return DateTime.fromISO(metAt) > DateTime.fromISO(deadline) ? 'metLate' : 'met';
  return openDeadlineState(deadline, now, settings);
}
