import { z } from 'zod';
import { noticeCard } from '../../cards/notice';
import type { AdaptiveCard } from '../../cards/render';
import { reportingDutyCard, reportingDutyConfirmCard, type DutyFormState } from '../../cards/reporting-duty';
import { canViewSignal } from '../../src/app/access';
import {
  announceMelding,
  canFlag,
  dutySettings,
  performDutyMove,
  viewMelding,
  type AnnounceDeps,
} from '../../src/app/reporting-duty';
import { DUTY_FORMS, parseDutyForm, type DutyFieldError, type DutyFormMove } from '../../src/app/reporting-duty-forms';
import { viewSignal } from '../../src/app/signal-moves';
import { amsterdamDate } from '../../src/domain/deadlines';
import { dutyMoveGuard, isMelding, type ReportingDuty } from '../../src/domain/reporting-duty';
import type { Signal } from '../../src/domain/signal';
import { nl } from '../../src/i18n/nl';
import { nlReportingDuty } from '../../src/i18n/nl-reporting-duty';
import { inSharedConversation } from '../conversation';
import type { TurnRequest, VerbHandler, VerbMessage } from '../handlers';
import type { BotServices } from '../services';

const FORM_MOVES = Object.keys(DUTY_FORMS) as [DutyFormMove, ...DutyFormMove[]];
const signalRef = z.object({ signalId: z.string().min(1).max(100) });
const flagSubmit = signalRef.extend({ formId: z.uuid() });
const moveRef = signalRef.extend({ move: z.enum(FORM_MOVES) });
const moveSubmit = moveRef.extend({ formId: z.uuid() });

const badRequest = () => noticeCard({ text: nl.errors.badRequest, tone: 'error' });
const unavailable = () => noticeCard({ text: nlReportingDuty.unavailable, tone: 'warning' });

/** What telling the route needs, from the bot's services. */
export function announceDeps(services: BotServices): AnnounceDeps {
  return {
    store: services.store,
    directory: services.directory,
    clock: services.clock,
    accessLog: services.accessLog,
    logger: services.logger,
    ...(services.outbound ? { mailer: services.outbound.mailer } : {}),
    ...(services.reminders ? { watches: services.reminders } : {}),
    sendHour: services.reminderRules?.sendHour ?? 8,
    ...(services.sweepNow ? { sweepNow: services.sweepNow } : {}),
  };
}

/** The melding's card for a person on the route. */
export function dutyCardFor(
  request: TurnRequest,
  signal: Signal,
  extras: { notice?: { text: string; tone: 'good' | 'warning' | 'attention' }; form?: DutyFormState } = {},
): AdaptiveCard {
  const settings = dutySettings(request.services.directory);
  if (!settings || !signal.reportingDuty) return unavailable();
  const now = request.services.clock.now();
  return reportingDutyCard({
    signal: signal as Signal & { reportingDuty: ReportingDuty },
    settings,
    now,
    today: amsterdamDate(now),
    ...extras,
  });
}

/** What a person who just passed a signal on sees: that it went, and nothing of it any more. */
export function passedOnCard(reference: string): AdaptiveCard {
  return noticeCard({ title: nlReportingDuty.passedOnTitle, text: nlReportingDuty.passedOn(reference) });
}

/** The melding's details (and its form inputs) are read in the personal chat only. */
function sharedRefusal(request: TurnRequest): VerbMessage | undefined {
  return inSharedConversation(request.context) ? { type: 'message', text: nlReportingDuty.sharedChat } : undefined;
}

/** "Meldplicht openen" on the signal card, the reminder's button, and the card's refresh. */
export const dutyOpenVerb: VerbHandler = {
  verb: 'duty.open',
  needsPerson: true,
  async run(request, data) {
    const parsed = signalRef.safeParse(data);
    if (!parsed.success) return badRequest();
    const shared = sharedRefusal(request);
    if (shared) return shared;
    const outcome = await viewMelding(request.services, parsed.data.signalId, request.person!);
    return outcome.kind === 'found' ? dutyCardFor(request, outcome.signal) : unavailable();
  },
};

/** "Meldplicht: vermoeden …" on any signal the person may see: asks once more (it cannot be undone). */
export const dutyFlagConfirmVerb: VerbHandler = {
  verb: 'duty.flagConfirm',
  needsPerson: true,
  async run(request, data) {
    const parsed = signalRef.safeParse(data);
    if (!parsed.success) return badRequest();
    if (!dutySettings(request.services.directory))
      return noticeCard({ text: nlReportingDuty.notConfigured, tone: 'warning' });
    const outcome = await viewSignal(request.services, parsed.data.signalId, request.person!);
    if (outcome.kind !== 'found') return unavailable();
    if (!canFlag(request.person!, outcome.signal, request.services.directory)) {
      return noticeCard({ text: nlReportingDuty.errors.alreadyFlagged, tone: 'warning' });
    }
    return reportingDutyConfirmCard({ signalId: outcome.signal.id, formId: request.services.newId() });
  },
};

/** "Ja, doorgeven": the signal becomes a melding; the route is told at once. */
export const dutyFlagVerb: VerbHandler = {
  verb: 'duty.flag',
  needsPerson: true,
  async run(request, data) {
    const parsed = flagSubmit.safeParse(data);
    if (!parsed.success) return badRequest();
    const outcome = await performDutyMove(request.services, {
      signalId: parsed.data.signalId,
      command: { name: 'flag', input: { via: 'later' } },
      actor: request.person!,
      eventId: parsed.data.formId,
    });
    if (outcome.kind === 'notConfigured') return noticeCard({ text: nlReportingDuty.notConfigured, tone: 'warning' });
    if (outcome.kind === 'unavailable') return unavailable();
    if (outcome.kind === 'rejected')
      return noticeCard({ text: nlReportingDuty.errors[outcome.error], tone: 'warning' });
    await announceMelding(announceDeps(request.services), outcome.signal);
    request.logger.info({ signalId: outcome.signal.id, duplicate: outcome.duplicate }, 'melding flagged');
    return canViewSignal(request.person!, outcome.signal) && !inSharedConversation(request.context)
      ? dutyCardFor(request, outcome.signal)
      : passedOnCard(outcome.signal.reference);
  },
};

/** A step's button: the card shows that step's form. */
export const dutyFormVerb: VerbHandler = {
  verb: 'duty.form',
  needsPerson: true,
  async run(request, data) {
    const parsed = moveRef.safeParse(data);
    if (!parsed.success) return badRequest();
    const shared = sharedRefusal(request);
    if (shared) return shared;
    const outcome = await viewMelding(request.services, parsed.data.signalId, request.person!);
    if (outcome.kind !== 'found') return unavailable();
    const guard = dutyMoveGuard(outcome.signal, parsed.data.move);
    if (guard)
      return dutyCardFor(request, outcome.signal, { notice: { text: nlReportingDuty.errors[guard], tone: 'warning' } });
    return dutyCardFor(request, outcome.signal, { form: { move: parsed.data.move, formId: request.services.newId() } });
  },
};

/** A step form's "Opslaan": the step is recorded, or the form comes back with what was typed. */
export const dutyMoveVerb: VerbHandler = {
  verb: 'duty.move',
  needsPerson: true,
  async run(request, data) {
    const parsed = moveSubmit.safeParse(data);
    if (!parsed.success) return badRequest();
    const shared = sharedRefusal(request);
    if (shared) return shared;
    const { signalId, move, formId } = parsed.data;
    const current = await viewMelding(request.services, signalId, request.person!);
    if (current.kind !== 'found') return unavailable();
    const values = Object.fromEntries(
      Object.entries(data)
        .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
        .map(([key, value]) => [key, value.slice(0, 4000)]),
    );
    const keepForm = (signal: Signal, error: string, errors?: Record<string, DutyFieldError>) =>
      dutyCardFor(request, signal, { form: { move, formId, values, error, ...(errors ? { errors } : {}) } });
    const form = parseDutyForm(move, data);
    if (!form.ok) return keepForm(current.signal, nlReportingDuty.errors.invalidInput, form.errors);
    const outcome = await performDutyMove(request.services, {
      signalId,
      command: form.command,
      actor: request.person!,
      eventId: formId,
      preloaded: { value: current.signal, etag: current.etag },
    });
    if (outcome.kind === 'unavailable' || outcome.kind === 'notConfigured') return unavailable();
    if (outcome.kind === 'rejected') {
      const errors = outcome.field ? { [outcome.field]: 'rejected' as const } : undefined;
      return keepForm(outcome.signal, nlReportingDuty.errors[outcome.error], errors);
    }
    request.logger.info({ signalId, move, duplicate: outcome.duplicate }, 'melding step recorded');
    return dutyCardFor(request, outcome.signal, {
      notice: {
        text: outcome.duplicate
          ? nlReportingDuty.card.duplicate
          : nlReportingDuty.card.saved(nlReportingDuty.moves[move]),
        tone: 'good',
      },
    });
  },
};

export const REPORTING_DUTY_VERBS: readonly VerbHandler[] = [
  dutyOpenVerb,
  dutyFlagConfirmVerb,
  dutyFlagVerb,
  dutyFormVerb,
  dutyMoveVerb,
];

/** Whether the signal card should offer the melding's buttons (see signal-view.ts). */
export function dutyActionsFor(
  request: TurnRequest,
  signal: Signal,
): { verb: string; title: string; primary?: boolean }[] {
  const person = request.person;
  if (!person || inSharedConversation(request.context)) return [];
  // For the route the melding's steps come first: its clock runs in working days, not weeks.
  if (isMelding(signal))
    return canViewSignal(person, signal)
      ? [{ verb: 'duty.open', title: nlReportingDuty.openButton, primary: true }]
      : [];
  return canFlag(person, signal, request.services.directory)
    ? [{ verb: 'duty.flagConfirm', title: nlReportingDuty.flagButton }]
    : [];
}
