/**
 * Replays a signal's history to check that it explains the current state: starting from the
 * registration, each event's `before` must match the state so far and its `after` is applied in
 * order; the result must equal the signal's tracked fields. A mismatch means the record was edited
 * outside the moves (or a move has a bug) — the audit trail would then lie.
 */
import { TRACKED_FIELDS, sameValue, type TrackedField } from './process';
import type { Signal, SignalEventType } from './signal';

export interface ReplayResult {
  ok: boolean;
  /** The replayed value of each tracked field (null = absent); fields not known are missing. */
  state: Partial<Record<TrackedField, unknown>>;
  /** Human-free descriptions of what did not match, e.g. "event 3 (closed): before.status". */
  mismatches: string[];
}

const isTracked = (key: string): key is TrackedField => (TRACKED_FIELDS as readonly string[]).includes(key);

/** Records of a letter: their before/after describe the letter (its `kind` is the letter's), not the signal. */
const LETTER_EVENTS: ReadonlySet<SignalEventType> = new Set(['letterGenerated', 'letterEmailed', 'letterPrintReady']);

/**
 * The registration does not record deadlines or nextDeadline in its event (register.ts), so those
 * start unknown and are learned from the first event that changes them (its `before`). Every other
 * tracked field starts from what a new signal always has.
 */
function initialState(signal: Signal): Partial<Record<TrackedField, unknown>> {
  const state: Partial<Record<TrackedField, unknown>> = {
    step: 'employee',
    highestStep: 'employee',
    status: 'open',
    owner: signal.registeredBy,
    handling: null,
    escalation: null,
    decision: null,
    complaintsDesk: null,
    dispute: null,
    closedAt: null,
    reopened: null,
  };
  const registered = signal.history.find((event) => event.type === 'registered');
  for (const [key, value] of Object.entries(registered?.after ?? {})) if (isTracked(key)) state[key] = value;
  return state;
}

export function replay(signal: Signal): ReplayResult {
  const state = initialState(signal);
  const mismatches: string[] = [];
  const seen = new Set<string>();

  signal.history.forEach((event, index) => {
    if (seen.has(event.id)) mismatches.push(`event ${index} (${event.type}): duplicate id`);
    seen.add(event.id);
    if (event.type === 'registered' || LETTER_EVENTS.has(event.type)) return;
    for (const [key, value] of Object.entries(event.before ?? {})) {
      if (!isTracked(key)) continue;
      if (!(key in state)) state[key] = value;
      else if (!sameValue(state[key], value)) mismatches.push(`event ${index} (${event.type}): before.${key}`);
    }
    for (const [key, value] of Object.entries(event.after ?? {})) if (isTracked(key)) state[key] = value;
  });

  for (const field of TRACKED_FIELDS) {
    if (field in state && !sameValue(state[field], signal[field])) mismatches.push(`current.${field}`);
  }
  return { ok: mismatches.length === 0, state, mismatches };
}
