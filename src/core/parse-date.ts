/**
 * The one strict reader of ISO 8601 dates, for every place whose error text
 * asks for ISO 8601 (schema datetime bounds, datetime inputs of `serve`).
 * Accepted, and nothing else:
 *
 * - `YYYY-MM-DD` (midnight UTC);
 * - `YYYY-MM-DDTHH:MM`, `…:SS`, `…:SS.fff` (1 to 9 fraction digits, kept to
 *   the millisecond), with `T` or one space between date and time;
 * - any of those times followed by `Z`, `±HH:MM` or `±HHMM`; without an
 *   offset a time is UTC (JS would read it as local time, so the same text
 *   would mean different instants on different machines).
 *
 * The fields must exist on the calendar: `2024-02-30` and `24:00` are
 * refused, where `Date.parse` would roll them over or accept
 * `03/05/1999`-style text in an order that depends on the locale.
 *
 * @returns epoch milliseconds, or NaN when the text is not such a date.
 *
 * @example
 * ```ts
 * parseIsoDate('2024-01-31T12:00:00+02:00'); // 1706695200000
 * parseIsoDate('03/05/1999'); // NaN
 * ```
 */
export function parseIsoDate(text: string): number {
  const m = ISO.exec(text.trim());
  if (!m) return NaN;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone] = m;
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number);
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return NaN;
  if (hour > 23 || minute > 59 || second > 59) return NaN;
  const ms = Number(frac.padEnd(3, '0').slice(0, 3));
  let t = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  // Date.UTC maps years 0–99 to 1900–1999; a four-digit year means what it says.
  if (year < 100) t = new Date(t).setUTCFullYear(year);
  if (zone && zone.toUpperCase() !== 'Z') {
    const z = /^([+-])(\d{2}):?(\d{2})$/.exec(zone)!;
    const [oh, om] = [Number(z[2]), Number(z[3])];
    if (oh > 23 || om > 59) return NaN;
    t -= (z[1] === '-' ? -1 : 1) * (oh * 60 + om) * 60_000;
  }
  return t;
}

/** What {@link parseIsoDate} accepts, in the words of an error message. */
export const ISO_DATE_FORMATS = 'YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS[.fff]] with Z or ±HH:MM (UTC when left out)';

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

function daysIn(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}
