import { anonymise } from '../domain/retention';
import type { Person } from '../domain/organisation';
import type { Parent, Signal } from '../domain/signal';
import { canViewSignal, recordAccess } from './access';
import { ConcurrencyError } from './ports';
import type { SignalDeps } from './signal-moves';

/**
 * The parent's rights under the AVG: to see what is kept about them (inzage) and to have it erased.
 * Only staf kwaliteit handles such requests; both are recorded (access log, history).
 */
export function canHandlePrivacyRequests(person: Person): boolean {
  return person.roles.includes('quality');
}

export interface ParentDataExport {
  reference: string;
  parent: Parent;
  description: string;
  parentWish: string;
  letters: { subject: string; body: string; createdAt: string }[];
}

export type PrivacyOutcome<T> = { kind: 'done'; value: T } | { kind: 'notAllowed' } | { kind: 'unavailable' };

/** Everything personal kept on the signal, for a subject access request. */
export async function exportParentData(
  deps: SignalDeps,
  signalId: string,
  person: Person,
): Promise<PrivacyOutcome<ParentDataExport>> {
  if (!canHandlePrivacyRequests(person)) return { kind: 'notAllowed' };
  const stored = await deps.store.get(signalId);
  if (!stored?.value.parent || !canViewSignal(person, stored.value)) return { kind: 'unavailable' };
  const signal = stored.value;
  await recordAccess(deps, person, signal, 'export');
  return {
    kind: 'done',
    value: {
      reference: signal.reference,
      parent: signal.parent!,
      description: signal.description,
      parentWish: signal.parentWish,
      letters: (signal.letters ?? []).map(({ subject, body, createdAt }) => ({ subject, body, createdAt })),
    },
  };
}

/** Erases the parent's data on request now (the retention job would do it later); the erasure is in the history. */
export async function eraseParentData(
  deps: SignalDeps,
  request: { signalId: string; person: Person; eventId: string },
): Promise<PrivacyOutcome<Signal>> {
  if (!canHandlePrivacyRequests(request.person)) return { kind: 'notAllowed' };
  for (let attempt = 1; attempt <= 5; attempt += 1) {
    const stored = await deps.store.get(request.signalId);
    if (!stored || !canViewSignal(request.person, stored.value)) return { kind: 'unavailable' };
    const erased = anonymise(stored.value, {
      at: deps.clock.now(),
      actor: { id: request.person.id, name: request.person.name },
      eventId: request.eventId,
      reason: 'erasureRequest',
    });
    if (erased === stored.value) return { kind: 'done', value: stored.value };
    try {
      return { kind: 'done', value: (await deps.store.replace(erased, stored.etag)).value };
    } catch (error) {
      if (!(error instanceof ConcurrencyError)) throw error;
    }
  }
  throw new ConcurrencyError(request.signalId);
}
