import { escapeHtml, formatCount, formatDate, formatNumber, htmlPage } from '../report/index.js';
import type { StoredAlert } from './store/monitor-store.js';
import type { WindowReport } from './monitor-run.js';

const COLORS = ['#3b6fd8', '#f29e4c', '#2e9e6b', '#c2410c', '#7c3aed', '#0891b2', '#be185d', '#4d7c0f'];

/**
 * `lathe monitor show --html`: one self-contained page with the series over
 * time — volume, drift score per feature (and the prediction), realized
 * metrics — as inline SVG line charts, and the alerts fired. No script.
 *
 * @example
 * ```ts
 * writeFileAtomic('monitor.html', monitorHtml('churn', windows, alerts));
 * ```
 */
export function monitorHtml(model: string, windows: readonly WindowReport[], alerts: readonly StoredAlert[]): string {
  const x = windows.map((w) => w.start_ms);
  const features = [...new Set(windows.flatMap((w) => w.features.map((f) => f.name)))];
  const driftSeries = features.map((name) => ({ name, values: windows.map((w) => w.features.find((f) => f.name === name)?.score ?? null) }));
  if (windows.some((w) => w.prediction)) driftSeries.push({ name: 'prediction', values: windows.map((w) => w.prediction?.score ?? null) });
  const metricNames = [...new Set(windows.flatMap((w) => Object.keys(w.realized)))];
  const metricSeries = metricNames.map((name) => ({ name, values: windows.map((w) => w.realized[name] ?? null) }));
  const rows = alerts.map((a) => {
    const e = a.event as { message?: string };
    return `<tr><td>${escapeHtml(a.rule)}</td><td>${formatDate(a.fired_ms)}</td><td>${a.cleared_ms ? formatDate(a.cleared_ms) : '<span class="badge warn">firing</span>'}</td><td>${escapeHtml(e.message ?? '')}</td><td>${escapeHtml(JSON.stringify(a.delivery))}</td></tr>`;
  });
  const body = `<section class="summary"><h1>Monitoring of ${escapeHtml(model)}</h1>
<p class="muted">${windows.length} windows, ${formatCount(windows.reduce((a, w) => a + w.rows, 0))} predictions${windows.length ? `, ${formatDate(x[0])} to ${formatDate(windows[windows.length - 1].end_ms)}` : ''} · ${alerts.length} alerts</p></section>
<div class="cards">
<div class="card"><header><h2>volume</h2></header>${lineChart(x, [{ name: 'rows', values: windows.map((w) => w.rows) }])}</div>
<div class="card"><header><h2>drift score per feature</h2></header>${lineChart(x, driftSeries)}</div>
<div class="card"><header><h2>realized metrics</h2></header>${metricSeries.length ? lineChart(x, metricSeries) : '<p class="muted">no labeled predictions yet</p>'}</div>
</div>
<section class="summary"><h2>alerts</h2>${rows.length ? `<table><thead><tr><th>rule</th><th>fired</th><th>cleared</th><th>message</th><th>delivery</th></tr></thead><tbody>${rows.join('')}</tbody></table>` : '<p class="muted">none</p>'}</section>`;
  return htmlPage(`Monitoring of ${model}`, body);
}

/** Lines over shared x positions, null as a gap, with a legend. */
function lineChart(x: readonly number[], series: { name: string; values: (number | null)[] }[]): string {
  const width = 420;
  const height = 180;
  const m = { left: 44, right: 8, top: 10, bottom: 22 };
  const all = series.flatMap((s) => s.values.filter((v): v is number => v !== null && Number.isFinite(v)));
  if (x.length === 0 || all.length === 0) return '<p class="muted">no data</p>';
  const lo = Math.min(0, ...all);
  const hi = Math.max(...all) === lo ? lo + 1 : Math.max(...all);
  const x0 = x[0];
  const x1 = x[x.length - 1] === x0 ? x0 + 1 : x[x.length - 1];
  const px = (v: number) => m.left + ((v - x0) / (x1 - x0)) * (width - m.left - m.right);
  const py = (v: number) => m.top + (1 - (v - lo) / (hi - lo)) * (height - m.top - m.bottom);
  const lines = series.map((s, i) => {
    const pts: string[] = [];
    s.values.forEach((v, j) => {
      if (v === null || !Number.isFinite(v)) return;
      pts.push(`${pts.length === 0 ? 'M' : 'L'}${px(x[j]).toFixed(1)},${py(v).toFixed(1)}`);
    });
    const dots = s.values.map((v, j) => (v === null ? '' : `<circle cx="${px(x[j]).toFixed(1)}" cy="${py(v).toFixed(1)}" r="2" fill="${COLORS[i % COLORS.length]}"><title>${escapeHtml(s.name)} ${formatDate(x[j])}: ${formatNumber(v)}</title></circle>`)).join('');
    return `<path d="${pts.join('')}" fill="none" stroke="${COLORS[i % COLORS.length]}" stroke-width="1.5"/>${dots}`;
  });
  const axis = `<line class="axis" x1="${m.left}" y1="${height - m.bottom}" x2="${width - m.right}" y2="${height - m.bottom}"/>`
    + `<text class="tick" x="${m.left - 4}" y="${m.top + 8}" text-anchor="end">${formatNumber(hi)}</text>`
    + `<text class="tick" x="${m.left - 4}" y="${height - m.bottom}" text-anchor="end">${formatNumber(lo)}</text>`
    + `<text class="tick" x="${m.left}" y="${height - 6}" text-anchor="start">${formatDate(x0)}</text>`;
  const legend = series.map((s, i) => `<span style="color:${COLORS[i % COLORS.length]}">■</span> ${escapeHtml(s.name)}`).join(' &nbsp; ');
  return `<svg class="chart" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="line chart">${axis}${lines.join('')}</svg><p class="muted">${legend}</p>`;
}
