/**
 * Bar charts for the report: built as SVG (plain strings, nothing to install) and rendered to PNG
 * server-side with resvg, because Word cannot be relied on to show SVG.
 */
import type { ResvgRenderOptions } from '@resvg/resvg-js';
import { existsSync } from 'node:fs';

/** resvg (a native addon) loads with the first chart, not at start-up: only `analyse` draws charts. */
let resvgModule: typeof import('@resvg/resvg-js') | undefined;
function resvg(): typeof import('@resvg/resvg-js') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load that renderBarChart (sync) can use too
  resvgModule ??= require('@resvg/resvg-js') as typeof import('@resvg/resvg-js');
  return resvgModule;
}

export interface Bar {
  label: string;
  /** 0 for a suppressed bar: its size must not give the count away. */
  value: number;
  /** What is written next to the bar ("12", "< 5", "x"). */
  text: string;
}

export interface BarChart {
  title: string;
  bars: Bar[];
}

/** Width in CSS pixels as placed in the document; the PNG is rendered at twice that for sharpness. */
export const CHART_WIDTH = 600;
/** 1.5× keeps text crisp in print at a third of the 2× encoding cost (measured in bench/analysis.ts). */
const SCALE = 1.5;
const BAR_HEIGHT = 20;
const GAP = 6;
const TITLE_HEIGHT = 34;
const LABEL_WIDTH = 210;
const VALUE_WIDTH = 60;
const PADDING = 10;
const COLOURS = ['#2f6690', '#3a7ca5', '#5b9bd5', '#81c3d7'];

const FONT_CANDIDATES = [
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/TTF/DejaVuSans.ttf',
];
const FONT_FILES = FONT_CANDIDATES.filter((file) => existsSync(file));

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Long theme or location names are cut so the bars keep their room. */
function fit(label: string, max = 30): string {
  return label.length > max ? `${label.slice(0, max - 1)}…` : label;
}

export function chartHeight(chart: BarChart): number {
  return TITLE_HEIGHT + chart.bars.length * (BAR_HEIGHT + GAP) + PADDING;
}

export function barChartSvg(chart: BarChart): string {
  const height = chartHeight(chart);
  const max = Math.max(1, ...chart.bars.map((bar) => bar.value));
  const room = CHART_WIDTH - LABEL_WIDTH - VALUE_WIDTH - 2 * PADDING;
  const rows = chart.bars.map((bar, index) => {
    const y = TITLE_HEIGHT + index * (BAR_HEIGHT + GAP);
    const width = Math.round((bar.value / max) * room);
    const x = PADDING + LABEL_WIDTH;
    return [
      `<text x="${x - 8}" y="${y + 15}" text-anchor="end" font-size="12">${escapeXml(fit(bar.label))}</text>`,
      `<rect x="${x}" y="${y}" width="${width}" height="${BAR_HEIGHT}" fill="${COLOURS[index % COLOURS.length]}"/>`,
      `<text x="${x + width + 6}" y="${y + 15}" font-size="12">${escapeXml(bar.text)}</text>`,
    ].join('');
  });
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${CHART_WIDTH}" height="${height}" viewBox="0 0 ${CHART_WIDTH} ${height}" font-family="DejaVu Sans">` +
    `<rect width="100%" height="100%" fill="#ffffff"/>` +
    `<text x="${PADDING}" y="22" font-size="15" font-weight="bold">${escapeXml(chart.title)}</text>` +
    rows.join('') +
    `</svg>`
  );
}

export interface RenderedChart {
  png: Buffer;
  /** Size to place it at, in CSS pixels. */
  width: number;
  height: number;
}

const renderOptions = (): ResvgRenderOptions => ({
  fitTo: { mode: 'width', value: CHART_WIDTH * SCALE },
  font: { loadSystemFonts: FONT_FILES.length === 0, fontFiles: FONT_FILES, defaultFontFamily: 'DejaVu Sans' },
  background: '#ffffff',
});

export function renderBarChart(chart: BarChart): RenderedChart {
  const png = new (resvg().Resvg)(barChartSvg(chart), renderOptions()).render().asPng();
  return { png, width: CHART_WIDTH, height: chartHeight(chart) };
}

/** Off the main thread (libuv pool), so a report's charts render in parallel. */
export async function renderBarChartAsync(chart: BarChart): Promise<RenderedChart> {
  const image = await resvg().renderAsync(barChartSvg(chart), renderOptions());
  return { png: image.asPng(), width: CHART_WIDTH, height: chartHeight(chart) };
}
