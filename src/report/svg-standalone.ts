import { escapeHtml } from './escape.js';

/**
 * Standalone SVG files (run artifacts such as `plots/roc.svg`): unlike the
 * charts inlined in HTML reports, they carry their own `xmlns` and inline
 * colours, because no page stylesheet reaches a file opened on its own.
 */

/** One polyline of a {@link lineChartSvg}. */
export interface LineSeries {
  label: string;
  x: readonly number[];
  y: readonly number[];
}

/** Options for {@link lineChartSvg}. */
export interface LineChartOptions {
  title: string;
  xLabel: string;
  yLabel: string;
  /** Draws the y = x diagonal (ROC chance line, perfect calibration). */
  diagonal?: boolean;
  width?: number;
  height?: number;
}

const COLOURS = ['#2563eb', '#dc2626', '#16a34a', '#9333ea', '#ea580c'];
/** Curves of a 1M-row test set have up to 1M points; a plot needs a few hundred. */
const MAX_POINTS = 400;

/**
 * Lines on a [0, 1] × [0, 1] square, as ROC, precision-recall and
 * calibration curves are.
 *
 * @example
 * ```ts
 * lineChartSvg([{ label: 'ROC', x: [0, 0.2, 1], y: [0, 0.8, 1] }], { title: 'ROC', xLabel: 'FPR', yLabel: 'TPR', diagonal: true });
 * ```
 */
export function lineChartSvg(series: readonly LineSeries[], o: LineChartOptions): string {
  const width = o.width ?? 360;
  const height = o.height ?? 320;
  const m = { left: 44, right: 12, top: 28, bottom: 40 };
  const w = width - m.left - m.right;
  const h = height - m.top - m.bottom;
  const px = (x: number) => m.left + clamp(x) * w;
  const py = (y: number) => m.top + h - clamp(y) * h;
  const parts: string[] = [];
  parts.push(`<rect x="${m.left}" y="${m.top}" width="${w}" height="${h}" fill="none" stroke="#999"/>`);
  for (const t of [0, 0.5, 1]) {
    parts.push(label(px(t), height - m.bottom + 14, String(t), 'middle'));
    parts.push(label(m.left - 6, py(t) + 4, String(t), 'end'));
  }
  parts.push(label(m.left + w / 2, height - 8, o.xLabel, 'middle'));
  parts.push(`<text x="12" y="${m.top + h / 2}" font-size="11" font-family="sans-serif" text-anchor="middle" transform="rotate(-90 12 ${m.top + h / 2})">${escapeHtml(o.yLabel)}</text>`);
  parts.push(label(m.left, 16, o.title, 'start', 13));
  if (o.diagonal) parts.push(`<line x1="${px(0)}" y1="${py(0)}" x2="${px(1)}" y2="${py(1)}" stroke="#bbb" stroke-dasharray="4 3"/>`);
  series.forEach((s, i) => {
    const step = Math.max(1, Math.ceil(s.x.length / MAX_POINTS));
    const pts: string[] = [];
    for (let j = 0; j < s.x.length; j += step) if (Number.isFinite(s.x[j]) && Number.isFinite(s.y[j])) pts.push(`${r(px(s.x[j]))},${r(py(s.y[j]))}`);
    const last = s.x.length - 1;
    if (last >= 0 && last % step !== 0 && Number.isFinite(s.x[last]) && Number.isFinite(s.y[last])) pts.push(`${r(px(s.x[last]))},${r(py(s.y[last]))}`);
    const colour = COLOURS[i % COLOURS.length];
    parts.push(`<polyline fill="none" stroke="${colour}" stroke-width="1.6" points="${pts.join(' ')}"><title>${escapeHtml(s.label)}</title></polyline>`);
    parts.push(label(m.left + w - 4, m.top + h - 8 - 14 * i, s.label, 'end', 11, colour));
  });
  return wrap(width, height, o.title, parts);
}

/**
 * A confusion matrix as a heat map: rows are true classes, columns predicted
 * ones; each cell shows its count and is shaded by its share of the row.
 */
export function confusionSvg(matrix: readonly (readonly number[])[], labels: readonly string[], title = 'confusion matrix'): string {
  const k = matrix.length;
  const cell = Math.max(24, Math.min(56, Math.floor(420 / Math.max(1, k))));
  const m = { left: 110, top: 60 };
  const width = m.left + k * cell + 12;
  const height = m.top + k * cell + 30;
  const parts: string[] = [label(8, 16, title, 'start', 13), label(m.left + (k * cell) / 2, 34, 'predicted', 'middle')];
  for (let i = 0; i < k; i++) {
    const rowSum = matrix[i].reduce((a, b) => a + b, 0) || 1;
    parts.push(label(m.left - 6, m.top + i * cell + cell / 2 + 4, short(labels[i] ?? String(i)), 'end'));
    parts.push(label(m.left + i * cell + cell / 2, m.top - 6, short(labels[i] ?? String(i)), 'middle'));
    for (let j = 0; j < k; j++) {
      const share = matrix[i][j] / rowSum;
      const x = m.left + j * cell;
      const y = m.top + i * cell;
      const fill = `rgb(${Math.round(255 - 218 * share)},${Math.round(255 - 156 * share)},${Math.round(255 - 20 * share)})`;
      const tip = `true ${labels[i] ?? i}, predicted ${labels[j] ?? j}: ${matrix[i][j]}`;
      parts.push(`<rect x="${x}" y="${y}" width="${cell - 1}" height="${cell - 1}" fill="${fill}"><title>${escapeHtml(tip)}</title></rect>`);
      parts.push(label(x + cell / 2, y + cell / 2 + 4, String(Math.round(matrix[i][j] * 100) / 100), 'middle', 10, share > 0.6 ? '#fff' : '#111'));
    }
  }
  parts.push(label(m.left + (k * cell) / 2, height - 8, 'rows: true class', 'middle'));
  return wrap(width, height, title, parts);
}

function wrap(width: number, height: number, title: string, parts: string[]): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(title)}"><rect width="100%" height="100%" fill="#fff"/>${parts.join('')}</svg>\n`;
}

function label(x: number, y: number, body: string, anchor: 'start' | 'middle' | 'end', size = 10, fill = '#333'): string {
  return `<text x="${r(x)}" y="${r(y)}" font-size="${size}" font-family="sans-serif" fill="${fill}" text-anchor="${anchor}">${escapeHtml(body)}</text>`;
}

function short(s: string): string {
  return s.length > 16 ? `${s.slice(0, 15)}…` : s;
}

function clamp(v: number): number {
  return v < 0 ? 0 : v > 1 ? 1 : v;
}

function r(x: number): string {
  return String(Math.round(x * 10) / 10);
}
