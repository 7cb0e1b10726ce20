import { greaterIsBetter, isMetricKey } from '../../train/metrics/index.js';
import type { WindowDrift } from '../windows/index.js';
import type { AlertRule } from './monitor-config.js';

/** What monitoring knows about one closed window, for the rules. */
export interface WindowFacts {
  drift: WindowDrift;
  /** Realized metrics of the labeled rows (empty when none were labeled). */
  realized: Record<string, number>;
  /** The model's test metrics from training, by flat key (`test.accuracy`). */
  training: Record<string, number>;
  /** 99th percentile of the server-side latency, ms; null without rows. */
  p99LatencyMs: number | null;
}

/** One rule's verdict on one window. */
export interface RuleResult {
  /** The alert key: the rule name, `metric:<name>` for metric rules. */
  key: string;
  /** null when the window has no data for the rule (then an open alert stays as it is). */
  firing: boolean | null;
  value: number | null;
  threshold: number | null;
  message: string;
}

/**
 * Applies the configured rules to a window. Metric rules follow the metric's
 * direction: for accuracy-like metrics `min` is a floor and `max_drop` how far
 * below training the metric may fall; for error metrics (rmse, mae, log_loss)
 * `min` is read as the worst value allowed and `max_drop` as how far above
 * training it may rise.
 *
 * @example
 * ```ts
 * evaluateRules([{ rule: 'feature_drift', share: 0.5 }], facts)[0].firing;
 * ```
 */
export function evaluateRules(rules: readonly AlertRule[], f: WindowFacts): RuleResult[] {
  return rules.map((r): RuleResult => {
    switch (r.rule) {
      case 'feature_drift': {
        const v = f.drift.drift_share;
        return { key: r.rule, firing: v === null ? null : v >= r.share, value: v, threshold: r.share, message: v === null ? 'no data' : `${f.drift.drifted_columns} of ${f.drift.tested_columns} features drifted` };
      }
      case 'prediction_drift': {
        const p = f.drift.prediction;
        const ok = p && p.status === 'ok';
        return { key: r.rule, firing: ok ? p.drift : null, value: ok ? p.score : null, threshold: ok ? p.threshold : null, message: ok ? `prediction ${p.test} ${p.score?.toFixed(4)}` : 'no data' };
      }
      case 'metric':
        return metricRule(r, f);
      case 'error_rate':
        // The prediction log holds answered requests only; errors are in /metrics (lathe_http_requests_total by status).
        return { key: r.rule, firing: null, value: null, threshold: r.max, message: 'the prediction log has no failed requests to count' };
      case 'p99_latency': {
        const v = f.p99LatencyMs;
        return { key: r.rule, firing: v === null ? null : v > r.max_ms, value: v, threshold: r.max_ms, message: v === null ? 'no data' : `p99 latency ${v.toFixed(1)} ms` };
      }
      case 'missing_rate_jump': {
        const deltas = f.drift.columns.map((c) => c.missing_rate_delta).filter((d): d is number => d !== null);
        const worst = deltas.length ? Math.max(...deltas) : null;
        const col = f.drift.columns.find((c) => c.missing_rate_delta === worst);
        return { key: r.rule, firing: worst === null ? null : worst > r.max_delta, value: worst, threshold: r.max_delta, message: worst === null ? 'no data' : `missing rate of ${col?.name} rose by ${(worst * 100).toFixed(1)} points` };
      }
    }
  });
}

function metricRule(r: Extract<AlertRule, { rule: 'metric' }>, f: WindowFacts): RuleResult {
  const key = `metric:${r.name}`;
  const v = f.realized[r.name];
  if (v === undefined) return { key, firing: null, value: null, threshold: null, message: `no labeled rows for ${r.name}` };
  const higher = isMetricKey(r.name) ? greaterIsBetter(r.name) : true;
  const trained = f.training[`test.${r.name}`];
  const limits: number[] = [];
  if (r.min !== undefined) limits.push(r.min);
  if (r.max_drop !== undefined && trained !== undefined) limits.push(higher ? trained - r.max_drop : trained + r.max_drop);
  if (limits.length === 0) return { key, firing: null, value: v, threshold: null, message: `no training value of ${r.name} to compare with` };
  const threshold = higher ? Math.max(...limits) : Math.min(...limits);
  const firing = higher ? v < threshold : v > threshold;
  return { key, firing, value: v, threshold, message: `realized ${r.name} ${v.toFixed(4)} (training ${trained?.toFixed(4) ?? '—'})` };
}
