import { z } from 'zod';
import { noticeCard } from '../../cards/notice';
import { slotsCard } from '../../cards/slots';
import { offerSlots, pickSlot, slotParts, type PlanningDeps } from '../../src/app/plan-conversation';
import { formatDate, formatDateTime } from '../../src/i18n/format';
import { nl } from '../../src/i18n/nl';
import { nlPlanning } from '../../src/i18n/nl-planning';
import { nlSignal, refusalText } from '../../src/i18n/nl-signal';
import type { TurnRequest, VerbHandler } from '../handlers';
import { signalCardFor } from '../signal-view';

const offerRequest = z.object({ signalId: z.string().min(1).max(100) });
const pickRequest = offerRequest.extend({
  slotStart: z.iso.datetime({ offset: true }),
  pickId: z.uuid(),
  lateReason: z.string().trim().max(4000).optional(),
});

const badRequest = () => noticeCard({ text: nl.errors.badRequest, tone: 'error' });
const unavailable = () => noticeCard({ text: nlSignal.card.unavailable, tone: 'warning' });
const notConfigured = () => noticeCard({ text: nlPlanning.offer.notConfigured, tone: 'warning' });

function planningDeps(request: TurnRequest): PlanningDeps | undefined {
  const { services } = request;
  if (!services.outbound) return undefined;
  return {
    store: services.store,
    directory: services.directory,
    clock: services.clock,
    accessLog: services.accessLog,
    outbound: services.outbound,
    newId: services.newId,
  };
}

/** "Gesprek plannen in Outlook": free slots from the calendars, one button each. */
export const planningOfferVerb: VerbHandler = {
  verb: 'planning.offer',
  needsPerson: true,
  async run(request, data) {
    const parsed = offerRequest.safeParse(data);
    if (!parsed.success) return badRequest();
    const deps = planningDeps(request);
    if (!deps) return notConfigured();
    const { signalId } = parsed.data;
    const outcome = await offerSlots(deps, signalId, request.person!);
    const texts = nlPlanning.offer;
    const base = { signalId, title: texts.title, backTitle: texts.back, slots: [] };
    switch (outcome.kind) {
      case 'unavailable':
        return unavailable();
      case 'refused': {
        const text =
          outcome.reason === 'noManagerEmail'
            ? texts.noManagerEmail
            : outcome.reason === 'noDeadline'
              ? texts.calendarFailed
              : nlSignal.moveErrors[outcome.reason];
        return signalCardFor(request, outcome.signal, { notice: { text, tone: 'warning' } });
      }
      case 'calendarUnavailable':
        request.logger.warn({ signalId }, 'calendar unavailable for free/busy');
        return slotsCard({ ...base, message: texts.calendarUnavailable, manualTitle: texts.manual });
      case 'calendarFailed':
        request.logger.error({ signalId, error: outcome.message }, 'free/busy refused');
        return slotsCard({
          ...base,
          message: texts.calendarFailed,
          messageTone: 'attention',
          manualTitle: texts.manual,
        });
      case 'noSlots':
        return slotsCard({ ...base, message: texts.noSlots, manualTitle: texts.manual });
      case 'slots':
        return slotsCard({
          ...base,
          intro: texts.intro(outcome.signal.reference, formatDate(outcome.deadline)),
          pickId: outcome.pickId,
          slots: outcome.slots.map((slot) => {
            const parts = slotParts(slot);
            return { start: slot.start, title: texts.slot(parts.day, parts.from, parts.to) };
          }),
          ...(outcome.afterDeadline
            ? {
                warning: texts.afterDeadline,
                lateReason: { label: nlSignal.fields.lateReason ?? '', error: nlSignal.fieldErrors.lateReasonRequired },
              }
            : {}),
          manualTitle: texts.manual,
        });
    }
  },
};

/** A slot button: plans the conversation and sends the Outlook invitation (or keeps it in the outbox). */
export const planningPickVerb: VerbHandler = {
  verb: 'planning.pick',
  needsPerson: true,
  async run(request, data) {
    const parsed = pickRequest.safeParse(data);
    if (!parsed.success) return badRequest();
    const deps = planningDeps(request);
    if (!deps) return notConfigured();
    const { signalId, slotStart, pickId, lateReason } = parsed.data;
    const outcome = await pickSlot(deps, {
      signalId,
      slotStart,
      pickId,
      person: request.person!,
      ...(lateReason ? { lateReason } : {}),
    });
    switch (outcome.kind) {
      case 'unavailable':
        return unavailable();
      case 'invalidSlot':
        return signalCardFor(request, outcome.signal, {
          notice: { text: nlPlanning.offer.invalidSlot, tone: 'warning' },
        });
      case 'conflict':
        return signalCardFor(request, outcome.signal, { notice: { text: nlSignal.card.conflict, tone: 'warning' } });
      case 'rejected': {
        const text =
          outcome.field === 'lateReason' ? nlSignal.fieldErrors.lateReasonRequired : refusalText(outcome.error);
        return signalCardFor(request, outcome.signal, { notice: { text, tone: 'warning' } });
      }
      case 'planned': {
        request.logger.info(
          { signalId, invitation: outcome.invitation, duplicate: outcome.duplicate },
          'conversation planned from a slot',
        );
        const plannedFor = outcome.signal.escalation?.conversation.plannedFor;
        const lines = [
          ...(outcome.duplicate ? [nlSignal.card.duplicate] : []),
          ...(plannedFor ? [nlPlanning.pick.planned(formatDateTime(plannedFor))] : []),
          outcome.invitation === 'sent'
            ? nlPlanning.pick.invitationSent
            : outcome.invitation === 'failed'
              ? nlPlanning.pick.invitationFailed
              : nlPlanning.pick.invitationPending,
        ];
        return signalCardFor(request, outcome.signal, {
          notice: { text: lines.join(' '), tone: outcome.invitation === 'sent' ? 'good' : 'warning' },
        });
      }
    }
  },
};
