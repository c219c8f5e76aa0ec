/**
 * The life of a yearly analysis: drafted by staf kw → adopted by the MT → actions and measures
 * followed up → sent to the GGD (before 1 June) → location managers informed for the parent bodies.
 *
 * Pure functions returning a new record with one event appended, like process.ts does for signals.
 * Decisions:
 * - Each MT member adopts or comments; their latest verdict on the current figures counts. The
 *   analysis is adopted when `requiredAdoptions` distinct MT members adopt (a setting). Once adopted
 *   the figures are frozen: that is what the MT signed off and what goes to the GGD.
 * - A draft may be recomputed (new signals came in); adoptions given on older figures then no longer
 *   count (each review records the figures it was given on; nothing is deleted).
 * - Actions and measures may be recorded from adoption on (the MT decides them on the adopted
 *   analysis) and their status updated at any later point; sending to the GGD does not wait for
 *   them, since the GGD report lists measures decided, not completed.
 * - Deadline: the report goes to the GGD "vóór 1 juni" of the next year. Reminders start on
 *   1 April; on 1 June itself it is late (before 1 June means 31 May at the latest). A send after
 *   31 May is still recorded, as late, with its date.
 * - The organisation's own texts (report-content.ts) are kept with the figures. Without its
 *   description of the scheme and of how parents were informed the draft cannot go to the MT, nor
 *   be adopted (`missingSettings`, naming what is missing).
 * - Audiences (parent committees, the parent council; a setting): per audience the record keeps
 *   when the report was shared and, when known, discussed.
 */
import { DateTime } from 'luxon';
import type { YearFigures } from './analysis';
import { ZONE, amsterdamDate } from './deadlines';
import { isPlausibleFutureDate } from './process';
import type { Role } from './organisation';
import type { PersonRef } from './signal';
import { missingReportSettings, type ReportContent, type RequiredReportSetting } from './report-content';

export const ANALYSIS_STATUSES = ['draft', 'adopted', 'sentToGgd', 'locationManagersInformed'] as const;
export type AnalysisStatus = (typeof ANALYSIS_STATUSES)[number];

export const REVIEW_VERDICTS = ['adopt', 'comment'] as const;
export type ReviewVerdict = (typeof REVIEW_VERDICTS)[number];

export const MEASURE_STATUSES = ['planned', 'inProgress', 'done', 'cancelled'] as const;
export type MeasureStatus = (typeof MEASURE_STATUSES)[number];

export const GGD_SEND_CHANNELS = ['email', 'manual'] as const;
export type GgdSendChannel = (typeof GGD_SEND_CHANNELS)[number];

/** Whoever acts, with the roles the directory gave them. */
export interface AnalysisActor {
  id: string;
  name: string;
  roles: readonly Role[];
}

/** Who may see the analysis (it holds no personal data, but it is the MT's to adopt): staf kw and the MT. */
export const mayViewAnalysis = (roles: readonly Role[]): boolean => roles.includes('quality') || roles.includes('mt');

export interface AnalysisSettings {
  /** Distinct MT members that must adopt. */
  requiredAdoptions: number;
}

export const DEFAULT_ANALYSIS_SETTINGS: AnalysisSettings = { requiredAdoptions: 2 };

export interface MtReview {
  /** The card form's id (the comment form), so the same form sent twice is stored once. */
  id?: string;
  by: PersonRef;
  verdict: ReviewVerdict;
  comment?: string;
  at: string;
  /** `computedAt` of the figures reviewed. */
  onFiguresOf: string;
}

export interface AnalysisMeasure {
  id: string;
  description: string;
  owner: PersonRef;
  /** yyyy-mm-dd. */
  deadline: string;
  status: MeasureStatus;
  createdBy: PersonRef;
  createdAt: string;
  updatedAt: string;
}

export const ANALYSIS_EVENT_TYPES = [
  'drafted',
  'recomputed',
  'reviewed',
  'adopted',
  'measureAdded',
  'measureUpdated',
  'sentToGgd',
  'locationManagersInformed',
  'mailSent',
  'submittedToMt',
  'audienceShared',
  'audienceDiscussed',
  'measuresSummarised',
] as const;
export type AnalysisEventType = (typeof ANALYSIS_EVENT_TYPES)[number];

export interface AnalysisEvent {
  type: AnalysisEventType;
  at: string;
  by: PersonRef;
  note?: string;
}

export interface AnnualAnalysis {
  /** `analysis-<year>`: one analysis per calendar year. */
  id: string;
  year: number;
  status: AnalysisStatus;
  settings: AnalysisSettings;
  figures: YearFigures;
  /** The year before, for the comparison; absent in the first year of use. */
  previousFigures?: YearFigures;
  computedAt: string;
  draftedBy: PersonRef;
  draftedAt: string;
  reviews: MtReview[];
  adoptedAt?: string;
  measures: AnalysisMeasure[];
  sentToGgd?: {
    on: string;
    by: PersonRef;
    via: GgdSendChannel;
    recordedAt: string;
    /** Sent after 31 May of the next year. Absent on records from before it was kept. */
    late?: boolean;
  };
  /** The organisation's own texts and audiences; absent on records from before they were kept. */
  content?: ReportContent;
  /**
   * Staf kw's summary of the nature of the measures taken on individual complaints, and their
   * status: the decisions' own texts are never copied into the report.
   */
  measuresSummary?: { text: string; by: PersonRef; at: string };
  /** Per audience (by name): when the report was shared and when discussed (yyyy-mm-dd). */
  audiences?: AudienceRecord[];
  informed?: { at: string; by: PersonRef; audiences: string[] };
  /** The e-mails Klantsignaal sent (or tried) with the documents; absent until the first. */
  mailings?: AnalysisMailing[];
  /** Staf kw's "Naar het MT sturen": the draft as a card to each MT member; absent until pressed with a sender. */
  submittedToMt?: MtSubmission;
  history: AnalysisEvent[];
}

export interface AudienceRecord {
  name: string;
  sharedOn?: string;
  discussedOn?: string;
}

export const MT_DELIVERY_STATES = ['sending', 'delivered', 'failed', 'unconfirmed'] as const;
export type MtDeliveryState = (typeof MT_DELIVERY_STATES)[number];

/**
 * The draft's card to one MT member, with the rules of the mailings: claimed before it is sent, so a
 * second press (or Teams re-sending the slow turn) finds it `sending` or `delivered` and sends
 * nothing; a claim that ran out, or a send that broke off after the request may have reached Teams
 * (a timeout, a 5xx, a connection reset), may have been delivered, so it becomes `unconfirmed`, never
 * resent; `failed` (no personal chat yet, Teams refused, or the request never left) is tried again on
 * the next press (docs/adr/0004-exactly-once.md).
 */
export interface MtDelivery {
  to: PersonRef;
  state: MtDeliveryState;
  attempts: number;
  updatedAt: string;
  /** While `sending`. */
  claimedUntil?: string;
  deliveredAt?: string;
}

export interface MtSubmission {
  /** The first press. */
  at: string;
  by: PersonRef;
  /** One per MT member, by member id. */
  deliveries: MtDelivery[];
}

export const MAILING_STATES = ['sending', 'sent', 'failed', 'unconfirmed'] as const;
export type MailingState = (typeof MAILING_STATES)[number];

/** Whom a mailing is for; a location manager by id, since their address may change. */
export type MailingRecipient = { kind: 'ggd'; email: string } | { kind: 'locationManager'; id: string; name: string };

/**
 * One e-mail with the analysis' documents, kept by key with the rules of the signals' outbox
 * (src/app/outbox.ts): claimed before it is sent, so a second press finds it `sending` or `sent`;
 * a claim that ran out (the sender stopped) may have sent, so it becomes `unconfirmed`, never
 * resent; `failed` (the mail service refused or was unreachable) may be tried again.
 */
export interface AnalysisMailing {
  /** The letter's idempotency key (ggdMailKey, locationManagerMailKey). */
  key: string;
  to: MailingRecipient;
  state: MailingState;
  attempts: number;
  updatedAt: string;
  /** While `sending`. */
  claimedUntil?: string;
  sentAt?: string;
  /** The mail service's answer, without personal data. */
  lastError?: string;
}

export const WORKFLOW_ERRORS = [
  /** The actor lacks the role for this step (e.g. a non-MT person adopting). */
  'notAllowed',
  /** The step does not fit the analysis' status (e.g. sending a draft to the GGD). */
  'wrongStatus',
  'alreadyDone',
  'unknownMeasure',
  'invalidInput',
  /** The record kept changing under the step (use cases only, after their retries): try again. */
  'conflict',
  /** The organisation's own texts the report needs are not set (`missing` names them). */
  'missingSettings',
] as const;
export type WorkflowError = (typeof WORKFLOW_ERRORS)[number];

export type WorkflowResult =
  | {
      ok: true;
      analysis: AnnualAnalysis;
      /** The same step again (a re-sent turn, a second press): nothing changed, save nothing. */
      duplicate?: true;
    }
  | WorkflowRefusal;

export type WorkflowRefusal = {
  ok: false;
  error: WorkflowError;
  field?: string;
  /** With `missingSettings`. */
  missing?: RequiredReportSetting[];
};

const MAX_TEXT = 4000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export const analysisId = (year: number): string => `analysis-${year}`;
export const ggdMailKey = (year: number): string => `${analysisId(year)}-ggd`;
export const locationManagerMailKey = (year: number, personId: string): string => `${analysisId(year)}-lm-${personId}`;

const ref = (actor: AnalysisActor): PersonRef => ({ id: actor.id, name: actor.name });
const has = (actor: AnalysisActor, ...roles: Role[]): boolean => roles.some((role) => actor.roles.includes(role));
const fail = (error: WorkflowError, field?: string): WorkflowRefusal => ({
  ok: false,
  error,
  ...(field ? { field } : {}),
});
const isText = (value: unknown): value is string =>
  typeof value === 'string' && value.trim().length > 0 && value.length <= MAX_TEXT;
const isDate = (value: unknown): value is string =>
  typeof value === 'string' && ISO_DATE.test(value) && DateTime.fromISO(value, { zone: ZONE }).isValid;

/** How far back a measure's deadline may lie: an action already under way. */
export const MEASURE_DEADLINE_YEARS_BACK = 1;

/**
 * What is wrong with a measure's deadline, if anything: not a real yyyy-mm-dd date, or not one
 * someone can mean — more than MEASURE_DEADLINE_YEARS_BACK back or MAX_YEARS_AHEAD ahead
 * (isPlausibleFutureDate). A two-digit year (0027) would otherwise reach the reminder calendar.
 * The card uses it too, to say which of the two it was.
 */
export function measureDeadlineProblem(date: unknown, at: Date): 'invalidDate' | 'dateOutOfRange' | undefined {
  if (!isDate(date)) return 'invalidDate';
  const today = amsterdamDate(at);
  const earliest = DateTime.fromISO(today, { zone: ZONE }).minus({ years: MEASURE_DEADLINE_YEARS_BACK }).toISODate()!;
  return isPlausibleFutureDate(date, earliest, today) ? undefined : 'dateOutOfRange';
}

function withEvent(analysis: AnnualAnalysis, change: Partial<AnnualAnalysis>, event: AnalysisEvent): AnnualAnalysis {
  return { ...analysis, ...change, history: [...analysis.history, event] };
}

export interface DraftInput {
  figures: YearFigures;
  previousFigures?: YearFigures;
  settings: AnalysisSettings;
  /** The organisation's texts as set now; missing ones are named on the draft and block the MT. */
  content: ReportContent;
}

/** Refuses when the organisation's required texts are missing from the record. */
function missingSettingsRefusal(analysis: AnnualAnalysis): WorkflowRefusal | undefined {
  const missing = missingReportSettings(analysis.content);
  return missing.length > 0 ? { ok: false, error: 'missingSettings', missing } : undefined;
}

/** Staf kw starts the analysis of a year. */
export function draftAnalysis(input: DraftInput, actor: AnalysisActor, at: Date): WorkflowResult {
  if (!has(actor, 'quality')) return fail('notAllowed');
  const { settings } = input;
  if (!Number.isInteger(settings.requiredAdoptions) || settings.requiredAdoptions < 1) {
    return fail('invalidInput', 'requiredAdoptions');
  }
  const now = at.toISOString();
  const by = ref(actor);
  return {
    ok: true,
    analysis: {
      id: analysisId(input.figures.year),
      year: input.figures.year,
      status: 'draft',
      settings: { requiredAdoptions: settings.requiredAdoptions },
      figures: input.figures,
      content: input.content,
      ...(input.previousFigures ? { previousFigures: input.previousFigures } : {}),
      computedAt: now,
      draftedBy: by,
      draftedAt: now,
      reviews: [],
      measures: [],
      history: [{ type: 'drafted', at: now, by }],
    },
  };
}

/**
 * New figures for a draft (signals changed since), with the organisation's texts as set now;
 * adoptions on the old figures stop counting.
 */
export function recomputeDraft(
  analysis: AnnualAnalysis,
  input: Omit<DraftInput, 'settings'>,
  actor: AnalysisActor,
  at: Date,
): WorkflowResult {
  const { figures, previousFigures, content } = input;
  if (!has(actor, 'quality')) return fail('notAllowed');
  if (analysis.status !== 'draft') return fail('wrongStatus');
  if (figures.year !== analysis.year) return fail('invalidInput', 'figures');
  const now = at.toISOString();
  const { previousFigures: _old, ...rest } = analysis;
  return {
    ok: true,
    analysis: withEvent(
      { ...rest, ...(previousFigures ? { previousFigures } : {}) },
      { figures, computedAt: now, content },
      { type: 'recomputed', at: now, by: ref(actor) },
    ),
  };
}

/** MT members whose latest verdict on the current figures is "adopt". */
export function adoptingMembers(analysis: AnnualAnalysis): PersonRef[] {
  const latest = new Map<string, MtReview>();
  for (const review of analysis.reviews) {
    if (review.onFiguresOf === analysis.computedAt) latest.set(review.by.id, review);
  }
  return [...latest.values()].filter((review) => review.verdict === 'adopt').map((review) => review.by);
}

export interface ReviewInput {
  verdict: ReviewVerdict;
  comment?: string;
  /** The card form's id (the comment form): the same form again is recognised and stores nothing. */
  id?: string;
}

/**
 * An MT member adopts or comments (the adoption card's two buttons). Idempotent: a comment whose
 * form id this member already used, or "adopt" from a member whose adoption on these figures
 * already counts, is a duplicate (nothing saved, answered as the first). After adoption a comment
 * no longer fits (wrongStatus); another member's adopt is alreadyDone.
 */
export function reviewAnalysis(
  analysis: AnnualAnalysis,
  input: ReviewInput,
  actor: AnalysisActor,
  at: Date,
): WorkflowResult {
  if (!has(actor, 'mt')) return fail('notAllowed');
  if (isText(input.id) && analysis.reviews.some((review) => review.id === input.id && review.by.id === actor.id)) {
    return { ok: true, analysis, duplicate: true };
  }
  const adopting = adoptingMembers(analysis).some((member) => member.id === actor.id);
  if (input.verdict === 'adopt' && adopting && !input.comment?.trim()) return { ok: true, analysis, duplicate: true };
  if (analysis.status !== 'draft') {
    return fail(input.verdict === 'adopt' && analysis.adoptedAt ? 'alreadyDone' : 'wrongStatus');
  }
  if (!(REVIEW_VERDICTS as readonly string[]).includes(input.verdict)) return fail('invalidInput', 'verdict');
  const comment = typeof input.comment === 'string' ? input.comment.trim() : undefined;
  if (input.verdict === 'comment' && !isText(comment)) return fail('invalidInput', 'comment');
  if (input.verdict === 'adopt') {
    const refusal = missingSettingsRefusal(analysis);
    if (refusal) return refusal;
  }
  if (comment !== undefined && comment.length > MAX_TEXT) return fail('invalidInput', 'comment');
  const now = at.toISOString();
  const by = ref(actor);
  const review: MtReview = {
    ...(isText(input.id) ? { id: input.id } : {}),
    by,
    verdict: input.verdict,
    ...(comment ? { comment } : {}),
    at: now,
    onFiguresOf: analysis.computedAt,
  };
  let next = withEvent(
    analysis,
    { reviews: [...analysis.reviews, review] },
    {
      type: 'reviewed',
      at: now,
      by,
      note: input.verdict,
    },
  );
  if (adoptingMembers(next).length >= next.settings.requiredAdoptions) {
    next = withEvent(next, { status: 'adopted', adoptedAt: now }, { type: 'adopted', at: now, by });
  }
  return { ok: true, analysis: next };
}

export interface MeasureInput {
  /** Chosen by the caller (card id) so a re-sent submit is recognised. */
  id: string;
  description: string;
  owner: PersonRef;
  deadline: string;
}

const afterAdoption = (analysis: AnnualAnalysis): boolean => analysis.status !== 'draft';

/** An action or measure the MT decided, with owner and deadline. */
export function addMeasure(
  analysis: AnnualAnalysis,
  input: MeasureInput,
  actor: AnalysisActor,
  at: Date,
): WorkflowResult {
  if (!has(actor, 'mt', 'quality')) return fail('notAllowed');
  if (!afterAdoption(analysis)) return fail('wrongStatus');
  if (!isText(input.id)) return fail('invalidInput', 'id');
  if (analysis.measures.some((measure) => measure.id === input.id)) return fail('alreadyDone');
  if (!isText(input.description)) return fail('invalidInput', 'description');
  if (!input.owner || !isText(input.owner.id) || !isText(input.owner.name)) return fail('invalidInput', 'owner');
  if (measureDeadlineProblem(input.deadline, at)) return fail('invalidInput', 'deadline');
  const now = at.toISOString();
  const measure: AnalysisMeasure = {
    id: input.id,
    description: input.description.trim(),
    owner: { id: input.owner.id, name: input.owner.name },
    deadline: input.deadline,
    status: 'planned',
    createdBy: ref(actor),
    createdAt: now,
    updatedAt: now,
  };
  return {
    ok: true,
    analysis: withEvent(
      analysis,
      { measures: [...analysis.measures, measure] },
      {
        type: 'measureAdded',
        at: now,
        by: ref(actor),
        note: input.id,
      },
    ),
  };
}

/** Status follow-up: the MT, staf kw or the measure's owner. */
export function updateMeasureStatus(
  analysis: AnnualAnalysis,
  measureId: string,
  status: MeasureStatus,
  actor: AnalysisActor,
  at: Date,
): WorkflowResult {
  const measure = analysis.measures.find((item) => item.id === measureId);
  if (!measure) return fail('unknownMeasure');
  if (!has(actor, 'mt', 'quality') && actor.id !== measure.owner.id) return fail('notAllowed');
  if (!(MEASURE_STATUSES as readonly string[]).includes(status)) return fail('invalidInput', 'status');
  // A second press, or a turn Teams re-sent, changes nothing and adds no event.
  if (measure.status === status) return fail('alreadyDone');
  const now = at.toISOString();
  const measures = analysis.measures.map((item) =>
    item.id === measureId ? { ...item, status, updatedAt: now } : item,
  );
  return {
    ok: true,
    analysis: withEvent(
      analysis,
      { measures },
      { type: 'measureUpdated', at: now, by: ref(actor), note: `${measureId}:${status}` },
    ),
  };
}

export interface SentToGgdInput {
  /** yyyy-mm-dd it was sent; not in the future, not before adoption. */
  on: string;
  via: GgdSendChannel;
}

export function markSentToGgd(
  analysis: AnnualAnalysis,
  input: SentToGgdInput,
  actor: AnalysisActor,
  at: Date,
): WorkflowResult {
  if (!has(actor, 'quality')) return fail('notAllowed');
  if (analysis.sentToGgd) return fail('alreadyDone');
  if (analysis.status !== 'adopted') return fail('wrongStatus');
  if (!isDate(input.on) || input.on > amsterdamDate(at) || input.on < amsterdamDate(analysis.adoptedAt!)) {
    return fail('invalidInput', 'on');
  }
  if (!(GGD_SEND_CHANNELS as readonly string[]).includes(input.via)) return fail('invalidInput', 'via');
  const now = at.toISOString();
  const by = ref(actor);
  const late = input.on > ggdDeadline(analysis.year);
  return {
    ok: true,
    analysis: withEvent(
      analysis,
      { status: 'sentToGgd', sentToGgd: { on: input.on, by, via: input.via, recordedAt: now, late } },
      { type: 'sentToGgd', at: now, by, note: late ? `${input.on} late` : input.on },
    ),
  };
}

/** Staf kw shared the document with the location managers for the parent committees / council. */
export function markLocationManagersInformed(
  analysis: AnnualAnalysis,
  audiences: readonly string[],
  actor: AnalysisActor,
  at: Date,
): WorkflowResult {
  if (!has(actor, 'quality')) return fail('notAllowed');
  if (analysis.informed) return fail('alreadyDone');
  if (analysis.status !== 'sentToGgd') return fail('wrongStatus');
  if (!audiences.every(isText)) return fail('invalidInput', 'audiences');
  const now = at.toISOString();
  const by = ref(actor);
  return {
    ok: true,
    analysis: withEvent(
      analysis,
      { status: 'locationManagersInformed', informed: { at: now, by, audiences: [...audiences] } },
      { type: 'locationManagersInformed', at: now, by },
    ),
  };
}

/** Staf kw writes (or rewrites) the summary of the measures while the report is a draft. */
export function summariseMeasures(
  analysis: AnnualAnalysis,
  text: string,
  actor: AnalysisActor,
  at: Date,
): WorkflowResult {
  if (!has(actor, 'quality')) return fail('notAllowed');
  if (analysis.status !== 'draft') return fail('wrongStatus');
  if (!isText(text)) return fail('invalidInput', 'text');
  const trimmed = text.trim();
  if (analysis.measuresSummary?.text === trimmed) return { ok: true, analysis, duplicate: true };
  const now = at.toISOString();
  return {
    ok: true,
    analysis: withEvent(
      analysis,
      { measuresSummary: { text: trimmed, by: ref(actor), at: now } },
      { type: 'measuresSummarised', at: now, by: ref(actor) },
    ),
  };
}

export const AUDIENCE_MOVES = ['shared', 'discussed'] as const;
export type AudienceMove = (typeof AUDIENCE_MOVES)[number];

export interface AudienceInput {
  /** One of the audiences set for the report. */
  audience: string;
  move: AudienceMove;
  /** yyyy-mm-dd; not in the future, not before adoption, discussed not before shared. */
  on: string;
}

export const audienceOf = (analysis: AnnualAnalysis, name: string): AudienceRecord | undefined =>
  analysis.audiences?.find((record) => record.name === name);

/**
 * Staf kw records that the adopted report was shared with an audience, or discussed there (which
 * implies it was shared, on that day at the latest). The same move with the same date is a
 * duplicate; a different date for a move already recorded is alreadyDone (the history keeps the first).
 */
export function recordAudience(
  analysis: AnnualAnalysis,
  input: AudienceInput,
  actor: AnalysisActor,
  at: Date,
): WorkflowResult {
  if (!has(actor, 'quality')) return fail('notAllowed');
  if (!afterAdoption(analysis)) return fail('wrongStatus');
  if (!(analysis.content?.audiences ?? []).includes(input.audience)) return fail('invalidInput', 'audience');
  if (!(AUDIENCE_MOVES as readonly string[]).includes(input.move)) return fail('invalidInput', 'move');
  if (!isDate(input.on) || input.on > amsterdamDate(at) || input.on < amsterdamDate(analysis.adoptedAt!)) {
    return fail('invalidInput', 'on');
  }
  const existing = audienceOf(analysis, input.audience) ?? { name: input.audience };
  const field = input.move === 'shared' ? 'sharedOn' : 'discussedOn';
  if (existing[field] === input.on) return { ok: true, analysis, duplicate: true };
  if (existing[field]) return fail('alreadyDone');
  if (input.move === 'discussed' && existing.sharedOn && input.on < existing.sharedOn)
    return fail('invalidInput', 'on');
  const record: AudienceRecord =
    input.move === 'shared'
      ? { ...existing, sharedOn: input.on }
      : { sharedOn: input.on, ...existing, discussedOn: input.on };
  const audiences = [...(analysis.audiences ?? []).filter((item) => item.name !== input.audience), record];
  const now = at.toISOString();
  return {
    ok: true,
    analysis: withEvent(
      analysis,
      { audiences },
      {
        type: input.move === 'shared' ? 'audienceShared' : 'audienceDiscussed',
        at: now,
        by: ref(actor),
        note: `${input.audience}: ${input.on}`,
      },
    ),
  };
}

// ---- e-mails with the documents ----------------------------------------------------------------

export const mailingOf = (analysis: AnnualAnalysis, key: string): AnalysisMailing | undefined =>
  analysis.mailings?.find((mailing) => mailing.key === key);

function withMailing(analysis: AnnualAnalysis, mailing: AnalysisMailing): AnnualAnalysis {
  const others = (analysis.mailings ?? []).filter((existing) => existing.key !== mailing.key);
  return { ...analysis, mailings: [...others, mailing] };
}

export type MailingClaim =
  | { claimed: true; analysis: AnnualAnalysis }
  | {
      claimed: false;
      state: 'sent' | 'sending' | 'unconfirmed';
      /** Set when the record changed (a claim that ran out became unconfirmed): save it. */
      analysis?: AnnualAnalysis;
    };

/** Takes the mailing for sending now, unless it is sent, being sent, or may have been sent. */
export function claimMailing(
  analysis: AnnualAnalysis,
  key: string,
  to: MailingRecipient,
  at: Date,
  claimMs: number,
): MailingClaim {
  const now = at.toISOString();
  const existing = mailingOf(analysis, key);
  if (existing?.state === 'sent' || existing?.state === 'unconfirmed') return { claimed: false, state: existing.state };
  if (existing?.state === 'sending') {
    if ((existing.claimedUntil ?? existing.updatedAt) > now) return { claimed: false, state: 'sending' };
    const { claimedUntil: _expired, ...rest } = existing;
    return {
      claimed: false,
      state: 'unconfirmed',
      analysis: withMailing(analysis, { ...rest, state: 'unconfirmed', updatedAt: now, lastError: 'claim expired' }),
    };
  }
  return {
    claimed: true,
    analysis: withMailing(analysis, {
      key,
      to,
      state: 'sending',
      attempts: (existing?.attempts ?? 0) + 1,
      updatedAt: now,
      claimedUntil: new Date(at.getTime() + claimMs).toISOString(),
    }),
  };
}

/** The outcome of a claimed mailing: sent (with an event in the history) or failed. */
export function settleMailing(
  analysis: AnnualAnalysis,
  key: string,
  /** `unconfirmed`: the mail service may have taken it (a timeout after sending): never sent again. */
  outcome: { sent: true } | { sent: false; error: string; unconfirmed?: boolean },
  actor: AnalysisActor,
  at: Date,
): AnnualAnalysis {
  const existing = mailingOf(analysis, key);
  if (!existing) return analysis;
  const now = at.toISOString();
  const { claimedUntil: _done, lastError: _previous, ...rest } = existing;
  if (!outcome.sent) {
    const state = outcome.unconfirmed ? 'unconfirmed' : 'failed';
    return withMailing(analysis, { ...rest, state, updatedAt: now, lastError: outcome.error });
  }
  return withEvent(
    withMailing(analysis, { ...rest, state: 'sent', updatedAt: now, sentAt: now }),
    {},
    { type: 'mailSent', at: now, by: ref(actor), note: key },
  );
}

// ---- the draft to the MT as cards ---------------------------------------------------------------

export const mtDeliveryOf = (analysis: AnnualAnalysis, personId: string): MtDelivery | undefined =>
  analysis.submittedToMt?.deliveries.find((delivery) => delivery.to.id === personId);

/** What "Naar het MT sturen" may do now, per MT member. */
export interface MtDeliveryClaim {
  /** Set when the record changed (claims taken, or a claim that ran out became unconfirmed): save it. */
  analysis?: AnnualAnalysis;
  /** Claimed now: send the card to these, then settle each. */
  claimed: PersonRef[];
  /** Had the card already. */
  delivered: PersonRef[];
  /** Another press is sending it right now. */
  sending: PersonRef[];
  /** May have had it (a send was interrupted); not sent again. */
  unconfirmed: PersonRef[];
}

/**
 * Staf kw sends the draft to the MT: claims the card for every member who does not have it yet
 * (new members, and those the bot could not reach before), in one write, before anything is sent.
 */
export function claimMtDeliveries(
  analysis: AnnualAnalysis,
  members: readonly PersonRef[],
  actor: AnalysisActor,
  at: Date,
  claimMs: number,
): ({ ok: true } & MtDeliveryClaim) | WorkflowRefusal {
  if (!has(actor, 'quality')) return fail('notAllowed');
  if (analysis.status !== 'draft') return fail('alreadyDone');
  const refusal = missingSettingsRefusal(analysis);
  if (refusal) return refusal;
  if (members.length === 0 || !members.every((member) => isText(member.id) && isText(member.name))) {
    return fail('invalidInput', 'members');
  }
  const now = at.toISOString();
  const claim: MtDeliveryClaim = { claimed: [], delivered: [], sending: [], unconfirmed: [] };
  const deliveries = [...(analysis.submittedToMt?.deliveries ?? [])];
  const put = (delivery: MtDelivery) => {
    const index = deliveries.findIndex((existing) => existing.to.id === delivery.to.id);
    if (index >= 0) deliveries[index] = delivery;
    else deliveries.push(delivery);
  };
  let changed = false;
  const seen = new Set<string>();
  for (const member of members) {
    if (seen.has(member.id)) continue;
    seen.add(member.id);
    const to: PersonRef = { id: member.id, name: member.name };
    const existing = deliveries.find((delivery) => delivery.to.id === member.id);
    if (existing?.state === 'delivered') claim.delivered.push(existing.to);
    else if (existing?.state === 'unconfirmed') claim.unconfirmed.push(existing.to);
    else if (existing?.state === 'sending' && (existing.claimedUntil ?? existing.updatedAt) > now) {
      claim.sending.push(existing.to);
    } else if (existing?.state === 'sending') {
      const { claimedUntil: _expired, ...rest } = existing;
      put({ ...rest, state: 'unconfirmed', updatedAt: now });
      claim.unconfirmed.push(existing.to);
      changed = true;
    } else {
      put({
        to,
        state: 'sending',
        attempts: (existing?.attempts ?? 0) + 1,
        updatedAt: now,
        claimedUntil: new Date(at.getTime() + claimMs).toISOString(),
      });
      claim.claimed.push(to);
      changed = true;
    }
  }
  if (!changed) return { ok: true, ...claim };
  const submittedToMt: MtSubmission = {
    at: analysis.submittedToMt?.at ?? now,
    by: analysis.submittedToMt?.by ?? ref(actor),
    deliveries,
  };
  return { ok: true, ...claim, analysis: { ...analysis, submittedToMt } };
}

/** How one claimed card ended. */
export type MtDeliveryResult = Exclude<MtDeliveryState, 'sending'>;

/**
 * The outcome of one claimed card: delivered (with a `submittedToMt` event naming the member, like
 * `mailSent` names its key), failed (it cannot have reached them: tried again on the next press) or
 * unconfirmed (the send broke off after it may have reached Teams: never sent again). Undefined:
 * nothing to change.
 */
export function settleMtDelivery(
  analysis: AnnualAnalysis,
  personId: string,
  result: MtDeliveryResult,
  actor: AnalysisActor,
  at: Date,
): AnnualAnalysis | undefined {
  const submission = analysis.submittedToMt;
  const existing = mtDeliveryOf(analysis, personId);
  if (!submission || !existing || existing.state === 'delivered') return undefined;
  const now = at.toISOString();
  const { claimedUntil: _done, ...rest } = existing;
  const delivered = result === 'delivered';
  const settled: MtDelivery = delivered
    ? { ...rest, state: 'delivered', updatedAt: now, deliveredAt: now }
    : { ...rest, state: result, updatedAt: now };
  const next: AnnualAnalysis = {
    ...analysis,
    submittedToMt: {
      ...submission,
      deliveries: submission.deliveries.map((delivery) => (delivery.to.id === personId ? settled : delivery)),
    },
  };
  return delivered ? withEvent(next, {}, { type: 'submittedToMt', at: now, by: ref(actor), note: personId }) : next;
}

// ---- the GGD deadline and reminders ------------------------------------------------------------

/** 'notDue' before 1 April of the next year; 'remind' 1 April – 31 May; 'late' from 1 June; 'sent'. */
export type GgdDeadlineState = 'notDue' | 'remind' | 'late' | 'sent';

/** The analysis of `year` is due at the GGD before 1 June of `year + 1` (Amsterdam calendar). */
export function ggdDeadlineState(year: number, now: Date, sentOn?: string): GgdDeadlineState {
  if (sentOn) return 'sent';
  const today = amsterdamDate(now);
  if (today >= `${year + 1}-06-01`) return 'late';
  if (today >= `${year + 1}-04-01`) return 'remind';
  return 'notDue';
}

/** The last day it is on time: 31 May of the next year. */
export const ggdDeadline = (year: number): string => `${year + 1}-05-31`;

/** The year whose analysis is due in the calendar year of `now` (the GGD reminders). */
export const reportYearFor = (now: Date): number => Number(amsterdamDate(now).slice(0, 4)) - 1;

/**
 * The report `analyse` means without a year: the one due next. January–May (Amsterdam) that is
 * last year's, due before 1 June; from 1 June on, this year's so far — interim, the year still runs.
 */
export function defaultReportYear(now: Date): { year: number; interim: boolean } {
  const today = amsterdamDate(now);
  const year = Number(today.slice(0, 4));
  return today.slice(5) < '06-01' ? { year: year - 1, interim: false } : { year, interim: true };
}

/** A report of `year` is interim while that year has not ended (Amsterdam). */
export const isInterim = (year: number, now: Date): boolean => Number(amsterdamDate(now).slice(0, 4)) <= year;
