import type { Column, Frame } from '../core/index.js';
import { type BarItem, barsSvg, escapeHtml, formatCount, formatNumber, formatPercent, histogramSvg, htmlPage } from '../report/index.js';
import type { ColumnDrift, DatasetDrift } from './drift/index.js';

const HIST_BINS = 20;
const TOP_CATEGORIES = 8;

/**
 * Renders a drift report as one self-contained HTML page: the verdict, a
 * table of every column's test and score, then a card per column overlaying
 * the current distribution on the reference (shares, so two sizes compare).
 * No script, nothing loaded; every label from the data is escaped.
 *
 * @example
 * ```ts
 * writeFileAtomic('drift.html', driftHtml(report, reference, current, { reference: 'penguins@1', current: 'new.csv' }));
 * ```
 */
export function driftHtml(report: DatasetDrift, reference: Frame, current: Frame, labels: { reference: string; current: string }): string {
  const title = `Drift of ${labels.current} against ${labels.reference}`;
  const cards = report.columns.map((c) => card(c, reference, current)).join('\n');
  return htmlPage(title, `${summary(report, title)}\n<div class="cards">${cards}</div>`);
}

function summary(r: DatasetDrift, title: string): string {
  const verdict = r.status === 'no_data'
    ? '<span class="badge">no data</span>'
    : `<span class="badge${r.dataset_drift ? ' warn' : ''}">${r.dataset_drift ? 'dataset drift' : 'no dataset drift'}</span>`;
  const share = r.drift_share === null ? '—' : formatPercent(r.drift_share);
  const rows = r.columns.map((c) => {
    const flag = c.status === 'no_data' ? '<span class="badge">no data</span>' : c.drift ? '<span class="badge warn">drift</span>' : '';
    return `<tr><td>${escapeHtml(c.name)}</td><td>${c.test ?? '—'}</td><td class="num">${formatNumber(c.statistic)}</td>`
      + `<td class="num">${formatNumber(c.p_value)}</td><td class="num">${formatNumber(c.score)}</td><td class="num">${formatNumber(c.threshold)}</td>`
      + `<td class="num">${signedPercent(c.missing_rate_delta)}</td><td class="num">${rate(c.unseen_rate)}</td><td class="num">${rate(c.range_violation_rate)}</td><td>${flag}</td></tr>`;
  });
  return `<section class="summary">
<h1>${escapeHtml(title)}</h1>
<p>${verdict} <span class="muted">${r.drifted_columns} of ${r.tested_columns} tested columns drifted (${share}; the dataset drifts at ${formatPercent(r.options.drift_share)}) · reference ${formatCount(r.reference_rows)} rows, current ${formatCount(r.current_rows)} rows · test ${escapeHtml(r.options.test)}${r.options.correction === 'bh' ? ', Benjamini–Hochberg' : ''}</span></p>
<table><thead><tr><th>column</th><th>test</th><th class="num">statistic</th><th class="num">p-value</th><th class="num">score</th><th class="num">threshold</th><th class="num">missing Δ</th><th class="num">unseen</th><th class="num">out of range</th><th></th></tr></thead>
<tbody>${rows.join('')}</tbody></table>
<p class="muted">Bars: current; orange: reference. Heights are shares of each side's present values.</p>
</section>`;
}

function card(c: ColumnDrift, reference: Frame, current: Frame): string {
  const head = `<header><h2>${escapeHtml(c.name)}</h2><span class="badge">${c.test ?? 'no test'}</span>${c.drift ? '<span class="badge warn">drift</span>' : ''}</header>`;
  if (c.status === 'no_data') return `<div class="card">${head}<p class="muted">${escapeHtml(c.reason ?? 'no data')}</p></div>`;
  const r = reference.column(c.name);
  const k = current.column(c.name);
  const chart = c.kind === 'numeric' && !('codes' in r) && !('codes' in k) ? histogram(r.values, k.values, c) : categories(r, k, c.name);
  return `<div class="card">${head}${chart}</div>`;
}

function histogram(ref: Float64Array, cur: Float64Array, c: ColumnDrift): string {
  const lo = Math.min(c.reference.min ?? 0, c.current.min ?? 0);
  const hi = Math.max(c.reference.max ?? 0, c.current.max ?? 0);
  const width = hi > lo ? (hi - lo) / HIST_BINS : 1;
  const edges = Array.from({ length: HIST_BINS + 1 }, (_, i) => lo + i * width);
  return histogramSvg(edges, shares(binEqual(cur, lo, width)), { compare: shares(binEqual(ref, lo, width)), title: `${c.name} distribution` });
}

function binEqual(v: Float64Array, lo: number, width: number): Float64Array {
  const counts = new Float64Array(HIST_BINS);
  for (let i = 0; i < v.length; i++) {
    const x = v[i];
    if (x - x !== 0) continue;
    counts[Math.min(HIST_BINS - 1, Math.max(0, Math.floor((x - lo) / width)))]++;
  }
  return counts;
}

/** Counts → percentages rounded to 0.1, so the chart's labels read as shares. */
function shares(counts: ArrayLike<number>): number[] {
  let total = 0;
  for (let i = 0; i < counts.length; i++) total += counts[i];
  return Array.from(counts, (n) => (total === 0 ? 0 : Math.round((n / total) * 1000) / 10));
}

function categories(ref: Column, cur: Column, name: string): string {
  const r = labelCounts(ref);
  const k = labelCounts(cur);
  const labels = [...new Set([...r.keys(), ...k.keys()])];
  const total = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0) || 1;
  const rt = total(r);
  const kt = total(k);
  labels.sort((a, b) => (k.get(b) ?? 0) / kt + (r.get(b) ?? 0) / rt - (k.get(a) ?? 0) / kt - (r.get(a) ?? 0) / rt);
  const items: BarItem[] = [];
  for (const l of labels.slice(0, TOP_CATEGORIES)) {
    items.push({ label: `${l} · current %`, count: Math.round(((k.get(l) ?? 0) / kt) * 1000) / 10 });
    items.push({ label: `${l} · reference %`, count: Math.round(((r.get(l) ?? 0) / rt) * 1000) / 10, alt: true });
  }
  const more = labels.length > TOP_CATEGORIES ? `<p class="muted">${labels.length - TOP_CATEGORIES} more categories not drawn</p>` : '';
  return barsSvg(items, { total: 100, labelChars: 22, title: `${name} categories` }) + more;
}

function labelCounts(c: Column): Map<string, number> {
  const m = new Map<string, number>();
  if ('codes' in c) {
    const counts = new Float64Array(c.dictionary.length);
    for (let i = 0; i < c.codes.length; i++) if (c.codes[i] >= 0) counts[c.codes[i]]++;
    c.dictionary.forEach((l, i) => counts[i] > 0 && m.set(l, (m.get(l) ?? 0) + counts[i]));
  } else {
    for (let i = 0; i < c.values.length; i++) {
      const x = c.values[i];
      if (x - x === 0) m.set(String(x), (m.get(String(x)) ?? 0) + 1);
    }
  }
  return m;
}

function rate(x: number | null): string {
  return x === null ? '—' : formatPercent(x);
}

function signedPercent(x: number | null): string {
  if (x === null) return '—';
  return x < 0 ? `−${formatPercent(-x)}` : x > 0 ? `+${formatPercent(x)}` : '0';
}
