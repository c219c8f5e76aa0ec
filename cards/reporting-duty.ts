import template from './reporting-duty.json';
import confirmTemplate from './reporting-duty-confirm.json';
import { expand, type AdaptiveCard } from './render';
import { DUTY_FORMS, type DutyFieldError, type DutyFormMove } from '../src/app/reporting-duty-forms';
import {
  availableDutyMoves,
  consultationOverdue,
  DUTY_STEPS,
  dutyStepStates,
  EVENT_TYPE_OF_DUTY_MOVE,
  OFFENCE_KINDS,
  type DutyStep,
  type DutyStepState,
  type ReportingDuty,
  type ReportingDutySettings,
} from '../src/domain/reporting-duty';
import type { Signal } from '../src/domain/signal';
import { formatDate, formatDateTime, literal } from '../src/i18n/format';
import { nl } from '../src/i18n/nl';
import { nlReportingDuty } from '../src/i18n/nl-reporting-duty';
import { nlSignal } from '../src/i18n/nl-signal';

export interface DutyFormState {
  move: DutyFormMove;
  /** Becomes the event id: a second click records nothing twice. */
  formId: string;
  values?: Record<string, string>;
  errors?: Record<string, DutyFieldError>;
  error?: string;
}

export interface DutyCardModel {
  /** A melding (signal.reportingDuty set); the card is only ever built for the route. */
  signal: Signal & { reportingDuty: ReportingDuty };
  settings: ReportingDutySettings;
  now: Date;
  today: string;
  notice?: { text: string; tone: 'good' | 'warning' | 'attention' };
  form?: DutyFormState;
}

const STATE_COLORS: Record<DutyStepState, string> = {
  done: 'Good',
  open: 'Warning',
  notNeeded: 'Default',
  waiting: 'Default',
};
const DUTY_EVENTS = new Set<string>(Object.values(EVENT_TYPE_OF_DUTY_MOVE));

type Fact = { title: string; value: string };

function stepFacts(duty: ReportingDuty, step: DutyStep): Fact[] {
  const f = nlReportingDuty.fields;
  const by = (who: { recordedBy: { name: string }; recordedAt: string }): Fact => ({
    title: nlReportingDuty.card.recordedBy,
    value: `${literal(who.recordedBy.name)}, ${formatDateTime(who.recordedAt)}`,
  });
  switch (step) {
    case 'consultation': {
      const c = duty.consultation;
      if (!c) return [];
      return [
        { title: f.on!, value: `${formatDate(c.on)} ${c.time}` },
        { title: f.inspector!, value: literal(c.inspector) },
        { title: f.offence!, value: nlReportingDuty.offences[c.offence] },
        { title: f.advice!, value: literal(c.advice) },
        by(c),
      ];
    }
    case 'conclusion': {
      const c = duty.conclusion;
      if (!c) return [];
      return [
        { title: f.reasonableSuspicion!, value: c.reasonableSuspicion ? nlReportingDuty.yes : nlReportingDuty.no },
        { title: f.explanation!, value: literal(c.explanation) },
        by(c),
      ];
    }
    case 'policeReport': {
      const p = duty.policeReport;
      if (!p) return [];
      return [{ title: f.on!, value: `${formatDate(p.on)} ${p.time}` }, { title: f.by!, value: literal(p.by) }, by(p)];
    }
    case 'measures': {
      const m = duty.measures;
      if (!m) return [];
      return [
        { title: f.employee!, value: literal(m.employee) },
        { title: f.parents!, value: literal(m.parents) },
        by(m),
      ];
    }
    case 'aftercare': {
      const a = duty.aftercare;
      return a ? [{ title: f.text!, value: literal(a.text) }, by(a)] : [];
    }
  }
}

function formModel(model: DutyCardModel) {
  const { form } = model;
  if (!form) return null;
  const fields = DUTY_FORMS[form.move].map((spec) => {
    const options =
      spec.options === 'offence'
        ? OFFENCE_KINDS.map((value) => ({ value, title: nlReportingDuty.offences[value] }))
        : spec.options === 'yesNo'
          ? [
              { value: 'yes', title: nlReportingDuty.yes },
              { value: 'no', title: nlReportingDuty.no },
            ]
          : [];
    const code = form.errors?.[spec.id];
    return {
      id: spec.id,
      kind: spec.kind,
      label: `${nlReportingDuty.fields[spec.id] ?? spec.id} *`,
      requiredMessage: nl.intakeErrors.required,
      value: form.values?.[spec.id] ?? (spec.defaultToday ? model.today : ''),
      placeholder: nlReportingDuty.card.placeholderChoose,
      options,
      error: code ? nlReportingDuty.fieldErrors[code] : '',
    };
  });
  return {
    move: form.move,
    formId: form.formId,
    title: nlReportingDuty.moves[form.move],
    intro: nlReportingDuty.moveIntro[form.move],
    error: form.error ?? '',
    fields,
  };
}

/** The melding's own card: its steps with their data and times, the clock, the inspector's contact. */
export function reportingDutyCard(model: DutyCardModel): AdaptiveCard {
  const { signal, settings } = model;
  const duty = signal.reportingDuty;
  const texts = nlReportingDuty.card;
  const states = dutyStepStates(duty);
  const late = consultationOverdue(duty, model.now);
  const consultState = duty.consultation ? texts.consultDone : late ? nl.deadlineStates.late : texts.consultOnTime;
  const inspector = settings.inspector;
  return expand(template, {
    signalId: signal.id,
    today: model.today,
    notice: model.notice?.text ?? '',
    noticeStyle: model.notice?.tone ?? 'default',
    title: texts.title(signal.reference),
    consultLate: late,
    facts: [
      {
        title: texts.route,
        value: settings.route.map((p) => `${literal(p.name)} (${nlReportingDuty.functions[p.function]})`).join(', '),
      },
      { title: texts.flaggedAt, value: `${formatDateTime(duty.flaggedAt)} (${nlReportingDuty.via[duty.via]})` },
      { title: texts.flaggedBy, value: literal(duty.flaggedBy.name) },
      { title: texts.consultBy, value: `${formatDateTime(duty.consultBy)} · ${consultState}` },
    ],
    inspectorFacts: [
      { title: texts.inspectorName, value: literal(inspector.name) },
      { title: texts.phone, value: literal(inspector.phone) },
      ...(inspector.email ? [{ title: texts.email, value: literal(inspector.email) }] : []),
      ...(inspector.note ? [{ title: texts.inspectorNote, value: literal(inspector.note) }] : []),
    ],
    steps: DUTY_STEPS.map((step) => ({
      title: nlReportingDuty.steps[step],
      state: nlReportingDuty.stepStates[states[step]],
      color: STATE_COLORS[states[step]],
      facts: stepFacts(duty, step),
    })),
    form: formModel(model),
    moves: model.form
      ? []
      : availableDutyMoves(signal).map((move) => ({ move, title: nlReportingDuty.moves[move as DutyFormMove] })),
    history: signal.history
      .filter((event) => DUTY_EVENTS.has(event.type))
      .reverse()
      .map((event) => ({
        when: formatDateTime(event.at),
        what: `${nlSignal.events[event.type]} · ${literal(event.actor.name)}`,
      })),
    texts: { ...texts, history: nlSignal.card.history },
  });
}

/** "Doorgeven als melding?": the flag cannot be undone, so it is asked once more. */
export function reportingDutyConfirmCard(model: { signalId: string; formId: string }): AdaptiveCard {
  return expand(confirmTemplate, { ...nlReportingDuty.flagConfirm, ...model });
}
