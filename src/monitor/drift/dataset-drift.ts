import type { Frame } from '../../core/index.js';
import { LatheError } from '../../errors.js';
import { benjaminiHochberg } from './benjamini-hochberg.js';
import { type ColumnDrift, columnDrift } from './column-drift.js';
import { type ColumnSample, sampleColumn } from './column-sample.js';
import { type DriftOptions, P_VALUE_TESTS, resolveDriftOptions } from './drift-options.js';

/** The drift report of a dataset: the `lathe drift --json` document. */
export interface DatasetDrift {
  columns: ColumnDrift[];
  /** True when `drift_share` is at least the option `driftShare` (default 0.5). */
  dataset_drift: boolean;
  /** Drifted columns over tested columns; null when no column had data on both sides. */
  drift_share: number | null;
  /** `no_data` when no column could be tested (e.g. a window with zero rows). */
  status: 'ok' | 'no_data';
  /** Drifted and tested column counts behind the share. */
  drifted_columns: number;
  tested_columns: number;
  reference_rows: number;
  current_rows: number;
  /** The options in force, defaults filled in, so a report says how it was made. */
  options: { test: string; thresholds: Record<string, number>; bins: number; small_reference: number; drift_share: number; correction: string; sample_size: number | null };
}

/**
 * Compares every column the two frames share (or the named `columns`) and
 * gives the dataset-level verdict. Columns are matched by name; categorical
 * dictionaries by label. Throws BAD_INPUT when the frames share no column and
 * NOT_FOUND for a named column one of them lacks.
 *
 * @example
 * ```ts
 * const report = datasetDrift(reference, current, { correction: 'bh' });
 * report.dataset_drift; // true when half the columns or more drifted
 * ```
 */
export function datasetDrift(reference: Frame, current: Frame, opts: DriftOptions & { columns?: readonly string[] } = {}): DatasetDrift {
  const o = resolveOptions(opts);
  const names = pickColumns(reference, current, opts.columns);
  const columns = names.map((name) => {
    const r = sampleColumn(reference.column(name));
    const c = sampleColumn(current.column(name));
    return testColumn(name, r, c, o);
  });
  return summarize(columns, reference.rows, current.rows, o);
}

/** Resolves options, turning a bad value into BAD_USAGE for the CLI and API alike. */
export function resolveOptions(opts: DriftOptions) {
  try {
    return resolveDriftOptions(opts);
  } catch (e) {
    throw new LatheError('BAD_USAGE', (e as Error).message, { hint: 'see the Monitoring section of the README for the drift options' });
  }
}

function testColumn(name: string, r: ColumnSample, c: ColumnSample, o: ReturnType<typeof resolveDriftOptions>): ColumnDrift {
  try {
    return columnDrift(name, r, c, o);
  } catch (e) {
    if (e instanceof RangeError) {
      throw new LatheError('BAD_USAGE', e.message, { hint: 'use --test auto, or pick numeric columns with --columns' });
    }
    throw e;
  }
}

/**
 * Turns column results into the dataset verdict, applying Benjamini–Hochberg
 * to the p-value tests first when asked. Exported for monitoring windows,
 * which build column results from sketches.
 */
export function summarize(columns: ColumnDrift[], referenceRows: number, currentRows: number, o: ReturnType<typeof resolveDriftOptions>): DatasetDrift {
  if (o.correction === 'bh') {
    const pvals = columns.map((c) => (c.status === 'ok' && c.test && P_VALUE_TESTS.has(c.test) && c.p_value !== null ? c.p_value : Number.NaN));
    const adjusted = benjaminiHochberg(pvals);
    columns.forEach((c, i) => {
      if (Number.isNaN(adjusted[i])) return;
      c.p_value_adjusted = adjusted[i];
      c.score = adjusted[i];
      c.drift = adjusted[i] < (c.threshold ?? 0);
    });
  }
  const tested = columns.filter((c) => c.status === 'ok');
  const drifted = tested.filter((c) => c.drift).length;
  const share = tested.length === 0 ? null : drifted / tested.length;
  return {
    columns,
    dataset_drift: share !== null && share >= o.driftShare,
    drift_share: share,
    status: tested.length === 0 ? 'no_data' : 'ok',
    drifted_columns: drifted,
    tested_columns: tested.length,
    reference_rows: referenceRows,
    current_rows: currentRows,
    options: {
      test: o.test,
      thresholds: o.thresholds,
      bins: o.bins,
      small_reference: o.smallReference,
      drift_share: o.driftShare,
      correction: o.correction,
      // JSON has no Infinity: null means every value.
      sample_size: Number.isFinite(o.sampleSize) ? o.sampleSize : null,
    },
  };
}

function pickColumns(reference: Frame, current: Frame, wanted?: readonly string[]): string[] {
  if (wanted && wanted.length > 0) {
    for (const n of wanted) {
      for (const [side, f] of [['reference', reference], ['current', current]] as const) {
        if (!f.has(n)) {
          throw new LatheError('NOT_FOUND', `column "${n}" is not in the ${side}`, { hint: `the ${side} has: ${f.names.join(', ')}` });
        }
      }
    }
    return [...new Set(wanted)];
  }
  const common = reference.names.filter((n) => current.has(n));
  if (common.length === 0) {
    throw new LatheError('BAD_INPUT', 'the reference and the current data have no column in common', {
      hint: `reference: ${list(reference.names)}; current: ${list(current.names)} — compare data with the same column names`,
    });
  }
  return common;
}

function list(names: readonly string[]): string {
  if (names.length === 0) return '(no columns)';
  return names.length > 12 ? `${names.slice(0, 12).join(', ')}, …` : names.join(', ');
}
