import { type ColumnProfile, type Profile, distinctIsEstimate } from '../data/profile/index.js';
import { escapeHtml } from './escape.js';
import { formatCount, formatDate, formatNumber, formatPercent } from './format.js';
import { htmlPage } from './page.js';
import { type BarItem, barsSvg, histogramSvg } from './svg-bars.js';

/** Top values drawn as bars; the rest are summed in a line below. */
const BARS_SHOWN = 15;

/**
 * Renders a profile as ONE self-contained HTML page: a summary with a table
 * of every column, then one card per column with its statistics and an
 * inline SVG chart (a histogram for numbers and datetimes, bars of the
 * most frequent values for strings and booleans). Every string from the
 * data is escaped; the page has no script and loads nothing.
 *
 * @example
 * ```ts
 * writeFileAtomic('penguins.html', profileHtml(await profileDataset(home, 'penguins')));
 * ```
 */
export function profileHtml(profile: Profile): string {
  const ref = `${profile.dataset}@${profile.version}`;
  const cards = profile.columns.map((c, i) => card(c, i, profile.approximate)).join('\n');
  const body = `${summary(profile, ref)}\n<div class="cards">${cards}</div>`;
  return htmlPage(`Profile of ${ref}`, body);
}

function summary(p: Profile, ref: string): string {
  const cells = p.rows * p.columns.length;
  const missing = p.columns.reduce((a, c) => a + c.missing, 0);
  const byType = new Map<string, number>();
  for (const c of p.columns) byType.set(c.type, (byType.get(c.type) ?? 0) + 1);
  const types = [...byType].map(([t, n]) => `${n} ${escapeHtml(t)}`).join(', ');
  const rows = p.columns.map((c, i) => {
    const flags = warnings(c).map((w) => `<span class="badge warn">${escapeHtml(w)}</span>`).join(' ');
    return `<tr><td><a href="#col-${i}">${escapeHtml(c.name)}</a></td><td>${escapeHtml(c.type)}</td>`
      + `<td class="num">${formatPercent(c.missing_rate)}</td><td class="num">${distinctText(c, p.approximate)}</td><td>${flags}</td></tr>`;
  });
  return `<section class="summary">
<h1>Profile of ${escapeHtml(ref)}</h1>
<p class="muted">${formatCount(p.rows)} rows × ${p.columns.length} columns (${types || 'none'}) · `
    + `${formatCount(missing)} missing cells (${formatPercent(cells === 0 ? 0 : missing / cells)})`
    + `${p.approximate ? ' · distinct counts of numbers and quantiles are estimates' : ''}</p>
<table><thead><tr><th>column</th><th>type</th><th class="num">missing</th><th class="num">distinct</th><th>notes</th></tr></thead>
<tbody>${rows.join('')}</tbody></table>
</section>`;
}

/** Notes worth a reader's attention, shown as badges. */
function warnings(c: ColumnProfile): string[] {
  const out: string[] = [];
  if (c.semantic === 'identifier' || c.semantic === 'constant') out.push(c.semantic);
  if (c.missing_rate >= 0.5 && c.count + c.missing > 0) out.push('mostly missing');
  return out;
}

function distinctText(c: ColumnProfile, approximate: boolean): string {
  return `${distinctIsEstimate(c, approximate) ? '~' : ''}${formatCount(c.distinct)}`;
}

function card(c: ColumnProfile, i: number, approximate: boolean): string {
  const badges = [c.type, ...(c.semantic !== c.type ? [c.semantic] : [])]
    .map((b) => `<span class="badge">${escapeHtml(b)}</span>`)
    .join('');
  const stats = statList(c, approximate)
    .map(([k, v]) => `<div><span>${escapeHtml(k)}</span><span>${escapeHtml(v)}</span></div>`)
    .join('');
  return `<section class="card" id="col-${i}">
<header><h2>${escapeHtml(c.name)}</h2>${badges}</header>
<div class="stats">${stats}</div>
${chart(c)}
</section>`;
}

/** The statistics shown on a card, as label and formatted value, by type. */
function statList(c: ColumnProfile, approximate: boolean): [string, string][] {
  const out: [string, string][] = [
    ['count', formatCount(c.count)],
    ['missing', `${formatCount(c.missing)} (${formatPercent(c.missing_rate)})`],
    ['distinct', distinctText(c, approximate)],
  ];
  if (c.type === 'numeric' || c.type === 'integer') {
    out.push(['min', formatNumber(c.min as number | null)], ['max', formatNumber(c.max as number | null)]);
    out.push(['mean', formatNumber(c.mean)], ['std', formatNumber(c.std)], ['zeros', formatCount(c.zeros)]);
    if (c.quantiles) for (const [k, v] of Object.entries(c.quantiles)) out.push([k, formatNumber(v)]);
  } else if (c.type === 'datetime') {
    out.push(['min', c.min === null ? '—' : formatDate(c.min)], ['max', c.max === null ? '—' : formatDate(c.max)]);
  } else if (c.length) {
    out.push(['length min', formatCount(c.length.min)], ['length mean', formatNumber(c.length.mean)]);
    out.push(['length max', formatCount(c.length.max)], ['other', formatCount(c.other_count)]);
  }
  return out;
}

function chart(c: ColumnProfile): string {
  if (c.histogram) {
    const tick = c.type === 'datetime' ? formatDate : formatNumber;
    return histogramSvg(c.histogram.edges, c.histogram.counts, { tick, title: `histogram of ${c.name}` });
  }
  if (c.top.length === 0) return c.count === 0 ? '<p class="muted">no values</p>' : '';
  if (c.semantic === 'identifier') return '<p class="muted">every value is distinct</p>';
  const items: BarItem[] = c.top.slice(0, BARS_SHOWN).map((t) => ({ label: String(t.value), count: t.count }));
  const rest = c.count - items.reduce((a, t) => a + t.count, 0);
  // The rest is a line of text, not a bar: summed over many values it would
  // dwarf every real bar.
  const note = rest > 0 ? `<p class="muted">+ ${formatCount(rest)} rows in ${formatCount(c.distinct - items.length)} other values</p>` : '';
  return barsSvg(items, { title: `most frequent values of ${c.name}` }) + note;
}
