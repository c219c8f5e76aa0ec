/**
 * The report as presentable data: every table and chart with its counts already suppressed and
 * formatted in Dutch. The Word file and the CSV are both rendered from this one model, so they can
 * never disagree and suppression happens in exactly one place.
 */
import { CHANNELS, SIGNAL_KINDS, STEPS, type Channel } from '../../domain/signal';
import {
  OUTCOMES,
  SATISFACTION_KEYS,
  compareYears,
  keyFigures,
  presentKeyFigure,
  suppressCount,
  suppressDistribution,
  suppressShare,
  COMPARISON_KEYS,
  type Cell,
  type GroupFigures,
  type ShareCell,
  type TermShare,
} from '../../domain/analysis';
import { adoptingMembers, type AnnualAnalysis } from '../../domain/analysis-workflow';
import { formatDate } from '../../i18n/format';
import { nlAnalysis, type AnalysisTexts } from '../../i18n/nl-analysis';
import type { BarChart } from './charts';

export interface NamedItem {
  id: string;
  name: string;
}

export interface ReportContext {
  organisationName: string;
  /** Configured locations and themes, in the order the organisation lists them. */
  locations: readonly NamedItem[];
  themes: readonly NamedItem[];
  /** Organisation-specific texts; the defaults in nl-analysis.ts otherwise. */
  schemeText?: string;
  informingText?: string;
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
  tooFew: boolean;
  tables: ModelTable[];
}

export interface ReportModel {
  year: number;
  title: string;
  subtitle: string;
  preparedFor: string;
  organisationName: string;
  statusLine: string;
  adoptionLine: string;
  computedLine: string;
  summary: string[];
  keyFigures: ModelTable;
  scheme: string;
  informing: string;
  nature: { intro: string; tables: ModelTable[]; charts: BarChart[] };
  outcomes: { intro: string; tables: ModelTable[]; charts: BarChart[] };
  external: ModelTable;
  measures: { intro: string; table: ModelTable | null; decisionsLine: string };
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

export function formatCell(cell: ShareCell, texts: AnalysisTexts = nlAnalysis): string {
  switch (cell.type) {
    case 'value':
      return INTEGER.format(cell.value);
    case 'percent':
      return PERCENT.format(cell.value);
    case 'below':
      return texts.suppression.below(cell.threshold);
    case 'hidden':
      return texts.suppression.hidden;
    case 'none':
      return texts.suppression.none;
  }
}

/** Value for a chart bar: suppressed counts draw no bar. */
const barValue = (cell: Cell): number => (cell.type === 'value' ? cell.value : 0);

interface Distribution {
  labels: string[];
  values: number[];
}

/**
 * A distribution with count and share columns and a totals row. Shares are of the total, and
 * hidden wherever the count is hidden (a share would give the count back).
 */
function distributionTable(
  key: string,
  title: string,
  data: Distribution,
  threshold: number,
  texts: AnalysisTexts,
): ModelTable {
  const total = data.values.reduce((sum, value) => sum + value, 0);
  const cells = suppressDistribution(data.values, threshold);
  const totalCell = suppressCount(total, threshold);
  const rows: ModelRow[] = data.labels.map((label, index) => {
    const cell = cells[index]!;
    const share: ShareCell =
      cell.type === 'value' && totalCell.type === 'value' ? suppressShare(cell.value, total, threshold) : cell;
    return { label, cells: [formatCell(cell, texts), formatCell(total === 0 ? { type: 'none' } : share, texts)] };
  });
  rows.push({
    label: texts.total,
    cells: [
      formatCell(totalCell, texts),
      total > 0 && totalCell.type === 'value' ? PERCENT.format(100) : texts.suppression.none,
    ],
    total: true,
  });
  return { key, title, columns: [texts.columns.category, texts.columns.count, `${texts.columns.share} (%)`], rows };
}

function distributionChart(title: string, data: Distribution, threshold: number, texts: AnalysisTexts): BarChart {
  const cells = suppressDistribution(data.values, threshold);
  return {
    title,
    bars: data.labels.map((label, index) => ({
      label,
      value: barValue(cells[index]!),
      text: formatCell(cells[index]!, texts),
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
  return { labels: keys.map((key) => labels[key]), values: keys.map((key) => values[key]) };
}

function termsTable(group: GroupFigures, threshold: number, texts: AnalysisTexts): ModelTable {
  const c = group.complaints;
  const row = (label: string, term: TermShare): ModelRow => {
    const judged = term.met + term.missed;
    return {
      label,
      cells: [
        formatCell(suppressCount(judged, threshold), texts),
        formatCell(suppressShare(term.met, judged, threshold), texts),
        formatCell(suppressCount(term.pending, threshold), texts),
      ],
    };
  };
  return {
    key: 'terms',
    title: texts.tables.terms,
    columns: [texts.columns.category, texts.judged, `${texts.columns.met} (%)`, texts.columns.pending],
    rows: [
      row(texts.terms.settledWithinTerm, c.settledWithinTerm),
      row(texts.terms.confirmedInSameWeek, c.confirmedInSameWeek),
      row(texts.terms.conversationWithinTwoWeeks, c.conversationWithinTwoWeeks),
      {
        label: texts.comparison.handlingMedian,
        cells: [
          formatCell(suppressCount(c.handlingDays.count, threshold), texts),
          formatCell(presentKeyFigure(keyFigures(group).handlingMedian, threshold), texts),
          texts.suppression.none,
        ],
      },
      {
        label: texts.comparison.handlingP90,
        cells: [
          formatCell(suppressCount(c.handlingDays.count, threshold), texts),
          formatCell(presentKeyFigure(keyFigures(group).handlingP90, threshold), texts),
          texts.suppression.none,
        ],
      },
    ],
  };
}

function externalTable(group: GroupFigures, threshold: number, texts: AnalysisTexts): ModelTable {
  const c = group.complaints;
  const count = (value: number) => [formatCell(suppressCount(value, threshold), texts)];
  return {
    key: 'external',
    title: texts.tables.external,
    columns: [texts.columns.category, texts.columns.count],
    rows: [
      { label: texts.external.deskFiled, cells: count(c.complaintsDesk.filed) },
      { label: texts.external.deskWithOutcome, cells: count(c.complaintsDesk.withOutcome) },
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

function complaintTables(group: GroupFigures, context: ReportContext, threshold: number, texts: AnalysisTexts) {
  const c = group.complaints;
  const channels = recordDistribution(CHANNELS, texts.channels, c.byChannel as Record<Channel, number>);
  return {
    themes: distributionTable('themes', texts.tables.themes, themeDistribution(c.byTheme, context), threshold, texts),
    channels: distributionTable('channels', texts.tables.channels, channels, threshold, texts),
    steps: distributionTable(
      'steps',
      texts.tables.steps,
      recordDistribution(STEPS, texts.steps, c.highestStep),
      threshold,
      texts,
    ),
    outcomes: distributionTable(
      'outcomes',
      texts.tables.outcomes,
      recordDistribution(OUTCOMES, texts.outcomes, c.outcomes),
      threshold,
      texts,
    ),
    satisfaction: distributionTable(
      'satisfaction',
      texts.tables.satisfaction,
      recordDistribution(SATISFACTION_KEYS, texts.satisfaction, c.satisfaction),
      threshold,
      texts,
    ),
    terms: termsTable(group, threshold, texts),
  };
}

function kindsTable(group: GroupFigures, threshold: number, texts: AnalysisTexts): ModelTable {
  return distributionTable(
    'kinds',
    texts.tables.kinds,
    recordDistribution(SIGNAL_KINDS, texts.kinds, group.signals.byKind),
    threshold,
    texts,
  );
}

const EMPTY_GROUP_TOTAL = 0;

export function buildReportModel(
  analysis: AnnualAnalysis,
  context: ReportContext,
  texts: AnalysisTexts = nlAnalysis,
): ReportModel {
  const threshold = analysis.settings.suppressionThreshold;
  const { figures, year } = analysis;
  const org = figures.organisation;
  const tables = complaintTables(org, context, threshold, texts);

  const current = keyFigures(org);
  const keyTable: ModelTable = {
    key: 'keyFigures',
    title: texts.sections.keyFigures,
    columns: [texts.columns.figure, texts.columns.thisYear(year)],
    rows: COMPARISON_KEYS.map((key) => ({
      label: texts.comparison[key],
      cells: [formatCell(presentKeyFigure(current[key], threshold), texts)],
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
            formatCell(presentKeyFigure(row.current, threshold), texts),
            row.previous ? formatCell(presentKeyFigure(row.previous, threshold), texts) : texts.suppression.none,
          ],
        })),
      }
    : null;

  // Locations: configured ones first, then ids only in the data (a location since removed).
  const known = new Set(context.locations.map((location) => location.id));
  const locationItems = [
    ...context.locations,
    ...Object.keys(figures.locations)
      .filter((id) => !known.has(id))
      .map((id) => ({ id, name: id })),
  ];
  const groupOf = (id: string): GroupFigures | undefined => figures.locations[id];
  const signalCells = suppressDistribution(
    locationItems.map((item) => groupOf(item.id)?.signals.total ?? EMPTY_GROUP_TOTAL),
    threshold,
  );
  const complaintCells = suppressDistribution(
    locationItems.map((item) => groupOf(item.id)?.complaints.total ?? EMPTY_GROUP_TOTAL),
    threshold,
  );
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
      ...locationItems.map((item, index) => {
        const group = groupOf(item.id);
        const settled = group?.complaints.settledWithinTerm;
        const judged = settled ? settled.met + settled.missed : 0;
        return {
          label: item.name,
          cells: [
            formatCell(signalCells[index]!, texts),
            formatCell(complaintCells[index]!, texts),
            formatCell(suppressShare(settled?.met ?? 0, judged, threshold), texts),
          ],
        };
      }),
      {
        label: texts.total,
        total: true,
        cells: [
          formatCell(suppressCount(org.signals.total, threshold), texts),
          formatCell(suppressCount(org.complaints.total, threshold), texts),
          formatCell(presentKeyFigure(current.settledWithinTerm, threshold), texts),
        ],
      },
    ],
  };

  const locations: LocationSection[] = locationItems
    .filter((item) => (groupOf(item.id)?.signals.total ?? 0) > 0)
    .map((item) => {
      const group = groupOf(item.id)!;
      const intro = texts.locationIntro(
        formatCell(suppressCount(group.signals.total, threshold), texts),
        formatCell(suppressCount(group.complaints.total, threshold), texts),
      );
      const kinds = kindsTable(group, threshold, texts);
      if (group.complaints.total < threshold) {
        return {
          id: item.id,
          name: item.name,
          intro: `${intro} ${texts.locationTooFew(threshold)}`,
          tooFew: true,
          tables: [kinds],
        };
      }
      const local = complaintTables(group, context, threshold, texts);
      return {
        id: item.id,
        name: item.name,
        intro,
        tooFew: false,
        tables: [kinds, local.themes, local.steps, local.outcomes, local.terms, local.satisfaction],
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

  return {
    year,
    title: texts.title(year),
    subtitle: texts.subtitle,
    preparedFor: texts.preparedFor,
    organisationName: context.organisationName,
    statusLine: texts.statusLine(analysis.status),
    adoptionLine: analysis.adoptedAt
      ? texts.adoptedOn(formatDate(analysis.adoptedAt), adopters.join(', '))
      : texts.notAdopted,
    computedLine: texts.computedOn(formatDate(analysis.computedAt)),
    summary: [
      texts.summary.intro(year, context.organisationName),
      ...(org.complaints.total === 0 ? [texts.summary.noComplaints] : []),
      ...(previous ? [] : [texts.summary.noPrevious]),
    ],
    keyFigures: keyTable,
    scheme: context.schemeText ?? texts.defaults.scheme,
    informing: context.informingText ?? texts.defaults.informing,
    nature: {
      intro: texts.natureIntro,
      tables: [
        kindsTable(org, threshold, texts),
        tables.themes,
        tables.channels,
        distributionTable('months', texts.tables.months, months, threshold, texts),
      ],
      charts: [
        distributionChart(
          texts.charts.kinds,
          recordDistribution(SIGNAL_KINDS, texts.kinds, org.signals.byKind),
          threshold,
          texts,
        ),
        distributionChart(texts.charts.themes, themeDistribution(org.complaints.byTheme, context), threshold, texts),
        distributionChart(texts.charts.months, months, threshold, texts),
      ],
    },
    outcomes: {
      intro: texts.outcomesIntro,
      tables: [tables.steps, tables.outcomes, tables.terms, tables.satisfaction],
      charts: [
        distributionChart(
          texts.charts.outcomes,
          recordDistribution(OUTCOMES, texts.outcomes, org.complaints.outcomes),
          threshold,
          texts,
        ),
      ],
    },
    external: externalTable(org, threshold, texts),
    measures: {
      intro: measuresTable ? texts.measuresIntro : texts.noMeasures,
      table: measuresTable,
      decisionsLine: texts.decisionMeasures(
        formatCell(suppressCount(org.complaints.decisions.count, threshold), texts),
        formatCell(suppressCount(org.complaints.decisions.measures, threshold), texts),
      ),
    },
    comparison,
    comparisonNote: previous ? null : texts.summary.noPrevious,
    locationsTable,
    locationsChart: {
      title: texts.charts.locations,
      bars: locationItems.map((item, index) => ({
        label: item.name,
        value: barValue(complaintCells[index]!),
        text: formatCell(complaintCells[index]!, texts),
      })),
    },
    locations,
    legend: texts.suppression.legend(threshold),
    method: texts.method,
  };
}
