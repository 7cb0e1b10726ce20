import { binCounts, quantileEdges } from './bins.js';
import { chiSquareGoodnessOfFit } from './chi-square.js';
import {
  type CategoricalSample,
  type ColumnSample,
  type NumericSample,
  alignCategories,
  distinctAtMost,
  numericAsCategories,
  sortedSample,
  sortedValues,
} from './column-sample.js';
import { hellinger, jensenShannon, psi } from './divergences.js';
import { type DriftTest, type ResolvedDriftOptions, NUMERIC_ONLY_TESTS, P_VALUE_TESTS } from './drift-options.js';
import { ksTwoSample } from './ks.js';
import { wassersteinDistance } from './wasserstein.js';

/** The reference standard deviation is floored here before dividing Wasserstein by it (as Evidently does). */
export const WASSERSTEIN_STD_FLOOR = 0.001;

/** Drift of one column: the JSON contract's fields plus the data-quality deltas. */
export interface ColumnDrift {
  name: string;
  /** How the column was compared: raw numbers, or categories (labels, or the few distinct values of a numeric column). */
  kind: 'numeric' | 'categorical';
  test: DriftTest | null;
  /** The test statistic: D, χ², PSI, the JS or Hellinger distance, or the Wasserstein distance in data units. */
  statistic: number | null;
  /** The p-value, for `ks` and `chi2`; null for distances. */
  p_value: number | null;
  /** The Benjamini–Hochberg adjusted p-value, when that correction is on. */
  p_value_adjusted?: number | null;
  /** The number compared with `threshold`: the (adjusted) p-value, the Wasserstein distance over the reference std, or the distance. */
  score: number | null;
  threshold: number | null;
  drift: boolean;
  /** `no_data` when either side has no value to compare: then every statistic is null and the column is left out of the share. */
  status: 'ok' | 'no_data';
  /** Why there is no data. */
  reason?: string;
  /** KS only: whether the p-value is exact or asymptotic. */
  method?: 'exact' | 'asymp';
  /** True when a distance was computed on a uniform sample of `sample_size` values per side (columns above that size). */
  sampled?: boolean;
  reference: SideSummary;
  current: SideSummary;
  /** current missing rate − reference missing rate; null when a side has no rows. */
  missing_rate_delta: number | null;
  /** Share of the current's present values in categories the reference never had; null for continuous numbers. */
  unseen_rate: number | null;
  /** Share of the current's present values outside the reference's [min, max]; null for labels. */
  range_violation_rate: number | null;
}

/** Counts for one side of a column comparison. */
export interface SideSummary {
  rows: number;
  missing: number;
  missing_rate: number | null;
  min?: number | null;
  max?: number | null;
}

/**
 * Compares one column of the current data with the reference, choosing the
 * test (in `auto`) by the table in the README: a numeric column with more
 * than `discreteMaxDistinct` distinct reference values gets KS when the
 * reference has at most `smallReference` values and Wasserstein otherwise;
 * any other column gets chi-square or Jensen–Shannon likewise.
 *
 * @example
 * ```ts
 * const d = columnDrift('age', sampleColumn(ref.column('age')), sampleColumn(cur.column('age')), resolveDriftOptions());
 * d.drift; // true when the test says so
 * ```
 */
export function columnDrift(name: string, ref: ColumnSample, cur: ColumnSample, o: ResolvedDriftOptions): ColumnDrift {
  const base = baseReport(name, ref, cur);
  const refPresent = ref.rows - ref.missing;
  const curPresent = cur.rows - cur.missing;
  if (refPresent === 0 || curPresent === 0) {
    const side = refPresent === 0 ? 'reference' : 'current';
    const rows = refPresent === 0 ? ref.rows : cur.rows;
    return { ...base, status: 'no_data', reason: rows === 0 ? `the ${side} has no rows` : `every ${side} value is missing` };
  }
  const numeric = ref.kind === 'numeric' && cur.kind === 'numeric' ? { ref, cur } : null;
  const continuous = numeric !== null && distinctAtMost(numeric.ref, o.discreteMaxDistinct) > o.discreteMaxDistinct;
  const test = o.test !== 'auto' ? o.test : autoTest(continuous, refPresent, o);
  if (NUMERIC_ONLY_TESTS.has(test) && !numeric) {
    throw new RangeError(`test ${test} needs numbers, and column "${name}" holds labels`);
  }
  const out = numeric && (continuous || NUMERIC_ONLY_TESTS.has(test))
    ? numericTest(test, numeric.ref, numeric.cur, o)
    : categoricalTest(test, asCategories(ref), asCategories(cur));
  const threshold = o.thresholds[test];
  const score = out.score;
  const drift = P_VALUE_TESTS.has(test) ? score < threshold : score > threshold;
  const unseen_rate = continuous ? null : unseenRate(asCategories(ref), asCategories(cur));
  return { ...base, kind: continuous ? 'numeric' : 'categorical', test, ...out, threshold, drift, unseen_rate };
}

function autoTest(continuous: boolean, refPresent: number, o: ResolvedDriftOptions): DriftTest {
  const small = refPresent <= o.smallReference;
  if (continuous) return small ? 'ks' : 'wasserstein';
  return small ? 'chi2' : 'js';
}

interface TestOutput {
  statistic: number;
  p_value: number | null;
  score: number;
  method?: 'exact' | 'asymp';
  sampled?: boolean;
}

function numericTest(test: DriftTest, ref: NumericSample, cur: NumericSample, o: ResolvedDriftOptions): TestOutput {
  if (test === 'ks') {
    // A p-value depends on n: KS always sees every value.
    const r = ksTwoSample(sortedValues(ref), sortedValues(cur));
    return { statistic: r.statistic, p_value: r.pValue, score: r.pValue, method: r.method };
  }
  const a = sortedSample(ref, o.sampleSize, o.seed);
  if (test === 'wasserstein') {
    const b = sortedSample(cur, o.sampleSize, o.seed + 1);
    const w = wassersteinDistance(a.sorted, b.sorted);
    const score = w / Math.max(ref.std, WASSERSTEIN_STD_FLOOR);
    return { statistic: w, p_value: null, score, ...(a.sampled || b.sampled ? { sampled: true } : {}) };
  }
  // Only the cut points come from a sample; every value is counted into the bins.
  const edges = quantileEdges(a.sorted, o.bins);
  return { ...binnedTest(test, binCounts(ref.present, edges), binCounts(cur.present, edges)), ...(a.sampled ? { sampled: true } : {}) };
}

function categoricalTest(test: DriftTest, ref: CategoricalSample, cur: CategoricalSample): TestOutput {
  const a = alignCategories(ref, cur);
  return binnedTest(test, a.ref, a.cur);
}

function binnedTest(test: DriftTest, ref: Float64Array, cur: Float64Array): TestOutput {
  switch (test) {
    case 'chi2': {
      const r = chiSquareGoodnessOfFit(cur, ref);
      return { statistic: r.statistic, p_value: r.pValue, score: r.pValue };
    }
    case 'psi':
      return distance(psi(ref, cur));
    case 'js':
      return distance(jensenShannon(ref, cur));
    case 'hellinger':
      return distance(hellinger(ref, cur));
    default:
      throw new RangeError(`test ${test} does not work on bins`);
  }
}

function distance(d: number): TestOutput {
  return { statistic: d, p_value: null, score: d };
}

function asCategories(s: ColumnSample): CategoricalSample {
  return s.kind === 'categorical' ? s : numericAsCategories(s);
}

function baseReport(name: string, ref: ColumnSample, cur: ColumnSample): ColumnDrift {
  const kind = ref.kind === 'numeric' && cur.kind === 'numeric' ? 'numeric' : 'categorical';
  return { ...untestedColumn(name, kind, side(ref), side(cur)), range_violation_rate: rangeViolationRate(ref, cur) };
}

/**
 * A column report before any test: both sides' counts and the missing-rate
 * delta, every statistic null. Shared by frame and window drift.
 */
export function untestedColumn(name: string, kind: ColumnDrift['kind'], reference: SideSummary, current: SideSummary): ColumnDrift {
  return {
    name,
    kind,
    test: null,
    statistic: null,
    p_value: null,
    score: null,
    threshold: null,
    drift: false,
    status: 'ok',
    reference,
    current,
    missing_rate_delta: reference.missing_rate === null || current.missing_rate === null ? null : current.missing_rate - reference.missing_rate,
    unseen_rate: null,
    range_violation_rate: null,
  };
}

function side(s: ColumnSample): SideSummary {
  const out: SideSummary = { rows: s.rows, missing: s.missing, missing_rate: s.rows === 0 ? null : s.missing / s.rows };
  if (s.kind === 'numeric') {
    const n = s.present.length;
    out.min = n > 0 ? s.min : null;
    out.max = n > 0 ? s.max : null;
  }
  return out;
}

function unseenRate(ref: CategoricalSample, cur: CategoricalSample): number | null {
  const a = alignCategories(ref, cur);
  let unseen = 0;
  let total = 0;
  for (let i = 0; i < a.labels.length; i++) {
    total += a.cur[i];
    if (a.ref[i] === 0) unseen += a.cur[i];
  }
  return total === 0 ? null : unseen / total;
}

function rangeViolationRate(ref: ColumnSample, cur: ColumnSample): number | null {
  if (ref.kind !== 'numeric' || cur.kind !== 'numeric' || ref.present.length === 0 || cur.present.length === 0) return null;
  const lo = ref.min;
  const hi = ref.max;
  const c = cur.present;
  let outside = 0;
  for (let i = 0; i < c.length; i++) if (c[i] < lo || c[i] > hi) outside++;
  return outside / c.length;
}
