/**
 * The yearly report as a Word file (docx library): title page, summary with key figures, the
 * sections the Wet kinderopvang asks for, tables, bar charts as PNG, and a section per location.
 * Renders the ReportModel only, so it never sees a signal (let alone personal data).
 */
import {
  AlignmentType,
  Document,
  Footer,
  HeadingLevel,
  ImageRun,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableOfContents,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type FileChild,
} from 'docx';
import { nlAnalysis, type AnalysisTexts } from '../../i18n/nl-analysis';
import { renderBarChartAsync, type BarChart, type RenderedChart } from './charts';
import type { LocationSection, ModelTable, ReportModel } from './report-model';

const HEADER_FILL = 'D9E2F3';
const FONT = 'Calibri';

const heading = (text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel], pageBreakBefore = false) =>
  new Paragraph({ text, heading: level, pageBreakBefore, spacing: { before: 240, after: 120 } });

const paragraph = (text: string, options: { italics?: boolean; bold?: boolean } = {}) =>
  new Paragraph({ children: [new TextRun({ text, ...options })], spacing: { after: 120 } });

function cell(text: string, options: { header?: boolean; bold?: boolean; numeric?: boolean }): TableCell {
  return new TableCell({
    children: [
      new Paragraph({
        alignment: options.numeric ? AlignmentType.RIGHT : AlignmentType.LEFT,
        children: [new TextRun({ text, bold: options.header || options.bold })],
      }),
    ],
    ...(options.header ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: HEADER_FILL } } : {}),
  });
}

export function tableOf(table: ModelTable): FileChild[] {
  const header = new TableRow({
    tableHeader: true,
    children: table.columns.map((column, index) => cell(column, { header: true, numeric: index > 0 })),
  });
  const rows = table.rows.map(
    (row) =>
      new TableRow({
        children: [
          cell(row.label, { bold: row.total }),
          ...row.cells.map((value) => cell(value, { bold: row.total, numeric: true })),
        ],
      }),
  );
  return [
    new Paragraph({ children: [new TextRun({ text: table.title, bold: true })], spacing: { before: 200, after: 80 } }),
    // Margins on the table, not on each cell: a 40-location report has ~8,000 cells and the docx
    // library's cost grows with every property written.
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      margins: { top: 40, bottom: 40, left: 80, right: 80 },
      rows: [header, ...rows],
    }),
  ];
}

/** The columns of the terms table (report-model termsTable): judged, in time, late, share, pending. */
const TERMS = { met: 1, missed: 2, share: 3 } as const;

/**
 * A row's one figure in the compact table: the count; for a term "in time / late (share)", for
 * the handling-time rows the days.
 */
function compactValue(table: ModelTable, cells: readonly string[], texts: AnalysisTexts): string {
  if (table.key !== 'terms') return cells[0] ?? '';
  const met = cells[TERMS.met] ?? '';
  if (met === texts.notApplicable) return cells[TERMS.share] ?? '';
  return `${met} / ${cells[TERMS.missed] ?? ''} (${cells[TERMS.share] ?? ''})`;
}

/**
 * One compact table per location: each of the location's tables becomes a shaded sub-heading row
 * followed by its categories with one figure (see compactValue). With 40 locations the full
 * tables each made ~5,000 cells, half the document's build and packing time; the full
 * per-location tables stay in the CSV.
 */
export function compactLocationTable(location: LocationSection, texts: AnalysisTexts): FileChild[] {
  const rows: TableRow[] = [];
  for (const table of location.tables) {
    const valueColumn = table.key === 'terms' ? texts.columns.metMissed : (table.columns[1] ?? texts.columns.count);
    rows.push(
      new TableRow({
        children: [cell(table.title, { header: true }), cell(valueColumn, { header: true, numeric: true })],
      }),
    );
    for (const row of table.rows) {
      if (row.total) continue;
      rows.push(
        new TableRow({
          children: [cell(row.label, {}), cell(compactValue(table, row.cells, texts), { numeric: true })],
        }),
      );
    }
  }
  return [
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      margins: { top: 20, bottom: 20, left: 80, right: 80 },
      rows,
    }),
  ];
}

function chartOf(chart: BarChart, rendered: RenderedChart, texts: AnalysisTexts): Paragraph {
  return new Paragraph({
    spacing: { before: 200, after: 200 },
    children: [
      new ImageRun({
        type: 'png',
        data: rendered.png,
        transformation: { width: rendered.width, height: rendered.height },
        altText: { name: chart.title, title: chart.title, description: texts.charts.altText(chart.title) },
      }),
    ],
  });
}

function titlePage(model: ReportModel): FileChild[] {
  return [
    new Paragraph({ spacing: { before: 2400 } }),
    new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, text: model.title }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 480 },
      children: [new TextRun({ text: model.subtitle, size: 28 })],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [new TextRun({ text: model.organisationName, bold: true, size: 28 })],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 240 },
      children: [new TextRun(model.preparedFor)],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 960 },
      children: [new TextRun(model.statusLine)],
    }),
    new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun(model.adoptionLine)] }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [new TextRun({ text: model.computedLine, italics: true })],
    }),
    ...model.missing.map(
      (label) =>
        new Paragraph({
          alignment: AlignmentType.CENTER,
          spacing: { before: 240 },
          children: [new TextRun({ text: label, bold: true, color: 'C00000' })],
        }),
    ),
    new Paragraph({ spacing: { before: 480 } }),
    ...tableOf(model.cover),
  ];
}

/**
 * The table of contents: its entries are written into the file (so every reader lists the
 * sections); Word fills in the page numbers when it opens the file (updateFields), LibreOffice on
 * "Bijwerken". Its title is no heading, so it does not list itself.
 */
function contents(texts: AnalysisTexts): FileChild[] {
  return [
    new Paragraph({ spacing: { after: 240 }, children: [new TextRun({ text: texts.contents, bold: true, size: 32 })] }),
    new TableOfContents(texts.contents, { hyperlink: true, headingStyleRange: '1-2' }),
  ];
}

function body(model: ReportModel, texts: AnalysisTexts, charts: ReadonlyMap<BarChart, RenderedChart>): FileChild[] {
  const s = texts.sections;
  const chartParagraph = (chart: BarChart) => chartOf(chart, charts.get(chart)!, texts);
  const children: FileChild[] = [
    heading(s.summary, HeadingLevel.HEADING_1, true),
    ...model.summary.map((text) => paragraph(text)),
    ...tableOf(model.keyFigures),
    paragraph(model.legend, { italics: true }),

    heading(s.scheme, HeadingLevel.HEADING_1, true),
    paragraph(model.scheme),
    heading(s.informing, HeadingLevel.HEADING_1),
    paragraph(model.informing),

    heading(s.nature, HeadingLevel.HEADING_1, true),
    paragraph(model.nature.intro),
    ...model.nature.tables.flatMap(tableOf),
    ...model.nature.charts.map(chartParagraph),

    heading(s.outcomes, HeadingLevel.HEADING_1, true),
    paragraph(model.outcomes.intro),
    ...model.outcomes.tables.flatMap(tableOf),
    ...model.outcomes.charts.map(chartParagraph),
    heading(s.tenors, HeadingLevel.HEADING_2),
    paragraph(model.tenors.intro),
    ...tableOf(model.tenors.table),
    chartParagraph(model.tenors.chart),
    heading(s.external, HeadingLevel.HEADING_2),
    ...tableOf(model.external),

    heading(s.measures, HeadingLevel.HEADING_1, true),
    paragraph(model.measures.intro),
    ...(model.measures.table ? tableOf(model.measures.table) : []),
    heading(texts.measuresSummaryTitle, HeadingLevel.HEADING_2),
    paragraph(model.measures.decisionsLine),
    paragraph(model.measures.summary ?? texts.noMeasuresSummary),

    heading(s.comparison, HeadingLevel.HEADING_1),
    ...(model.comparison ? tableOf(model.comparison) : [paragraph(model.comparisonNote ?? '')]),

    heading(s.locations, HeadingLevel.HEADING_1, true),
    ...tableOf(model.locationsTable),
    chartParagraph(model.locationsChart),
  ];
  for (const location of model.locations) {
    children.push(heading(location.name, HeadingLevel.HEADING_2), paragraph(location.intro));
    children.push(...compactLocationTable(location, texts));
  }
  children.push(heading(s.method, HeadingLevel.HEADING_1, true), ...model.method.map((text) => paragraph(text)));
  children.push(paragraph(model.legend, { italics: true }));
  return children;
}

export async function buildAnalysisDocx(model: ReportModel, texts: AnalysisTexts = nlAnalysis): Promise<Buffer> {
  // The charts render off the main thread, in parallel, while nothing else waits on them.
  const allCharts = [...model.nature.charts, ...model.outcomes.charts, model.tenors.chart, model.locationsChart];
  const rendered = await Promise.all(allCharts.map((chart) => renderBarChartAsync(chart)));
  const charts = new Map(allCharts.map((chart, index) => [chart, rendered[index]!]));
  const footer = new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [
          new TextRun({
            children: [`${model.title} · ${texts.page} `, PageNumber.CURRENT, ` ${texts.of} `, PageNumber.TOTAL_PAGES],
          }),
        ],
      }),
    ],
  });
  const document = new Document({
    creator: model.organisationName,
    title: model.title,
    description: model.subtitle,
    styles: { default: { document: { run: { font: FONT, size: 21 } } } },
    features: { updateFields: true },
    sections: [
      { children: titlePage(model) },
      { footers: { default: footer }, children: [...contents(texts), ...body(model, texts, charts)] },
    ],
  });
  return Packer.toBuffer(document);
}
