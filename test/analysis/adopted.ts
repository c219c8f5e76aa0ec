/** An adopted analysis of the hand-computed data set (./dataset.ts), with one measure: what the document tests render. */
import { analyseSignals } from '../../src/domain/analysis';
import {
  addMeasure,
  draftAnalysis,
  reviewAnalysis,
  type AnalysisActor,
  type AnnualAnalysis,
} from '../../src/domain/analysis-workflow';
import { AS_OF, LOCATIONS, THEMES, dataset2025, dataset2026 } from './dataset';
import { REPORT_CONTENT } from './report-content';

const quality: AnalysisActor = { id: 'kw-1', name: 'Kees Kwaliteit', roles: ['quality'] };
const mt1: AnalysisActor = { id: 'mt-1', name: 'Marieke MT', roles: ['mt', 'manager'] };
const mt2: AnalysisActor = { id: 'mt-2', name: 'Mohamed MT', roles: ['mt'] };
export const context = { organisationName: 'Kinderopvang De Regenboog', locations: LOCATIONS, themes: THEMES };

function unwrap(result: ReturnType<typeof draftAnalysis>): AnnualAnalysis {
  if (!result.ok) throw new Error(result.error);
  return result.analysis;
}

/** An adopted analysis of the data set, with one measure. */
export function adoptedAnalysis(): AnnualAnalysis {
  const figures = analyseSignals(2026, dataset2026(), AS_OF);
  const previousFigures = analyseSignals(2025, dataset2025(), AS_OF);
  let analysis = unwrap(
    draftAnalysis(
      { figures, previousFigures, settings: { requiredAdoptions: 2 }, content: REPORT_CONTENT },
      quality,
      AS_OF,
    ),
  );
  analysis = unwrap(reviewAnalysis(analysis, { verdict: 'adopt' }, mt1, new Date('2027-02-01T10:00:00Z')));
  analysis = unwrap(reviewAnalysis(analysis, { verdict: 'adopt' }, mt2, new Date('2027-02-02T10:00:00Z')));
  return unwrap(
    addMeasure(
      analysis,
      {
        id: 'm1',
        description: 'Training communicatie met ouders',
        owner: { id: 'mt-1', name: 'Marieke MT' },
        deadline: '2027-09-01',
      },
      mt1,
      new Date('2027-02-03T10:00:00Z'),
    ),
  );
}
