import template from './signal.json';
import { expand, type AdaptiveCard } from './render';
import { formFields, isRequired, peopleFor, type MoveFieldError } from '../src/app/move-forms';
import { deadlineState, type DeadlineSettings, type DeadlineState } from '../src/domain/deadlines';
import type { Organisation } from '../src/domain/organisation';
import { closeNeedsReason, type MoveName } from '../src/domain/process';
import { settlementOf } from '../src/domain/settlement';
import {
  CONTACT_PREFERENCES,
  DECISION_CHANNELS,
  RULINGS,
  SATISFACTION_ANSWERS,
  SIGNAL_KINDS,
  TENORS,
  type Signal,
} from '../src/domain/signal';
import { formatDate, formatDateTime, literal } from '../src/i18n/format';
import { nl } from '../src/i18n/nl';
import { nlSignal } from '../src/i18n/nl-signal';

export interface MoveFormState {
  move: MoveName;
  /** The form's own id: it becomes the event id, so a second click records nothing twice. */
  formId: string;
  values?: Record<string, string>;
  errors?: Record<string, MoveFieldError>;
  /** A refusal of the whole move (e.g. "ask about satisfaction first"). */
  error?: string;
}

export interface SignalCardModel {
  signal: Signal;
  organisation: Organisation;
  now: Date;
  deadlineSettings: DeadlineSettings;
  /**
   * Whether this card may show personal data: the parent's contact details, and every free text a
   * person typed about the family (description, wish, handling summary, conversation notes, decision
   * and measures, outcomes, obligations, reopen reason, history notes). When false, each of those
   * texts is replaced by a notice; the facts (kind, location, theme, step, deadlines, people, dates,
   * event types) stay.
   */
  showPersonalData: boolean;
  /**
   * Why personal data is hidden (only read when showPersonalData is false): the viewer's role (the
   * default), or a group chat or channel, where the card is shown to everyone in the conversation.
   */
  hiddenBecause?: 'role' | 'sharedChat';
  /** Moves this viewer may do now; one button each. */
  moves: readonly MoveName[];
  notice?: { text: string; tone: 'good' | 'warning' | 'attention' };
  form?: MoveFormState;
  today: string;
  /** Outbox work not yet done for this signal (Dutch lines). */
  pending?: string[];
  /** The answer to the Outlook invitation, in Dutch. */
  inviteResponse?: string;
  /** Offer the "plan in Outlook" button (step 2, conversation not yet planned or declined). */
  planInOutlook?: { title: string };
  /** AVG requests (staf kwaliteit): inzage and erasure. */
  privacyActions?: { verb: string; title: string }[];
}

const STATE_COLORS: Record<DeadlineState, string> = {
  onTime: 'Good',
  dueSoon: 'Warning',
  late: 'Attention',
  met: 'Default',
  metLate: 'Warning',
};
const MAX_HISTORY = 20;
const MOVES_PER_ROW = 3;

function nameOf(list: { id: string; name: string }[], id: string): string {
  return list.find((item) => item.id === id)?.name ?? id;
}

function deadlineRows(model: SignalCardModel) {
  const { signal, now, deadlineSettings } = model;
  const rows: { label: string; date: string; state: string; color: string }[] = [];
  const add = (label: string, deadline: string | undefined, metAt?: string) => {
    if (!deadline) return;
    const state = deadlineState(deadline, now, deadlineSettings, metAt);
    rows.push({ label, date: formatDate(deadline), state: nl.deadlineStates[state], color: STATE_COLORS[state] });
  };
  const settlement = settlementOf(signal, model.today);
  if (settlement.state === 'settled') {
    const state = settlement.inTime ? 'met' : 'metLate';
    rows.push({
      label: nlSignal.card.settleBy,
      date: formatDate(settlement.dueOn),
      state: nlSignal.card.settledOn(formatDate(settlement.settledOn), settlement.inTime),
      color: STATE_COLORS[state],
    });
  } else add(nlSignal.card.settleBy, signal.deadlines.settleBy, signal.closedAt);
  add(nlSignal.card.answerBy, signal.deadlines.answerBy, signal.closedAt);
  add(nlSignal.card.confirmBy, signal.deadlines.confirmBy, signal.escalation?.confirmationSentAt);
  add(nlSignal.card.conversationBy, signal.deadlines.conversationBy, signal.escalation?.conversation.heldAt);
  return rows;
}

/** A free text about the family, or the notice that replaces it for this card. */
type Redact = (text: string) => string;

function redactorFor(model: SignalCardModel): Redact {
  if (model.showPersonalData) return literal;
  const notice =
    model.hiddenBecause === 'sharedChat' ? nlSignal.card.personalDataSharedChat : nlSignal.card.personalDataHidden;
  // An empty text (nothing typed, or anonymised) stays empty: there is nothing to hide.
  return (text) => (text.trim() === '' ? '' : notice);
}

function sections(signal: Signal, inviteResponse: string | undefined, redact: Redact) {
  const out: { title: string; facts: { title: string; value: string }[]; text: string }[] = [];
  if (signal.handling) {
    out.push({
      title: nlSignal.card.handling,
      facts: [
        { title: nlSignal.card.satisfaction, value: nl.satisfaction[signal.handling.satisfaction] },
        { title: nlSignal.card.by, value: literal(signal.handling.by.name) },
      ],
      text: redact(signal.handling.summary),
    });
  }
  if (signal.escalation) {
    const { conversation } = signal.escalation;
    const facts: { title: string; value: string }[] = [
      { title: nlSignal.card.manager, value: literal(signal.escalation.manager?.name ?? '—') },
    ];
    if (signal.escalation.receivedOn)
      facts.push({ title: nlSignal.fields.receivedOn ?? '', value: formatDate(signal.escalation.receivedOn) });
    if (signal.escalation.supporter)
      facts.push({ title: nlSignal.card.supporter, value: literal(signal.escalation.supporter.name) });
    if (signal.escalation.confirmationSentAt) {
      facts.push({
        title: nlSignal.moves.confirmationSent,
        value: formatDateTime(signal.escalation.confirmationSentAt),
      });
    }
    if (conversation.plannedFor)
      facts.push({ title: nlSignal.moves.conversationPlanned, value: formatDateTime(conversation.plannedFor) });
    // The reason is about the planning, not the family: staf kw sees this breach on every card.
    if (conversation.lateReason)
      facts.push({ title: nlSignal.card.plannedLate, value: literal(conversation.lateReason) });
    if (inviteResponse) facts.push({ title: nlSignal.card.invitation, value: inviteResponse });
    if (conversation.heldAt)
      facts.push({ title: nlSignal.moves.conversationHeld, value: formatDate(conversation.heldAt) });
    out.push({
      title:
        conversation.mode === 'writing'
          ? nlSignal.card.writtenAnswer
          : `${nlSignal.card.conversation} (${nl.contactPreferences[conversation.mode].toLowerCase()})`,
      facts,
      text: conversation.notes ? redact(conversation.notes) : '',
    });
  }
  if (signal.decision) {
    out.push({
      title: nlSignal.card.decision,
      facts: [
        ...(signal.decision.tenor
          ? [{ title: nlSignal.fields.tenor ?? '', value: nl.tenors[signal.decision.tenor] }]
          : []),
        { title: nlSignal.fields.sentOn ?? '', value: formatDate(signal.decision.sentOn) },
        { title: nlSignal.fields.sentVia ?? '', value: nlSignal.decisionChannels[signal.decision.sentVia] },
        ...signal.decision.measures.map((measure) => ({
          title: formatDate(measure.deadline),
          value: redact(measure.description),
        })),
      ],
      text: redact(signal.decision.text),
    });
  }
  if (signal.complaintsDesk) {
    out.push({
      title: nlSignal.card.complaintsDesk,
      facts: [
        { title: nlSignal.fields.filedOn ?? '', value: formatDate(signal.complaintsDesk.filedOn) },
        { title: nlSignal.fields.caseNumber ?? '', value: literal(signal.complaintsDesk.caseNumber) },
        ...(signal.complaintsDesk.agreements
          ? [{ title: nlSignal.card.deskAgreements, value: redact(signal.complaintsDesk.agreements) }]
          : []),
        ...(signal.complaintsDesk.agreementsDeadline
          ? [
              {
                title: nlSignal.fields.agreementsDeadline ?? '',
                value: formatDate(signal.complaintsDesk.agreementsDeadline),
              },
            ]
          : []),
      ],
      text: signal.complaintsDesk.outcome ? redact(signal.complaintsDesk.outcome) : '',
    });
  }
  if (signal.dispute) {
    const facts: { title: string; value: string }[] = [
      { title: nlSignal.fields.filedOn ?? '', value: formatDate(signal.dispute.filedOn) },
      { title: nlSignal.fields.caseNumber ?? '', value: literal(signal.dispute.caseNumber) },
    ];
    if (signal.dispute.ruling)
      facts.push({ title: nlSignal.fields.ruling ?? '', value: nl.rulings[signal.dispute.ruling] });
    if (signal.dispute.obligationsDeadline) {
      facts.push({
        title: nlSignal.fields.obligationsDeadline ?? '',
        value: formatDate(signal.dispute.obligationsDeadline),
      });
    }
    out.push({
      title: nlSignal.card.dispute,
      facts,
      text: signal.dispute.obligations ? redact(signal.dispute.obligations) : '',
    });
  }
  return out;
}

function formModel(model: SignalCardModel) {
  const { form, signal, organisation } = model;
  if (!form) return null;
  const fields = formFields(form.move, signal).map((spec) => {
    let options: { title: string; value: string }[] = [];
    if (spec.options === 'satisfaction')
      options = SATISFACTION_ANSWERS.map((value) => ({ value, title: nl.satisfaction[value] }));
    else if (spec.options === 'decisionChannels')
      options = DECISION_CHANNELS.map((value) => ({ value, title: nlSignal.decisionChannels[value] }));
    else if (spec.options === 'rulings') options = RULINGS.map((value) => ({ value, title: nl.rulings[value] }));
    else if (spec.options === 'tenors') options = TENORS.map((value) => ({ value, title: nl.tenors[value] }));
    else if (spec.options === 'kinds')
      options = SIGNAL_KINDS.filter((kind) => kind !== signal.kind).map((value) => ({ value, title: nl.kinds[value] }));
    else if (spec.options === 'contactPreferences')
      options = CONTACT_PREFERENCES.map((value) => ({ value, title: nl.contactPreferences[value] }));
    else if (spec.options)
      options = peopleFor(spec.options, signal, organisation).map((person) => ({
        value: person.id,
        title: person.name,
      }));
    const code = form.errors?.[spec.id];
    return {
      id: spec.id,
      kind: spec.kind,
      label: `${nlSignal.fields[spec.id] ?? spec.id}${isRequired(spec, signal) ? ' *' : ''}`,
      required: isRequired(spec, signal),
      requiredMessage: nl.intakeErrors.required,
      value: form.values?.[spec.id] ?? (spec.defaultToday ? model.today : (spec.prefill?.(signal) ?? '')),
      placeholder: nl.intake.placeholderChoose,
      options,
      error: code ? nlSignal.fieldErrors[code] : '',
    };
  });
  return {
    move: form.move,
    formId: form.formId,
    title: moveTitle(form.move, signal),
    intro: moveIntro(form.move, signal),
    error: form.error ?? '',
    submitTitle: fields.length === 0 ? nlSignal.card.confirm : nlSignal.card.save,
    fields,
  };
}

/** The written outcome at step 0/1 confirms what was agreed; from step 2 it is the judgment. */
function moveTitle(move: MoveName, signal: Signal): string {
  return move === 'recordDecision' && !signal.escalation ? nlSignal.agreementMove : nlSignal.moves[move];
}

function moveIntro(move: MoveName, signal: Signal): string {
  if (move === 'recordDecision' && !signal.escalation) return nlSignal.agreementIntro;
  if (move === 'close' && closeNeedsReason(signal)) return nlSignal.closeReasonIntro;
  return nlSignal.moveIntro[move];
}

function parentNotice(model: SignalCardModel): string {
  if (model.showPersonalData) return '';
  return model.hiddenBecause === 'sharedChat' ? nlSignal.card.personalDataSharedChat : nlSignal.card.noPersonalData;
}

export function signalCard(model: SignalCardModel): AdaptiveCard {
  const { signal, organisation } = model;
  const parent = signal.parent;
  const redact = redactorFor(model);
  const facts = [
    { title: nlSignal.card.kind, value: nl.kinds[signal.kind] },
    { title: nlSignal.card.location, value: literal(nameOf(organisation.locations, signal.locationId)) },
    { title: nlSignal.card.theme, value: literal(nameOf(organisation.themes, signal.themeId)) },
    { title: nlSignal.card.step, value: nl.steps[signal.step] },
    { title: nlSignal.card.owner, value: literal(signal.owner.name) },
    {
      title: nlSignal.card.received,
      value: `${formatDate(signal.receivedOn)} (${nl.channels[signal.channel].toLowerCase()})`,
    },
  ];
  const parentFacts =
    model.showPersonalData && parent
      ? [
          { title: nl.intakeFields.parentName, value: literal(parent.name) },
          ...(parent.email ? [{ title: nl.intakeFields.parentEmail, value: literal(parent.email) }] : []),
          ...(parent.phone ? [{ title: nl.intakeFields.parentPhone, value: literal(parent.phone) }] : []),
          { title: nlSignal.card.contactPreference, value: nl.contactPreferences[parent.contactPreference] },
        ]
      : [];
  const warnings: { text: string }[] = [];
  if (signal.dispute?.filedLate) warnings.push({ text: nlSignal.card.disputeLate });
  if (signal.reopened) {
    const reason = redact(signal.reopened.reason);
    warnings.push({ text: reason ? `${nlSignal.card.reopenedBecause}: ${reason}` : nlSignal.card.reopenedBecause });
  }
  for (const line of model.pending ?? []) warnings.push({ text: line });
  const moves = model.form ? [] : model.moves.map((move) => ({ move, title: moveTitle(move, signal) }));
  const planning = model.planInOutlook && !model.form ? [{ title: model.planInOutlook.title }] : [];
  const moveRows = Array.from({ length: Math.ceil(moves.length / MOVES_PER_ROW) }, (_, row) => ({
    moves: moves.slice(row * MOVES_PER_ROW, row * MOVES_PER_ROW + MOVES_PER_ROW),
  }));
  const history = signal.history
    .slice(-MAX_HISTORY)
    .reverse()
    .map((event) => ({
      when: formatDateTime(event.at),
      what: `${nlSignal.events[event.type]} · ${literal(event.actor.name)}`,
      // The anonymisation's note is the system's reason code, not a text about the family.
      note: event.note ? (event.type === 'anonymised' ? anonymiseReason(event.note) : redact(event.note)) : '',
    }));
  const letters = model.showPersonalData
    ? (signal.letters ?? []).map((letter) => ({
        title: `${nlSignal.letters[letter.kind]} (${formatDate(letter.createdAt)})`,
        subject: literal(letter.subject),
        body: literal(letter.body),
      }))
    : [];
  return expand(template, {
    signalId: signal.id,
    notice: model.notice?.text ?? '',
    noticeStyle: model.notice?.tone ?? 'default',
    sharedChatNotice:
      !model.showPersonalData && model.hiddenBecause === 'sharedChat' ? nlSignal.card.sharedChatNotice : '',
    title: `${signal.reference} · ${nl.kinds[signal.kind]}`,
    statusText: signal.status === 'open' ? nlSignal.card.open : nlSignal.card.closed,
    statusColor: signal.status === 'open' ? 'Accent' : 'Good',
    facts,
    deadlines: deadlineRows(model),
    warnings,
    description: parent || signal.description ? redact(signal.description) : nlSignal.card.anonymised,
    wish: signal.parentWish ? redact(signal.parentWish) : '',
    parentFacts,
    parentNotice: parent ? parentNotice(model) : nlSignal.card.anonymised,
    sections: sections(signal, model.inviteResponse, redact),
    planning,
    privacyActions: model.form ? [] : (model.privacyActions ?? []),
    form: formModel(model),
    moveRows,
    letters,
    history,
    texts: { ...nlSignal.card, description: nlSignal.card.description, wish: nlSignal.card.wish },
  });
}

function anonymiseReason(code: string): string {
  return code in nlSignal.anonymiseReasons
    ? nlSignal.anonymiseReasons[code as keyof typeof nlSignal.anonymiseReasons]
    : literal(code);
}
