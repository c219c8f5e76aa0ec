/**
 * When a complaint is settled, and whether in time: one answer for the card, the reminders, the
 * lists, `overzicht`, the export and the yearly report.
 *
 * Settled means the written outcome went to the parent: at step 0/1 the letter that confirms what
 * was agreed, from step 2 on the reasoned judgment of the organisation. A letter written before the
 * complaint went to the organisation does not settle it once it has: the organisation then owes its
 * own judgment. In time means sent on or before the sixth week after receipt (deadlines.ts).
 * What follows a settled complaint (the Klachtenloket, closing it later) does not change the answer.
 */
import { amsterdamDate } from './amsterdam';
import type { Decision, Signal } from './signal';

export type Settlement =
  /** Not a complaint: no legal clock. */
  | { state: 'notApplicable' }
  | { state: 'settled'; dueOn: string; settledOn: string; inTime: boolean }
  /** Not settled yet; `overdue` once the last day of the term has passed. */
  | { state: 'open'; dueOn: string; overdue: boolean };

type SettlementFields = Pick<Signal, 'kind' | 'deadlines' | 'decision' | 'escalation'>;

/** The written outcome that counts for the step the complaint is at, if it was sent. */
export function writtenOutcome(signal: Pick<Signal, 'decision' | 'escalation'>): Decision | undefined {
  const decision = signal.decision;
  if (!decision) return undefined;
  const escalatedAt = signal.escalation?.escalatedAt;
  return escalatedAt && decision.recordedAt < escalatedAt ? undefined : decision;
}

/** `today` is the Amsterdam calendar date (yyyy-mm-dd) open terms are judged against. */
export function settlementOf(signal: SettlementFields, today: string): Settlement {
  const limit = signal.deadlines.settleBy;
  if (signal.kind !== 'complaint' || !limit) return { state: 'notApplicable' };
  const dueOn = amsterdamDate(limit);
  const outcome = writtenOutcome(signal);
  if (outcome) return { state: 'settled', dueOn, settledOn: outcome.sentOn, inTime: outcome.sentOn <= dueOn };
  return { state: 'open', dueOn, overdue: today > dueOn };
}

/** Whether the legal clock still runs: a complaint without its written outcome. */
export function awaitsSettlement(signal: SettlementFields): boolean {
  return signal.kind === 'complaint' && signal.deadlines.settleBy !== undefined && !writtenOutcome(signal);
}
