import { DEFAULT_DEADLINE_SETTINGS } from '../../../src/domain/deadlines';
import type { MoveResult } from '../../../src/domain/process';
import { registerSignal } from '../../../src/domain/register';
import type { PersonRef, Signal, SignalKind } from '../../../src/domain/signal';
import type { SignalStore } from '../../../src/app/ports';

export interface SignalOptions {
  id: string;
  reference: string;
  owner: PersonRef;
  receivedOn: string;
  registeredAt: string;
  kind?: SignalKind;
  locationId?: string;
}

export function makeSignal(options: SignalOptions): Signal {
  return registerSignal(
    {
      id: options.id,
      reference: options.reference,
      by: options.owner,
      at: new Date(options.registeredAt),
      input: {
        kind: options.kind ?? 'complaint',
        locationId: options.locationId ?? 'zonnebloem',
        themeId: 'communication',
        channel: 'phone',
        receivedOn: options.receivedOn,
        parentName: 'Sanne de Vries',
        parentEmail: 'sanne@example.nl',
        parentPhone: undefined,
        contactPreference: 'meeting',
        description: 'De overdracht was te kort.',
        parentWish: 'Een gesprek',
      },
    },
    DEFAULT_DEADLINE_SETTINGS,
  );
}

let events = 0;
export const moveContext = (at: Date, actor: PersonRef) => ({ actor, at, eventId: `test-event-${(events += 1)}` });

/** Reads, applies a move and writes back with the ETag, as a use case would. */
export async function applyStored(
  store: SignalStore,
  id: string,
  move: (signal: Signal) => MoveResult,
): Promise<Signal> {
  const current = await store.get(id);
  if (!current) throw new Error(`no signal ${id}`);
  const result = move(current.value);
  if (!result.ok) throw new Error(`move refused: ${result.error} ${result.field ?? ''}`);
  await store.replace(result.signal, current.etag);
  return result.signal;
}
