import { accuracy, mae, rmse } from '../train/metrics/index.js';

/** Metrics of the labeled rows of one window. */
export interface RealizedMetrics {
  /** Rows with a label. */
  labeled: number;
  /** Labels that could not be compared with the prediction (a text label for a number prediction, …). */
  mismatched: number;
  /** accuracy for classifiers; rmse and mae for regressors; empty when nothing was labeled. */
  metrics: Record<string, number>;
}

/**
 * Realized performance from delayed labels, with the training-runs issue's
 * metric functions (scikit-learn's definitions): accuracy when predictions
 * are labels, rmse and mae when they are numbers. Labels are compared as
 * text for classifiers (a label 1 matches a class "1").
 *
 * @example
 * ```ts
 * realizedMetrics([{ prediction: 'a', label: 'a' }, { prediction: 'b', label: 'a' }]).metrics.accuracy; // 0.5
 * ```
 */
export function realizedMetrics(pairs: readonly { prediction: string | number | null; label: string | number | boolean }[]): RealizedMetrics {
  const usable = pairs.filter((p) => p.prediction !== null);
  if (usable.length === 0) return { labeled: pairs.length, mismatched: pairs.length, metrics: {} };
  if (typeof usable[0].prediction === 'number') {
    const ok = usable.filter((p) => typeof p.label === 'number' && Number.isFinite(p.label));
    if (ok.length === 0) return { labeled: pairs.length, mismatched: pairs.length, metrics: {} };
    const y = Float64Array.from(ok, (p) => p.label as number);
    const yhat = Float64Array.from(ok, (p) => p.prediction as number);
    return { labeled: pairs.length, mismatched: pairs.length - ok.length, metrics: { rmse: rmse(y, yhat), mae: mae(y, yhat) } };
  }
  const codes = new Map<string, number>();
  const code = (s: string) => {
    let c = codes.get(s);
    if (c === undefined) codes.set(s, (c = codes.size));
    return c;
  };
  const y = Int32Array.from(usable, (p) => code(String(p.label)));
  const yhat = Int32Array.from(usable, (p) => code(String(p.prediction)));
  return { labeled: pairs.length, mismatched: pairs.length - usable.length, metrics: { accuracy: accuracy(y, yhat) } };
}
