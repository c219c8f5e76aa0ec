/**
 * The report's figures as CSV for Excel: semicolon-separated, Dutch decimal comma, CRLF, UTF-8
 * with a BOM (without it Excel reads the file as Windows-1252 and mangles "ë"). Long format — one
 * figure per line: level; table; row; column; value — so it filters and pivots without reshaping.
 * Values are the exact, formatted ones from the same model as the Word file.
 */
import { nlAnalysis, type AnalysisTexts } from '../../i18n/nl-analysis';
import type { ModelTable, ReportModel } from './report-model';

const BOM = '\uFEFF';
const SEPARATOR = ';';
const NEWLINE = '\r\n';

/** A leading = + - @ tab or carriage return makes Excel evaluate the field as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;
/** A plain number, signed or a percentage (decimal point or comma), is data: "-2+3" is not one. */
const NUMBER = /^[+-]?\d+(?:[.,]\d+)?%?$/;

/** Quotes a field when it holds the separator, a quote or a line break (RFC 4180 style). */
export function csvField(value: string): string {
  // Theme and location names are user data: a formula among them is defused with an apostrophe.
  const safe = FORMULA_START.test(value) && !NUMBER.test(value) ? `'${value}` : value;
  return /[";\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function tableLines(level: string, table: ModelTable): string[][] {
  const lines: string[][] = [];
  for (const row of table.rows) {
    row.cells.forEach((value, index) => {
      lines.push([level, table.title, row.label, table.columns[index + 1] ?? '', value]);
    });
  }
  return lines;
}

export function buildAnalysisCsv(model: ReportModel, texts: AnalysisTexts = nlAnalysis): Buffer {
  const organisation = texts.organisationLevel;
  const lines: string[][] = [[...texts.csv.headers]];
  const add = (level: string, table: ModelTable | null) => {
    if (table) lines.push(...tableLines(level, table));
  };
  add(organisation, model.keyFigures);
  for (const table of model.nature.tables) add(organisation, table);
  for (const table of model.outcomes.tables) add(organisation, table);
  add(organisation, model.tenors.table);
  add(organisation, model.external);
  add(organisation, model.comparison);
  add(organisation, model.locationsTable);
  for (const location of model.locations) {
    for (const table of location.tables) add(location.name, table);
  }
  const text = lines.map((line) => line.map(csvField).join(SEPARATOR)).join(NEWLINE) + NEWLINE;
  return Buffer.from(BOM + text, 'utf8');
}
