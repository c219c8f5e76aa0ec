import type { Clock } from '../domain/clock';
import { amsterdamDate, type DeadlineSettings } from '../domain/deadlines';
import { validateIntake, type IntakeErrors } from '../domain/intake';
import type { Organisation, Person } from '../domain/organisation';
import { applyDutyMove } from '../domain/reporting-duty';
import { routeOwner } from './reporting-duty';
import { registerSignal } from '../domain/register';
import type { Signal } from '../domain/signal';
import type { Directory, SignalStore } from './ports';

export interface RegisterDeps {
  store: SignalStore;
  directory: Directory;
  clock: Clock;
  deadlines: DeadlineSettings;
}

export type RegisterOutcome =
  | { kind: 'registered'; signal: Signal }
  | { kind: 'alreadyRegistered'; signal: Signal }
  /** The card's id belongs to a signal someone else registered: a shared card, or a forged id. */
  | { kind: 'takenByOther' }
  | { kind: 'invalid'; errors: IntakeErrors };

/**
 * Registers a signal from the intake card. `intakeId` is the card's own id: submitting the same
 * card again (a double click, or Teams re-sending a slow turn) returns the signal already stored.
 */
export async function registerFromIntake(
  deps: RegisterDeps,
  request: { intakeId: string; data: unknown; actor: Person },
): Promise<RegisterOutcome> {
  const existing = await deps.store.get(request.intakeId);
  if (existing) return repeated(existing.value, request.actor);

  const organisation = deps.directory.organisation();
  const now = deps.clock.now();
  const validation = validateIntake(request.data, {
    locationIds: organisation.locations.map((location) => location.id),
    themeIds: organisation.themes.map((theme) => theme.id),
    today: amsterdamDate(now),
  });
  if (!validation.ok) return { kind: 'invalid', errors: validation.errors };

  const reference = await deps.store.allocateReference(Number(amsterdamDate(now).slice(0, 4)));
  const signal = registerSignal(
    {
      id: request.intakeId,
      reference,
      input: validation.value,
      by: { id: request.actor.id, name: request.actor.name },
      at: now,
    },
    deps.deadlines,
  );
  // A concurrent submit of the same card may have won the race; its signal is the one that counts.
  const { stored, created } = await deps.store.create(
    triaged(signal, validation.value.reportingDuty === true, request.actor, now, organisation),
  );
  return created ? { kind: 'registered', signal: stored.value } : repeated(stored.value, request.actor);
}

/**
 * The triage question answered yes: the signal is a melding from its first write, so no list ever
 * shows it outside the route. The intake card asks only when the organisation named a route.
 */
function triaged(signal: Signal, yes: boolean, actor: Person, at: Date, organisation: Organisation): Signal {
  const settings = organisation.reportingDuty;
  if (!yes || !settings) return signal;
  const result = applyDutyMove(
    signal,
    { name: 'flag', input: { via: 'intake', newOwner: routeOwner(settings) } },
    { actor: { id: actor.id, name: actor.name }, at, eventId: `${signal.id}:meldplicht` },
  );
  // Registering it as an ordinary signal instead would put it in everyone's lists: refuse the turn.
  if (!result.ok) throw new Error(`meldplicht flag refused at intake: ${result.error}`);
  return result.signal;
}

/** The same card again: the registrant gets their signal; anyone else learns nothing about it. */
function repeated(signal: Signal, actor: Person): RegisterOutcome {
  return signal.registeredBy.id === actor.id ? { kind: 'alreadyRegistered', signal } : { kind: 'takenByOther' };
}
