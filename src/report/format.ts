/**
 * Number formatting shared by the reports and the CLI tables: short,
 * readable and locale-independent, so output is the same on every machine.
 */

/** 1234567 → "1,234,567"; null → "—". */
export function formatCount(n: number | null): string {
  return n === null ? '—' : n.toLocaleString('en-US');
}

/** A statistic with about four significant digits: 43.92, 0.0058, 1.23e+9; null → "—". */
export function formatNumber(x: number | null): string {
  if (x === null || !Number.isFinite(x)) return '—';
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a >= 1e9 || a < 1e-4) return x.toExponential(2);
  if (Number.isInteger(x)) return x.toLocaleString('en-US');
  const digits = Math.max(0, 3 - Math.floor(Math.log10(a)));
  return x.toLocaleString('en-US', { maximumFractionDigits: Math.min(digits, 6) });
}

/** 0.0581 → "5.8%"; a tiny non-zero share shows as "<0.1%" rather than "0%". */
export function formatPercent(rate: number): string {
  if (rate === 0) return '0%';
  if (rate < 0.001) return '<0.1%';
  return `${(rate * 100).toFixed(1).replace(/\.0$/, '')}%`;
}

/** Epoch ms or ISO text → "2024-01-02" (midnight UTC) or "2024-01-02 13:45" (otherwise). */
export function formatDate(value: number | string): string {
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return String(value);
  const iso = d.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}
