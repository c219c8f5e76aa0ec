import { signalCard, type MoveFormState, type SignalCardModel } from '../cards/signal';
import type { AdaptiveCard } from '../cards/render';
import { canActOnSignal, canSeePersonalData } from '../src/app/access';
import { amsterdamDate } from '../src/domain/deadlines';
import { availableMoves, moveGuard } from '../src/domain/process';
import { mayHaveOutboxWork, pendingOutboxFor } from '../src/app/outbox';
import { currentInviteResponse } from '../src/app/plan-conversation';
import { nlPlanning } from '../src/i18n/nl-planning';
import { nlPrivacy } from '../src/i18n/nl-privacy';
import { canHandlePrivacyRequests } from '../src/app/privacy';
import type { Signal } from '../src/domain/signal';
import type { TurnRequest } from './handlers';

/**
 * The signal card as this viewer should see it: personal data and buttons depend on their role,
 * so the card is built per viewer (and refreshed per viewer through Action.Execute refresh).
 */
export async function signalCardFor(
  request: TurnRequest,
  signal: Signal,
  extras: { notice?: SignalCardModel['notice']; form?: MoveFormState } = {},
): Promise<AdaptiveCard> {
  const { services, person } = request;
  const now = services.clock.now();
  const mayAct = person !== undefined && canActOnSignal(person, signal);
  const outbound = services.outbound;
  // Work waiting in the outbox (Graph down, letter to print) is shown, so nothing silently lags.
  const pending =
    outbound && mayHaveOutboxWork(signal)
      ? (await pendingOutboxFor(outbound.outbox, signal.id)).map((notice) => notice.text)
      : [];
  const response = currentInviteResponse(signal);
  const canPlanInOutlook =
    outbound !== undefined &&
    mayAct &&
    !extras.form &&
    moveGuard(signal, 'conversationPlanned') === null &&
    (!signal.escalation?.conversation.plannedFor || response === 'declined');
  const privacyActions =
    person && canHandlePrivacyRequests(person) && signal.parent && !extras.form
      ? [
          { verb: 'privacy.export', title: nlPrivacy.exportButton },
          { verb: 'privacy.eraseConfirm', title: nlPrivacy.eraseButton },
        ]
      : [];
  return signalCard({
    privacyActions,
    pending,
    inviteResponse: response ? nlPlanning.responses[response] : undefined,
    planInOutlook: canPlanInOutlook
      ? { title: response === 'declined' ? nlPlanning.replan : nlPlanning.planInOutlook }
      : undefined,
    signal,
    organisation: services.directory.organisation(),
    now,
    today: amsterdamDate(now),
    deadlineSettings: services.deadlines,
    showPersonalData: person !== undefined && canSeePersonalData(person, signal),
    moves: mayAct ? availableMoves(signal) : [],
    ...extras,
  });
}
