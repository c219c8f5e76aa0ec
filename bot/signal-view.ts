import { signalCard, type MoveFormState, type SignalCardModel } from '../cards/signal';
import type { AdaptiveCard } from '../cards/render';
import { canActOnSignal, canSeePersonalData } from '../src/app/access';
import { amsterdamDate } from '../src/domain/deadlines';
import { availableMoves } from '../src/domain/process';
import type { Signal } from '../src/domain/signal';
import type { TurnRequest } from './handlers';

/**
 * The signal card as this viewer should see it: personal data and buttons depend on their role,
 * so the card is built per viewer (and refreshed per viewer through Action.Execute refresh).
 */
export function signalCardFor(
  request: TurnRequest,
  signal: Signal,
  extras: { notice?: SignalCardModel['notice']; form?: MoveFormState } = {},
): AdaptiveCard {
  const { services, person, context } = request;
  const now = services.clock.now();
  const mayAct = person !== undefined && canActOnSignal(person, signal);
  const viewerId = context.activity.from?.id;
  return signalCard({
    signal,
    organisation: services.directory.organisation(),
    now,
    today: amsterdamDate(now),
    deadlineSettings: services.deadlines,
    showPersonalData: person !== undefined && canSeePersonalData(person, signal),
    moves: mayAct ? availableMoves(signal) : [],
    refreshUserIds: viewerId ? [viewerId] : [],
    ...extras,
  });
}
