import { z } from 'zod';
import { eraseConfirmCard, parentDataCard } from '../../cards/privacy';
import { noticeCard } from '../../cards/notice';
import { canHandlePrivacyRequests, eraseParentData, exportParentData } from '../../src/app/privacy';
import { nl } from '../../src/i18n/nl';
import { nlPrivacy } from '../../src/i18n/nl-privacy';
import type { TurnRequest, VerbHandler } from '../handlers';
import { inSharedConversation } from '../conversation';
import { signalCardFor } from '../signal-view';
import { nlSignal } from '../../src/i18n/nl-signal';

const signalRef = z.object({ signalId: z.string().min(1).max(100) });
const eraseSubmit = signalRef.extend({ formId: z.uuid() });

const badRequest = () => noticeCard({ text: nl.errors.badRequest, tone: 'error' });
const notAllowed = () => noticeCard({ text: nlPrivacy.notAllowed, tone: 'warning' });

function deps(request: TurnRequest) {
  const { store, directory, clock, accessLog } = request.services;
  return { store, directory, clock, accessLog };
}

/** AVG inzage: shows staf kw everything kept about the parent on this signal. */
export const privacyExportVerb: VerbHandler = {
  verb: 'privacy.export',
  needsPerson: true,
  async run(request, data) {
    const parsed = signalRef.safeParse(data);
    if (!parsed.success) return badRequest();
    // The button is only on personal-chat cards; an old or forged card elsewhere gets no data.
    if (inSharedConversation(request.context)) return { type: 'message', text: nlSignal.card.sharedChatNotice };
    const outcome = await exportParentData(deps(request), parsed.data.signalId, request.person!);
    if (outcome.kind === 'notAllowed') return notAllowed();
    if (outcome.kind === 'unavailable') return noticeCard({ text: nlPrivacy.nothingLeft });
    request.logger.info({ signalId: parsed.data.signalId }, 'parent data exported');
    return parentDataCard(parsed.data.signalId, outcome.value);
  },
};

/** First step of an erasure: confirm, with a fresh form id. */
export const privacyEraseConfirmVerb: VerbHandler = {
  verb: 'privacy.eraseConfirm',
  needsPerson: true,
  async run(request, data) {
    const parsed = signalRef.safeParse(data);
    if (!parsed.success) return badRequest();
    if (!canHandlePrivacyRequests(request.person!)) return notAllowed();
    return eraseConfirmCard(parsed.data.signalId, request.services.newId());
  },
};

/** Erases the parent's data on request; the signal card shows the result and the history the erasure. */
export const privacyEraseVerb: VerbHandler = {
  verb: 'privacy.erase',
  needsPerson: true,
  async run(request, data) {
    const parsed = eraseSubmit.safeParse(data);
    if (!parsed.success) return badRequest();
    const outcome = await eraseParentData(deps(request), {
      signalId: parsed.data.signalId,
      person: request.person!,
      eventId: `${parsed.data.formId}:erased`,
    });
    if (outcome.kind === 'notAllowed') return notAllowed();
    if (outcome.kind === 'unavailable') return noticeCard({ text: nlPrivacy.nothingLeft });
    request.logger.info({ signalId: parsed.data.signalId }, 'parent data erased on request');
    return signalCardFor(request, outcome.value, { notice: { text: nlPrivacy.erased, tone: 'good' } });
  },
};
