import type { PersonRef, Signal } from './signal';

/** Default: personal data is kept for two years after a signal is closed (AVG: no longer than needed). */
export const DEFAULT_RETENTION_MONTHS = 24;

export type AnonymiseReason = 'retention' | 'erasureRequest';

/**
 * Removes the parent's data and every free text that may describe the family, keeping what the
 * yearly figures need (kind, location, theme, dates, steps, outcomes, deadlines). The removal itself
 * is an event in the history. Idempotent: an anonymised signal is returned unchanged.
 */
export function anonymise(
  signal: Signal,
  context: { at: Date; actor: PersonRef; eventId: string; reason: AnonymiseReason },
): Signal {
  if (signal.anonymisedAt || signal.history.some((event) => event.id === context.eventId)) return signal;
  const at = context.at.toISOString();
  return {
    ...signal,
    parent: null,
    description: '',
    parentWish: '',
    handling: signal.handling ? { ...signal.handling, summary: '' } : undefined,
    escalation: signal.escalation
      ? { ...signal.escalation, conversation: { ...signal.escalation.conversation, notes: undefined } }
      : undefined,
    decision: signal.decision
      ? { ...signal.decision, text: '', measures: signal.decision.measures.map((m) => ({ ...m, description: '' })) }
      : undefined,
    complaintsDesk: signal.complaintsDesk
      ? { ...signal.complaintsDesk, outcome: signal.complaintsDesk.outcome ? '' : undefined }
      : undefined,
    dispute: signal.dispute
      ? { ...signal.dispute, obligations: signal.dispute.obligations ? '' : undefined }
      : undefined,
    reopened: signal.reopened ? { ...signal.reopened, reason: '' } : undefined,
    letters: [],
    anonymisedAt: at,
    // Free-text notes in older events may name the family too.
    history: [
      ...signal.history.map((event) => (event.note ? { ...event, note: '' } : event)),
      { id: context.eventId, type: 'anonymised', at, actor: context.actor, note: context.reason },
    ],
  };
}
