import { escapeHtml, truncate } from './escape.js';
import { formatCount } from './format.js';

/**
 * Small inline-SVG bar charts for self-contained reports: no script, no
 * external file, every label escaped. Colours come from the page's CSS
 * classes (`bar`, `bar-alt`, `axis`, `tick`), so a report can restyle them
 * and two series (reference and current, in drift) can share one chart.
 */

/** Options for {@link histogramSvg}. */
export interface HistogramSvgOptions {
  width?: number;
  height?: number;
  /** Formats an edge for the axis and tooltips; default a plain number. */
  tick?: (edge: number) => string;
  /** A second series on the same edges, drawn as outlined bars (e.g. a reference). */
  compare?: readonly number[];
  /** Accessible name of the chart. */
  title?: string;
}

/**
 * Vertical bars over fixed bin edges (`edges.length === counts.length + 1`),
 * with the first and last edge and the largest count on the axes, and a
 * tooltip per bar.
 *
 * @example
 * ```ts
 * const svg = histogramSvg([0, 1, 2], [3, 5]);
 * ```
 */
export function histogramSvg(edges: readonly number[], counts: readonly number[], opts: HistogramSvgOptions = {}): string {
  const width = opts.width ?? 360;
  const height = opts.height ?? 150;
  const tick = opts.tick ?? ((x: number) => String(Number(x.toPrecision(6))));
  const m = { left: 8, right: 8, top: 16, bottom: 20 };
  const plotW = width - m.left - m.right;
  const plotH = height - m.top - m.bottom;
  const top = Math.max(1, ...counts, ...(opts.compare ?? []));
  const barW = plotW / Math.max(1, counts.length);
  const y = (n: number) => m.top + plotH - (n / top) * plotH;
  const parts: string[] = [];
  const bar = (cls: string, x: number, n: number, tip: string) =>
    rect(cls, x + 0.5, y(n), Math.max(barW - 1, 0.5), m.top + plotH - y(n), tip);
  counts.forEach((n, i) => {
    // Bins are closed on the right, the first on both sides (as profiles bin).
    const label = `${i === 0 ? '[' : '('}${tick(edges[i])}, ${tick(edges[i + 1])}]: ${formatCount(n)}`;
    const x = m.left + i * barW;
    parts.push(bar('bar', x, n, label));
    const c = opts.compare?.[i];
    if (c !== undefined) parts.push(bar('bar-alt', x, c, `reference: ${formatCount(c)}`));
  });
  const base = m.top + plotH;
  parts.push(`<line class="axis" x1="${m.left}" y1="${base}" x2="${width - m.right}" y2="${base}"/>`);
  parts.push(text('tick', m.left, height - 5, tick(edges[0]), 'start'));
  parts.push(text('tick', width - m.right, height - 5, tick(edges[edges.length - 1]), 'end'));
  parts.push(text('tick', m.left, 11, `max ${formatCount(top)}`, 'start'));
  return svg(width, height, opts.title ?? 'histogram', parts);
}

/** One bar of {@link barsSvg}. */
export interface BarItem {
  label: string;
  count: number;
  /** Drawn with the alternate class, e.g. for an "other values" bar. */
  alt?: boolean;
}

/** Options for {@link barsSvg}. */
export interface BarsSvgOptions {
  width?: number;
  /** Height of one bar row. */
  row?: number;
  /** Characters of a label shown before it is shortened (the tooltip has it whole). */
  labelChars?: number;
  /** The count bars are scaled against; default the largest. */
  total?: number;
  title?: string;
}

/**
 * Horizontal bars, one labelled row per item, largest first as given, with
 * the count at the end of each bar: for top values of a categorical column.
 *
 * @example
 * ```ts
 * const svg = barsSvg([{ label: 'Adelie', count: 152 }, { label: 'Gentoo', count: 124 }]);
 * ```
 */
export function barsSvg(items: readonly BarItem[], opts: BarsSvgOptions = {}): string {
  const width = opts.width ?? 360;
  const row = opts.row ?? 18;
  const labelW = 120;
  const countW = 64;
  const height = Math.max(1, items.length) * row + 4;
  const scale = Math.max(1, opts.total ?? Math.max(0, ...items.map((i) => i.count)));
  const barMax = width - labelW - countW;
  const parts = items.map((item, i) => {
    const yTop = 2 + i * row;
    const w = Math.max(item.count > 0 ? 1 : 0, (item.count / scale) * barMax);
    return [
      text('tick', labelW - 6, yTop + row * 0.7, truncate(item.label, opts.labelChars ?? 18), 'end', item.label),
      rect(item.alt ? 'bar-alt' : 'bar', labelW, yTop + 2, w, row - 4, `${item.label}: ${formatCount(item.count)}`),
      text('tick', labelW + w + 4, yTop + row * 0.7, formatCount(item.count), 'start'),
    ].join('');
  });
  return svg(width, height, opts.title ?? 'bar chart', parts);
}

function svg(width: number, height: number, title: string, parts: string[]): string {
  // No xmlns: inline SVG in HTML does not need one, and the page stays free
  // of any URL at all.
  const size = `width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"`;
  return `<svg class="chart" ${size} role="img" aria-label="${escapeHtml(title)}">${parts.join('')}</svg>`;
}

function rect(cls: string, x: number, y: number, w: number, h: number, tooltip: string): string {
  const box = `x="${r(x)}" y="${r(y)}" width="${r(w)}" height="${r(h)}"`;
  return `<rect class="${cls}" ${box}><title>${escapeHtml(tooltip)}</title></rect>`;
}

function text(cls: string, x: number, y: number, body: string, anchor: 'start' | 'end', tooltip?: string): string {
  const tip = tooltip === undefined ? '' : `<title>${escapeHtml(tooltip)}</title>`;
  return `<text class="${cls}" x="${r(x)}" y="${r(y)}" text-anchor="${anchor}">${tip}${escapeHtml(body)}</text>`;
}

/** Rounds coordinates to 0.1 px: smaller files, no visible difference. */
function r(x: number): string {
  return String(Math.round(x * 10) / 10);
}
