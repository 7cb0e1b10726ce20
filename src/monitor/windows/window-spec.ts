import { LatheError } from '../../errors.js';

/** How the prediction log is cut into windows: fixed time spans aligned to the epoch, or fixed row counts. */
export type WindowSpec = { by: 'time'; ms: number } | { by: 'count'; rows: number };

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * Parses `--window`: a duration (`30s`, `5m`, `1h`, `1d`) for time windows or
 * a plain row count (`10000`) for count windows.
 *
 * @example
 * ```ts
 * parseWindow('1h'); // { by: 'time', ms: 3600000 }
 * parseWindow('5000'); // { by: 'count', rows: 5000 }
 * ```
 */
export function parseWindow(text: string): WindowSpec {
  const s = text.trim();
  const time = /^(\d+)(ms|s|m|h|d)$/.exec(s);
  if (time && Number(time[1]) > 0) return { by: 'time', ms: Number(time[1]) * UNITS[time[2]] };
  if (/^\d+$/.test(s) && Number(s) > 0 && Number.isSafeInteger(Number(s))) return { by: 'count', rows: Number(s) };
  throw new LatheError('BAD_USAGE', `bad window "${text}"`, { hint: 'use a duration such as 30s, 5m, 1h or 1d, or a positive row count such as 10000' });
}
