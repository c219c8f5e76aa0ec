import { deadlineRows, signalCard, type MoveFormState, type SignalCardModel } from '../cards/signal';
import type { AdaptiveCard } from '../cards/render';
import { canActOnSignal, canMakeMove, canSeePersonalData } from '../src/app/access';
import { cardMoves, nextMoves } from '../src/app/card-actions';
import { letterPreview } from '../src/app/letters';
import { amsterdamDate } from '../src/domain/deadlines';
import { moveGuard } from '../src/domain/process';
import { mayHaveOutboxWork, pendingOutboxFor } from '../src/app/outbox';
import { currentInviteResponse } from '../src/app/plan-conversation';
import { nlPlanning } from '../src/i18n/nl-planning';
import { nlPrivacy } from '../src/i18n/nl-privacy';
import { canHandlePrivacyRequests } from '../src/app/privacy';
import type { Signal } from '../src/domain/signal';
import { inSharedConversation } from './conversation';
import { dutyActionsFor } from './verbs/reporting-duty-verbs';
import type { TurnRequest } from './handlers';

/**
 * The signal card as this viewer should see it: personal data and buttons depend on their role,
 * so the card is built per viewer (and refreshed per viewer through Action.Execute refresh). In a
 * group chat or channel the card shows no personal data whatever the viewer's role (everyone there
 * sees it), and says the details are in the personal chat; the same holds for every card verb that
 * answers with this card, since it is built here from the turn's own conversation.
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
    person !== undefined &&
    canMakeMove(person, signal, 'conversationPlanned') &&
    !extras.form &&
    moveGuard(signal, 'conversationPlanned') === null &&
    (!signal.escalation?.conversation.plannedFor || response === 'declined');
  const maySeePersonalData = person !== undefined && canSeePersonalData(person, signal);
  const shared = inSharedConversation(request.context);
  const today = amsterdamDate(now);
  const pressing = deadlineRows({ signal, now, today, deadlineSettings: services.deadlines })
    .filter((row) => row.pressing)
    .map((row) => row.key);
  const moves = mayAct
    ? cardMoves(signal, person, { shared, planInOutlook: canPlanInOutlook, pressing })
    : { primary: [], secondary: [] };
  // Planning in Outlook is the next step when the conversation is (a declined one is again).
  const planIsNext = canPlanInOutlook && (nextMoves(signal).includes('conversationPlanned') || response === 'declined');
  // The AVG buttons answer with the parent's data: only in the personal chat.
  const privacyActions =
    person && canHandlePrivacyRequests(person) && signal.parent && !extras.form && !shared
      ? [
          { verb: 'privacy.export', title: nlPrivacy.exportButton },
          { verb: 'privacy.eraseConfirm', title: nlPrivacy.eraseButton },
        ]
      : [];
  return signalCard({
    // The melding's buttons ride along with the privacy ones: an action with the signal's id.
    privacyActions: extras.form ? privacyActions : [...privacyActions, ...dutyActionsFor(request, signal)],
    pending,
    inviteResponse: response ? nlPlanning.responses[response] : undefined,
    planInOutlook: canPlanInOutlook
      ? { title: response === 'declined' ? nlPlanning.replan : nlPlanning.planInOutlook, primary: planIsNext }
      : undefined,
    signal,
    organisation: services.directory.organisation(),
    now,
    today,
    deadlineSettings: services.deadlines,
    showPersonalData: maySeePersonalData && !shared,
    hiddenBecause: maySeePersonalData && shared ? 'sharedChat' : 'role',
    moves: moves.secondary,
    primary: moves.primary,
    ...(moves.blocked ? { blocked: moves.blocked } : {}),
    ...(extras.form && maySeePersonalData && !shared
      ? { preview: letterPreview(signal, extras.form.move, person!, services.directory.organisation(), now) }
      : {}),
    ...extras,
  });
}
