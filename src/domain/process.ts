/**
 * The complaints process: every allowed move on a signal, as a pure function with a guard.
 *
 * A move never edits history: it returns a new signal with exactly one event appended. Each move
 * is split into a state guard (`moveGuard`, also used by `availableMoves` so cards only show
 * buttons that work) and an input check; the event's before/after is computed from the fields the
 * move changed (TRACKED_FIELDS), so the history always replays to the current state (replay.ts).
 *
 * Decisions (see also the report to the lead):
 * - Idempotency: a context.eventId already in the history returns the stored event with
 *   `duplicate: true` and the signal unchanged — checked before any guard, so a re-sent "close"
 *   after the close still answers ok. If that id belongs to an event of ANOTHER type the caller
 *   reused an id by mistake: 'eventIdConflict'.
 * - Reopen keeps every deadline and the step, owner, handling and decision as they are (nothing
 *   restarts silently; a passed settleBy simply shows as late). It records the reason, and closing
 *   again needs a satisfaction answer recorded at or after the reopening: the parent came back, so
 *   the question must be asked again.
 * - Steps 3 and 4 are records of what happens outside; they may be filed from any lower step
 *   (a parent may go to the Klachtenloket or Geschillencommissie directly).
 * - The confirmation of step 2 carries the appointment, so it needs a planned conversation unless
 *   the parent chose a written answer.
 * - A decision may have no measures (e.g. an unfounded complaint); each measure needs a deadline.
 * - A date entered for something still to come (a measure's deadline, the committee's obligations
 *   deadline, the planned conversation) lies between the day the signal was received and
 *   MAX_YEARS_AHEAD years from today: a browser date field that took "26" as the year (0026-05-01)
 *   is refused here instead of becoming a deadline the reminder rules cannot compute.
 */
import { DateTime } from 'luxon';
import {
  DEFAULT_DEADLINE_SETTINGS,
  ZONE,
  amsterdamDate,
  confirmationDeadline,
  conversationDeadline,
  initialDeadlines,
  nextOpenDeadline,
  type DeadlineSettings,
} from './deadlines';
import { writtenOutcome } from './settlement';
import { isIsoDate, isText as isTextOf } from './validation';
import {
  CONTACT_PREFERENCES,
  DECISION_CHANNELS,
  RULINGS,
  SATISFACTION_ANSWERS,
  SIGNAL_KINDS,
  TENORS,
  stepNumber,
  type ComplaintsDeskCase,
  type ContactPreference,
  type DecisionChannel,
  type Deadlines,
  type DisputeCase,
  type Escalation,
  type Measure,
  type Parent,
  type PersonRef,
  type Ruling,
  type Satisfaction,
  type Signal,
  type SignalEvent,
  type SignalEventType,
  type SignalKind,
  type Step,
  type Tenor,
} from './signal';

export const MOVE_NAMES = [
  'handle',
  'escalateToLocation',
  'escalateToOrganisation',
  'addSupporter',
  'confirmationSent',
  'conversationPlanned',
  'conversationHeld',
  'recordDecision',
  'fileComplaintsDesk',
  'complaintsDeskOutcome',
  'fileDispute',
  'disputeRuling',
  'close',
  'reopen',
  'reclassify',
  'changeContactPreference',
] as const;
export type MoveName = (typeof MOVE_NAMES)[number];

export const MOVE_ERRORS = [
  /** Parent data removed by retention; only retention may touch it now. */
  'anonymised',
  /** Closed: only reopen is allowed. */
  'closed',
  /** Reopen on a signal that is open. */
  'notClosed',
  /** The move belongs to another step (steps only go forward). */
  'wrongStep',
  /** A step-2 move on a signal that was never escalated to the organisation. */
  'notEscalated',
  /** Already done once and cannot be done again (confirmation sent, conversation held). */
  'alreadyDone',
  /** The confirmation carries the appointment, so the conversation must be planned first. */
  'conversationNotPlanned',
  /** The parent chose a written answer: there is no conversation to plan. */
  'writtenAnswerChosen',
  /** Outcome/ruling before the case was filed. */
  'notFiled',
  'satisfactionRequired',
  /** A klacht closes only after its written outcome went to the parent (settlement.ts). */
  'decisionRequired',
  /** A step-2 klacht closes only after the same-week confirmation. */
  'confirmationRequired',
  /** A step-2 klacht closes only after the conversation, unless the parent chose writing. */
  'conversationRequired',
  /** Only a klacht gets a written outcome (reclassify a signal that turns out to be one). */
  'notAComplaint',
  'invalidInput',
  /** The event id is already used by an event of another type. */
  'eventIdConflict',
] as const;
export type MoveError = (typeof MOVE_ERRORS)[number];

export interface MoveContext {
  actor: PersonRef;
  at: Date;
  /** Deterministic (card action / activity id): a re-sent action is recognised by it. */
  eventId: string;
  /** For the answer target of a signal reclassified away from klacht; the defaults when absent. */
  deadlineSettings?: DeadlineSettings;
}

export type MoveResult =
  | { ok: true; signal: Signal; event: SignalEvent; duplicate?: true }
  | { ok: false; error: MoveError; /** Which input field is wrong, for 'invalidInput'. */ field?: string };

// ---- inputs ---------------------------------------------------------------------------------

export interface HandleInput {
  summary: string;
  satisfaction: Satisfaction;
}
export interface EscalateToLocationInput {
  locationManager: PersonRef;
}
export interface EscalateToOrganisationInput {
  manager: PersonRef;
  supporter?: PersonRef;
  /** yyyy-mm-dd the organisation received it; not in the future, not before receipt. Default: today. */
  receivedOn?: string;
}
export interface AddSupporterInput {
  supporter: PersonRef;
}
export type ConfirmationSentInput = Record<string, never>;
export interface ConversationPlannedInput {
  /** ISO instant; not in the past, and within the conversation deadline unless `lateReason` says why. */
  plannedFor: string;
  lateReason?: string;
}
export interface ConversationHeldInput {
  /** ISO instant; defaults to the move's time. Not in the future. */
  heldAt?: string;
  notes?: string;
}
export interface RecordDecisionInput {
  text: string;
  tenor: Tenor;
  measures: Measure[];
  /** yyyy-mm-dd, not in the future. */
  sentOn: string;
  sentVia: DecisionChannel;
}
export interface FileCaseInput {
  /** yyyy-mm-dd, not in the future and not before receipt. */
  filedOn: string;
  caseNumber: string;
}
export interface ComplaintsDeskOutcomeInput {
  outcome: string;
  agreements?: string;
  /** yyyy-mm-dd; only together with agreements. */
  agreementsDeadline?: string;
}
export interface DisputeRulingInput {
  ruling: Ruling;
  obligations?: string;
  /** yyyy-mm-dd; only together with obligations. */
  obligationsDeadline?: string;
}
export interface CloseInput {
  /** Required to close a signal the parent is not satisfied with without escalating it. */
  reason?: string;
}
export interface ReopenInput {
  reason: string;
}
export interface ReclassifyInput {
  kind: SignalKind;
  /** Required when a klacht stops being one. */
  reason?: string;
}
export interface ChangeContactPreferenceInput {
  contactPreference: ContactPreference;
}

export interface MoveInputs {
  handle: HandleInput;
  escalateToLocation: EscalateToLocationInput;
  escalateToOrganisation: EscalateToOrganisationInput;
  addSupporter: AddSupporterInput;
  confirmationSent: ConfirmationSentInput;
  conversationPlanned: ConversationPlannedInput;
  conversationHeld: ConversationHeldInput;
  recordDecision: RecordDecisionInput;
  fileComplaintsDesk: FileCaseInput;
  complaintsDeskOutcome: ComplaintsDeskOutcomeInput;
  fileDispute: FileCaseInput;
  disputeRuling: DisputeRulingInput;
  close: CloseInput;
  reopen: ReopenInput;
  reclassify: ReclassifyInput;
  changeContactPreference: ChangeContactPreferenceInput;
}

/** A move as data, e.g. from a card verb: `{ name: 'close', input: {} }`. */
export type MoveCommand = { [K in MoveName]: { name: K; input: MoveInputs[K] } }[MoveName];

export const EVENT_TYPE_OF_MOVE: Readonly<Record<MoveName, SignalEventType>> = {
  handle: 'handled',
  escalateToLocation: 'escalatedToLocation',
  escalateToOrganisation: 'escalatedToOrganisation',
  addSupporter: 'supporterAdded',
  confirmationSent: 'confirmationSent',
  conversationPlanned: 'conversationPlanned',
  conversationHeld: 'conversationHeld',
  recordDecision: 'decisionRecorded',
  fileComplaintsDesk: 'complaintsDeskFiled',
  complaintsDeskOutcome: 'complaintsDeskOutcome',
  fileDispute: 'disputeFiled',
  disputeRuling: 'disputeRuling',
  close: 'closed',
  reopen: 'reopened',
  reclassify: 'reclassified',
  changeContactPreference: 'contactPreferenceChanged',
};

/**
 * The fields moves may change; events carry before/after of exactly these (absent = null, since
 * undefined does not survive JSON). Parent contact details are never among them.
 */
export const TRACKED_FIELDS = [
  'kind',
  'step',
  'highestStep',
  'status',
  'owner',
  'deadlines',
  'nextDeadline',
  'handling',
  'escalation',
  'decision',
  'complaintsDesk',
  'dispute',
  'closedAt',
  'reopened',
] as const satisfies readonly (keyof Signal)[];
export type TrackedField = (typeof TRACKED_FIELDS)[number];

/** A dispute is late when filed more than this many months after the complaint was received. */
export const DISPUTE_TERM_MONTHS = 12;
const MAX_TEXT = 8000;

// ---- guards ---------------------------------------------------------------------------------

export function isAnonymised(signal: Signal): boolean {
  return signal.anonymisedAt !== undefined || signal.parent === null;
}

const atOrAfter = (step: Step, minimum: Step): boolean => stepNumber(step) >= stepNumber(minimum);

type StateGuard = (signal: Signal) => MoveError | null;

const STATE_GUARDS: Readonly<Record<MoveName, StateGuard>> = {
  handle: () => null,
  escalateToLocation: (s) => (s.step === 'employee' ? null : 'wrongStep'),
  escalateToOrganisation: (s) => (atOrAfter(s.step, 'organisation') ? 'wrongStep' : null),
  addSupporter: (s) => (s.escalation ? null : 'notEscalated'),
  confirmationSent: (s) => {
    if (!s.escalation) return 'notEscalated';
    if (s.escalation.confirmationSentAt) return 'alreadyDone';
    const { mode, plannedFor } = s.escalation.conversation;
    return mode !== 'writing' && !plannedFor ? 'conversationNotPlanned' : null;
  },
  conversationPlanned: (s) => {
    if (!s.escalation) return 'notEscalated';
    if (s.escalation.conversation.mode === 'writing') return 'writtenAnswerChosen';
    return s.escalation.conversation.heldAt ? 'alreadyDone' : null;
  },
  // In writing mode "held" means the written answer that replaces the conversation was sent.
  conversationHeld: (s) => {
    if (!s.escalation) return 'notEscalated';
    return s.escalation.conversation.heldAt ? 'alreadyDone' : null;
  },
  recordDecision: (s) => {
    if (s.kind !== 'complaint') return 'notAComplaint';
    return writtenOutcome(s) ? 'alreadyDone' : null;
  },
  fileComplaintsDesk: (s) => (atOrAfter(s.step, 'complaintsDesk') ? 'wrongStep' : null),
  complaintsDeskOutcome: (s) => (s.complaintsDesk ? null : 'notFiled'),
  fileDispute: (s) => (atOrAfter(s.step, 'disputesCommittee') ? 'wrongStep' : null),
  disputeRuling: (s) => (s.dispute ? null : 'notFiled'),
  close: (s) => {
    if (!satisfactionAskedSince(s)) return 'satisfactionRequired';
    if (s.kind !== 'complaint') return null;
    if (!writtenOutcome(s)) return 'decisionRequired';
    if (s.escalation && !s.escalation.confirmationSentAt) return 'confirmationRequired';
    const conversation = s.escalation?.conversation;
    if (conversation && conversation.mode !== 'writing' && !conversation.heldAt) return 'conversationRequired';
    return null;
  },
  reopen: (s) => (s.status === 'closed' ? null : 'notClosed'),
  reclassify: () => null,
  changeContactPreference: () => null,
};

/**
 * The satisfaction question was answered since the last thing that asks it again: a reopening (the
 * parent came back) or the escalation to the organisation (step 2 handled it anew).
 */
function satisfactionAskedSince(s: Signal): boolean {
  if (!s.handling || !SATISFACTION_ANSWERS.includes(s.handling.satisfaction)) return false;
  // The order of the history decides, not the clock: two moves may share an instant.
  const lastIndex = (types: readonly SignalEventType[]) => s.history.findLastIndex((e) => types.includes(e.type));
  return lastIndex(['handled']) > lastIndex(['reopened', 'escalatedToOrganisation']);
}

/** Not satisfied and never taken to the organisation: closing anyway needs a written reason. */
export function closeNeedsReason(s: Signal): boolean {
  return s.handling?.satisfaction === 'notSatisfied' && !s.escalation;
}

/** Why `move` is not allowed on the signal right now (ignoring its input), or null when it is. */
export function moveGuard(signal: Signal, move: MoveName): MoveError | null {
  if (isAnonymised(signal)) return 'anonymised';
  if (signal.status === 'closed' && move !== 'reopen') return 'closed';
  return STATE_GUARDS[move](signal);
}

/** The moves allowed now, in process order; the cards show a button for each. */
export function availableMoves(signal: Signal): MoveName[] {
  return MOVE_NAMES.filter((move) => moveGuard(signal, move) === null);
}

// ---- input checks ---------------------------------------------------------------------------

type Check = { field: string } | null;
const bad = (field: string): Check => ({ field });

function isText(value: unknown, max = MAX_TEXT): value is string {
  return isTextOf(value, max);
}

/** How far ahead a date entered for something still to come may lie. */
export const MAX_YEARS_AHEAD = 5;

/**
 * Whether a valid yyyy-mm-dd date for something still to come lies in a sensible range: not before
 * `earliest`, at most MAX_YEARS_AHEAD years after `today` (all yyyy-mm-dd, Amsterdam). The signal's
 * dates start at its receipt; the yearly analysis' measures a year back (analysis-workflow.ts).
 */
export function isPlausibleFutureDate(isoDate: string, earliest: string, today: string): boolean {
  const latest = DateTime.fromISO(today, { zone: ZONE }).plus({ years: MAX_YEARS_AHEAD }).toISODate()!;
  return isoDate >= earliest && isoDate <= latest;
}

function isInstant(value: unknown): value is string {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value) && DateTime.fromISO(value).isValid;
}

function isPerson(value: unknown): value is PersonRef {
  if (typeof value !== 'object' || value === null) return false;
  const person = value as Record<string, unknown>;
  return isText(person.id, 200) && isText(person.name, 200);
}

/** A date of something that happened: between the signal's receipt and today. */
function isPastDate(value: unknown, signal: Signal, today: string): value is string {
  return isIsoDate(value) && value <= today && value >= signal.receivedOn;
}

function checkFiledCase(signal: Signal, input: FileCaseInput, today: string): Check {
  if (!isPastDate(input.filedOn, signal, today)) return bad('filedOn');
  return isText(input.caseNumber, 200) ? null : bad('caseNumber');
}

// ---- moves ----------------------------------------------------------------------------------

type Change = Partial<Pick<Signal, TrackedField>>;
/** A planned move: the tracked fields it changes, and (only for the contact preference) the parent. */
type Plan = { change: Change; note?: string; parent?: Parent };
type Planner<K extends MoveName> = (signal: Signal, input: MoveInputs[K], context: MoveContext) => Plan | Check;

function isCheck(value: Plan | Check): value is Check {
  return value === null || !('change' in value);
}

const PLANNERS: { [K in MoveName]: Planner<K> } = {
  handle: (_s, input, { actor, at }) => {
    if (!isText(input.summary)) return bad('summary');
    if (!SATISFACTION_ANSWERS.includes(input.satisfaction)) return bad('satisfaction');
    return {
      change: {
        handling: { summary: input.summary, satisfaction: input.satisfaction, recordedAt: at.toISOString(), by: actor },
      },
    };
  },

  escalateToLocation: (_s, input) => {
    if (!isPerson(input.locationManager)) return bad('locationManager');
    return { change: { step: 'location', highestStep: 'location', owner: input.locationManager } };
  },

  escalateToOrganisation: (s, input, { at }) => {
    if (!isPerson(input.manager)) return bad('manager');
    if (input.supporter !== undefined && !isPerson(input.supporter)) return bad('supporter');
    const today = amsterdamDate(at);
    const receivedOn = input.receivedOn ?? today;
    if (!isPastDate(receivedOn, s, today)) return bad('receivedOn');
    const escalation: Escalation = {
      escalatedAt: at.toISOString(),
      receivedOn,
      manager: input.manager,
      ...(input.supporter ? { supporter: input.supporter } : {}),
      // A parent who wants it in writing gets a written answer instead of a conversation.
      conversation: { mode: s.parent!.contactPreference },
    };
    return {
      change: {
        step: 'organisation',
        highestStep: 'organisation',
        owner: input.manager,
        escalation,
        deadlines: laterDeadlines(s.deadlines, {
          confirmBy: confirmationDeadline(receivedOn),
          conversationBy: conversationDeadline(receivedOn),
        }),
      },
    };
  },

  addSupporter: (s, input) => {
    if (!isPerson(input.supporter)) return bad('supporter');
    return { change: { escalation: { ...s.escalation!, supporter: input.supporter } } };
  },

  confirmationSent: (s, _input, { at }) => ({
    change: { escalation: { ...s.escalation!, confirmationSentAt: at.toISOString() } },
  }),

  conversationPlanned: (s, input, { at }) => {
    if (!isInstant(input.plannedFor) || Date.parse(input.plannedFor) < at.getTime()) return bad('plannedFor');
    if (!isPlausibleFutureDate(amsterdamDate(input.plannedFor), s.receivedOn, amsterdamDate(at)))
      return bad('plannedFor');
    const plannedFor = DateTime.fromISO(input.plannedFor).toUTC().toISO()!;
    const escalation = s.escalation!;
    const late = isAfterConversationDeadline(s, plannedFor);
    if (late && !isText(input.lateReason)) return bad('lateReason');
    const { lateReason: _previous, ...conversation } = escalation.conversation;
    return {
      change: {
        escalation: {
          ...escalation,
          conversation: { ...conversation, plannedFor, ...(late ? { lateReason: input.lateReason!.trim() } : {}) },
        },
      },
    };
  },

  conversationHeld: (s, input, { at }) => {
    let heldAt = at.toISOString();
    if (input.heldAt !== undefined) {
      if (!isInstant(input.heldAt) || DateTime.fromISO(input.heldAt).toMillis() > at.getTime()) return bad('heldAt');
      heldAt = DateTime.fromISO(input.heldAt).toUTC().toISO()!;
    }
    if (input.notes !== undefined && typeof input.notes !== 'string') return bad('notes');
    const escalation = s.escalation!;
    const notes = input.notes?.trim();
    return {
      change: {
        escalation: {
          ...escalation,
          conversation: { ...escalation.conversation, heldAt, ...(notes ? { notes } : {}) },
        },
      },
    };
  },

  recordDecision: (s, input, { actor, at }) => {
    if (!isText(input.text)) return bad('text');
    if (!TENORS.includes(input.tenor)) return bad('tenor');
    if (!Array.isArray(input.measures)) return bad('measures');
    const today = amsterdamDate(at);
    for (const [index, measure] of input.measures.entries()) {
      if (!isText(measure.description)) return bad(`measures.${index}.description`);
      if (!isIsoDate(measure.deadline) || !isPlausibleFutureDate(measure.deadline, s.receivedOn, today)) {
        return bad(`measures.${index}.deadline`);
      }
    }
    if (!isIsoDate(input.sentOn) || input.sentOn > amsterdamDate(at)) return bad('sentOn');
    if (!DECISION_CHANNELS.includes(input.sentVia)) return bad('sentVia');
    return {
      change: {
        decision: {
          text: input.text,
          tenor: input.tenor,
          form: s.escalation ? 'judgment' : 'agreement',
          measures: input.measures.map((m) => ({ description: m.description, deadline: m.deadline })),
          sentOn: input.sentOn,
          sentVia: input.sentVia,
          decidedBy: actor,
          recordedAt: at.toISOString(),
        },
      },
    };
  },

  fileComplaintsDesk: (s, input, { at }) => {
    const check = checkFiledCase(s, input, amsterdamDate(at));
    if (check) return check;
    const complaintsDesk: ComplaintsDeskCase = { filedOn: input.filedOn, caseNumber: input.caseNumber.trim() };
    return { change: { step: 'complaintsDesk', highestStep: 'complaintsDesk', complaintsDesk } };
  },

  complaintsDeskOutcome: (s, input, { at }) => {
    if (!isText(input.outcome)) return bad('outcome');
    if (input.agreements !== undefined && !isText(input.agreements)) return bad('agreements');
    if (input.agreementsDeadline !== undefined) {
      if (
        input.agreements === undefined ||
        !isIsoDate(input.agreementsDeadline) ||
        !isPlausibleFutureDate(input.agreementsDeadline, s.receivedOn, amsterdamDate(at))
      ) {
        return bad('agreementsDeadline');
      }
    }
    const complaintsDesk: ComplaintsDeskCase = {
      filedOn: s.complaintsDesk!.filedOn,
      caseNumber: s.complaintsDesk!.caseNumber,
      outcome: input.outcome,
      ...(input.agreements !== undefined ? { agreements: input.agreements } : {}),
      ...(input.agreementsDeadline !== undefined ? { agreementsDeadline: input.agreementsDeadline } : {}),
    };
    return { change: { complaintsDesk } };
  },

  fileDispute: (s, input, { at }) => {
    const check = checkFiledCase(s, input, amsterdamDate(at));
    if (check) return check;
    const dispute: DisputeCase = {
      filedOn: input.filedOn,
      caseNumber: input.caseNumber.trim(),
      filedLate: isDisputeFiledLate(s, input.filedOn),
    };
    return { change: { step: 'disputesCommittee', highestStep: 'disputesCommittee', dispute } };
  },

  disputeRuling: (s, input, { at }) => {
    if (!RULINGS.includes(input.ruling)) return bad('ruling');
    if (input.obligations !== undefined && !isText(input.obligations)) return bad('obligations');
    if (input.obligationsDeadline !== undefined) {
      if (
        input.obligations === undefined ||
        !isIsoDate(input.obligationsDeadline) ||
        !isPlausibleFutureDate(input.obligationsDeadline, s.receivedOn, amsterdamDate(at))
      ) {
        return bad('obligationsDeadline');
      }
    }
    const dispute: DisputeCase = {
      filedOn: s.dispute!.filedOn,
      caseNumber: s.dispute!.caseNumber,
      filedLate: s.dispute!.filedLate,
      ruling: input.ruling,
      ...(input.obligations !== undefined ? { obligations: input.obligations } : {}),
      ...(input.obligationsDeadline !== undefined ? { obligationsDeadline: input.obligationsDeadline } : {}),
    };
    return { change: { dispute } };
  },

  close: (s, input, { at }) => {
    if (input.reason !== undefined && !isText(input.reason)) return bad('reason');
    if (closeNeedsReason(s) && input.reason === undefined) return bad('reason');
    const reason = input.reason?.trim();
    return { change: { status: 'closed', closedAt: at.toISOString() }, ...(reason ? { note: reason } : {}) };
  },

  reopen: (_s, input, { actor, at }) => {
    if (!isText(input.reason)) return bad('reason');
    const reason = input.reason.trim();
    // Deadlines stay as they are: nothing restarts silently.
    return {
      change: { status: 'open', closedAt: undefined, reopened: { at: at.toISOString(), by: actor, reason } },
      note: reason,
    };
  },

  // The receipt date stays: the legal clock of a signal that turns out to be a klacht runs from it.
  reclassify: (s, input, { deadlineSettings }) => {
    if (!SIGNAL_KINDS.includes(input.kind) || input.kind === s.kind) return bad('kind');
    if (input.reason !== undefined && !isText(input.reason)) return bad('reason');
    if (s.kind === 'complaint' && input.reason === undefined) return bad('reason');
    const { settleBy: _settle, answerBy: _answer, ...stepDeadlines } = s.deadlines;
    const deadlines: Deadlines = {
      ...stepDeadlines,
      ...initialDeadlines(input.kind, s.receivedOn, deadlineSettings ?? DEFAULT_DEADLINE_SETTINGS),
    };
    const reason = input.reason?.trim();
    return { change: { kind: input.kind, deadlines }, ...(reason ? { note: reason } : {}) };
  },

  // A parent who now wants it in writing gets a written answer instead of a conversation still to come.
  changeContactPreference: (s, input) => {
    if (!CONTACT_PREFERENCES.includes(input.contactPreference)) return bad('contactPreference');
    if (input.contactPreference === s.parent!.contactPreference) return bad('contactPreference');
    const escalation = s.escalation;
    const change: Change =
      escalation && !escalation.conversation.heldAt
        ? { escalation: { ...escalation, conversation: { ...escalation.conversation, mode: input.contactPreference } } }
        : {};
    return { change, parent: { ...s.parent!, contactPreference: input.contactPreference } };
  },
};

/** The conversation lies after its deadline (the escalation's 2 weeks). */
export function isAfterConversationDeadline(signal: Signal, plannedFor: string): boolean {
  const deadline = signal.deadlines.conversationBy;
  return deadline !== undefined && Date.parse(plannedFor) > Date.parse(deadline);
}

/** Merges new deadlines in; an existing deadline only ever moves later, never back. */
function laterDeadlines(current: Deadlines, next: Deadlines): Deadlines {
  const merged: Deadlines = { ...current };
  for (const key of Object.keys(next) as (keyof Deadlines)[]) {
    const value = next[key];
    const existing = current[key];
    if (value !== undefined && (existing === undefined || value > existing)) merged[key] = value;
  }
  return merged;
}

/**
 * The Geschillencommissie's term: 12 months from the day the parent made the complaint to the
 * organisation — the day it was received, whichever step it then went through.
 */
export function isDisputeFiledLate(signal: Signal, filedOn: string): boolean {
  const termEnds = DateTime.fromISO(signal.receivedOn, { zone: ZONE })
    .plus({ months: DISPUTE_TERM_MONTHS })
    .toISODate()!;
  return filedOn > termEnds;
}

// ---- applying -------------------------------------------------------------------------------

/** JSON-stable view of a field: absent becomes null so before/after survive storage. */
function snapshot(value: unknown): unknown {
  return value === undefined ? null : JSON.parse(JSON.stringify(value));
}

export function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function canonical(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const item = (value as Record<string, unknown>)[key];
      if (item !== undefined) out[key] = canonical(item);
    }
    return out;
  }
  return value;
}

/** Applies any move given as data; the single entry point for card verbs. */
export function applyMove(signal: Signal, command: MoveCommand, context: MoveContext): MoveResult {
  return runMove(signal, command.name, command.input, context);
}

function runMove<K extends MoveName>(signal: Signal, name: K, input: MoveInputs[K], context: MoveContext): MoveResult {
  const type = EVENT_TYPE_OF_MOVE[name];
  const existing = signal.history.find((event) => event.id === context.eventId);
  if (existing) {
    return existing.type === type
      ? { ok: true, signal, event: existing, duplicate: true }
      : { ok: false, error: 'eventIdConflict' };
  }
  if (!isText(context.eventId, 500) || Number.isNaN(context.at.getTime()) || !isPerson(context.actor)) {
    return { ok: false, error: 'invalidInput', field: 'context' };
  }
  const guard = moveGuard(signal, name);
  if (guard) return { ok: false, error: guard };
  if (typeof input !== 'object' || input === null) return { ok: false, error: 'invalidInput' };

  const planner = PLANNERS[name] as Planner<K>;
  const plan = planner(signal, input, context);
  if (isCheck(plan)) return { ok: false, error: 'invalidInput', ...(plan ? { field: plan.field } : {}) };

  // A change to undefined removes the field (reopen clears closedAt).
  const kept = Object.entries({ ...signal, ...plan.change }).filter(([, value]) => value !== undefined);
  const next = Object.fromEntries(kept) as unknown as Signal;
  next.nextDeadline = nextOpenDeadline(next);

  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  // The preference is not a contact detail: the history may show it (never the address or number).
  if (plan.parent) {
    next.parent = plan.parent;
    before.contactPreference = signal.parent!.contactPreference;
    after.contactPreference = plan.parent.contactPreference;
  }
  for (const field of TRACKED_FIELDS) {
    if (!sameValue(signal[field], next[field])) {
      before[field] = snapshot(signal[field]);
      after[field] = snapshot(next[field]);
    }
  }
  const event: SignalEvent = {
    id: context.eventId,
    type,
    at: context.at.toISOString(),
    actor: { id: context.actor.id, name: context.actor.name },
    before,
    after,
    ...(plan.note !== undefined ? { note: plan.note } : {}),
  };
  next.history = [...signal.history, event];
  return { ok: true, signal: next, event };
}

// One exported function per move, for callers that know which move they make.
export const handle = (s: Signal, input: HandleInput, c: MoveContext): MoveResult => runMove(s, 'handle', input, c);
export const escalateToLocation = (s: Signal, input: EscalateToLocationInput, c: MoveContext): MoveResult =>
  runMove(s, 'escalateToLocation', input, c);
export const escalateToOrganisation = (s: Signal, input: EscalateToOrganisationInput, c: MoveContext): MoveResult =>
  runMove(s, 'escalateToOrganisation', input, c);
export const addSupporter = (s: Signal, input: AddSupporterInput, c: MoveContext): MoveResult =>
  runMove(s, 'addSupporter', input, c);
export const confirmationSent = (s: Signal, input: ConfirmationSentInput, c: MoveContext): MoveResult =>
  runMove(s, 'confirmationSent', input, c);
export const conversationPlanned = (s: Signal, input: ConversationPlannedInput, c: MoveContext): MoveResult =>
  runMove(s, 'conversationPlanned', input, c);
export const conversationHeld = (s: Signal, input: ConversationHeldInput, c: MoveContext): MoveResult =>
  runMove(s, 'conversationHeld', input, c);
export const recordDecision = (s: Signal, input: RecordDecisionInput, c: MoveContext): MoveResult =>
  runMove(s, 'recordDecision', input, c);
export const fileComplaintsDesk = (s: Signal, input: FileCaseInput, c: MoveContext): MoveResult =>
  runMove(s, 'fileComplaintsDesk', input, c);
export const complaintsDeskOutcome = (s: Signal, input: ComplaintsDeskOutcomeInput, c: MoveContext): MoveResult =>
  runMove(s, 'complaintsDeskOutcome', input, c);
export const fileDispute = (s: Signal, input: FileCaseInput, c: MoveContext): MoveResult =>
  runMove(s, 'fileDispute', input, c);
export const disputeRuling = (s: Signal, input: DisputeRulingInput, c: MoveContext): MoveResult =>
  runMove(s, 'disputeRuling', input, c);
export const close = (s: Signal, input: CloseInput, c: MoveContext): MoveResult => runMove(s, 'close', input, c);
export const reclassify = (s: Signal, input: ReclassifyInput, c: MoveContext): MoveResult =>
  runMove(s, 'reclassify', input, c);
export const changeContactPreference = (s: Signal, input: ChangeContactPreferenceInput, c: MoveContext): MoveResult =>
  runMove(s, 'changeContactPreference', input, c);
export const reopen = (s: Signal, input: ReopenInput, c: MoveContext): MoveResult => runMove(s, 'reopen', input, c);
