/**
 * Use cases of the yearly analysis: compute the figures from the store (streamed, one pass per
 * year), keep the workflow record, and render the documents.
 *
 * - Figures are frozen once the MT adopted them: producing again after adoption renders the stored
 *   figures (what the MT signed is what the GGD gets); while a draft, every run recomputes.
 * - Every workflow step loads the record, applies the pure move (domain/analysis-workflow.ts) and
 *   saves with the etag; on a concurrent change (two MT members adopting at once) it reloads and
 *   applies again, so no adoption is lost.
 */
import { AnalysisAccumulator, type YearFigures } from '../domain/analysis';
import {
  addMeasure,
  analysisReminders,
  draftAnalysis,
  markLocationManagersInformed,
  markSentToGgd,
  recomputeDraft,
  reportYearFor,
  reviewAnalysis,
  updateMeasureStatus,
  type AnalysisActor,
  type AnalysisReminder,
  type AnalysisSettings,
  type AnnualAnalysis,
  type MeasureInput,
  type MeasureStatus,
  type ReviewInput,
  type SentToGgdInput,
  type WorkflowError,
  type WorkflowResult,
} from '../domain/analysis-workflow';
import type { Clock } from '../domain/clock';
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
}

export type AnalysisOutcome =
  { ok: true; analysis: Versioned<AnnualAnalysis> } | { ok: false; error: WorkflowError | 'notFound'; field?: string };

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
    const result = stored
      ? recomputeDraft(stored.value, figures, previous, actor, now)
      : draftAnalysis(
          { figures, ...(previous ? { previousFigures: previous } : {}), settings: deps.settings },
          actor,
          now,
        );
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

/** Load, apply, save with the etag; on a concurrent change reload and apply again. */
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
    try {
      return { ok: true, analysis: await deps.analyses.save(result.analysis, stored.etag) };
    } catch (error) {
      if (!(error instanceof ConcurrencyError) || attempt >= MAX_ATTEMPTS - 1) throw error;
    }
  }
}

type StepDeps = Pick<AnnualAnalysisDeps, 'analyses' | 'clock'>;

/** The MT adoption card's "Vaststellen" / "Opmerking" buttons. */
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

/** For the daily sweep: what to remind staf kw and measure owners of today. */
export async function annualAnalysisReminders(
  deps: Pick<AnnualAnalysisDeps, 'analyses' | 'clock'>,
  dueSoonDays?: number,
): Promise<AnalysisReminder[]> {
  const now = deps.clock.now();
  const year = reportYearFor(now);
  const stored = await deps.analyses.get(year);
  return analysisReminders(year, stored?.value, now, dueSoonDays);
}
