/**
 * Use cases of the meldplicht route (domain rules in src/domain/reporting-duty.ts): flag a signal
 * later, record a step, read a melding, tell the route, and the houder's yearly figures. Access is
 * decided by access.ts (canViewSignal / canActOnSignal), which asks the domain's one rule.
 */
import {
  applyDutyMove,
  dutyFigures,
  dutyReminderPoints,
  isMelding,
  mayReadMelding,
  type DutyFigures,
  type DutyMoveCommand,
  type DutyMoveError,
  type ReportingDutySettings,
  type RoutePerson,
} from '../domain/reporting-duty';
import { dueInstant } from '../domain/reminders';
import type { Person } from '../domain/organisation';
import type { PersonRef, Signal } from '../domain/signal';
import { formatDateTime } from '../i18n/format';
import { nlReportingDuty } from '../i18n/nl-reporting-duty';
import { canActOnSignal, canViewSignal, recordAccess, type AccessLog } from './access';
import type { Mailer } from './outbound-ports';
import { ConcurrencyError, type Directory, type SignalStore, type Versioned } from './ports';
import type { MeasureWatchList } from './reminder-ports';

export interface DutyDeps {
  store: SignalStore;
  directory: Directory;
  clock: { now(): Date };
  accessLog?: AccessLog;
  logger?: { warn(object: object, message: string): void; info?(object: object, message: string): void };
}

/** What telling the route needs: the mailer (Graph or the local outbox) and the reminder watch. */
export interface AnnounceDeps extends DutyDeps {
  mailer?: Mailer;
  watches?: Pick<MeasureWatchList, 'setWatch'>;
  sendHour: number;
  /** Runs a reminder sweep now, so the route's Teams notice goes at once (not at the next interval). */
  sweepNow?: () => void;
}

export function dutySettings(directory: Directory): ReportingDutySettings | undefined {
  return directory.organisation().reportingDuty;
}

/** The person a melding is handed to: the houder or directeur first, else the first of the route. */
export function routeOwner(settings: ReportingDutySettings): PersonRef {
  const first = settings.route.find((entry) => entry.function !== 'aandachtsfunctionaris') ?? settings.route[0]!;
  return { id: first.id, name: first.name };
}

/** May this person flag this signal as a melding now (anyone who may see it; the route configured). */
export function canFlag(person: Person, signal: Signal, directory: Directory): boolean {
  return dutySettings(directory) !== undefined && !isMelding(signal) && canViewSignal(person, signal);
}

export type DutyOutcome =
  | { kind: 'done'; signal: Signal; duplicate: boolean }
  | { kind: 'rejected'; signal: Signal; error: DutyMoveError; field?: string }
  | { kind: 'unavailable' }
  /** The organisation named no route: a melding would be visible to nobody. */
  | { kind: 'notConfigured' };

const MAX_ATTEMPTS = 5;

/**
 * Applies a melding move with optimistic concurrency (a 412 reloads and re-checks). The flag needs
 * the person to see the signal; every other step needs the route (canActOnSignal on a melding).
 */
export async function performDutyMove(
  deps: DutyDeps,
  request: {
    signalId: string;
    command: DutyMoveCommand;
    actor: Person;
    eventId: string;
    preloaded?: Versioned<Signal>;
  },
): Promise<DutyOutcome> {
  const settings = dutySettings(deps.directory);
  if (!settings) return { kind: 'notConfigured' };
  for (let attempt = 1; ; attempt += 1) {
    const stored =
      attempt === 1 && request.preloaded?.value.id === request.signalId
        ? request.preloaded
        : await deps.store.get(request.signalId);
    if (!stored) return { kind: 'unavailable' };
    // The flag needs only to see the signal; its repeat (same form id) by its author answers as before.
    const mayTry =
      request.command.name === 'flag'
        ? canViewSignal(request.actor, stored.value) ||
          (stored.value.reportingDuty?.flaggedBy.id === request.actor.id &&
            stored.value.history.some((event) => event.id === request.eventId))
        : canActOnSignal(request.actor, stored.value);
    if (!mayTry) return { kind: 'unavailable' };
    const command: DutyMoveCommand =
      request.command.name === 'flag'
        ? { name: 'flag', input: { ...request.command.input, newOwner: routeOwner(settings) } }
        : request.command;
    const result = applyDutyMove(stored.value, command, {
      actor: { id: request.actor.id, name: request.actor.name },
      at: deps.clock.now(),
      eventId: request.eventId,
    });
    if (!result.ok) {
      return {
        kind: 'rejected',
        signal: stored.value,
        error: result.error,
        ...(result.field ? { field: result.field } : {}),
      };
    }
    if (result.duplicate) return { kind: 'done', signal: stored.value, duplicate: true };
    try {
      const saved = await deps.store.replace(result.signal, stored.etag);
      await recordAccess(deps, request.actor, saved.value, 'act');
      return { kind: 'done', signal: saved.value, duplicate: false };
    } catch (error) {
      if (!(error instanceof ConcurrencyError) || attempt >= MAX_ATTEMPTS) throw error;
    }
  }
}

/** Reads a melding for the route, recording the read; anyone else gets "unavailable". */
export async function viewMelding(
  deps: DutyDeps,
  signalId: string,
  person: Person,
): Promise<{ kind: 'found'; signal: Signal; etag: string } | { kind: 'unavailable' }> {
  const stored = await deps.store.get(signalId);
  if (!stored || !isMelding(stored.value) || !canViewSignal(person, stored.value)) return { kind: 'unavailable' };
  await recordAccess(deps, person, stored.value, 'view');
  return { kind: 'found', signal: stored.value, etag: stored.etag };
}

/** The route people with an e-mail address: the settings', else the directory's. */
async function routeAddresses(
  deps: DutyDeps,
  route: readonly RoutePerson[],
): Promise<{ id: string; name: string; email?: string }[]> {
  return Promise.all(
    route.map(async (entry) => {
      const email = entry.email ?? (await deps.directory.findPerson(entry.id))?.email;
      return { id: entry.id, name: entry.name, ...(email ? { email } : {}) };
    }),
  );
}

/**
 * Tells the route about a new melding: the reminder watch is set so the sweep sends each of them
 * the Teams notice (exactly once, with the activity feed as fallback) and the escalation later;
 * and an e-mail goes to each, once per person (the mailer's idempotency key). The e-mail holds the
 * reference and the deadline only, never what happened or who is involved. A mail that fails is
 * logged and left to the Teams notice; the card's history shows the melding either way.
 */
export async function announceMelding(deps: AnnounceDeps, signal: Signal): Promise<{ mailed: number }> {
  const settings = dutySettings(deps.directory);
  const duty = signal.reportingDuty;
  if (!settings || !duty) return { mailed: 0 };
  const points = dutyReminderPoints(signal, deps.sendHour, dueInstant);
  if (deps.watches && points[0]) await deps.watches.setWatch(signal.id, points[0].dueAt);
  deps.sweepNow?.();
  let mailed = 0;
  if (!deps.mailer) return { mailed };
  const texts = nlReportingDuty.mail;
  for (const person of await routeAddresses(deps, settings.route)) {
    if (!person.email) {
      deps.logger?.warn(
        { signalId: signal.id, personId: person.id },
        'meldplicht: route person without e-mail address',
      );
      continue;
    }
    try {
      await deps.mailer.send({
        idempotencyKey: `${signal.id}:meldplicht:${person.id}`,
        to: { name: person.name, email: person.email },
        subject: texts.subject(signal.reference),
        text: texts.body({
          name: person.name,
          reference: signal.reference,
          consultBy: formatDateTime(duty.consultBy),
          inspector: settings.inspector,
        }),
        reference: signal.reference,
      });
      mailed += 1;
    } catch (error) {
      deps.logger?.warn(
        { err: error, signalId: signal.id, personId: person.id },
        'meldplicht: e-mail to the route failed',
      );
    }
  }
  return { mailed };
}

/**
 * The houder's yearly figures: meldingen flagged in the year (signals received that year or the
 * one before), for the route only. Counting reads no melding's details, so nothing is logged per
 * signal; the figures hold no names or texts.
 */
export async function dutyYearFigures(
  deps: DutyDeps,
  person: Person,
  year: number,
): Promise<{ kind: 'figures'; figures: DutyFigures } | { kind: 'denied' }> {
  if (!mayReadMelding(person)) return { kind: 'denied' };
  return { kind: 'figures', figures: dutyFigures(year, await meldingenOf(deps.store, year)) };
}

/**
 * The meldplicht figures for the GGD, only when the organisation decided so (reportingDuty.ggdReport,
 * default off): numbers only, by kind of offence.
 */
export async function ggdMeldingParagraph(
  deps: Pick<DutyDeps, 'store' | 'directory'>,
  year: number,
): Promise<string | undefined> {
  if (!dutySettings(deps.directory)?.ggdReport) return undefined;
  return nlReportingDuty.ggd(dutyFigures(year, await meldingenOf(deps.store, year)));
}

/** The meldingen that may have been flagged in the year: received that year or the one before. */
async function meldingenOf(store: SignalStore, year: number): Promise<Signal[]> {
  const meldingen: Signal[] = [];
  for (const received of [year - 1, year]) {
    for await (const signal of store.streamYear(received)) if (isMelding(signal)) meldingen.push(signal);
  }
  return meldingen;
}
