import { DateTime } from 'luxon';
import { z } from 'zod';
import { ZONE, amsterdamDate } from '../domain/deadlines';
import type { Organisation, Person, Role } from '../domain/organisation';
import { isIsoDate } from '../domain/validation';
import {
  closeNeedsReason,
  isAfterConversationDeadline,
  isPlausibleFutureDate,
  type MoveCommand,
  type MoveName,
} from '../domain/process';
import {
  CONTACT_PREFERENCES,
  DECISION_CHANNELS,
  RULINGS,
  SATISFACTION_ANSWERS,
  SIGNAL_KINDS,
  TENORS,
  type PersonRef,
  type Signal,
} from '../domain/signal';

/**
 * What each move asks on its card form, and how a submit becomes a MoveCommand. Shared by the card
 * (which renders the fields) and the use case (which validates them), so the two cannot drift.
 */

export type FieldKind = 'text' | 'multiline' | 'date' | 'time' | 'choice';

/** Where a choice field's options come from; the bot turns them into Dutch titles. */
export type OptionSource =
  | 'satisfaction'
  | 'decisionChannels'
  | 'rulings'
  | 'tenors'
  /** Every kind but the signal's own. */
  | 'kinds'
  | 'contactPreferences'
  | { people: readonly Role[]; atLocation: boolean };

export interface FieldSpec {
  id: string;
  kind: FieldKind;
  /** Required always, or only for signals in some state (e.g. the reason a klacht stops being one). */
  required: boolean | ((signal: Signal) => boolean);
  /** Shown only for signals in some state; absent = always. */
  when?: (signal: Signal) => boolean;
  /** A text field that starts with this signal text (the written outcome starts from the handling). */
  prefill?: (signal: Signal) => string | undefined;
  options?: OptionSource;
  /** Dates default to today when the form opens. */
  defaultToday?: boolean;
  /**
   * A date for something still to come (a deadline, a planned conversation): it must lie between the
   * signal's receipt and a few years ahead (isPlausibleFutureDate), so a typo such as year 0026 is
   * refused on the form instead of becoming a deadline.
   */
  ahead?: boolean;
  /** A date of something that happened: not after today and not before the signal's receipt. */
  past?: boolean;
}

export const MEASURE_ROWS = 3;

/** The parent has no e-mail address: a letter is printed and posted by hand, outside Klantsignaal. */
const goesByPost = (signal: Signal): boolean => !signal.parent?.email;

const measureFields: FieldSpec[] = Array.from({ length: MEASURE_ROWS }, (_, index) => [
  { id: `measure${index + 1}`, kind: 'text' as const, required: false },
  { id: `measure${index + 1}Deadline`, kind: 'date' as const, required: false, ahead: true },
]).flat();

export const MOVE_FORMS: Readonly<Record<MoveName, readonly FieldSpec[]>> = {
  handle: [
    { id: 'summary', kind: 'multiline', required: true },
    { id: 'satisfaction', kind: 'choice', required: true, options: 'satisfaction' },
  ],
  escalateToLocation: [
    {
      id: 'locationManager',
      kind: 'choice',
      required: true,
      options: { people: ['locationManager'], atLocation: true },
    },
  ],
  escalateToOrganisation: [
    // An MT member may hold the step-2 conversation too.
    { id: 'manager', kind: 'choice', required: true, options: { people: ['manager', 'mt'], atLocation: false } },
    { id: 'supporter', kind: 'choice', required: false, options: { people: ['quality'], atLocation: false } },
    // Prefilled with today; left empty it means today, as for the domain.
    { id: 'receivedOn', kind: 'date', required: false, defaultToday: true, past: true },
  ],
  addSupporter: [
    { id: 'supporter', kind: 'choice', required: true, options: { people: ['quality'], atLocation: false } },
  ],
  confirmationSent: [],
  conversationPlanned: [
    { id: 'plannedDate', kind: 'date', required: true, ahead: true },
    { id: 'plannedTime', kind: 'time', required: true },
    // Needed only for a date after the 2 weeks; the parser asks for it then.
    { id: 'lateReason', kind: 'multiline', required: false },
  ],
  conversationHeld: [
    { id: 'heldOn', kind: 'date', required: true, defaultToday: true, past: true },
    { id: 'notes', kind: 'multiline', required: false },
  ],
  recordDecision: [
    // At step 0/1 the letter confirms what was agreed: it starts from the handling summary.
    { id: 'text', kind: 'multiline', required: true, prefill: (s) => (s.escalation ? undefined : s.handling?.summary) },
    { id: 'tenor', kind: 'choice', required: true, options: 'tenors' },
    ...measureFields,
    // Klantsignaal e-mails the letter itself; only a letter that goes by post (no e-mail address)
    // asks when it was posted. Without these fields the parser takes today and e-mail.
    { id: 'sentOn', kind: 'date', required: true, defaultToday: true, past: true, when: goesByPost },
  ],
  fileComplaintsDesk: [
    { id: 'filedOn', kind: 'date', required: true, defaultToday: true, past: true },
    { id: 'caseNumber', kind: 'text', required: true },
  ],
  complaintsDeskOutcome: [
    { id: 'outcome', kind: 'multiline', required: true },
    { id: 'agreements', kind: 'multiline', required: false },
    { id: 'agreementsDeadline', kind: 'date', required: false, ahead: true },
  ],
  fileDispute: [
    { id: 'filedOn', kind: 'date', required: true, defaultToday: true, past: true },
    { id: 'caseNumber', kind: 'text', required: true },
  ],
  disputeRuling: [
    { id: 'ruling', kind: 'choice', required: true, options: 'rulings' },
    { id: 'obligations', kind: 'multiline', required: false },
    { id: 'obligationsDeadline', kind: 'date', required: false, ahead: true },
  ],
  close: [{ id: 'reason', kind: 'multiline', required: true, when: closeNeedsReason }],
  reopen: [{ id: 'reason', kind: 'multiline', required: true }],
  reclassify: [
    { id: 'kind', kind: 'choice', required: true, options: 'kinds' },
    { id: 'reason', kind: 'multiline', required: (s) => s.kind === 'complaint' },
  ],
  changeContactPreference: [{ id: 'contactPreference', kind: 'choice', required: true, options: 'contactPreferences' }],
};

/** The fields the form of `move` shows for this signal. */
export function formFields(move: MoveName, signal: Signal): FieldSpec[] {
  return MOVE_FORMS[move].filter((spec) => !spec.when || spec.when(signal));
}

export function isRequired(spec: FieldSpec, signal: Signal): boolean {
  return typeof spec.required === 'function' ? spec.required(signal) : spec.required;
}

export const MOVE_FIELD_ERRORS = [
  'required',
  'unknownOption',
  'invalidDate',
  'dateOutOfRange',
  'dateInFuture',
  'dateBeforeReceipt',
  /** A conversation planned for a moment already past. */
  'momentPassed',
  /** A conversation after its 2 weeks needs a written reason. */
  'lateReasonRequired',
  'invalidTime',
  'tooLong',
  'rejected',
] as const;
export type MoveFieldError = (typeof MOVE_FIELD_ERRORS)[number];

export type MoveFormResult = { ok: true; command: MoveCommand } | { ok: false; errors: Record<string, MoveFieldError> };

const MAX_FIELD = 4000;

/** The people a choice field offers for this signal. */
export function peopleFor(
  source: { people: readonly Role[]; atLocation: boolean },
  signal: Signal,
  organisation: Organisation,
): Person[] {
  return organisation.people.filter(
    (person) =>
      person.roles.some((role) => source.people.includes(role)) &&
      (!source.atLocation || person.locationIds.includes(signal.locationId)),
  );
}

/** Card inputs are strings; anything else (or whitespace) counts as empty. */
function readString(raw: Record<string, unknown>, id: string): string | undefined {
  const value = Object.prototype.hasOwnProperty.call(raw, id) ? raw[id] : undefined;
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

function checkField(
  spec: FieldSpec,
  value: string | undefined,
  allowed: readonly string[],
  signal: Signal,
): MoveFieldError | null {
  if (value === undefined) return isRequired(spec, signal) ? 'required' : null;
  if (value.length > MAX_FIELD) return 'tooLong';
  switch (spec.kind) {
    case 'date':
      return isIsoDate(value) ? null : 'invalidDate';
    case 'time':
      return /^([01]\d|2[0-3]):[0-5]\d(:\d\d)?$/.test(value) ? null : 'invalidTime';
    case 'choice':
      return allowed.includes(value) ? null : 'unknownOption';
    default:
      return null;
  }
}

function allowedValues(spec: FieldSpec, signal: Signal, organisation: Organisation): readonly string[] {
  const source = spec.options;
  if (!source) return [];
  if (source === 'satisfaction') return SATISFACTION_ANSWERS;
  if (source === 'decisionChannels') return DECISION_CHANNELS;
  if (source === 'rulings') return RULINGS;
  if (source === 'tenors') return TENORS;
  if (source === 'kinds') return SIGNAL_KINDS.filter((kind) => kind !== signal.kind);
  if (source === 'contactPreferences') return CONTACT_PREFERENCES;
  return peopleFor(source, signal, organisation).map((person) => person.id);
}

function personRef(organisation: Organisation, id: string | undefined): PersonRef | undefined {
  const person = organisation.people.find((candidate) => candidate.id === id);
  return person ? { id: person.id, name: person.name } : undefined;
}

const satisfaction = z.enum(SATISFACTION_ANSWERS);
const ruling = z.enum(RULINGS);
const tenor = z.enum(TENORS);
const signalKind = z.enum(SIGNAL_KINDS);
const contactPreference = z.enum(CONTACT_PREFERENCES);

/** Why a valid date is not plausible for this field, or null. */
function dateRangeError(spec: FieldSpec, value: string, signal: Signal, today: string): MoveFieldError | null {
  if (spec.ahead && !isPlausibleFutureDate(value, signal.receivedOn, today)) return 'dateOutOfRange';
  if (spec.past && value > today) return 'dateInFuture';
  if (spec.past && value < signal.receivedOn) return 'dateBeforeReceipt';
  return null;
}

/** Validates a form submit for `move` and builds the command; errors are per field. */
export function parseMoveForm(
  move: MoveName,
  raw: Record<string, unknown>,
  signal: Signal,
  organisation: Organisation,
  now: Date,
): MoveFormResult {
  const values: Record<string, string | undefined> = {};
  const errors: Record<string, MoveFieldError> = {};
  const today = amsterdamDate(now);
  for (const spec of formFields(move, signal)) {
    const value = readString(raw, spec.id);
    let error = checkField(spec, value, allowedValues(spec, signal, organisation), signal);
    // A real date, but not a plausible one (a two-digit year, a typo): the form keeps what was typed.
    if (!error && value && spec.kind === 'date') error = dateRangeError(spec, value, signal, today);
    if (error) errors[spec.id] = error;
    values[spec.id] = value;
  }
  if (move === 'recordDecision') {
    for (let row = 1; row <= MEASURE_ROWS; row += 1) {
      const [text, deadline] = [values[`measure${row}`], values[`measure${row}Deadline`]];
      if (text && !deadline) errors[`measure${row}Deadline`] ??= 'required';
      if (!text && deadline) errors[`measure${row}`] ??= 'required';
    }
  }
  if (move === 'disputeRuling' && values.obligationsDeadline && !values.obligations) errors.obligations ??= 'required';
  if (move === 'complaintsDeskOutcome' && values.agreementsDeadline && !values.agreements)
    errors.agreements ??= 'required';
  const plannedFor =
    move === 'conversationPlanned' && !errors.plannedDate && !errors.plannedTime
      ? plannedInstant(valueOf(values, 'plannedDate'), valueOf(values, 'plannedTime'))
      : undefined;
  if (plannedFor) {
    if (Date.parse(plannedFor) < now.getTime()) errors.plannedTime ??= 'momentPassed';
    else if (isAfterConversationDeadline(signal, plannedFor) && !values.lateReason)
      errors.lateReason ??= 'lateReasonRequired';
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };

  const v = (id: string) => values[id] ?? '';
  switch (move) {
    case 'handle':
      return {
        ok: true,
        command: { name: move, input: { summary: v('summary'), satisfaction: satisfaction.parse(v('satisfaction')) } },
      };
    case 'escalateToLocation':
      return {
        ok: true,
        command: { name: move, input: { locationManager: personRef(organisation, values.locationManager)! } },
      };
    case 'escalateToOrganisation': {
      const supporter = personRef(organisation, values.supporter);
      return {
        ok: true,
        command: {
          name: move,
          input: {
            manager: personRef(organisation, values.manager)!,
            ...(supporter ? { supporter } : {}),
            ...(values.receivedOn ? { receivedOn: values.receivedOn } : {}),
          },
        },
      };
    }
    case 'addSupporter':
      return { ok: true, command: { name: move, input: { supporter: personRef(organisation, values.supporter)! } } };
    case 'confirmationSent':
      return { ok: true, command: { name: move, input: {} } };
    case 'conversationPlanned':
      return {
        ok: true,
        command: {
          name: move,
          input: { plannedFor: plannedFor!, ...(values.lateReason ? { lateReason: values.lateReason } : {}) },
        },
      };
    case 'conversationHeld': {
      // A date is asked, not a moment: noon keeps it on that Dutch day, but never later than now
      // (a future day was refused above, so the stored date is the one entered).
      const noon = DateTime.fromISO(`${v('heldOn')}T12:00`, { zone: ZONE });
      const heldAt = DateTime.min(noon, DateTime.fromJSDate(now)).toUTC().toISO()!;
      return { ok: true, command: { name: move, input: { heldAt, ...(values.notes ? { notes: values.notes } : {}) } } };
    }
    case 'recordDecision': {
      const measures = Array.from({ length: MEASURE_ROWS }, (_, index) => index + 1)
        .filter((row) => values[`measure${row}`])
        .map((row) => ({ description: v(`measure${row}`), deadline: v(`measure${row}Deadline`) }));
      return {
        ok: true,
        command: {
          name: move,
          input: {
            text: v('text'),
            tenor: tenor.parse(v('tenor')),
            measures,
            sentOn: values.sentOn ?? today,
            sentVia: goesByPost(signal) ? 'letter' : 'email',
          },
        },
      };
    }
    case 'fileComplaintsDesk':
    case 'fileDispute':
      return { ok: true, command: { name: move, input: { filedOn: v('filedOn'), caseNumber: v('caseNumber') } } };
    case 'complaintsDeskOutcome':
      return {
        ok: true,
        command: {
          name: move,
          input: {
            outcome: v('outcome'),
            ...(values.agreements ? { agreements: values.agreements } : {}),
            ...(values.agreementsDeadline ? { agreementsDeadline: values.agreementsDeadline } : {}),
          },
        },
      };
    case 'disputeRuling':
      return {
        ok: true,
        command: {
          name: move,
          input: {
            ruling: ruling.parse(v('ruling')),
            ...(values.obligations ? { obligations: values.obligations } : {}),
            ...(values.obligationsDeadline ? { obligationsDeadline: values.obligationsDeadline } : {}),
          },
        },
      };
    case 'close':
      return { ok: true, command: { name: move, input: values.reason ? { reason: values.reason } : {} } };
    case 'reopen':
      return { ok: true, command: { name: move, input: { reason: v('reason') } } };
    case 'reclassify':
      return {
        ok: true,
        command: {
          name: move,
          input: { kind: signalKind.parse(v('kind')), ...(values.reason ? { reason: values.reason } : {}) },
        },
      };
    case 'changeContactPreference':
      return {
        ok: true,
        command: { name: move, input: { contactPreference: contactPreference.parse(v('contactPreference')) } },
      };
  }
}

/** The Amsterdam wall-clock date and time of the form, as a UTC instant. */
function plannedInstant(date: string, time: string): string {
  return DateTime.fromISO(`${date}T${time.slice(0, 5)}`, { zone: ZONE })
    .toUTC()
    .toISO()!;
}

function valueOf(values: Record<string, string | undefined>, id: string): string {
  return values[id] ?? '';
}
