/**
 * Use cases of the yearly analysis: compute the figures from the store (streamed, one pass per
 * year), keep the workflow record, and render the documents.
 *
 * - Figures are frozen once the MT adopted them: producing again after adoption renders the stored
 *   figures (what the MT signed is what the GGD gets); while a draft, every run recomputes.
 * - Every workflow step loads the record, applies the pure move (domain/analysis-workflow.ts) and
 *   saves with the etag; on a concurrent change (two MT members adopting at once) it reloads and
 *   applies again, so no adoption is lost. A step the record already holds (a re-sent turn, a
 *   second press) saves nothing and answers as the first (`duplicate`).
 * - "Naar het MT sturen" claims each member's card in the record before sending it: see
 *   submitAnnualAnalysisToMt.
 * - The documents go out by e-mail (to the GGD, to the location managers) at most once per key:
 *   see deliverMailing.
 */
import { AnalysisAccumulator, type YearFigures } from '../domain/analysis';
import {
  addMeasure,
  claimMailing,
  claimMtDeliveries,
  draftAnalysis,
  ggdMailKey,
  locationManagerMailKey,
  mailingOf,
  markLocationManagersInformed,
  markSentToGgd,
  recomputeDraft,
  recordAudience,
  reviewAnalysis,
  summariseMeasures,
  settleMailing,
  settleMtDelivery,
  updateMeasureStatus,
  type AnalysisActor,
  type AudienceInput,
  type MailingClaim,
  type MailingRecipient,
  type AnalysisSettings,
  type AnnualAnalysis,
  type MeasureInput,
  type MeasureStatus,
  type MtDeliveryClaim,
  type MtDeliveryResult,
  type ReviewInput,
  type SentToGgdInput,
  type WorkflowError,
  type WorkflowResult,
} from '../domain/analysis-workflow';
import type { Clock } from '../domain/clock';
import type { ReportContent, RequiredReportSetting } from '../domain/report-content';
import type { PersonRef } from '../domain/signal';
import { amsterdamDate } from '../domain/deadlines';
import { formatDate } from '../i18n/format';
import { nlAnalysis } from '../i18n/nl-analysis';
import {
  PermanentOutboundError,
  TemporarilyUnavailableError,
  UnconfirmedOutboundError,
  type LetterAttachment,
  type Mailer,
  type OutgoingLetter,
} from './outbound-ports';
import { ConcurrencyError, type SignalStore, type Versioned } from './ports';

/** Where the analysis records live: one per year. Cosmos can implement the same port later. */
export interface AnalysisStore {
  /** Creates the table or container when missing. */
  init(): Promise<void>;
  get(year: number): Promise<Versioned<AnnualAnalysis> | undefined>;
  /**
   * Without `etag`: inserts, and throws ConcurrencyError when the year already has one. With
   * `etag`: replaces when it is still current, otherwise throws ConcurrencyError.
   */
  save(analysis: AnnualAnalysis, etag?: string): Promise<Versioned<AnnualAnalysis>>;
}

export interface AnalysisDocuments {
  docx: { fileName: string; content: Buffer };
  csv: { fileName: string; content: Buffer };
}

/** Turns a record into the Word file and the CSV (src/adapters/documents). */
export interface AnalysisDocumentRenderer {
  render(analysis: AnnualAnalysis): Promise<AnalysisDocuments>;
}

export interface AnnualAnalysisDeps {
  signals: SignalStore;
  analyses: AnalysisStore;
  documents: AnalysisDocumentRenderer;
  clock: Clock;
  settings: AnalysisSettings;
  /** The organisation's own texts and audiences as set now (read on every draft, so edits show without a restart). */
  reportContent: () => ReportContent;
  /** The GGD's address (GGD_EMAIL); without it the sending to the GGD can only be recorded. */
  ggdEmail?: string;
  /**
   * The meldplicht figures for the GGD's e-mail, or undefined when the organisation's setting
   * (reportingDuty.ggdReport, default off) keeps them out; never in the report itself, which also
   * goes to the parent committees.
   */
  ggdMeldingFigures?: (year: number) => Promise<string | undefined>;
}

export type AnalysisOutcome =
  | {
      ok: true;
      analysis: Versioned<AnnualAnalysis>;
      /** The record already held this step: nothing was saved (answer as the first time). */
      duplicate?: true;
    }
  | { ok: false; error: WorkflowError | 'notFound'; field?: string; missing?: RequiredReportSetting[] };

export type ProduceOutcome =
  | {
      ok: true;
      analysis: Versioned<AnnualAnalysis>;
      documents: AnalysisDocuments;
      /** False when the stored, adopted figures were rendered again. */
      recomputed: boolean;
    }
  | { ok: false; error: WorkflowError };

/** One pass over the year's signals; memory stays flat however many there are. */
export async function computeYearFigures(signals: SignalStore, year: number, asOf: Date): Promise<YearFigures> {
  const accumulator = new AnalysisAccumulator(year, asOf);
  for await (const signal of signals.streamYear(year)) accumulator.add(signal);
  return accumulator.result();
}

/**
 * The previous year's figures: the adopted ones when that analysis was adopted (what was reported
 * to the GGD, and no second stream), else computed; undefined when that year has no signal.
 */
async function previousYearFigures(
  deps: Pick<AnnualAnalysisDeps, 'signals' | 'analyses'>,
  year: number,
  asOf: Date,
): Promise<YearFigures | undefined> {
  const adopted = await deps.analyses.get(year - 1);
  if (adopted && adopted.value.status !== 'draft') return adopted.value.figures;
  const figures = await computeYearFigures(deps.signals, year - 1, asOf);
  return figures.organisation.signals.total > 0 ? figures : undefined;
}

/** `analyse <jaar>`: staf kw computes (or recomputes the draft) and gets both files. */
export async function produceAnnualAnalysis(
  deps: AnnualAnalysisDeps,
  year: number,
  actor: AnalysisActor,
): Promise<ProduceOutcome> {
  if (!actor.roles.includes('quality')) return { ok: false, error: 'notAllowed' };
  for (let attempt = 0; ; attempt += 1) {
    const stored = await deps.analyses.get(year);
    if (stored && stored.value.status !== 'draft') {
      return { ok: true, analysis: stored, documents: await deps.documents.render(stored.value), recomputed: false };
    }
    const now = deps.clock.now();
    const figures = await computeYearFigures(deps.signals, year, now);
    const previous = await previousYearFigures(deps, year, now);
    const input = { figures, ...(previous ? { previousFigures: previous } : {}), content: deps.reportContent() };
    const result = stored
      ? recomputeDraft(stored.value, input, actor, now)
      : draftAnalysis({ ...input, settings: deps.settings }, actor, now);
    if (!result.ok) return { ok: false, error: result.error };
    try {
      const saved = await deps.analyses.save(result.analysis, stored?.etag);
      return { ok: true, analysis: saved, documents: await deps.documents.render(saved.value), recomputed: true };
    } catch (error) {
      if (!(error instanceof ConcurrencyError) || attempt >= MAX_ATTEMPTS - 1) throw error;
    }
  }
}

/** The documents of the stored analysis (e.g. to send the adopted version to the GGD). */
export async function renderAnnualAnalysis(
  deps: Pick<AnnualAnalysisDeps, 'analyses' | 'documents'>,
  year: number,
): Promise<{ analysis: Versioned<AnnualAnalysis>; documents: AnalysisDocuments } | undefined> {
  const stored = await deps.analyses.get(year);
  return stored ? { analysis: stored, documents: await deps.documents.render(stored.value) } : undefined;
}

const MAX_ATTEMPTS = 3;

/**
 * Load, apply, save with the etag; on a concurrent change reload and apply again, where the step's
 * guards are checked again. A duplicate saves nothing. When the record keeps changing under it, the
 * step is refused as `conflict` (the card keeps what was typed), not thrown.
 */
async function applyStep(
  deps: Pick<AnnualAnalysisDeps, 'analyses' | 'clock'>,
  year: number,
  step: (analysis: AnnualAnalysis, at: Date) => WorkflowResult,
): Promise<AnalysisOutcome> {
  for (let attempt = 0; ; attempt += 1) {
    const stored = await deps.analyses.get(year);
    if (!stored) return { ok: false, error: 'notFound' };
    const result = step(stored.value, deps.clock.now());
    if (!result.ok) return result;
    if (result.duplicate) return { ok: true, analysis: stored, duplicate: true };
    try {
      return { ok: true, analysis: await deps.analyses.save(result.analysis, stored.etag) };
    } catch (error) {
      if (!(error instanceof ConcurrencyError)) throw error;
      if (attempt >= MAX_ATTEMPTS - 1) return { ok: false, error: 'conflict' };
    }
  }
}

type StepDeps = Pick<AnnualAnalysisDeps, 'analyses' | 'clock'>;

/**
 * The MT adoption card's "Vaststellen" / "Opmerking" buttons. Give a comment its form id
 * (`input.id`): the same form again is a duplicate, stored once.
 */
export const reviewAnnualAnalysis = (deps: StepDeps, year: number, actor: AnalysisActor, input: ReviewInput) =>
  applyStep(deps, year, (analysis, at) => reviewAnalysis(analysis, input, actor, at));

export const addAnnualAnalysisMeasure = (deps: StepDeps, year: number, actor: AnalysisActor, input: MeasureInput) =>
  applyStep(deps, year, (analysis, at) => addMeasure(analysis, input, actor, at));

export const updateAnnualAnalysisMeasure = (
  deps: StepDeps,
  year: number,
  actor: AnalysisActor,
  measureId: string,
  status: MeasureStatus,
) => applyStep(deps, year, (analysis, at) => updateMeasureStatus(analysis, measureId, status, actor, at));

export const recordSentToGgd = (deps: StepDeps, year: number, actor: AnalysisActor, input: SentToGgdInput) =>
  applyStep(deps, year, (analysis, at) => markSentToGgd(analysis, input, actor, at));

export const recordLocationManagersInformed = (
  deps: StepDeps,
  year: number,
  actor: AnalysisActor,
  audiences: readonly string[],
) => applyStep(deps, year, (analysis, at) => markLocationManagersInformed(analysis, audiences, actor, at));

export const recordAnnualAnalysisAudience = (
  deps: StepDeps,
  year: number,
  actor: AnalysisActor,
  input: AudienceInput,
) => applyStep(deps, year, (analysis, at) => recordAudience(analysis, input, actor, at));

export const summariseAnnualAnalysisMeasures = (deps: StepDeps, year: number, actor: AnalysisActor, text: string) =>
  applyStep(deps, year, (analysis, at) => summariseMeasures(analysis, text, actor, at));

// ---- the documents by e-mail --------------------------------------------------------------------

export interface AnalysisMailDeps extends Pick<
  AnnualAnalysisDeps,
  'analyses' | 'documents' | 'clock' | 'ggdEmail' | 'ggdMeldingFigures'
> {
  mailer: Mailer;
  /** Signs the letters. */
  organisationName: string;
  /** How long one send may take; a claim older than this counts as "may have been sent". */
  claimTtlMs?: number;
}

const DEFAULT_MAIL_CLAIM_MS = 5 * 60_000;
const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const CSV_TYPE = 'text/csv';

const attachment = (file: { fileName: string; content: Buffer }, contentType: string): LetterAttachment => ({
  name: file.fileName,
  contentType,
  content: file.content,
});

/** Load, change, save with the etag, again on a concurrent change; an undefined change saves nothing. */
async function updateRecord(
  deps: StepDeps,
  year: number,
  change: (analysis: AnnualAnalysis, at: Date) => AnnualAnalysis | undefined,
): Promise<Versioned<AnnualAnalysis> | undefined> {
  for (let attempt = 0; ; attempt += 1) {
    const stored = await deps.analyses.get(year);
    if (!stored) return undefined;
    const next = change(stored.value, deps.clock.now());
    if (!next) return stored;
    try {
      return await deps.analyses.save(next, stored.etag);
    } catch (error) {
      if (!(error instanceof ConcurrencyError) || attempt >= MAX_ATTEMPTS - 1) throw error;
    }
  }
}

/** For the mailing's lastError: the kind and status only, never addresses. */
function describeMailError(error: unknown): string {
  if (error instanceof PermanentOutboundError) return `refused ${error.status ?? error.code}`;
  if (error instanceof TemporarilyUnavailableError) return `unavailable ${error.status ?? 'no answer'}`;
  return error instanceof Error ? error.name : 'unknown';
}

type MailDelivery =
  | { result: 'sent' | 'alreadySent'; analysis: Versioned<AnnualAnalysis> }
  | { result: 'sending' | 'unconfirmed' }
  | { result: 'failed'; error: unknown };

/**
 * Sends one letter with the analysis' documents at most once per key. Not through the signals'
 * outbox (src/app/outbox.ts): its items belong to a signal (addresses read from it, results written
 * into its history, retried by the background drain), while this letter is sent while staf kw
 * waits, must not go out later without them when the mail service fails, and its result belongs in
 * the analysis record. So the record keeps the outbox's rules itself (domain claimMailing): claimed
 * with the etag before sending, marked sent in the same write as `alsoOnSent` (the GGD's
 * markSentToGgd), an expired claim never resent. The key also reaches the mailer, which writes a
 * local .eml once and tags the Graph message with it.
 */
async function deliverMailing(
  deps: AnalysisMailDeps,
  year: number,
  actor: AnalysisActor,
  to: MailingRecipient,
  letter: OutgoingLetter,
  alsoOnSent?: (analysis: AnnualAnalysis, at: Date) => WorkflowResult,
): Promise<MailDelivery> {
  const key = letter.idempotencyKey;
  let claim: MailingClaim | undefined;
  const claimed = await updateRecord(deps, year, (analysis, at) => {
    claim = claimMailing(analysis, key, to, at, deps.claimTtlMs ?? DEFAULT_MAIL_CLAIM_MS);
    return claim.analysis;
  });
  if (!claimed || !claim) return { result: 'failed', error: new Error(`no analysis ${year}`) };
  if (!claim.claimed)
    return claim.state === 'sent' ? { result: 'alreadySent', analysis: claimed } : { result: claim.state };
  try {
    await deps.mailer.send(letter);
  } catch (error) {
    // A letter the mail service may have taken is not sent again (as in the signals' outbox):
    // staf kw is told to check the sent items instead of pressing again.
    const unconfirmed = error instanceof UnconfirmedOutboundError;
    await updateRecord(deps, year, (analysis, at) =>
      settleMailing(analysis, key, { sent: false, error: describeMailError(error), unconfirmed }, actor, at),
    );
    return unconfirmed ? { result: 'unconfirmed' } : { result: 'failed', error };
  }
  const saved = await updateRecord(deps, year, (analysis, at) => {
    const sent = settleMailing(analysis, key, { sent: true }, actor, at);
    const also = alsoOnSent?.(sent, at);
    return also?.ok ? also.analysis : sent;
  });
  return { result: 'sent', analysis: saved ?? claimed };
}

export type GgdMailOutcome =
  | { ok: true; analysis: Versioned<AnnualAnalysis>; to: string; alreadySent: boolean }
  | { ok: false; error: WorkflowError | 'notFound' | 'notConfigured' | 'sending' | 'unconfirmed'; field?: string }
  /** The mail service refused or did not answer: nothing recorded as sent; pressing again retries. */
  | { ok: false; error: 'notSent'; cause: unknown };

/**
 * "Per e-mail naar de GGD": the adopted analysis (Word and CSV of the stored, frozen record) to
 * GGD_EMAIL with a Dutch letter, then recorded as sent today by e-mail. A second press (or Teams
 * re-sending a slow turn) sends nothing again.
 */
export async function sendAnnualAnalysisToGgd(
  deps: AnalysisMailDeps,
  year: number,
  actor: AnalysisActor,
  note?: string,
): Promise<GgdMailOutcome> {
  const email = deps.ggdEmail;
  if (!email) return { ok: false, error: 'notConfigured' };
  const stored = await deps.analyses.get(year);
  if (!stored) return { ok: false, error: 'notFound' };
  const earlier = mailingOf(stored.value, ggdMailKey(year));
  if (earlier?.state === 'sent' && earlier.to.kind === 'ggd') {
    return { ok: true, analysis: stored, to: earlier.to.email, alreadySent: true };
  }
  const now = deps.clock.now();
  const check = markSentToGgd(stored.value, { on: amsterdamDate(now), via: 'email' }, actor, now);
  if (!check.ok) return check;
  const { docx, csv } = await deps.documents.render(stored.value);
  const texts = nlAnalysis.mail.ggd;
  const meldingen = await deps.ggdMeldingFigures?.(year);
  const delivery = await deliverMailing(
    deps,
    year,
    actor,
    { kind: 'ggd', email },
    {
      idempotencyKey: ggdMailKey(year),
      to: { name: texts.recipientName, email },
      subject: texts.subject(year, deps.organisationName),
      text:
        texts.text({
          year,
          organisation: deps.organisationName,
          adoptedOn: formatDate(stored.value.adoptedAt!),
          sender: actor.name,
          note: note?.trim() ?? '',
        }) + (meldingen ? `\n\n${meldingen}` : ''),
      reference: stored.value.id,
      attachments: [attachment(docx, DOCX_TYPE), attachment(csv, CSV_TYPE)],
    },
    (analysis, at) => markSentToGgd(analysis, { on: amsterdamDate(at), via: 'email' }, actor, at),
  );
  switch (delivery.result) {
    case 'sent':
    case 'alreadySent':
      return { ok: true, analysis: delivery.analysis, to: email, alreadySent: delivery.result === 'alreadySent' };
    case 'failed':
      return { ok: false, error: 'notSent', cause: delivery.error };
    default:
      return { ok: false, error: delivery.result };
  }
}

export interface LocationManager {
  id: string;
  name: string;
  email?: string;
}

export type InformOutcome =
  | {
      ok: true;
      analysis: Versioned<AnnualAnalysis>;
      /** Names of those who have the document by e-mail (now or from an earlier press). */
      mailed: string[];
      /** No address, or the address was refused: staf kw shares the document with them. */
      notMailed: string[];
      /** Their e-mail may have gone out (the sender stopped); not sent again. */
      unconfirmed: string[];
    }
  | { ok: false; error: WorkflowError | 'notFound'; field?: string }
  /** The mail service was unreachable (or still sending) for these: nothing recorded; press again. */
  | { ok: false; error: 'notSent'; notSent: string[]; mailed: string[] };

/**
 * "Document naar de locatiemanagers": each location manager with an address gets the Word document
 * by e-mail (once per person, however often it is pressed), for the parent committee and council;
 * then the step is recorded. When the mail service is unreachable for anyone, nothing is recorded
 * and a second press sends only to those still missing.
 */
export async function informLocationManagersByMail(
  deps: AnalysisMailDeps,
  year: number,
  actor: AnalysisActor,
  managers: readonly LocationManager[],
  audiences: readonly string[],
): Promise<InformOutcome> {
  const stored = await deps.analyses.get(year);
  if (!stored) return { ok: false, error: 'notFound' };
  const check = markLocationManagersInformed(stored.value, audiences, actor, deps.clock.now());
  if (!check.ok) return check;
  const { docx } = await deps.documents.render(stored.value);
  const texts = nlAnalysis.mail.locationManager;
  const mailed: string[] = [];
  const notMailed: string[] = [];
  const unconfirmed: string[] = [];
  const notSent: string[] = [];
  for (const manager of managers) {
    if (!manager.email) {
      notMailed.push(manager.name);
      continue;
    }
    const delivery = await deliverMailing(
      deps,
      year,
      actor,
      { kind: 'locationManager', id: manager.id, name: manager.name },
      {
        idempotencyKey: locationManagerMailKey(year, manager.id),
        to: { name: manager.name, email: manager.email },
        subject: texts.subject(year),
        text: texts.text({
          name: manager.name,
          year,
          organisation: deps.organisationName,
          audiences: [...audiences],
          sender: actor.name,
        }),
        reference: stored.value.id,
        attachments: [attachment(docx, DOCX_TYPE)],
      },
    );
    if (delivery.result === 'sent' || delivery.result === 'alreadySent') mailed.push(manager.name);
    else if (delivery.result === 'unconfirmed') unconfirmed.push(manager.name);
    else if (delivery.result === 'failed' && delivery.error instanceof PermanentOutboundError)
      notMailed.push(manager.name);
    else notSent.push(manager.name);
  }
  if (notSent.length > 0) return { ok: false, error: 'notSent', notSent, mailed };
  const recorded = await recordLocationManagersInformed(deps, year, actor, audiences);
  if (!recorded.ok) return recorded;
  return { ok: true, analysis: recorded.analysis, mailed, notMailed, unconfirmed };
}

// ---- the draft to the MT as cards ---------------------------------------------------------------

const DEFAULT_CARD_CLAIM_MS = 2 * 60_000;

/**
 * Sends the card to one MT member (the bot's PersonalCardSender) and says how it ended: `delivered`;
 * `failed` when it cannot have reached them (no personal chat yet, Teams refused, or the request
 * never left: connection refused, DNS, no token), so the next press tries again; `unconfirmed` when
 * it broke off after the request may have reached Teams (a timeout, a 5xx, a connection reset), so
 * it is never sent again. The bot tells these apart; a throw, which this layer cannot judge, counts
 * as `unconfirmed`.
 */
export type MtCardDelivery = (member: PersonRef, analysis: AnnualAnalysis) => Promise<MtDeliveryResult>;

export type SubmitOutcome =
  | {
      ok: true;
      analysis: Versioned<AnnualAnalysis>;
      /** Got the card now. */
      sent: PersonRef[];
      /** Had it from an earlier press. */
      alreadyHad: PersonRef[];
      /** Another press is sending it to them right now. */
      sending: PersonRef[];
      /** A send was interrupted (now or before): they may have it; not sent again. */
      unconfirmed: PersonRef[];
      /** Not reachable now (no personal chat, Teams refused, never sent): the next press tries again. */
      unreached: PersonRef[];
    }
  | { ok: false; error: WorkflowError | 'notFound'; field?: string; missing?: RequiredReportSetting[] };

/**
 * "Naar het MT sturen": each MT member gets the draft's card at most once, however often it is
 * pressed or Teams re-sends the turn. The cards for members who do not have it yet are claimed in
 * the record (etag) before any is sent, so a concurrent press sends nothing; each card is then
 * marked delivered (with a `submittedToMt` event), failed (it never reached Teams: the next press
 * tries again) or unconfirmed (it may have: never sent again), as `deliver` says.
 */
export async function submitAnnualAnalysisToMt(
  deps: StepDeps & { claimTtlMs?: number },
  year: number,
  actor: AnalysisActor,
  members: readonly PersonRef[],
  deliver: MtCardDelivery,
): Promise<SubmitOutcome> {
  let claim: ReturnType<typeof claimMtDeliveries> | undefined;
  let claimed: Versioned<AnnualAnalysis> | undefined;
  try {
    claimed = await updateRecord(deps, year, (analysis, at) => {
      claim = claimMtDeliveries(analysis, members, actor, at, deps.claimTtlMs ?? DEFAULT_CARD_CLAIM_MS);
      return claim.ok ? claim.analysis : undefined;
    });
  } catch (error) {
    if (error instanceof ConcurrencyError) return { ok: false, error: 'conflict' };
    throw error;
  }
  if (!claimed || !claim) return { ok: false, error: 'notFound' };
  if (!claim.ok) return claim;
  const taken: MtDeliveryClaim = claim;
  const sent: PersonRef[] = [];
  const unreached: PersonRef[] = [];
  const unconfirmed = [...taken.unconfirmed];
  const listOf: Record<MtDeliveryResult, PersonRef[]> = { delivered: sent, failed: unreached, unconfirmed };
  let latest = claimed;
  for (const member of taken.claimed) {
    const result = await deliver(member, claimed.value).catch((): MtDeliveryResult => 'unconfirmed');
    listOf[result].push(member);
    latest =
      (await updateRecord(deps, year, (analysis, at) => settleMtDelivery(analysis, member.id, result, actor, at))) ??
      latest;
  }
  return {
    ok: true,
    analysis: latest,
    sent,
    alreadyHad: taken.delivered,
    sending: taken.sending,
    unconfirmed,
    unreached,
  };
}
