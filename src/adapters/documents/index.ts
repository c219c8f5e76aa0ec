import type { AnalysisDocumentRenderer } from '../../app/annual-analysis';
import { nlAnalysis, type AnalysisTexts } from '../../i18n/nl-analysis';
import { buildAnalysisCsv } from './analysis-csv';
import { buildReportModel, type ReportContext, type ReportModel } from './report-model';

export { buildAnalysisCsv, csvField } from './analysis-csv';
export { buildReportModel, formatCell, type ReportContext, type ReportModel, type ModelTable } from './report-model';
export { barChartSvg, renderBarChart, type BarChart } from './charts';

/**
 * The report as a Word file. The docx library (and resvg, for the charts) loads on the first
 * report, not at start-up: only `analyse` needs them.
 */
export async function buildAnalysisDocx(model: ReportModel, texts: AnalysisTexts = nlAnalysis): Promise<Buffer> {
  const docx = await import('./analysis-docx');
  return docx.buildAnalysisDocx(model, texts);
}

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
