import { DateTime } from 'luxon';
import type { Deadlines, Signal, SignalKind } from './signal';

/** Every date rule of the process is computed on the Dutch wall clock, not UTC. */
export const ZONE = 'Europe/Amsterdam';

/** Legal limit: a complaint is settled within 6 weeks of receipt (Wet kinderopvang). */
export const SETTLE_WITHIN_DAYS = 42;
/** Step 2: the conversation is held within at most 2 weeks of the escalation. */
export const CONVERSATION_WITHIN_DAYS = 14;

export type DeadlineState = 'onTime' | 'dueSoon' | 'late' | 'met';

export interface DeadlineSettings {
  /** Target answer time in calendar days for kinds without the legal clock. */
  answerWithinDays: number;
  /** A deadline is "bijna" (due soon) this many days before it ends. */
  dueSoonDays: number;
}

export const DEFAULT_DEADLINE_SETTINGS: DeadlineSettings = { answerWithinDays: 10, dueSoonDays: 3 };

/** The last moment of a calendar day in Amsterdam, as a UTC ISO instant. */
export function endOfDay(isoDate: string): string {
  return DateTime.fromISO(isoDate, { zone: ZONE }).endOf('day').toUTC().toISO()!;
}

/** The Amsterdam calendar date (yyyy-mm-dd) of an instant. */
export function amsterdamDate(at: Date | string): string {
  const dt = typeof at === 'string' ? DateTime.fromISO(at) : DateTime.fromJSDate(at);
  return dt.setZone(ZONE).toISODate()!;
}

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

/** "In the same week": the end of Sunday of the ISO week in which the signal was escalated. */
export function confirmationDeadline(escalatedAt: Date | string): string {
  const day = amsterdamDate(escalatedAt);
  return DateTime.fromISO(day, { zone: ZONE }).endOf('week').toUTC().toISO()!;
}

export function conversationDeadline(escalatedAt: Date | string): string {
  return endOfDay(addDays(amsterdamDate(escalatedAt), CONVERSATION_WITHIN_DAYS));
}

/** The deadlines a new signal starts with: the legal clock for complaints, a target for the rest. */
export function initialDeadlines(kind: SignalKind, receivedOn: string, settings: DeadlineSettings): Deadlines {
  return kind === 'complaint' ? { settleBy: settleBy(receivedOn) } : { answerBy: answerBy(receivedOn, settings) };
}

/** The earliest deadline that still needs something done; null when nothing is pending. */
export function nextOpenDeadline(signal: Pick<Signal, 'status' | 'deadlines' | 'escalation'>): string | null {
  if (signal.status === 'closed') return null;
  const { settleBy: settle, answerBy: answer, confirmBy, conversationBy } = signal.deadlines;
  const pending = [settle, answer];
  if (signal.escalation && !signal.escalation.confirmationSentAt) pending.push(confirmBy);
  if (signal.escalation && !signal.escalation.conversation.heldAt) pending.push(conversationBy);
  const open = pending.filter((d): d is string => typeof d === 'string').sort();
  return open[0] ?? null;
}

export function deadlineState(deadline: string, now: Date, settings: DeadlineSettings, metAt?: string): DeadlineState {
  if (metAt) return 'met';
  const end = DateTime.fromISO(deadline);
  const current = DateTime.fromJSDate(now);
  if (current > end) return 'late';
  if (current.plus({ days: settings.dueSoonDays }) >= end) return 'dueSoon';
  return 'onTime';
}
