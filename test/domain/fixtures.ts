import { DEFAULT_DEADLINE_SETTINGS } from '../../src/domain/deadlines';
import type { IntakeInput } from '../../src/domain/intake';
import type { MoveContext, MoveResult } from '../../src/domain/process';
import { registerSignal } from '../../src/domain/register';
import type { ContactPreference, PersonRef, Signal, SignalKind } from '../../src/domain/signal';

export const employee: PersonRef = { id: 'emp-1', name: 'Eva Medewerker' };
export const locationManager: PersonRef = { id: 'lm-1', name: 'Lars Locatiemanager' };
export const manager: PersonRef = { id: 'mgr-1', name: 'Mira Manager' };
export const quality: PersonRef = { id: 'kw-1', name: 'Kees Kwaliteit' };

export interface NewSignalOptions {
  kind?: SignalKind;
  receivedOn?: string;
  registeredAt?: Date;
  contactPreference?: ContactPreference;
}

export function newSignal(options: NewSignalOptions = {}): Signal {
  const input: IntakeInput = {
    kind: options.kind ?? 'complaint',
    locationId: 'loc-zon',
    themeId: 'communicatie',
    channel: 'inPerson',
    receivedOn: options.receivedOn ?? '2026-03-02',
    parentName: 'Ouder Test',
    parentEmail: 'ouder@example.nl',
    parentPhone: undefined,
    contactPreference: options.contactPreference ?? 'meeting',
    description: 'Het eten was koud.',
    parentWish: 'Warm eten.',
  };
  return registerSignal(
    {
      id: 'sig-1',
      reference: 'KS-2026-0001',
      input,
      by: employee,
      at: options.registeredAt ?? new Date('2026-03-02T09:00:00Z'),
    },
    DEFAULT_DEADLINE_SETTINGS,
  );
}

let counter = 0;
/** A context with a fresh event id at the given instant. */
export function ctx(at: string | Date, actor: PersonRef = employee, eventId?: string): MoveContext {
  counter += 1;
  return { actor, at: typeof at === 'string' ? new Date(at) : at, eventId: eventId ?? `evt-${counter}` };
}

/** Unwraps a successful move, failing the test with the error code otherwise. */
export function ok(result: MoveResult): Signal {
  if (!result.ok) throw new Error(`move refused: ${result.error}${result.field ? ` (${result.field})` : ''}`);
  return result.signal;
}

/** Freezes deeply so a test fails if a move mutates its input. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const item of Object.values(value as Record<string, unknown>)) deepFreeze(item);
  }
  return value;
}
