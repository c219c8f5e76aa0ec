/**
 * Meldplicht (Wet kinderopvang, meld-, overleg- en aangifteplicht): a possible suspicion of violence
 * or a sexual offence against a child by someone working in the organisation. Such a signal becomes
 * a *melding* on its own route: only the people the organisation names for it see it, and its steps
 * (consult the vertrouwensinspecteur, conclude, report to the police, measures, aftercare) have their
 * own moves, guards and clock here. Pure: no I/O.
 *
 * The moves follow process.ts (a guard table and a planner table, one event per move, idempotent by
 * event id) but live apart from the complaints process: the complaint side of the same signal runs
 * on beside it with process.ts's own moves.
 *
 * Decisions:
 * - Access: a melding is visible only to a person the organisation named on the route
 *   (`Person.reportingRoute`, set by the directory from the organisation file). Every other role,
 *   also staf kw, MT and beheerder, the location manager and the person who registered it, is
 *   outside; the registrant only learns that it was passed on (`isPassedOnTo`).
 * - Flagging is one-way: a melding never goes back to the complaints track (a wrong flag is closed
 *   with a conclusion "no reasonable suspicion"), so nothing seen by the route leaks back out.
 * - Flagging hands the signal to the first person of the route (owner), so the complaint side's own
 *   reminders reach the route and nobody else.
 * - Clock: the consultation is due by the end of the first working day after the day of flagging
 *   (Friday 17:30 → Monday end of day); the route hears at sendHour on that day and, when it passed
 *   without a consultation, an escalation on the next working day.
 * - The steps may be recorded on a closed complaint: the duty does not end with the complaint.
 */
import { addWorkingDays } from './calendar';
import { isIsoDate, isText as isTextOf } from './validation';
import { amsterdamDate, endOfDay } from './deadlines';
import type { Person } from './organisation';
import type { PersonRef, Signal, SignalEvent, SignalEventType } from './signal';

// ---- settings -----------------------------------------------------------------------------

/** What a person on the route is in the organisation (shown to the route). */
export const ROUTE_FUNCTIONS = ['houder', 'directeur', 'aandachtsfunctionaris'] as const;
export type RouteFunction = (typeof ROUTE_FUNCTIONS)[number];

export interface RoutePerson {
  /** Entra ID object id, as everywhere. */
  id: string;
  name: string;
  email?: string;
  function: RouteFunction;
}

/** The vertrouwensinspecteur of the Inspectie van het Onderwijs, shown on the melding's card. */
export interface InspectorContact {
  name: string;
  phone: string;
  email?: string;
  /** E.g. office hours, free text of the organisation. */
  note?: string;
}

export interface ReportingDutySettings {
  route: RoutePerson[];
  inspector: InspectorContact;
  /** Whether the yearly melding figures go with the report to the GGD (default off). */
  ggdReport: boolean;
}

/** Whether the directory should mark this person as on the route. */
export function isNamedOnRoute(personId: string, settings: ReportingDutySettings | undefined): boolean {
  return settings?.route.some((entry) => entry.id.toLowerCase() === personId.toLowerCase()) ?? false;
}

// ---- the record ---------------------------------------------------------------------------

export const OFFENCE_KINDS = ['sexual', 'violence', 'both'] as const;
export type OffenceKind = (typeof OFFENCE_KINDS)[number];

export interface Recorded {
  recordedBy: PersonRef;
  recordedAt: string;
}

export interface Consultation extends Recorded {
  /** yyyy-mm-dd and HH:mm (Amsterdam) of the consultation. */
  on: string;
  time: string;
  /** Who at the Inspectie was consulted. */
  inspector: string;
  advice: string;
  offence: OffenceKind;
}

export interface Conclusion extends Recorded {
  reasonableSuspicion: boolean;
  explanation: string;
}

export interface PoliceReport extends Recorded {
  on: string;
  time: string;
  /** Who made the report (name, function). */
  by: string;
}

export interface DutyMeasures extends Recorded {
  employee: string;
  parents: string;
}

export interface Aftercare extends Recorded {
  text: string;
}

export interface ReportingDuty {
  flaggedAt: string;
  flaggedBy: PersonRef;
  /** Triage question at intake, or flagged later on the signal. */
  via: 'intake' | 'later';
  /** End of the day (ISO instant) by which the vertrouwensinspecteur must have been consulted. */
  consultBy: string;
  consultation?: Consultation;
  conclusion?: Conclusion;
  policeReport?: PoliceReport;
  measures?: DutyMeasures;
  aftercare?: Aftercare;
}

export function isMelding(signal: { reportingDuty?: unknown }): boolean {
  return signal.reportingDuty !== undefined;
}

// ---- access -------------------------------------------------------------------------------

/**
 * The one rule for who may see a melding and its history: the people named on the route. Used by
 * access.ts for every read, list, search, export, count and reminder.
 */
export function mayReadMelding(person: Pick<Person, 'reportingRoute'>): boolean {
  return person.reportingRoute === true;
}

/** The registrant of a melding outside the route: told only that it was passed on. */
export function isPassedOnTo(person: Pick<Person, 'id' | 'reportingRoute'>, signal: Signal): boolean {
  return isMelding(signal) && !mayReadMelding(person) && signal.registeredBy.id === person.id;
}

// ---- clock --------------------------------------------------------------------------------

/** End of the first working day after the (Amsterdam) day of flagging. */
export function consultationDeadline(flaggedAt: Date | string): string {
  return endOfDay(addWorkingDays(amsterdamDate(flaggedAt), 1));
}

// ---- moves --------------------------------------------------------------------------------

export const DUTY_MOVE_NAMES = [
  'flag',
  'consult',
  'conclude',
  'reportToPolice',
  'recordMeasures',
  'recordAftercare',
] as const;
export type DutyMoveName = (typeof DUTY_MOVE_NAMES)[number];

export const DUTY_MOVE_ERRORS = [
  'anonymised',
  'alreadyFlagged',
  'notFlagged',
  'alreadyDone',
  'consultationFirst',
  'conclusionFirst',
  'noSuspicion',
  'invalidInput',
  'eventIdConflict',
] as const;
export type DutyMoveError = (typeof DUTY_MOVE_ERRORS)[number];

export interface FlagInput {
  via: 'intake' | 'later';
  /** The route's first person: becomes the owner (absent: the owner stays). */
  newOwner?: PersonRef;
}
export interface ConsultInput {
  on: string;
  time: string;
  inspector: string;
  advice: string;
  offence: OffenceKind;
}
export interface ConcludeInput {
  reasonableSuspicion: boolean;
  explanation: string;
}
export interface PoliceReportInput {
  on: string;
  time: string;
  by: string;
}
export interface MeasuresInput {
  employee: string;
  parents: string;
}
export interface AftercareInput {
  text: string;
}

export interface DutyMoveInputs {
  flag: FlagInput;
  consult: ConsultInput;
  conclude: ConcludeInput;
  reportToPolice: PoliceReportInput;
  recordMeasures: MeasuresInput;
  recordAftercare: AftercareInput;
}

export type DutyMoveCommand = { [K in DutyMoveName]: { name: K; input: DutyMoveInputs[K] } }[DutyMoveName];

export const EVENT_TYPE_OF_DUTY_MOVE: Readonly<Record<DutyMoveName, SignalEventType>> = {
  flag: 'reportingDutyFlagged',
  consult: 'reportingDutyConsulted',
  conclude: 'reportingDutyConcluded',
  reportToPolice: 'reportingDutyPoliceReported',
  recordMeasures: 'reportingDutyMeasuresRecorded',
  recordAftercare: 'reportingDutyAftercareRecorded',
};

export interface DutyMoveContext {
  actor: PersonRef;
  at: Date;
  eventId: string;
}

export type DutyMoveResult =
  | { ok: true; signal: Signal; event: SignalEvent; duplicate?: true }
  | { ok: false; error: DutyMoveError; field?: string };

type Guard = (duty: ReportingDuty | undefined) => DutyMoveError | null;

const afterConclusion: Guard = (d) => {
  if (!d) return 'notFlagged';
  return d.conclusion ? null : 'conclusionFirst';
};

const GUARDS: Readonly<Record<DutyMoveName, Guard>> = {
  flag: (d) => (d ? 'alreadyFlagged' : null),
  consult: (d) => {
    if (!d) return 'notFlagged';
    return d.consultation ? 'alreadyDone' : null;
  },
  conclude: (d) => {
    if (!d) return 'notFlagged';
    if (!d.consultation) return 'consultationFirst';
    return d.conclusion ? 'alreadyDone' : null;
  },
  reportToPolice: (d) => {
    const first = afterConclusion(d);
    if (first) return first;
    if (!d!.conclusion!.reasonableSuspicion) return 'noSuspicion';
    return d!.policeReport ? 'alreadyDone' : null;
  },
  recordMeasures: (d) => afterConclusion(d) ?? (d!.measures ? 'alreadyDone' : null),
  recordAftercare: (d) => afterConclusion(d) ?? (d!.aftercare ? 'alreadyDone' : null),
};

/** Why the move is not allowed now (ignoring input), or null. */
export function dutyMoveGuard(signal: Signal, move: DutyMoveName): DutyMoveError | null {
  if (signal.anonymisedAt !== undefined || signal.parent === null) return 'anonymised';
  return GUARDS[move](signal.reportingDuty);
}

/** The steps that may be recorded now, in route order (one button each on the melding's card). */
export function availableDutyMoves(signal: Signal): DutyMoveName[] {
  return DUTY_MOVE_NAMES.filter((move) => move !== 'flag' && dutyMoveGuard(signal, move) === null);
}

// ---- input checks -------------------------------------------------------------------------

const MAX_TEXT = 4000;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

const isText = (value: unknown, max = MAX_TEXT): value is string => isTextOf(value, max);

/** A date and time of something that happened: not before the melding's day, not in the future. */
function checkWhen(on: unknown, time: unknown, duty: ReportingDuty, at: Date): string | null {
  if (!isIsoDate(on) || on < amsterdamDate(duty.flaggedAt) || on > amsterdamDate(at)) return 'on';
  if (typeof time !== 'string' || !TIME.test(time)) return 'time';
  return null;
}

type Plan = { duty: ReportingDuty; owner?: PersonRef } | { field: string };
type Planner<K extends DutyMoveName> = (signal: Signal, input: DutyMoveInputs[K], context: DutyMoveContext) => Plan;

const recorded = (context: DutyMoveContext): Recorded => ({
  recordedBy: { id: context.actor.id, name: context.actor.name },
  recordedAt: context.at.toISOString(),
});

const PLANNERS: { [K in DutyMoveName]: Planner<K> } = {
  flag: (_s, input, { actor, at }) => {
    if (input.via !== 'intake' && input.via !== 'later') return { field: 'via' };
    const duty: ReportingDuty = {
      flaggedAt: at.toISOString(),
      flaggedBy: { id: actor.id, name: actor.name },
      via: input.via,
      consultBy: consultationDeadline(at),
    };
    return input.newOwner ? { duty, owner: { id: input.newOwner.id, name: input.newOwner.name } } : { duty };
  },
  consult: (s, input, context) => {
    const duty = s.reportingDuty!;
    const when = checkWhen(input.on, input.time, duty, context.at);
    if (when) return { field: when };
    if (!isText(input.inspector, 200)) return { field: 'inspector' };
    if (!isText(input.advice)) return { field: 'advice' };
    if (!OFFENCE_KINDS.includes(input.offence)) return { field: 'offence' };
    const consultation: Consultation = {
      on: input.on,
      time: input.time,
      inspector: input.inspector.trim(),
      advice: input.advice.trim(),
      offence: input.offence,
      ...recorded(context),
    };
    return { duty: { ...duty, consultation } };
  },
  conclude: (s, input, context) => {
    if (typeof input.reasonableSuspicion !== 'boolean') return { field: 'reasonableSuspicion' };
    if (!isText(input.explanation)) return { field: 'explanation' };
    const conclusion: Conclusion = {
      reasonableSuspicion: input.reasonableSuspicion,
      explanation: input.explanation.trim(),
      ...recorded(context),
    };
    return { duty: { ...s.reportingDuty!, conclusion } };
  },
  reportToPolice: (s, input, context) => {
    const duty = s.reportingDuty!;
    const when = checkWhen(input.on, input.time, duty, context.at);
    if (when) return { field: when };
    if (!isText(input.by, 200)) return { field: 'by' };
    return {
      duty: { ...duty, policeReport: { on: input.on, time: input.time, by: input.by.trim(), ...recorded(context) } },
    };
  },
  recordMeasures: (s, input, context) => {
    if (!isText(input.employee)) return { field: 'employee' };
    if (!isText(input.parents)) return { field: 'parents' };
    const measures: DutyMeasures = {
      employee: input.employee.trim(),
      parents: input.parents.trim(),
      ...recorded(context),
    };
    return { duty: { ...s.reportingDuty!, measures } };
  },
  recordAftercare: (s, input, context) => {
    if (!isText(input.text)) return { field: 'text' };
    return { duty: { ...s.reportingDuty!, aftercare: { text: input.text.trim(), ...recorded(context) } } };
  },
};

const snapshot = (value: unknown): unknown => (value === undefined ? null : JSON.parse(JSON.stringify(value)));

/**
 * Applies a melding move: one event with before/after of `reportingDuty` (and `owner` when the
 * flag hands the signal to the route), so the history tells the melding's whole course and the
 * complaints replay (replay.ts, which reads the tracked `owner`) stays consistent.
 */
export function applyDutyMove(signal: Signal, command: DutyMoveCommand, context: DutyMoveContext): DutyMoveResult {
  const type = EVENT_TYPE_OF_DUTY_MOVE[command.name];
  const existing = signal.history.find((event) => event.id === context.eventId);
  if (existing) {
    return existing.type === type
      ? { ok: true, signal, event: existing, duplicate: true }
      : { ok: false, error: 'eventIdConflict' };
  }
  if (!isText(context.eventId, 500) || Number.isNaN(context.at.getTime()) || !isText(context.actor?.id, 200)) {
    return { ok: false, error: 'invalidInput', field: 'context' };
  }
  const guard = dutyMoveGuard(signal, command.name);
  if (guard) return { ok: false, error: guard };
  if (typeof command.input !== 'object' || command.input === null) return { ok: false, error: 'invalidInput' };
  const planner = PLANNERS[command.name] as Planner<typeof command.name>;
  const plan = planner(signal, command.input as never, context);
  if ('field' in plan) return { ok: false, error: 'invalidInput', field: plan.field };

  const before: Record<string, unknown> = { reportingDuty: snapshot(signal.reportingDuty) };
  const after: Record<string, unknown> = { reportingDuty: snapshot(plan.duty) };
  const next: Signal = { ...signal, reportingDuty: plan.duty };
  if (plan.owner && plan.owner.id !== signal.owner.id) {
    before.owner = snapshot(signal.owner);
    after.owner = snapshot(plan.owner);
    next.owner = plan.owner;
  }
  const event: SignalEvent = {
    id: context.eventId,
    type,
    at: context.at.toISOString(),
    actor: { id: context.actor.id, name: context.actor.name },
    before,
    after,
  };
  next.history = [...signal.history, event];
  return { ok: true, signal: next, event };
}

/**
 * Checks that the melding's events explain its current record: each event's before is the state
 * so far, and the last after is the record now. The complaints replay (replay.ts) ignores the field.
 */
export function replayReportingDuty(signal: Signal): { ok: boolean; mismatches: string[] } {
  const mismatches: string[] = [];
  const types = new Set<string>(Object.values(EVENT_TYPE_OF_DUTY_MOVE));
  let state: unknown = null;
  signal.history.forEach((event, index) => {
    if (!types.has(event.type)) return;
    if (JSON.stringify(event.before?.reportingDuty ?? null) !== JSON.stringify(state)) {
      mismatches.push(`event ${index} (${event.type}): before.reportingDuty`);
    }
    state = event.after?.reportingDuty ?? null;
  });
  if (JSON.stringify(state) !== JSON.stringify(snapshot(signal.reportingDuty)))
    mismatches.push('current.reportingDuty');
  return { ok: mismatches.length === 0, mismatches };
}

// ---- steps as the card shows them -----------------------------------------------------------

export const DUTY_STEPS = ['consultation', 'conclusion', 'policeReport', 'measures', 'aftercare'] as const;
export type DutyStep = (typeof DUTY_STEPS)[number];

export type DutyStepState = 'done' | 'open' | 'notNeeded' | 'waiting';

/** Where each step stands: the police report is not needed without a reasonable suspicion. */
export function dutyStepStates(duty: ReportingDuty): Record<DutyStep, DutyStepState> {
  const concluded = duty.conclusion !== undefined;
  return {
    consultation: duty.consultation ? 'done' : 'open',
    conclusion: duty.conclusion ? 'done' : duty.consultation ? 'open' : 'waiting',
    policeReport: duty.policeReport
      ? 'done'
      : !concluded
        ? 'waiting'
        : duty.conclusion!.reasonableSuspicion
          ? 'open'
          : 'notNeeded',
    measures: duty.measures ? 'done' : concluded ? 'open' : 'waiting',
    aftercare: duty.aftercare ? 'done' : concluded ? 'open' : 'waiting',
  };
}

/** Whether the consultation is late: not recorded and the deadline passed. */
export function consultationOverdue(duty: ReportingDuty, now: Date): boolean {
  return !duty.consultation && now.toISOString() > duty.consultBy;
}

// ---- reminders ----------------------------------------------------------------------------

export type DutyPointKind = 'flagged' | 'consultToday' | 'consultMissed';

export interface DutyReminderPoint {
  /** `${signalId}:reportingConsultation:${consultDate}:${kind}`: the same point from any instance. */
  id: string;
  kind: DutyPointKind;
  /** ISO instant the reminder is due. */
  dueAt: string;
  /** The consultation deadline (end of its day). */
  deadline: string;
}

/**
 * The melding's own reminder points while the consultation is not recorded: the route hears at
 * once (flagged), at sendHour on the deadline's day, and — the escalation — at sendHour on the
 * working day after it. dueInstant is passed in so the points share reminders.ts's wall clock.
 */
export function dutyReminderPoints(
  signal: Signal,
  sendHour: number,
  dueInstant: (isoDate: string, hour: number) => string,
): DutyReminderPoint[] {
  const duty = signal.reportingDuty;
  if (!duty || duty.consultation || signal.anonymisedAt !== undefined) return [];
  const day = amsterdamDate(duty.consultBy);
  const base = `${signal.id}:reportingConsultation:${day}`;
  // The deadline's day is always a later day than the flag's, so the three are in this order.
  return [
    { id: `${base}:flagged`, kind: 'flagged', dueAt: duty.flaggedAt, deadline: duty.consultBy },
    { id: `${base}:today`, kind: 'consultToday', dueAt: dueInstant(day, sendHour), deadline: duty.consultBy },
    {
      id: `${base}:missed`,
      kind: 'consultMissed',
      dueAt: dueInstant(addWorkingDays(day, 1), sendHour),
      deadline: duty.consultBy,
    },
  ];
}

// ---- yearly figures ---------------------------------------------------------------------------

export interface DutyFigures {
  year: number;
  meldingen: number;
  consultations: number;
  consultedInTime: number;
  reasonableSuspicions: number;
  policeReports: number;
  /** By kind of offence as recorded at the consultation; 'unknown' before it. */
  byOffence: Record<OffenceKind | 'unknown', { meldingen: number; consultations: number; policeReports: number }>;
}

/** The houder's yearly figures over the meldingen flagged in that year (Amsterdam). */
export function dutyFigures(year: number, signals: Iterable<Signal>): DutyFigures {
  const empty = () => ({ meldingen: 0, consultations: 0, policeReports: 0 });
  const figures: DutyFigures = {
    year,
    meldingen: 0,
    consultations: 0,
    consultedInTime: 0,
    reasonableSuspicions: 0,
    policeReports: 0,
    byOffence: { sexual: empty(), violence: empty(), both: empty(), unknown: empty() },
  };
  for (const signal of signals) {
    const duty = signal.reportingDuty;
    if (!duty || !amsterdamDate(duty.flaggedAt).startsWith(`${year}-`)) continue;
    const kind = figures.byOffence[duty.consultation?.offence ?? 'unknown'];
    figures.meldingen += 1;
    kind.meldingen += 1;
    if (duty.consultation) {
      figures.consultations += 1;
      kind.consultations += 1;
      if (duty.consultation.on <= amsterdamDate(duty.consultBy)) figures.consultedInTime += 1;
    }
    if (duty.conclusion?.reasonableSuspicion) figures.reasonableSuspicions += 1;
    if (duty.policeReport) {
      figures.policeReports += 1;
      kind.policeReports += 1;
    }
  }
  return figures;
}
