import { formatDatasetRef } from '../core/index.js';
import type { RunRecord } from '../store/index.js';

/**
 * Ids start with an 8-character time prefix, so runs started close together
 * share it; 10 characters adds two random hex digits, and {@link shortIds}
 * lengthens any that still collide.
 */
const MIN_SHORT_ID = 10;

/**
 * The shortest prefix of each id (at least 10 characters) that no other id
 * in `all` shares, so a short id typed back into `lathe run show` resolves.
 *
 * @example
 * ```ts
 * shortIds(['m1abcdef0011aa', 'm1abcdef0011bb'], ['m1abcdef0011aa']).get('m1abcdef0011aa'); // 'm1abcdef0011a'
 * ```
 */
export function shortIds(all: readonly string[], wanted: readonly string[] = all): Map<string, string> {
  // After sorting, an id's longest shared prefix is with one of its neighbours.
  const sorted = [...new Set(all)].sort();
  const at = new Map(sorted.map((id, i) => [id, i]));
  const out = new Map<string, string>();
  for (const id of wanted) {
    const i = at.get(id);
    let len = MIN_SHORT_ID;
    if (i !== undefined) {
      for (const other of [sorted[i - 1], sorted[i + 1]]) {
        if (other !== undefined) len = Math.max(len, commonPrefix(id, other) + 1);
      }
    }
    out.set(id, id.slice(0, len));
  }
  return out;
}

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

// One definition of metric direction and lookup, shared with the run listing's sort.
export { lowerIsBetter, metricOf } from '../tracking/index.js';

/** A metric for a table: 4 significant digits, or `NaN` when stored as null. */
export function formatMetric(v: number | null | undefined, digits = 4): string {
  if (v === undefined) return '';
  if (v === null || !Number.isFinite(v)) return 'NaN';
  if (Number.isInteger(v)) return String(v);
  const abs = Math.abs(v);
  // Very large or very small values read better in exponent form than as long decimals.
  if (abs !== 0 && (abs >= 1e9 || abs < 1e-4)) return v.toExponential(digits - 1);
  return String(Number(v.toPrecision(digits)));
}

/** A param or other loose value as text: strings bare, anything else as JSON. */
export function formatValue(v: unknown): string {
  if (v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return formatMetric(v, 6);
  return JSON.stringify(v) ?? String(v);
}

/** An ISO time as `YYYY-MM-DD HH:MM` (UTC) for narrow tables. */
export function formatStarted(iso: string): string {
  return iso.slice(0, 16).replace('T', ' ');
}

/** A run's duration; a RUNNING run counts up to now. */
export function runDuration(run: RunRecord, now = Date.now()): string {
  const end = run.ended ? Date.parse(run.ended) : now;
  return formatDuration(end - Date.parse(run.started));
}

/** Milliseconds as `850ms`, `12.3s`, `4m05s` or `2h07m`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '';
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const s = Math.round(ms / 1000);
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/** `name@N`, or empty for a run without a dataset. */
export function datasetOf(run: RunRecord): string {
  return run.dataset ? formatDatasetRef(run.dataset.name, run.dataset.version) : '';
}

/** Cuts a cell to `max` characters with an ellipsis, so one long name cannot widen a table past the terminal. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
