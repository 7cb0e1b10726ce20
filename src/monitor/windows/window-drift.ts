import type { ReferenceColumn, ReferenceProfile } from '../../train/index.js';
import { binCountsSorted, chiSquareGoodnessOfFit, type ColumnDrift, untestedColumn, type DatasetDrift, type DriftOptions, hellinger, jensenShannon, P_VALUE_TESTS, psi, resolveOptions, summarize } from '../drift/index.js';
import type { ColumnAccumulator } from './column-accumulator.js';
import type { MonitorWindow } from './window.js';

/** The tests a window can run against a package's reference profile, which keeps bins and shares, not raw values. */
export const WINDOW_TESTS = ['js', 'psi', 'hellinger', 'chi2'] as const;

/** A window's drift report: the dataset report over the features, plus the prediction's drift. */
export interface WindowDrift extends DatasetDrift {
  prediction: ColumnDrift | null;
  /** `exact` when every column kept its raw values (at most 100k rows), else `sketch`. */
  source: 'exact' | 'sketch';
}

/**
 * Drift of one window against the reference profile stored in the model
 * package (decile edges and shares for numbers, top-50 shares for labels).
 * Both sides are compared on the reference's bins: current counts are exact
 * when the window kept its raw values (≤ 100k rows) and come from the
 * sketches above that — numeric bin shares from KLL ranks at the edges (each
 * off by at most 1.65% of the window, 99% confidence), label counts from
 * frequent items (each undershooting by at most n/257, the rest counted as
 * "other"). The default test is Jensen–Shannon with threshold 0.1 (the
 * automatic choice for large references); `psi`, `hellinger` and `chi2` can be
 * chosen. A window with zero rows is "no data", never NaN.
 *
 * @example
 * ```ts
 * const d = windowDrift(window, pkg.model.reference);
 * d.columns.map((c) => [c.name, c.score]);
 * ```
 */
export function windowDrift(w: MonitorWindow, reference: ReferenceProfile, opts: DriftOptions = {}): WindowDrift {
  const test = (opts.test && opts.test !== 'auto' ? opts.test : 'js') as (typeof WINDOW_TESTS)[number];
  if (!(WINDOW_TESTS as readonly string[]).includes(test)) {
    throw new RangeError(`a window can run ${WINDOW_TESTS.join(', ')} against a reference profile, not ${test}`);
  }
  const o = resolveOptions({ ...opts, test });
  let exact = true;
  const column = (ref: ReferenceColumn, acc: ColumnAccumulator | undefined, rows: number): ColumnDrift => {
    if (acc && !acc.raw) exact = false;
    return columnAgainstProfile(ref, acc, rows, test, o.thresholds[test]);
  };
  const columns = reference.features.map((f) => column(f, w.columns.get(f.name), w.rows));
  const report = summarize(columns, reference.rows, w.rows, o);
  const prediction = reference.prediction ? column(reference.prediction, w.prediction, w.rows) : null;
  return { ...report, prediction, source: exact ? 'exact' : 'sketch' };
}

function columnAgainstProfile(ref: ReferenceColumn, acc: ColumnAccumulator | undefined, rows: number, test: (typeof WINDOW_TESTS)[number], threshold: number): ColumnDrift {
  const missing = acc ? acc.missing : rows;
  const present = rows - missing;
  const refPresent = ref.count - ref.missing;
  const base = untestedColumn(
    ref.name,
    ref.kind,
    { rows: ref.count, missing: ref.missing, missing_rate: ref.count ? ref.missing / ref.count : null },
    { rows, missing, missing_rate: rows ? missing / rows : null },
  );

  if (present === 0 || refPresent === 0 || !acc) {
    const side = refPresent === 0 ? 'reference' : 'current';
    return { ...base, status: 'no_data', reason: (refPresent === 0 ? ref.count : rows) === 0 ? `the ${side} has no rows` : `every ${side} value is missing` };
  }
  if (ref.kind === 'numeric' && acc.moments.count === 0) {
    return { ...base, status: 'no_data', reason: 'the reference holds numbers and the current only labels' };
  }
  const { refWeights, curCounts, unseen } = ref.kind === 'numeric' ? numericBins(ref, acc) : labelBins(ref, acc);
  let statistic: number;
  let p: number | null = null;
  if (test === 'chi2') {
    const r = chiSquareGoodnessOfFit(curCounts, refWeights);
    statistic = r.statistic;
    p = r.pValue;
  } else {
    statistic = test === 'psi' ? psi(refWeights, curCounts) : test === 'hellinger' ? hellinger(refWeights, curCounts) : jensenShannon(refWeights, curCounts);
  }
  const score = p ?? statistic;
  const drift = P_VALUE_TESTS.has(test) ? score < threshold : score > threshold;
  return { ...base, test, statistic, p_value: p, score, threshold, drift, unseen_rate: unseen };
}

/** Current counts in the reference's decile bins: exact from raw values, else from KLL ranks at the edges. */
function numericBins(ref: Extract<ReferenceColumn, { kind: 'numeric' }>, acc: ColumnAccumulator) {
  const raw = acc.rawNumbers();
  let curCounts: Float64Array;
  if (raw) {
    curCounts = binCountsSorted(raw.sort(), ref.edges);
  } else {
    const n = acc.quantiles.n;
    curCounts = new Float64Array(ref.edges.length + 1);
    let below = 0;
    ref.edges.forEach((e, i) => {
      const atOrBelow = Math.min(n, Math.max(below, Math.round(acc.quantiles.rank(e) * n)));
      curCounts[i] = atOrBelow - below;
      below = atOrBelow;
    });
    curCounts[ref.edges.length] = n - below;
  }
  return { refWeights: Float64Array.from(ref.fractions), curCounts, unseen: null };
}

/** Current counts per reference label plus one "other" bin for labels outside the reference's top list. */
function labelBins(ref: Extract<ReferenceColumn, { kind: 'categorical' }>, acc: ColumnAccumulator) {
  const index = new Map(ref.values.map((v, i) => [v, i]));
  const curCounts = new Float64Array(ref.values.length + 1);
  const labels = acc.rawLabels();
  let total = 0;
  if (labels) {
    for (const l of labels) curCounts[index.get(l) ?? ref.values.length]++;
    total = labels.length;
  } else {
    total = acc.items.n + acc.moments.count;
    let tracked = 0;
    for (const [l, c] of acc.items.top()) {
      const i = index.get(l);
      if (i !== undefined) {
        curCounts[i] += c;
        tracked += c;
      }
    }
    curCounts[ref.values.length] = total - tracked;
  }
  return {
    refWeights: Float64Array.from([...ref.fractions, ref.other]),
    curCounts,
    // Labels beyond the reference's top list may have been seen in training, so this is an upper bound when `other` > 0.
    unseen: total ? curCounts[ref.values.length] / total : null,
  };
}
