/**
 * Who may see and do what: pure functions over a Person and a Signal, used by the use cases
 * (queries, export) and by the card verbs. The bot never hides a button as the only protection:
 * every use case asks these functions again.
 *
 * The rules (issue 7, DESIGN.md roles table):
 * - Anyone sees and acts on a signal they registered or own, and on one where they are the step-2
 *   supporter. That is all an employee gets.
 * - locationManager: every signal of their locations (person.locationIds).
 * - manager: signals escalated to them (escalation.manager) and signals of their area (locationIds).
 * - quality: every signal; acts on every signal (staf kw supports step 2 and keeps the process going).
 * - mt, admin: see every signal, but view-only: they adopt the analysis and configure, they do not
 *   handle signals. A person who also holds a handling role acts through that role.
 * - Personal data (the parent's name and contact details, and the description, which often names
 *   the child): those who may act on the signal, location managers of its location, managers of
 *   their area or escalation, and quality. NOT mt and admin: they see the signal's facts (kind,
 *   location, theme, step, deadlines) but not who the family is — AVG data minimisation; their work
 *   (analysis, settings) needs no personal data.
 * - Only quality starts the annual analysis and exports spreadsheets; only admin changes settings.
 * - A melding (meldplicht, reporting-duty.ts) overrides all of the above: only the people named on
 *   its route see it, act on it and see its personal data — not staf kw, MT, beheerder, the
 *   location manager or the person who registered it (they learn only that it was passed on).
 */
import type { Person, Role } from '../domain/organisation';
import { isMelding, mayReadMelding } from '../domain/reporting-duty';
import type { MoveName } from '../domain/process';
import type { Signal } from '../domain/signal';

const SEES_EVERYTHING: readonly Role[] = ['quality', 'mt', 'admin'];

const has = (person: Person, role: Role): boolean => person.roles.includes(role);

/** What the access rules read of a signal (the tab's year index keeps no more than this). */
/** What the access rules read of a signal; a melding is recognised by its reportingDuty alone. */
export type AccessFacts = Pick<Signal, 'registeredBy' | 'owner' | 'escalation' | 'locationId'> & {
  reportingDuty?: unknown;
};

/** Registered it, owns it, or supports its step 2. */
export function isPersonallyInvolved(person: Person, signal: AccessFacts): boolean {
  return (
    signal.registeredBy.id === person.id ||
    signal.owner.id === person.id ||
    signal.escalation?.supporter?.id === person.id
  );
}

function isLocationManagerOf(person: Person, signal: AccessFacts): boolean {
  return has(person, 'locationManager') && person.locationIds.includes(signal.locationId);
}

function isManagerOf(person: Person, signal: AccessFacts): boolean {
  if (!has(person, 'manager')) return false;
  return signal.escalation?.manager?.id === person.id || person.locationIds.includes(signal.locationId);
}

/** Whether any of the person's roles lets them see every signal. */
export function seesEverything(person: Person): boolean {
  return SEES_EVERYTHING.some((role) => has(person, role));
}

export function canViewSignal(person: Person, signal: AccessFacts): boolean {
  if (isMelding(signal)) return mayReadMelding(person);
  return (
    seesEverything(person) ||
    isPersonallyInvolved(person, signal) ||
    isLocationManagerOf(person, signal) ||
    isManagerOf(person, signal)
  );
}

/** Process moves (handle, escalate, decide, close …). mt and admin alone are view-only. */
export function canActOnSignal(person: Person, signal: AccessFacts): boolean {
  if (isMelding(signal)) return mayReadMelding(person);
  return (
    has(person, 'quality') ||
    isPersonallyInvolved(person, signal) ||
    isLocationManagerOf(person, signal) ||
    isManagerOf(person, signal)
  );
}

/**
 * Moves that belong to a role, on top of canActOnSignal (issue 23): step 2 (confirming, planning and
 * holding the conversation, the judgment) is the organisation's: the escalation's manager, its
 * supporter, staf kw, managers of the area. The written agreement at step 0/1 is for the one who
 * owns the signal now and the centre's manager, not for whoever registered it. Recording what the
 * Klachtenloket and the Geschillencommissie decided is for the centre's manager and up.
 */
const STEP_TWO_MOVES: ReadonlySet<MoveName> = new Set([
  'addSupporter',
  'confirmationSent',
  'conversationPlanned',
  'conversationHeld',
]);
const CENTRE_AND_UP_MOVES: ReadonlySet<MoveName> = new Set(['complaintsDeskOutcome', 'disputeRuling']);

function isStepTwoHandler(person: Person, signal: Signal): boolean {
  return (
    has(person, 'quality') ||
    isManagerOf(person, signal) ||
    signal.escalation?.manager?.id === person.id ||
    signal.escalation?.supporter?.id === person.id
  );
}

export function canMakeMove(person: Person, signal: Signal, move: MoveName): boolean {
  if (!canActOnSignal(person, signal)) return false;
  // A melding's complaint side is handled by the route alone, whatever their roles.
  if (isMelding(signal)) return true;
  if (STEP_TWO_MOVES.has(move)) return isStepTwoHandler(person, signal);
  if (move === 'recordDecision') {
    if (signal.escalation) return isStepTwoHandler(person, signal);
    return signal.owner.id === person.id || isLocationManagerOf(person, signal) || isStepTwoHandler(person, signal);
  }
  if (CENTRE_AND_UP_MOVES.has(move)) return isStepTwoHandler(person, signal) || isLocationManagerOf(person, signal);
  return true;
}

/** The parent's name and contact details and the free-text description. */
export function canSeePersonalData(person: Person, signal: AccessFacts): boolean {
  return canActOnSignal(person, signal);
}

/** Whether the person may see personal data of at least some signals (export columns). */
export function mayHandlePersonalData(person: Person): boolean {
  return person.roles.some((role) => role !== 'mt' && role !== 'admin');
}

export function canStartAnalysis(person: Person): boolean {
  return has(person, 'quality');
}

/** The spreadsheet of a year's signals (`export`). */
export function canExport(person: Person): boolean {
  return has(person, 'quality');
}

export function canChangeSettings(person: Person): boolean {
  return has(person, 'admin');
}

// ---- access log -----------------------------------------------------------------------------

export const ACCESS_ACTIONS = ['view', 'export', 'search', 'act', 'list', 'download'] as const;
/**
 * view: the signal's details were shown; export: it went into a spreadsheet; search: it was found
 * by a match on personal data; act: a process move was made on it; list: a melding (meldplicht)
 * was shown as a row of a list or search result — for a melding even that it exists is sensitive;
 * download: a file was fetched through a download link (then `signalId` is the record the file came
 * from, e.g. "analysis-2026", and `reference` the file name).
 */
export type AccessAction = (typeof ACCESS_ACTIONS)[number];

export interface AccessLogEntry {
  personId: string;
  signalId: string;
  reference: string;
  action: AccessAction;
  /** ISO instant. */
  at: string;
}

export interface AccessLogFilter {
  signalId?: string;
  personId?: string;
}

/** Who read which signal when (AVG). Append-only; lists are oldest first. */
export interface AccessLog {
  /** Creates the table or container when missing. */
  init(): Promise<void>;
  record(entry: AccessLogEntry): Promise<void>;
  list(filter: AccessLogFilter): Promise<AccessLogEntry[]>;
  close(): Promise<void>;
}

/** What a use case needs to record an access. */
export interface AccessDeps {
  accessLog?: AccessLog;
  clock: { now(): Date };
  logger?: { warn(object: object, message: string): void };
}

/**
 * Records that `person` accessed `signal`. Without an access log (not wired yet) it warns rather than
 * failing the user's turn; the composition root always wires one.
 */
export async function recordAccess(
  deps: AccessDeps,
  person: Person,
  signal: Pick<Signal, 'id' | 'reference'>,
  action: AccessAction,
): Promise<void> {
  const entry: AccessLogEntry = {
    personId: person.id,
    signalId: signal.id,
    reference: signal.reference,
    action,
    at: deps.clock.now().toISOString(),
  };
  if (!deps.accessLog) {
    deps.logger?.warn({ signalId: signal.id, action }, 'no access log wired; access not recorded');
    return;
  }
  await deps.accessLog.record(entry);
}
