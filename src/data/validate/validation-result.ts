import { LatheError } from '../../errors.js';

/** Stable reason codes of anomalies. New ones may be added; none is ever renamed. */
export const ANOMALY_REASONS = [
  'EMPTY_DATASET',
  'MISSING_COLUMN',
  'NEW_COLUMN',
  'TYPE_MISMATCH',
  'NULLS_NOT_ALLOWED',
  'MISSING_RATE_TOO_HIGH',
  'OUT_OF_RANGE',
  'UNEXPECTED_CATEGORY',
] as const;

/** One of {@link ANOMALY_REASONS}. */
export type AnomalyReason = (typeof ANOMALY_REASONS)[number];

/** Errors fail validation; warnings are reported and let it pass. */
export type Severity = 'error' | 'warning';

/** A value in an anomaly's sample: numbers stay numbers, datetimes are ISO 8601 strings. */
export type SampleValue = string | number | boolean;

/**
 * One way the data breaks the schema. The first six fields are the stable
 * `lathe validate --json` shape; `message` says the same for people.
 */
export interface Anomaly {
  /** The column, or null for an anomaly of the whole dataset (EMPTY_DATASET). */
  column: string | null;
  reason: AnomalyReason;
  severity: Severity;
  /** Rows affected. */
  count: number;
  /** Rows affected as a percent of all rows, 0 to 100, to two decimals. */
  percent: number;
  /** Up to 10 distinct offending values (the most frequent ones), sorted. */
  sample: SampleValue[];
  message: string;
}

/** The outcome of a validation: every anomaly found, and whether any is an error. */
export interface ValidationResult {
  /** False exactly when some anomaly has severity `error`. */
  valid: boolean;
  /** Rows checked. */
  rows: number;
  anomalies: Anomaly[];
}

/** The largest number of values an anomaly's sample holds. */
export const SAMPLE_SIZE = 10;

/** Builds an anomaly, deriving its percent from the row count. */
export function anomaly(
  column: string | null,
  reason: AnomalyReason,
  severity: Severity,
  count: number,
  rows: number,
  message: string,
  sample: SampleValue[] = [],
): Anomaly {
  const percent = rows > 0 ? Math.round((count / rows) * 10000) / 100 : 0;
  return { column, reason, severity, count, percent, sample: sortSample(sample).slice(0, SAMPLE_SIZE), message };
}

/** Samples are sorted so the same data always prints the same report. */
function sortSample(sample: SampleValue[]): SampleValue[] {
  const cmp = (a: SampleValue, b: SampleValue): number => {
    if (typeof a === 'number' && typeof b === 'number') return a - b;
    const [x, y] = [String(a), String(b)];
    return x < y ? -1 : x > y ? 1 : 0;
  };
  return [...sample].sort(cmp);
}

/** Wraps anomalies into a result; `valid` is true when none is an error. */
export function resultOf(rows: number, anomalies: Anomaly[]): ValidationResult {
  return { valid: !anomalies.some((a) => a.severity === 'error'), rows, anomalies };
}

/** Anomalies listed in the gate's error message; the rest are counted. */
const LISTED = 3;

/**
 * The training gate: throws CHECK_FAILED (exit code 1) when the result has
 * an error, naming the first few. Warnings pass.
 *
 * @example
 * ```ts
 * assertValid(await validateDataset(home, 'penguins@2', schema), 'penguins@2');
 * ```
 */
export function assertValid(result: ValidationResult, label = 'the data'): void {
  if (result.valid) return;
  const errors = result.anomalies.filter((a) => a.severity === 'error');
  const listed = errors.slice(0, LISTED).map((a) => `${a.column === null ? '' : `${a.column}: `}${a.reason} (${a.message})`);
  const more = errors.length > LISTED ? `; and ${errors.length - LISTED} more` : '';
  throw new LatheError(
    'CHECK_FAILED',
    `${label} does not match the schema: ${errors.length} error${errors.length === 1 ? '' : 's'}: ${listed.join('; ')}${more}`,
    { hint: 'run `lathe validate <data> --schema <file>` to see every anomaly, then fix the data or edit the schema' },
  );
}
