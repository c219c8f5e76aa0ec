import template from './signal.json';
import { expand, type AdaptiveCard } from './render';
import { formFields, isRequired, peopleFor, type MoveFieldError } from '../src/app/move-forms';
import { deadlineState, type DeadlineSettings, type DeadlineState } from '../src/domain/deadlines';
import type { CardMoves } from '../src/app/card-actions';
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
  type Deadlines,
  type Signal,
} from '../src/domain/signal';
import { formatCardDate, formatDateTime, literal } from '../src/i18n/format';
import { nl } from '../src/i18n/nl';
import { nlSignal, refusalText } from '../src/i18n/nl-signal';

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
   * and its reasons, outcomes, obligations, reopen reason, history notes). When false, those texts
   * are left out and one line on top says where they are; the facts (kind, location, theme, step,
   * deadlines, people, dates, event types, measures) stay.
   */
  showPersonalData: boolean;
  /**
   * Why personal data is hidden (only read when showPersonalData is false): the viewer's role (the
   * default), or a group chat or channel, where the card is shown to everyone in the conversation.
   */
  hiddenBecause?: 'role' | 'sharedChat';
  /** Moves this viewer may do now besides the next step: the overflow (mode secondary). */
  moves: readonly MoveName[];
  /** The next step(s) for this viewer: primary, positive buttons (src/app/card-actions.ts). */
  primary?: readonly MoveName[];
  /** An overdue step that cannot be taken yet, and what must come first. */
  blocked?: CardMoves['blocked'];
  notice?: { text: string; tone: 'good' | 'warning' | 'attention' };
  form?: MoveFormState;
  today: string;
  /** Outbox work not yet done for this signal (Dutch lines). */
  pending?: string[];
  /** The answer to the Outlook invitation, in Dutch. */
  inviteResponse?: string;
  /** Offer the "plan in Outlook" button (step 2, conversation not yet planned or declined); primary when it is the next step. */
  planInOutlook?: { title: string; primary?: boolean };
  /** What a letter this form makes will be and where it goes (Dutch lines), shown in the form. */
  preview?: { text: string; emphasis?: boolean }[];
  /** AVG requests (staf kwaliteit): inzage and erasure. */
  privacyActions?: { verb: string; title: string; primary?: boolean }[];
}

const STATE_COLORS: Record<DeadlineState, string> = {
  onTime: 'Good',
  dueSoon: 'Warning',
  late: 'Attention',
  met: 'Default',
  metLate: 'Warning',
};
const MAX_HISTORY = 20;

function nameOf(list: { id: string; name: string }[], id: string): string {
  return list.find((item) => item.id === id)?.name ?? id;
}

interface DeadlineRow {
  key: keyof Deadlines;
  label: string;
  date: string;
  state: string;
  color: string;
  pressing: boolean;
}

export function deadlineRows(
  model: Pick<SignalCardModel, 'signal' | 'now' | 'deadlineSettings' | 'today'>,
): DeadlineRow[] {
  const { signal, now, deadlineSettings } = model;
  const rows: DeadlineRow[] = [];
  const add = (key: keyof Deadlines, label: string, deadline: string | undefined, metAt?: string) => {
    if (!deadline) return;
    const state = deadlineState(deadline, now, deadlineSettings, metAt);
    rows.push({
      key,
      label,
      date: formatCardDate(deadline),
      state: nl.deadlineStates[state],
      color: STATE_COLORS[state],
      pressing: state === 'late' || state === 'dueSoon',
    });
  };
  const settlement = settlementOf(signal, model.today);
  if (settlement.state === 'settled') {
    const state = settlement.inTime ? 'met' : 'metLate';
    rows.push({
      key: 'settleBy',
      label: nlSignal.card.settleBy,
      date: formatCardDate(settlement.dueOn),
      state: nlSignal.card.settledOn(formatCardDate(settlement.settledOn), settlement.inTime),
      color: STATE_COLORS[state],
      pressing: false,
    });
  } else add('settleBy', nlSignal.card.settleBy, signal.deadlines.settleBy, signal.closedAt);
  add('answerBy', nlSignal.card.answerBy, signal.deadlines.answerBy, signal.closedAt);
  add('confirmBy', nlSignal.card.confirmBy, signal.deadlines.confirmBy, signal.escalation?.confirmationSentAt);
  add(
    'conversationBy',
    nlSignal.card.conversationBy,
    signal.deadlines.conversationBy,
    signal.escalation?.conversation.heldAt,
  );
  return rows;
}

/** A free text about the family, or the notice that replaces it for this card. */
type Redact = (text: string) => string;

/** Hidden free texts leave no trace on the card: one line on top says where they are. */
function redactorFor(model: SignalCardModel): Redact {
  return model.showPersonalData ? literal : () => '';
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
      facts.push({ title: nlSignal.facts.receivedOn, value: formatCardDate(signal.escalation.receivedOn) });
    if (signal.escalation.supporter)
      facts.push({ title: nlSignal.card.supporter, value: literal(signal.escalation.supporter.name) });
    if (signal.escalation.confirmationSentAt) {
      facts.push({
        title: nlSignal.facts.confirmationSentAt,
        value: formatDateTime(signal.escalation.confirmationSentAt),
      });
    }
    if (conversation.plannedFor)
      facts.push({ title: nlSignal.facts.plannedFor, value: formatDateTime(conversation.plannedFor) });
    // The reason is about the planning, not the family: staf kw sees this breach on every card.
    if (conversation.lateReason)
      facts.push({ title: nlSignal.card.plannedLate, value: literal(conversation.lateReason) });
    if (inviteResponse) facts.push({ title: nlSignal.card.invitation, value: inviteResponse });
    if (conversation.heldAt)
      facts.push({
        title: nlSignal.facts.heldOn,
        value: heldLate(signal)
          ? `${formatCardDate(conversation.heldAt)} (${nl.deadlineStates.metLate})`
          : formatCardDate(conversation.heldAt),
      });
    out.push({
      title:
        conversation.mode === 'writing'
          ? nlSignal.card.writtenAnswer
          : nlSignal.facts.conversationTitle[conversation.mode],
      facts,
      text: conversation.notes ? redact(conversation.notes) : '',
    });
  }
  if (signal.decision) {
    out.push({
      title: nlSignal.card.decision,
      facts: [
        ...(signal.decision.tenor ? [{ title: nlSignal.facts.tenor, value: nl.tenors[signal.decision.tenor] }] : []),
        {
          title: nlSignal.facts.sent,
          value: `${formatCardDate(signal.decision.sentOn)} (${nlSignal.decisionChannels[signal.decision.sentVia].toLowerCase()})`,
        },
        // Measures are what the organisation does, not data about the family: shown to every viewer.
        ...signal.decision.measures.map((measure) => ({
          title: nlSignal.facts.measureBy(formatCardDate(measure.deadline)),
          value: literal(measure.description),
        })),
      ],
      text: redact(signal.decision.text),
    });
  }
  if (signal.complaintsDesk) {
    out.push({
      title: nlSignal.card.complaintsDesk,
      facts: [
        { title: nlSignal.facts.filedOn, value: formatCardDate(signal.complaintsDesk.filedOn) },
        { title: nlSignal.facts.caseNumber, value: literal(signal.complaintsDesk.caseNumber) },
        ...(signal.complaintsDesk.agreements
          ? [{ title: nlSignal.card.deskAgreements, value: redact(signal.complaintsDesk.agreements) }]
          : []),
        ...(signal.complaintsDesk.agreementsDeadline
          ? [
              {
                title: nlSignal.facts.agreementsDeadline,
                value: formatCardDate(signal.complaintsDesk.agreementsDeadline),
              },
            ]
          : []),
      ],
      text: signal.complaintsDesk.outcome ? redact(signal.complaintsDesk.outcome) : '',
    });
  }
  if (signal.dispute) {
    const facts: { title: string; value: string }[] = [
      { title: nlSignal.facts.filedOn, value: formatCardDate(signal.dispute.filedOn) },
      { title: nlSignal.facts.caseNumber, value: literal(signal.dispute.caseNumber) },
    ];
    if (signal.dispute.ruling) facts.push({ title: nlSignal.facts.ruling, value: nl.rulings[signal.dispute.ruling] });
    if (signal.dispute.obligationsDeadline) {
      facts.push({
        title: nlSignal.facts.obligationsDeadline,
        value: formatCardDate(signal.dispute.obligationsDeadline),
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

/** The conversation took place after its two weeks. */
function heldLate(signal: Signal): boolean {
  const { conversationBy } = signal.deadlines;
  const heldAt = signal.escalation?.conversation.heldAt;
  return conversationBy !== undefined && heldAt !== undefined && Date.parse(heldAt) > Date.parse(conversationBy);
}

const PLACEHOLDERS: Record<string, string> = {
  text: nlSignal.placeholders.text,
  multiline: nlSignal.placeholders.text,
  date: nlSignal.placeholders.date,
  time: nlSignal.placeholders.time,
  choice: nl.intake.placeholderChoose,
};

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
      // The renderer marks a required input itself: one asterisk.
      label: nlSignal.fields[spec.id] ?? spec.id,
      required: isRequired(spec, signal),
      requiredMessage: nl.intakeErrors.required,
      value: form.values?.[spec.id] ?? (spec.defaultToday ? model.today : (spec.prefill?.(signal) ?? '')),
      placeholder: PLACEHOLDERS[spec.kind] ?? '',
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
    preview: (model.preview ?? []).map((line) => ({
      text: literal(line.text),
      weight: line.emphasis ? 'Bolder' : 'Default',
      size: line.emphasis ? 'Default' : 'Small',
    })),
    submitTitle: sendsLetter(form.move)
      ? nlSignal.card.send
      : fields.length === 0
        ? nlSignal.card.confirm
        : nlSignal.card.save,
    fields,
  };
}

const sendsLetter = (move: MoveName): boolean => move === 'confirmationSent' || move === 'recordDecision';

/** The written outcome at step 0/1 confirms what was agreed; from step 2 it is the judgment. */
export function moveTitle(move: MoveName, signal: Signal): string {
  if (move === 'recordDecision' && !signal.escalation) return nlSignal.agreementMove;
  if (move === 'conversationPlanned' && signal.escalation?.conversation.plannedFor) return nlSignal.replanMove;
  return nlSignal.moves[move];
}

function moveIntro(move: MoveName, signal: Signal): string {
  if (move === 'recordDecision' && !signal.escalation) return nlSignal.agreementIntro;
  if (move === 'close' && closeNeedsReason(signal)) return nlSignal.closeReasonIntro;
  return nlSignal.moveIntro[move];
}

/** The one line that says where the personal data is, when this card leaves it out. */
function hiddenNotice(model: SignalCardModel): string {
  if (model.showPersonalData || !model.signal.parent) return '';
  return model.hiddenBecause === 'sharedChat' ? nlSignal.card.sharedChatNotice : nlSignal.card.personalDataHidden;
}

export function signalCard(model: SignalCardModel): AdaptiveCard {
  const { signal, organisation } = model;
  const parent = signal.parent;
  const redact = redactorFor(model);
  // Two short columns of facts: half the height of one long list at Teams' width.
  const facts = [
    { title: nlSignal.card.location, value: literal(nameOf(organisation.locations, signal.locationId)) },
    { title: nlSignal.card.theme, value: literal(nameOf(organisation.themes, signal.themeId)) },
    { title: nlSignal.card.step, value: nl.steps[signal.step] },
  ];
  const facts2 = [
    { title: nlSignal.card.owner, value: literal(signal.owner.name) },
    {
      title: nlSignal.card.received,
      value: `${formatCardDate(signal.receivedOn)} (${nl.channels[signal.channel].toLowerCase()})`,
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
  const rows = deadlineRows(model);
  const warnings: { text: string }[] = [];
  if (model.blocked && !model.form) {
    const row = rows.find((candidate) => candidate.key === model.blocked!.deadline);
    warnings.push({
      text: nlSignal.card.blocked(row?.label ?? '', row?.state ?? '', refusalText(model.blocked.reason)),
    });
  }
  if (signal.dispute?.filedLate) warnings.push({ text: nlSignal.card.disputeLate });
  if (signal.reopened) {
    const reason = redact(signal.reopened.reason);
    warnings.push({ text: reason ? `${nlSignal.card.reopenedBecause}: ${reason}` : nlSignal.card.reopenedBecause });
  }
  for (const line of model.pending ?? []) warnings.push({ text: line });
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
        title: `${nlSignal.letters[letter.kind]} (${formatCardDate(letter.createdAt)})`,
        subject: literal(letter.subject),
        body: literal(letter.body),
      }))
    : [];
  // A closed signal keeps its outcome in view (the decision and its measures) and folds the rest.
  const allSections = sections(signal, model.inviteResponse, redact);
  const folded = signal.status === 'closed' && !model.form;
  const isOutcome = (section: { title: string }) => section.title === nlSignal.card.decision;
  const shownSections = folded ? allSections.filter(isOutcome) : allSections;
  const foldedSections = folded ? allSections.filter((section) => !isOutcome(section)) : [];
  const toggles = [
    ...(folded ? [{ title: nlSignal.card.course, target: 'details' }] : []),
    ...(parentFacts.length > 0 ? [{ title: nlSignal.card.parent, target: 'parentDetails' }] : []),
    ...(letters.length > 0 ? [{ title: nlSignal.card.lettersCount(letters.length), target: 'letters' }] : []),
    { title: nlSignal.card.history, target: 'history' },
  ];
  return expand(template, {
    signalId: signal.id,
    notice: model.notice?.text ?? '',
    noticeStyle: model.notice?.tone ?? 'default',
    sharedChatNotice: hiddenNotice(model),
    title: `${signal.reference} · ${nl.kinds[signal.kind]}`,
    statusText: signal.status === 'open' ? nlSignal.card.open : nlSignal.card.closed,
    statusColor: signal.status === 'open' ? 'Accent' : 'Good',
    facts,
    facts2,
    deadlines: rows,
    warnings,
    description: parent || signal.description ? redact(signal.description) : nlSignal.card.anonymised,
    wish: signal.parentWish ? redact(signal.parentWish) : '',
    parentFacts,
    shownSections,
    foldedSections,
    folded,
    form: formModel(model),
    ...splitActions(model.form ? [] : cardActions(model)),
    toggles,
    letters,
    history,
    texts: { ...nlSignal.card, description: nlSignal.card.description, wish: nlSignal.card.wish },
  });
}

/**
 * Adaptive Card hosts take at most MAX_CARD_ACTIONS actions on a card; what does not fit goes, in
 * rows of that many, behind one more overflow entry that opens them ("Meer acties").
 */
const MAX_CARD_ACTIONS = 5;

type CardAction = ReturnType<typeof cardActions>[number];

function splitActions(actions: CardAction[]): { actions: CardAction[]; moreActions: { actions: CardAction[] }[] } {
  if (actions.length <= MAX_CARD_ACTIONS) return { actions, moreActions: [] };
  const direct = actions.slice(0, MAX_CARD_ACTIONS - 1);
  const rest = actions.slice(MAX_CARD_ACTIONS - 1);
  const moreActions = Array.from({ length: Math.ceil(rest.length / MAX_CARD_ACTIONS) }, (_, row) => ({
    actions: rest.slice(row * MAX_CARD_ACTIONS, row * MAX_CARD_ACTIONS + MAX_CARD_ACTIONS),
  }));
  return { actions: direct, moreActions };
}

/**
 * The card's buttons: the next step(s) primary and positive, everything else this viewer may do in
 * the overflow (Teams' "…"), the AVG requests last.
 */
function cardActions(model: SignalCardModel) {
  const { signal } = model;
  const primary = model.primary ?? [];
  const button = (verb: string, title: string, isPrimary: boolean, move?: MoveName) => ({
    verb,
    title,
    data: { signalId: signal.id, ...(move ? { move } : {}) },
    style: isPrimary ? 'positive' : 'default',
    mode: isPrimary ? 'primary' : 'secondary',
  });
  const planning = model.planInOutlook
    ? [button('planning.offer', model.planInOutlook.title, model.planInOutlook.primary ?? false)]
    : [];
  const extras = model.privacyActions ?? [];
  return [
    ...extras.filter((action) => action.primary).map((action) => button(action.verb, action.title, true)),
    ...primary.map((move) => button('signal.form', moveTitle(move, signal), true, move)),
    ...planning.filter((action) => action.mode === 'primary'),
    ...planning.filter((action) => action.mode === 'secondary'),
    ...model.moves
      .filter((move) => !primary.includes(move))
      .map((move) => button('signal.form', moveTitle(move, signal), false, move)),
    ...extras.filter((action) => !action.primary).map((action) => button(action.verb, action.title, false)),
  ];
}

function anonymiseReason(code: string): string {
  return code in nlSignal.anonymiseReasons
    ? nlSignal.anonymiseReasons[code as keyof typeof nlSignal.anonymiseReasons]
    : literal(code);
}
