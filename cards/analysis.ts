import template from './analysis.json';
import { expand, type AdaptiveCard } from './render';
import { COMPARISON_KEYS, keyFigures, presentKeyFigure } from '../src/domain/analysis';
import { missingReportSettings } from '../src/domain/report-content';
import {
  AUDIENCE_MOVES,
  adoptingMembers,
  ggdDeadline,
  isInterim,
  ggdDeadlineState,
  ggdMailKey,
  mailingOf,
  measureDeadlineProblem,
  type AnalysisStatus,
  type AnnualAnalysis,
  type GgdDeadlineState,
} from '../src/domain/analysis-workflow';
import { formatDate, formatDateTime, literal } from '../src/i18n/format';
import { nlAnalysis } from '../src/i18n/nl-analysis';
import { formatCell } from '../src/adapters/documents/report-model';

/** The forms the card can show, one at a time. */
export const ANALYSIS_FORMS = [
  'comment',
  'measure',
  'measureStatus',
  'sentToGgd',
  'ggdMail',
  'measuresSummary',
  'audience',
] as const;
export type AnalysisFormName = (typeof ANALYSIS_FORMS)[number];

export interface AnalysisFormField {
  id: string;
  kind: 'multiline' | 'date' | 'choice';
  options?: { title: string; value: string }[];
  /** Default true. */
  required?: boolean;
}

export interface AnalysisFormState {
  name: AnalysisFormName;
  /** The form's own id (a new measure's id), so a second click records nothing twice. */
  formId: string;
  /** What the user typed, shown again after a refusal. */
  values?: Record<string, string>;
  /** Field ids the use case refused. */
  errors?: readonly string[];
  error?: string;
  /**
   * The form no longer fits (e.g. the MT adopted while a comment was typed): it shows what was
   * typed and the reason, with only a close button, so nothing typed is lost from sight.
   */
  closed?: boolean;
}

/** The fields of each form where the user types free text (worth keeping after a refusal). */
const TEXT_FIELDS: Record<AnalysisFormName, readonly string[]> = {
  comment: ['comment'],
  measure: ['description'],
  measureStatus: [],
  sentToGgd: [],
  ggdMail: ['note'],
  measuresSummary: ['summary'],
  audience: [],
};

/** True when the user typed free text in this form (a comment, a description, a note). */
export const hasTypedText = (name: AnalysisFormName, values: Record<string, string> | undefined): boolean =>
  TEXT_FIELDS[name].some((field) => (values?.[field] ?? '').trim().length > 0);

/** Buttons this viewer may press now (the use cases check again). */
export interface AnalysisCardPermissions {
  review: boolean;
  submit: boolean;
  addMeasure: boolean;
  updateMeasures: boolean;
  sendToGgd: boolean;
  inform: boolean;
}

export interface AnalysisCardModel {
  analysis: AnnualAnalysis;
  now: Date;
  permissions: AnalysisCardPermissions;
  /** People a measure can be given to (for the owner choice). */
  owners: { id: string; name: string }[];
  today: string;
  notice?: { text: string; tone: 'good' | 'warning' | 'attention' };
  form?: AnalysisFormState;
  /**
   * What Klantsignaal can send itself here (a mailer is wired): the documents to the location
   * managers, and to the GGD when its address (GGD_EMAIL) is set. Absent: steps are only recorded.
   */
  mail?: { ggdAddress?: string };
}

const STATUS_COLORS: Record<AnalysisStatus, string> = {
  draft: 'Accent',
  adopted: 'Good',
  sentToGgd: 'Good',
  locationManagersInformed: 'Good',
};
const GGD_COLORS: Record<GgdDeadlineState, string> = {
  notDue: 'Default',
  remind: 'Warning',
  late: 'Attention',
  sent: 'Good',
};
const MAX_REVIEWS = 12;
const MAX_MEASURES = 25;
const texts = nlAnalysis.card;

function fieldsFor(model: AnalysisCardModel, name: AnalysisFormName): AnalysisFormField[] {
  switch (name) {
    case 'comment':
      return [{ id: 'comment', kind: 'multiline' }];
    case 'measure':
      return [
        { id: 'description', kind: 'multiline' },
        {
          id: 'owner',
          kind: 'choice',
          options: model.owners.map((person) => ({ title: person.name, value: person.id })),
        },
        { id: 'deadline', kind: 'date' },
      ];
    case 'measureStatus':
      return [
        {
          id: 'measureId',
          kind: 'choice',
          options: model.analysis.measures.map((measure) => ({
            title: measure.description.slice(0, 80),
            value: measure.id,
          })),
        },
        {
          id: 'status',
          kind: 'choice',
          options: Object.entries(nlAnalysis.measureStatuses).map(([value, title]) => ({ title, value })),
        },
      ];
    case 'sentToGgd':
      return [
        { id: 'on', kind: 'date' },
        {
          id: 'via',
          kind: 'choice',
          options: Object.entries(texts.ggdChannels).map(([value, title]) => ({ title, value })),
        },
      ];
    case 'ggdMail':
      return [{ id: 'note', kind: 'multiline', required: false }];
    case 'measuresSummary':
      return [{ id: 'summary', kind: 'multiline' }];
    case 'audience':
      return [
        {
          id: 'audience',
          kind: 'choice',
          options: (model.analysis.content?.audiences ?? []).map((name) => ({ title: name, value: name })),
        },
        {
          id: 'move',
          kind: 'choice',
          options: AUDIENCE_MOVES.map((move) => ({ title: texts.audienceMoves[move], value: move })),
        },
        { id: 'on', kind: 'date' },
      ];
  }
}

/** The line under a form's title: what pressing its button will do. */
function formIntro(model: AnalysisCardModel, name: AnalysisFormName): string {
  const address = model.mail?.ggdAddress;
  if (name !== 'ggdMail' || !address) return '';
  const year = model.analysis.year;
  return texts.ggdMailIntro(
    literal(address),
    `${nlAnalysis.fileName(year, 'docx')} en ${nlAnalysis.fileName(year, 'csv')}`,
  );
}

const FORM_VERBS: Record<AnalysisFormName, string> = {
  comment: 'analysis.comment',
  measure: 'analysis.measure.add',
  measureStatus: 'analysis.measure.status',
  sentToGgd: 'analysis.sentToGgd',
  ggdMail: 'analysis.ggdMail',
  measuresSummary: 'analysis.measuresSummary',
  audience: 'analysis.audience',
};

function formModel(model: AnalysisCardModel) {
  const { form } = model;
  if (!form) return null;
  const defaults: Record<string, string> = {
    on: model.today,
    via: 'email',
    summary: model.analysis.measuresSummary?.text ?? '',
  };
  return {
    title: texts.forms[form.name],
    intro: formIntro(model, form.name),
    verb: FORM_VERBS[form.name],
    submitTitle: form.name === 'ggdMail' ? texts.buttons.send : texts.buttons.save,
    submittable: !form.closed,
    cancelTitle: form.closed ? texts.buttons.close : texts.buttons.cancel,
    formId: form.formId,
    error: form.error ?? '',
    fields: fieldsFor(model, form.name).map((field) => ({
      id: field.id,
      kind: field.kind,
      required: field.required ?? true,
      label: texts.fields[field.id as keyof typeof texts.fields] ?? field.id,
      requiredMessage: texts.required,
      value: form.values?.[field.id] ?? defaults[field.id] ?? '',
      placeholder: texts.choose,
      options: field.options ?? [],
      error: form.errors?.includes(field.id) ? fieldError(model, form, field.id) : '',
    })),
  };
}

/** The message under a refused field: for an action's deadline, what was wrong with the date. */
function fieldError(model: AnalysisCardModel, form: AnalysisFormState, field: string): string {
  if (form.name === 'measure' && field === 'deadline') {
    const problem = measureDeadlineProblem(form.values?.deadline, model.now);
    if (problem) return texts.deadlineErrors[problem];
  }
  return texts.fieldError;
}

function buttons(model: AnalysisCardModel) {
  const { permissions: can, analysis } = model;
  const list: { verb: string; title: string; style: string; form: string }[] = [];
  const add = (verb: string, title: string, form = '', style = 'default') => list.push({ verb, title, style, form });
  if (model.form) return list;
  if (can.review && analysis.status === 'draft') {
    add('analysis.adopt', texts.buttons.adopt, '', 'positive');
    add('analysis.form', texts.buttons.comment, 'comment');
  }
  if (can.submit && analysis.status === 'draft') {
    add('analysis.form', texts.buttons.measuresSummary, 'measuresSummary');
    add('analysis.submit', texts.buttons.submit);
  }
  if (can.addMeasure && analysis.status !== 'draft') add('analysis.form', texts.buttons.addMeasure, 'measure');
  if (can.updateMeasures && analysis.measures.length > 0)
    add('analysis.form', texts.buttons.measureStatus, 'measureStatus');
  if (can.sendToGgd && analysis.status === 'adopted') {
    if (model.mail?.ggdAddress) add('analysis.form', texts.buttons.mailToGgd, 'ggdMail', 'positive');
    add('analysis.form', texts.buttons.sentToGgd, 'sentToGgd');
  }
  if (can.inform && analysis.status === 'sentToGgd') {
    add('analysis.informed', model.mail ? texts.buttons.informByMail : texts.buttons.informed);
  }
  if (can.inform && analysis.status !== 'draft' && (analysis.content?.audiences ?? []).length > 0) {
    add('analysis.form', texts.buttons.audience, 'audience');
  }
  add('analysis.refresh', texts.buttons.refresh);
  return list;
}

/** The yearly analysis as a card: state, exact key figures, MT reviews, measures, buttons. */
export function analysisCard(model: AnalysisCardModel): AdaptiveCard {
  const { analysis, now } = model;
  const adopters = adoptingMembers(analysis);
  const ggdState = ggdDeadlineState(analysis.year, now, analysis.sentToGgd?.on);
  const facts: { title: string; value: string }[] = [
    { title: texts.facts.status, value: texts.statuses[analysis.status] },
    { title: texts.facts.computed, value: formatDateTime(analysis.computedAt) },
    {
      title: texts.facts.adoptions,
      value: texts.adoptions(
        adopters.length,
        analysis.settings.requiredAdoptions,
        adopters.map((person) => literal(person.name)).join(', '),
      ),
    },
  ];
  const missing = missingReportSettings(analysis.content);
  if (analysis.status === 'draft' && missing.length > 0) {
    facts.push({
      title: texts.facts.missing,
      value: missing.map((key) => nlAnalysis.settings[key]).join('; '),
    });
  }
  if (analysis.measuresSummary) {
    facts.push({ title: texts.facts.measuresSummary, value: literal(analysis.measuresSummary.text) });
  }
  const submittedTo = (analysis.submittedToMt?.deliveries ?? []).filter((delivery) => delivery.state === 'delivered');
  if (analysis.status === 'draft' && submittedTo.length > 0) {
    facts.push({
      title: texts.facts.submittedToMt,
      value: texts.submittedLine(submittedTo.map((delivery) => literal(delivery.to.name)).join(', ')),
    });
  }
  if (analysis.sentToGgd) {
    const mailed = mailingOf(analysis, ggdMailKey(analysis.year));
    facts.push({
      title: texts.facts.sentToGgd,
      value:
        texts.sentLine(
          formatDate(analysis.sentToGgd.on),
          literal(analysis.sentToGgd.by.name),
          mailed?.state === 'sent' && mailed.to.kind === 'ggd'
            ? texts.sentByMailTo(literal(mailed.to.email))
            : texts.ggdChannels[analysis.sentToGgd.via],
        ) + (analysis.sentToGgd.late ? ` · ${texts.sentLate}` : ''),
    });
  }
  for (const audience of analysis.audiences ?? []) {
    facts.push({
      title: literal(audience.name),
      value: texts.audienceLine(
        audience.sharedOn ? formatDate(audience.sharedOn) : undefined,
        audience.discussedOn ? formatDate(audience.discussedOn) : undefined,
      ),
    });
  }
  if (analysis.informed) {
    const mailedTo = (analysis.mailings ?? []).flatMap((mailing) =>
      mailing.state === 'sent' && mailing.to.kind === 'locationManager' ? [literal(mailing.to.name)] : [],
    );
    const line = texts.informedLine(
      formatDate(analysis.informed.at),
      analysis.informed.audiences.map((name) => `de ${literal(name)}`).join(', '),
    );
    facts.push({
      title: texts.facts.informed,
      value: mailedTo.length > 0 ? `${line} · ${texts.mailedTo(mailedTo.join(', '))}` : line,
    });
  }
  const ggdMailTo =
    model.permissions.sendToGgd && analysis.status === 'adopted' && model.mail?.ggdAddress
      ? ` · ${texts.ggdMailTo(literal(model.mail.ggdAddress))}`
      : '';
  const figures = keyFigures(analysis.figures.organisation);
  const reviews = analysis.reviews
    .slice(-MAX_REVIEWS)
    .reverse()
    .map((review) => ({
      title: `${literal(review.by.name)} (${formatDateTime(review.at)})`,
      value: [
        review.verdict === 'adopt' ? texts.reviewAdopted : texts.reviewComment(literal(review.comment ?? '')),
        review.onFiguresOf === analysis.computedAt ? '' : texts.reviewOutdated,
      ]
        .filter(Boolean)
        .join(' '),
    }));
  const measures = analysis.measures.slice(0, MAX_MEASURES).map((measure) => ({
    title: literal(measure.description),
    value: texts.measureLine(
      literal(measure.owner.name),
      formatDate(measure.deadline),
      nlAnalysis.measureStatuses[measure.status],
    ),
  }));
  return expand(template, {
    year: analysis.year,
    notice: model.notice?.text ?? '',
    noticeStyle: model.notice?.tone ?? 'default',
    title: isInterim(analysis.year, new Date(analysis.computedAt))
      ? nlAnalysis.interimTitle(analysis.year)
      : nlAnalysis.title(analysis.year),
    statusText: texts.statuses[analysis.status],
    statusColor: STATUS_COLORS[analysis.status],
    facts,
    ggdText: `${texts.facts.ggd}: ${texts.ggdLine(texts.ggdStates[ggdState], formatDate(ggdDeadline(analysis.year)))}${ggdMailTo}`,
    ggdColor: GGD_COLORS[ggdState],
    keyFigures: COMPARISON_KEYS.map((key) => ({
      title: nlAnalysis.comparison[key],
      value: formatCell(presentKeyFigure(figures[key])),
    })),
    legend: nlAnalysis.legend,
    reviews,
    showMeasures: analysis.status !== 'draft' || measures.length > 0,
    measures,
    form: formModel(model),
    buttons: buttons(model),
    texts,
  });
}
