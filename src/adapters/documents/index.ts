import type { AnalysisDocumentRenderer } from '../../app/annual-analysis';
import { nlAnalysis, type AnalysisTexts } from '../../i18n/nl-analysis';
import { buildAnalysisCsv } from './analysis-csv';
import { buildAnalysisDocx } from './analysis-docx';
import { buildReportModel, type ReportContext } from './report-model';

export { buildAnalysisDocx } from './analysis-docx';
export { buildAnalysisCsv, csvField } from './analysis-csv';
export { buildReportModel, formatCell, type ReportContext, type ReportModel, type ModelTable } from './report-model';
export { barChartSvg, renderBarChart, type BarChart } from './charts';

/**
 * The renderer the composition root gives the use cases. `context` is a function so a location
 * or theme renamed in the configuration shows up without a restart.
 */
export function createAnalysisDocumentRenderer(
  context: () => ReportContext,
  texts: AnalysisTexts = nlAnalysis,
): AnalysisDocumentRenderer {
  return {
    async render(analysis) {
      const model = buildReportModel(analysis, context(), texts);
      return {
        docx: { fileName: texts.fileName(analysis.year, 'docx'), content: await buildAnalysisDocx(model, texts) },
        csv: { fileName: texts.fileName(analysis.year, 'csv'), content: buildAnalysisCsv(model, texts) },
      };
    },
  };
}
