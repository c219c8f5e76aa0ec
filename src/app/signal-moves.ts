import type { Clock } from '../domain/clock';
import { applyMove, type MoveCommand, type MoveError } from '../domain/process';
import type { Organisation, Person } from '../domain/organisation';
import type { Signal } from '../domain/signal';
import { draftLetter } from './letters';
import { canActOnSignal, canMakeMove, canViewSignal, recordAccess, type AccessLog } from './access';
import { ConcurrencyError, type Directory, type SignalStore, type Versioned } from './ports';

export interface SignalDeps {
  store: SignalStore;
  directory: Directory;
  clock: Clock;
  accessLog?: AccessLog;
}

/** Same answer for "does not exist" and "not yours": a denial reveals nothing. */
export type ViewOutcome = { kind: 'found'; signal: Signal; etag: string } | { kind: 'unavailable' };

/** A move request; `preloaded` is the signal as the caller just read it, saving a second read. */
export interface MoveRequest {
  signalId: string;
  command: MoveCommand;
  actor: Person;
  eventId: string;
  preloaded?: Versioned<Signal>;
}

/** A refusal by the process, or because the move belongs to another role (access.ts canMakeMove). */
export type MoveRefusal = MoveError | 'notYourRole';

export type MoveOutcome =
  | { kind: 'done'; signal: Signal; duplicate: boolean }
  | { kind: 'rejected'; signal: Signal; error: MoveRefusal; field?: string }
  /** Someone else changed the signal meanwhile and the move no longer fits its current state. */
  | { kind: 'conflict'; signal: Signal; error: MoveError }
  | { kind: 'unavailable' };

/** Loads a signal for a person, recording the read in the access log. */
export async function viewSignal(deps: SignalDeps, signalId: string, person: Person): Promise<ViewOutcome> {
  const stored = await deps.store.get(signalId);
  if (!stored || !canViewSignal(person, stored.value)) return { kind: 'unavailable' };
  await deps.accessLog?.record({
    personId: person.id,
    signalId: stored.value.id,
    reference: stored.value.reference,
    action: 'view',
    at: deps.clock.now().toISOString(),
  });
  return { kind: 'found', signal: stored.value, etag: stored.etag };
}

const MAX_ATTEMPTS = 5;

/**
 * Applies a move with optimistic concurrency: on a 412 the signal is reloaded and the move is
 * re-applied to the fresh state, where its guards are checked again. Two people changing one
 * signal at once therefore both keep their change, or the second gets a clear refusal.
 */
export async function performMove(deps: SignalDeps, request: MoveRequest): Promise<MoveOutcome> {
  for (let attempt = 1; ; attempt += 1) {
    const stored =
      attempt === 1 && request.preloaded?.value.id === request.signalId
        ? request.preloaded
        : await deps.store.get(request.signalId);
    if (!stored || !canActOnSignal(request.actor, stored.value)) return { kind: 'unavailable' };
    // A re-sent press of a move already made answers ok whatever the role: nothing changes.
    const repeat = stored.value.history.some((event) => event.id === request.eventId);
    if (!repeat && !canMakeMove(request.actor, stored.value, request.command.name))
      return { kind: 'rejected', signal: stored.value, error: 'notYourRole' };
    const result = applyMove(stored.value, request.command, {
      actor: { id: request.actor.id, name: request.actor.name },
      at: deps.clock.now(),
      eventId: request.eventId,
    });
    if (!result.ok) {
      return attempt > 1
        ? { kind: 'conflict', signal: stored.value, error: result.error }
        : { kind: 'rejected', signal: stored.value, error: result.error, field: result.field };
    }
    if (result.duplicate) return { kind: 'done', signal: stored.value, duplicate: true };
    const next = withLetters(result.signal, request, deps.directory.organisation(), deps.clock);
    let saved: Versioned<Signal>;
    try {
      saved = await deps.store.replace(next, stored.etag);
    } catch (error) {
      if (!(error instanceof ConcurrencyError) || attempt >= MAX_ATTEMPTS) throw error;
      continue;
    }
    // The move is made: it goes into the access log once (a re-sent move returned above as duplicate).
    await recordAccess(deps, request.actor, saved.value, 'act');
    return { kind: 'done', signal: saved.value, duplicate: false };
  }
}

/** The confirmation and the decision are written records: generate the letter and note it in the history. */
function withLetters(
  signal: Signal,
  request: { command: MoveCommand; actor: Person; eventId: string },
  organisation: Organisation,
  clock: Clock,
): Signal {
  if (!signal.parent) return signal;
  const kind =
    request.command.name === 'confirmationSent'
      ? 'confirmation'
      : request.command.name === 'recordDecision'
        ? 'decision'
        : undefined;
  if (!kind) return signal;
  const content = draftLetter(signal, kind, request.actor, organisation, clock.now());
  const at = clock.now().toISOString();
  const letterId = `${request.eventId}:letter`;
  return {
    ...signal,
    letters: [...(signal.letters ?? []), { id: letterId, kind, createdAt: at, ...content }],
    history: [
      ...signal.history,
      {
        id: letterId,
        type: 'letterGenerated',
        at,
        actor: { id: request.actor.id, name: request.actor.name },
        after: { letterId, kind },
      },
    ],
  };
}
