/**
 * The report as presentable data: every table and chart with its exact counts formatted in Dutch.
 * The Word file and the CSV are both rendered from this one model, so they can never disagree.
 * It holds counts, the organisation's own texts and the MT's measures — never a signal's free text.
 */
import { CHANNELS, SIGNAL_KINDS, STEPS, type Channel } from '../../domain/signal';
import {
  OUTCOMES,
  SATISFACTION_KEYS,
  TENOR_KEYS,
  compareYears,
  countCell,
  keyFigures,
  presentKeyFigure,
  shareCell,
  COMPARISON_KEYS,
  type Cell,
  type GroupFigures,
  type TermShare,
} from '../../domain/analysis';
import { adoptingMembers, isInterim, type AnnualAnalysis } from '../../domain/analysis-workflow';
import { missingReportSettings } from '../../domain/report-content';
import { formatDate } from '../../i18n/format';
import { nlAnalysis, type AnalysisTexts } from '../../i18n/nl-analysis';
import type { BarChart } from './charts';

export interface NamedItem {
  id: string;
  name: string;
}

export interface ReportContext {
  organisationName: string;
  /** Configured locations (with their LRK numbers) and themes, in the order the organisation lists them. */
  locations: readonly (NamedItem & { lrk?: string })[];
  themes: readonly NamedItem[];
}

export interface ModelRow {
  label: string;
  cells: string[];
  /** A totals row, drawn bold. */
  total?: boolean;
}

export interface ModelTable {
  /** Stable id, e.g. "themes"; the CSV's "Onderdeel" is the title. */
  key: string;
  title: string;
  columns: string[];
  rows: ModelRow[];
}

export interface LocationSection {
  id: string;
  name: string;
  intro: string;
  tables: ModelTable[];
}

export interface ReportModel {
  year: number;
  /** The year was still running when the figures were computed. */
  interim: boolean;
  title: string;
  subtitle: string;
  preparedFor: string;
  organisationName: string;
  /** The GGD's cover page: every location with its LRK number. */
  cover: ModelTable;
  /** What the organisation still has to set before the report can go to the MT; empty when complete. */
  missing: string[];
  statusLine: string;
  adoptionLine: string;
  computedLine: string;
  summary: string[];
  keyFigures: ModelTable;
  scheme: string;
  informing: string;
  nature: { intro: string; tables: ModelTable[]; charts: BarChart[] };
  outcomes: { intro: string; tables: ModelTable[]; charts: BarChart[] };
  /** The tenor of the written judgments. */
  tenors: { intro: string; table: ModelTable; chart: BarChart };
  external: ModelTable;
  measures: { intro: string; table: ModelTable | null; summary: string | null; decisionsLine: string };
  comparison: ModelTable | null;
  comparisonNote: string | null;
  locationsTable: ModelTable;
  /**
   * One chart of complaints per location rather than a chart in every location's section: with
   * 40 locations those cost more than a second of rendering and repeat the tables.
   */
  locationsChart: BarChart;
  locations: LocationSection[];
  legend: string;
  method: readonly string[];
}

const PERCENT = new Intl.NumberFormat('nl-NL', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const INTEGER = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 0 });

export function formatCell(cell: Cell, texts: AnalysisTexts = nlAnalysis): string {
  switch (cell.type) {
    case 'value':
      return INTEGER.format(cell.value);
    case 'percent':
      return PERCENT.format(cell.value);
    case 'none':
      return cell.noComplaints ? texts.noComplaints : texts.noneYet;
  }
}

interface Distribution {
  labels: string[];
  values: number[];
}

/** A distribution with count and share columns and a totals row; shares are of the total. */
function distributionTable(key: string, title: string, data: Distribution, texts: AnalysisTexts): ModelTable {
  const total = data.values.reduce((sum, value) => sum + value, 0);
  const rows: ModelRow[] = data.labels.map((label, index) => {
    const value = data.values[index]!;
    return { label, cells: [formatCell(countCell(value), texts), formatCell(shareCell(value, total), texts)] };
  });
  rows.push({
    label: texts.total,
    cells: [formatCell(countCell(total), texts), formatCell(shareCell(total, total), texts)],
    total: true,
  });
  return { key, title, columns: [texts.columns.category, texts.columns.count, `${texts.columns.share} (%)`], rows };
}

function distributionChart(title: string, data: Distribution, texts: AnalysisTexts): BarChart {
  return {
    title,
    bars: data.labels.map((label, index) => ({
      label,
      value: data.values[index]!,
      text: formatCell(countCell(data.values[index]!), texts),
    })),
  };
}

/** Configured themes first (in their order), then ids only found in the data. */
function themeDistribution(byTheme: Record<string, number>, context: ReportContext): Distribution {
  const known = new Set(context.themes.map((theme) => theme.id));
  const extra = Object.keys(byTheme).filter((id) => !known.has(id));
  const items = [...context.themes, ...extra.map((id) => ({ id, name: id }))];
  return { labels: items.map((item) => item.name), values: items.map((item) => byTheme[item.id] ?? 0) };
}

function recordDistribution<K extends string>(
  keys: readonly K[],
  labels: Record<K, string>,
  values: Record<K, number>,
): Distribution {
  // `?? 0`: figures stored before a key existed (e.g. the tenors) lack it.
  return { labels: keys.map((key) => labels[key]), values: keys.map((key) => values[key] ?? 0) };
}

/** Per term: how many were judged, in time, late, the share in time, and how many still run. */
function termsTable(group: GroupFigures, texts: AnalysisTexts): ModelTable {
  const c = group.complaints;
  const count = (value: number) => formatCell(countCell(value), texts);
  const row = (label: string, term: TermShare): ModelRow => {
    const judged = term.met + term.missed;
    return {
      label,
      cells: [
        count(judged),
        count(term.met),
        count(term.missed),
        formatCell(shareCell(term.met, judged, c.total), texts),
        count(term.pending),
      ],
    };
  };
  const figures = keyFigures(group);
  const days = (label: string, figure: Cell): ModelRow => ({
    label,
    cells: [
      count(c.handlingDays.count),
      texts.notApplicable,
      texts.notApplicable,
      formatCell(figure, texts),
      texts.notApplicable,
    ],
  });
  return {
    key: 'terms',
    title: texts.tables.terms,
    columns: [
      texts.columns.category,
      texts.judged,
      texts.columns.met,
      texts.columns.missed,
      `${texts.columns.met} (%)`,
      texts.columns.pending,
    ],
    rows: [
      row(texts.terms.settledWithinTerm, c.settledWithinTerm),
      row(texts.terms.confirmedInSameWeek, c.confirmedInSameWeek),
      row(texts.terms.conversationWithinTwoWeeks, c.conversationWithinTwoWeeks),
      days(texts.comparison.handlingMedian, presentKeyFigure(figures.handlingMedian)),
      days(texts.comparison.handlingP90, presentKeyFigure(figures.handlingP90)),
    ],
  };
}

function externalTable(group: GroupFigures, texts: AnalysisTexts): ModelTable {
  const c = group.complaints;
  const count = (value: number) => [formatCell(countCell(value), texts)];
  return {
    key: 'external',
    title: texts.tables.external,
    columns: [texts.columns.category, texts.columns.count],
    rows: [
      { label: texts.external.deskFiled, cells: count(c.complaintsDesk.filed) },
      { label: texts.external.deskWithOutcome, cells: count(c.complaintsDesk.withOutcome) },
      { label: texts.external.deskWithoutOutcome, cells: count(c.complaintsDesk.filed - c.complaintsDesk.withOutcome) },
      { label: texts.external.disputesFiled, cells: count(c.disputes.filed) },
      { label: texts.external.disputesLate, cells: count(c.disputes.filedLate) },
      ...(['founded', 'partlyFounded', 'unfounded'] as const).map((ruling) => ({
        label: texts.external.ruling(texts.rulings[ruling]),
        cells: count(c.disputes.rulings[ruling]),
      })),
      { label: texts.external.awaitingRuling, cells: count(c.disputes.awaitingRuling) },
    ],
  };
}

const tenorDistribution = (group: GroupFigures, texts: AnalysisTexts): Distribution =>
  recordDistribution(TENOR_KEYS, texts.tenors, group.complaints.tenors ?? {});

function complaintTables(group: GroupFigures, context: ReportContext, texts: AnalysisTexts) {
  const c = group.complaints;
  const channels = recordDistribution(CHANNELS, texts.channels, c.byChannel as Record<Channel, number>);
  return {
    themes: distributionTable('themes', texts.tables.themes, themeDistribution(c.byTheme, context), texts),
    channels: distributionTable('channels', texts.tables.channels, channels, texts),
    steps: distributionTable('steps', texts.tables.steps, recordDistribution(STEPS, texts.steps, c.highestStep), texts),
    outcomes: distributionTable(
      'outcomes',
      texts.tables.outcomes,
      recordDistribution(OUTCOMES, texts.outcomes, c.outcomes),
      texts,
    ),
    tenors: distributionTable('tenors', texts.tables.tenors, tenorDistribution(group, texts), texts),
    satisfaction: distributionTable(
      'satisfaction',
      texts.tables.satisfaction,
      recordDistribution(SATISFACTION_KEYS, texts.satisfaction, c.satisfaction),
      texts,
    ),
    terms: termsTable(group, texts),
    external: externalTable(group, texts),
  };
}

function kindsTable(group: GroupFigures, texts: AnalysisTexts): ModelTable {
  return distributionTable(
    'kinds',
    texts.tables.kinds,
    recordDistribution(SIGNAL_KINDS, texts.kinds, group.signals.byKind),
    texts,
  );
}

export function buildReportModel(
  analysis: AnnualAnalysis,
  context: ReportContext,
  texts: AnalysisTexts = nlAnalysis,
): ReportModel {
  const { figures, year } = analysis;
  const org = figures.organisation;
  const tables = complaintTables(org, context, texts);
  const count = (value: number) => formatCell(countCell(value), texts);
  const interim = isInterim(year, new Date(analysis.computedAt));

  const current = keyFigures(org);
  const keyTable: ModelTable = {
    key: 'keyFigures',
    title: texts.sections.keyFigures,
    columns: [texts.columns.figure, texts.columns.thisYear(year)],
    rows: COMPARISON_KEYS.map((key) => ({
      label: texts.comparison[key],
      cells: [formatCell(presentKeyFigure(current[key]), texts)],
    })),
  };

  const previous = analysis.previousFigures?.organisation;
  const comparison: ModelTable | null = previous
    ? {
        key: 'comparison',
        title: texts.tables.comparison,
        columns: [texts.columns.figure, texts.columns.thisYear(year), texts.columns.previousYear(year - 1)],
        rows: compareYears(org, previous).map((row) => ({
          label: texts.comparison[row.key],
          cells: [
            formatCell(presentKeyFigure(row.current), texts),
            row.previous ? formatCell(presentKeyFigure(row.previous), texts) : texts.notApplicable,
          ],
        })),
      }
    : null;

  // Locations: configured ones first, then ids only in the data (a location since removed).
  const known = new Set(context.locations.map((location) => location.id));
  const locationItems: (NamedItem & { lrk?: string })[] = [
    ...context.locations,
    ...Object.keys(figures.locations)
      .filter((id) => !known.has(id))
      .map((id) => ({ id, name: id })),
  ];
  const groupOf = (id: string): GroupFigures | undefined => figures.locations[id];
  const complaintsAt = (id: string): number => groupOf(id)?.complaints.total ?? 0;
  const locationsTable: ModelTable = {
    key: 'locations',
    title: texts.tables.locations,
    columns: [
      texts.columns.location,
      texts.columns.signals,
      texts.columns.complaints,
      `${texts.terms.settledWithinTerm} (%)`,
    ],
    rows: [
      ...locationItems.map((item) => {
        const group = groupOf(item.id);
        const settled = group?.complaints.settledWithinTerm;
        return {
          label: item.name,
          cells: [
            count(group?.signals.total ?? 0),
            count(complaintsAt(item.id)),
            formatCell(
              shareCell(settled?.met ?? 0, settled ? settled.met + settled.missed : 0, complaintsAt(item.id)),
              texts,
            ),
          ],
        };
      }),
      {
        label: texts.total,
        total: true,
        cells: [
          count(org.signals.total),
          count(org.complaints.total),
          formatCell(presentKeyFigure(current.settledWithinTerm), texts),
        ],
      },
    ],
  };

  // Every location with a signal gets its section: number and nature per location is what the law asks.
  const locations: LocationSection[] = locationItems
    .filter((item) => (groupOf(item.id)?.signals.total ?? 0) > 0)
    .map((item) => {
      const group = groupOf(item.id)!;
      const intro = texts.locationIntro(count(group.signals.total), count(group.complaints.total));
      const kinds = kindsTable(group, texts);
      if (group.complaints.total === 0) {
        return { id: item.id, name: item.name, intro: `${intro} ${texts.locationNoComplaints}`, tables: [kinds] };
      }
      const local = complaintTables(group, context, texts);
      return {
        id: item.id,
        name: item.name,
        intro,
        tables: [
          kinds,
          local.themes,
          local.channels,
          local.steps,
          local.outcomes,
          local.tenors,
          local.terms,
          local.external,
        ],
      };
    });

  const measuresTable: ModelTable | null =
    analysis.measures.length > 0
      ? {
          key: 'measures',
          title: texts.tables.measures,
          columns: [texts.columns.measure, texts.columns.owner, texts.columns.deadline, texts.columns.status],
          rows: analysis.measures.map((measure) => ({
            label: measure.description,
            cells: [measure.owner.name, formatDate(measure.deadline), texts.measureStatuses[measure.status]],
          })),
        }
      : null;

  const adopters = adoptingMembers(analysis).map((person) => person.name);
  const months = { labels: [...texts.months], values: org.complaints.byMonth };
  const content = analysis.content;
  const missing = missingReportSettings(content).map((key) => texts.settings[key]);
  const noComplaints = org.complaints.total === 0;

  return {
    year,
    interim,
    title: interim ? texts.interimTitle(year) : texts.title(year),
    subtitle: texts.subtitle,
    preparedFor: texts.preparedFor(content?.audiences ?? []),
    organisationName: context.organisationName,
    cover: {
      key: 'cover',
      title: texts.cover.title,
      columns: [texts.columns.location, texts.cover.lrk],
      rows: context.locations.map((location) => ({ label: location.name, cells: [location.lrk ?? texts.cover.noLrk] })),
    },
    missing,
    statusLine: texts.statusLine(analysis.status),
    adoptionLine: analysis.adoptedAt
      ? texts.adoptedOn(formatDate(analysis.adoptedAt), adopters.join(', '))
      : texts.notAdopted,
    computedLine: texts.computedOn(formatDate(analysis.computedAt)),
    summary: [
      texts.summary.intro(year, context.organisationName),
      ...(interim ? [texts.summary.interim(formatDate(analysis.computedAt))] : []),
      ...(noComplaints ? [texts.summary.noComplaints(year)] : []),
      ...(missing.length > 0 ? [texts.summary.missing(missing)] : []),
      ...(previous ? [] : [texts.summary.noPrevious]),
    ],
    keyFigures: keyTable,
    scheme: content?.complaintsScheme ?? texts.notSet(texts.settings.complaintsScheme),
    informing: content?.parentInformation ?? texts.notSet(texts.settings.parentInformation),
    nature: {
      intro: noComplaints ? `${texts.natureIntro} ${texts.summary.noComplaints(year)}` : texts.natureIntro,
      tables: [
        kindsTable(org, texts),
        tables.themes,
        tables.channels,
        distributionTable('months', texts.tables.months, months, texts),
      ],
      charts: [
        distributionChart(texts.charts.kinds, recordDistribution(SIGNAL_KINDS, texts.kinds, org.signals.byKind), texts),
        distributionChart(texts.charts.themes, themeDistribution(org.complaints.byTheme, context), texts),
        distributionChart(texts.charts.months, months, texts),
      ],
    },
    outcomes: {
      intro: texts.outcomesIntro,
      tables: [tables.steps, tables.outcomes, tables.terms, tables.satisfaction],
      charts: [
        distributionChart(
          texts.charts.outcomes,
          recordDistribution(OUTCOMES, texts.outcomes, org.complaints.outcomes),
          texts,
        ),
      ],
    },
    tenors: {
      intro: texts.tenorsIntro,
      table: tables.tenors,
      chart: distributionChart(texts.charts.tenors, tenorDistribution(org, texts), texts),
    },
    external: tables.external,
    measures: {
      intro: measuresTable ? texts.measuresIntro : texts.noMeasures,
      table: measuresTable,
      summary: analysis.measuresSummary?.text ?? null,
      decisionsLine: texts.decisionMeasures(
        count(org.complaints.decisions.count),
        count(org.complaints.decisions.measures),
      ),
    },
    comparison,
    comparisonNote: previous ? null : texts.summary.noPrevious,
    locationsTable,
    locationsChart: {
      title: texts.charts.locations,
      bars: locationItems.map((item) => ({
        label: item.name,
        value: complaintsAt(item.id),
        text: count(complaintsAt(item.id)),
      })),
    },
    locations,
    legend: texts.legend,
    method: texts.method,
  };
}
