/**
 * Charts as inline SVG, built on the server: no scripts and no style attributes (the CSP forbids
 * both), every piece of text escaped. Each chart is an image whose accessible name is a visible
 * one-sentence summary elsewhere on the page (`summaryId`); the page also shows the figures as a table.
 * Colours are GOV.UK's blue and dark grey, both above 3:1 against white (WCAG 1.4.11), and the
 * second line is dashed so the series differ by more than colour.
 */

export type Tone = 'primary' | 'secondary';
export interface Series {
  name: string;
  values: readonly number[];
  tone?: Tone;
}
/** A span of categories (inclusive indexes) drawn as a labelled bar under the chart: a campaign window. */
export interface Lane {
  label: string;
  from: number;
  to: number;
}

const colours = {
  primary: '#1d70b8',
  secondary: '#505a5f',
  lane: '#00703c',
  text: '#0b0c0c',
  grid: '#b1b4b6',
};
const WIDTH = 640;
const PLOT_HEIGHT = 200;
const MARGIN = { left: 40, right: 12, top: 12, bottom: 28 };
const LEGEND_HEIGHT = 22;
const LANE_HEIGHT = 22;

const entities: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
export const escapeXml = (text: string) => text.replace(/[&<>"']/g, (c) => entities[c]!);

const round = (n: number) => Math.round(n * 10) / 10;
const toneOf = (s: Series, n: number): Tone => s.tone ?? (n === 0 ? 'primary' : 'secondary');

/** A scale from 0 to a round number at or above the largest value, with 2 to 5 steps. */
export function niceScale(max: number) {
  if (max <= 0) return { top: 1, step: 1 };
  const magnitude = 10 ** Math.floor(Math.log10(max));
  const step =
    [0.1, 0.2, 0.5, 1, 2, 5, 10]
      .map((m) => Math.max(1, m * magnitude))
      .find((s) => Math.ceil(max / s) <= 5) ?? magnitude * 10;
  return { top: Math.ceil(max / step) * step, step };
}

function text(x: number, y: number, content: string, attrs = '') {
  return `<text x="${round(x)}" y="${round(y)}" fill="${colours.text}" font-size="12"${attrs}>${escapeXml(content)}</text>`;
}

interface Frame {
  labels: readonly string[];
  series: readonly Series[];
  summaryId: string;
  /** Show every nth category label (long series); 1 by default. */
  labelEvery?: number;
  lanes?: readonly Lane[];
}

/** The parts every chart shares: the SVG element, legend, y axis with gridlines, x labels, lanes. */
function frame(
  options: Frame,
  slot: (x: (i: number) => number, y: (v: number) => number, band: number) => string,
) {
  const { labels, series, lanes = [] } = options;
  const legend = series.length > 1 || lanes.length > 0;
  const top = MARGIN.top + (legend ? LEGEND_HEIGHT : 0);
  const bottom = top + PLOT_HEIGHT;
  const height = bottom + MARGIN.bottom + lanes.length * LANE_HEIGHT;
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const band = plotWidth / Math.max(1, labels.length);
  const max = Math.max(0, ...series.flatMap((s) => s.values));
  const scale = niceScale(max);
  const x = (i: number) => MARGIN.left + i * band;
  const y = (v: number) => bottom - (v / scale.top) * PLOT_HEIGHT;

  const parts: string[] = [];
  for (let v = 0; v <= scale.top; v += scale.step) {
    parts.push(
      `<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${round(y(v))}" y2="${round(y(v))}" stroke="${colours.grid}" stroke-width="1"/>`,
      text(MARGIN.left - 6, y(v) + 4, String(v), ' text-anchor="end"'),
    );
  }
  const every = options.labelEvery ?? 1;
  labels.forEach((label, i) => {
    if (i % every === 0) parts.push(text(x(i) + band / 2, bottom + 18, label, ' text-anchor="middle"'));
  });
  parts.push(slot(x, y, band));
  lanes.forEach((lane, i) => {
    const laneTop = bottom + MARGIN.bottom + i * LANE_HEIGHT;
    const start = x(Math.max(0, lane.from));
    const end = x(Math.min(labels.length - 1, lane.to) + 1);
    const anchorEnd = start > WIDTH - 160;
    parts.push(
      `<rect x="${round(start)}" y="${laneTop + 14}" width="${round(Math.max(2, end - start))}" height="6" fill="${colours.lane}"/>`,
      text(anchorEnd ? end : start, laneTop + 11, lane.label, anchorEnd ? ' text-anchor="end"' : ''),
    );
  });
  if (legend) {
    let at = MARGIN.left;
    const key = (fill: string, name: string) => {
      parts.push(`<rect x="${at}" y="${MARGIN.top}" width="12" height="12" fill="${fill}"/>`);
      parts.push(text(at + 16, MARGIN.top + 10, name));
      at += 28 + name.length * 7;
    };
    series.forEach((s, n) => key(colours[toneOf(s, n)], s.name));
    if (lanes.length) key(colours.lane, 'Campaign running');
  }
  return (
    `<svg class="app-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" ` +
    `role="img" aria-labelledby="${escapeXml(options.summaryId)}" focusable="false">${parts.join('')}</svg>`
  );
}

/** Bars for each category, side by side when there are several series. */
export function barChart(options: Frame) {
  return frame(options, (x, y, band) => {
    const count = Math.max(1, options.series.length);
    const gap = band > 8 ? band * 0.2 : 1;
    const width = (band - gap) / count;
    return options.series
      .map((s, n) =>
        s.values
          .map((v, i) => {
            const top = y(v);
            const height = Math.max(0, y(0) - top);
            return `<rect x="${round(x(i) + gap / 2 + n * width)}" y="${round(top)}" width="${round(Math.max(1, width))}" height="${round(height)}" fill="${colours[toneOf(s, n)]}"/>`;
          })
          .join(''),
      )
      .join('');
  });
}

/** A line per series through the middle of each category, with a dot at each value. */
export function lineChart(options: Frame) {
  return frame(options, (x, y, band) =>
    options.series
      .map((s, n) => {
        const colour = colours[toneOf(s, n)];
        const points = s.values.map((v, i) => `${round(x(i) + band / 2)},${round(y(v))}`);
        const dash = n > 0 ? ' stroke-dasharray="6 4"' : '';
        const dots = s.values
          .map(
            (v, i) => `<circle cx="${round(x(i) + band / 2)}" cy="${round(y(v))}" r="3.5" fill="${colour}"/>`,
          )
          .join('');
        return `<polyline points="${points.join(' ')}" fill="none" stroke="${colour}" stroke-width="3"${dash}/>${dots}`;
      })
      .join(''),
  );
}

const HOUSE = 'M0 10 L11 0 L22 10 L22 24 L0 24 Z';

/**
 * Progress towards a target as houses, filled for each carer approved ("20 houses filling up",
 * docs/domain.md §6, Targets); a single bar when the target is too large for houses to be countable.
 */
export function progressChart(achieved: number, target: number, summaryId: string) {
  const label = ` role="img" aria-labelledby="${escapeXml(summaryId)}" focusable="false"`;
  const filled = Math.min(achieved, target);
  if (target > 50) {
    const width = Math.round((filled / target) * 400);
    return (
      `<svg class="app-chart app-chart--progress" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 404 28"${label}>` +
      `<rect x="2" y="2" width="400" height="24" fill="#ffffff" stroke="${colours.primary}" stroke-width="2"/>` +
      `<rect x="2" y="2" width="${width}" height="24" fill="${colours.primary}"/></svg>`
    );
  }
  const perRow = 10;
  const rows = Math.ceil(target / perRow);
  const houses = Array.from({ length: target }, (_, i) => {
    const dx = (i % perRow) * 30 + 2;
    const dy = Math.floor(i / perRow) * 32 + 2;
    const fill = i < filled ? colours.primary : '#ffffff';
    return `<path transform="translate(${dx} ${dy})" d="${HOUSE}" fill="${fill}" stroke="${colours.primary}" stroke-width="2"/>`;
  });
  return (
    `<svg class="app-chart app-chart--progress" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${Math.min(target, perRow) * 30} ${rows * 32}"${label}>` +
    `${houses.join('')}</svg>`
  );
}
