import { LatheError } from '../errors.js';
import { resolveModelPackage } from '../predict/index.js';
import { openServeStore } from '../serve/index.js';
import type { Home } from '../store/index.js';
import { loadPackage, type ReferenceProfile } from '../train/index.js';
import { type AlertEvent, dispatchAlerts, evaluateRules, type MonitorConfig } from './alerts/index.js';
import { realizedMetrics } from './realized-metrics.js';
import { advanceCanary, type RetrainPolicy, startRetrain } from './retrain/index.js';
import { MonitorStore, type RetrainJob } from './store/monitor-store.js';
import { buildWindows, type MonitorWindow, predictionLogSource, windowDrift } from './windows/index.js';

/** The stored summary of one window: what `lathe monitor show` charts. */
export interface WindowReport {
  start_ms: number;
  end_ms: number;
  rows: number;
  status: 'ok' | 'no_data';
  source: 'exact' | 'sketch';
  dataset_drift: boolean;
  drift_share: number | null;
  features: { name: string; test: string | null; score: number | null; drift: boolean; missing_rate_delta: number | null }[];
  prediction: { test: string | null; score: number | null; drift: boolean } | null;
  realized: Record<string, number>;
  labeled: number;
  p99_latency_ms: number | null;
  alerts: { fired: string[]; ongoing: string[]; cleared: string[] };
}

/** What one `lathe monitor run` did. */
export interface MonitorRunResult {
  model: string;
  version: number;
  windows: WindowReport[];
  alerts: AlertEvent[];
  /** Log id up to which windows are now closed and stored. */
  cursor: number;
  /** Rows in the still-open window, read again next run. */
  open_rows: number;
  /** Stored windows whose realized metrics changed because labels arrived since. */
  relabeled_windows: number;
  /** The model's closed-loop retrain job after this run (with a `retrain:` policy), else null. */
  job: RetrainJob | null;
}

/**
 * Computes every window closed since the last run for a registered model:
 * drift of its features and prediction against the package's reference
 * profile, realized metrics from delayed labels, the p99 latency; applies the
 * alert rules (deduplicated) and stores each window, then moves the model's
 * cursor. Windows stored earlier get their realized metrics refreshed, since
 * labels arrive late. With a `retrain:` policy, a canary in progress is
 * judged and an alert the policy names starts the closed loop.
 *
 * @example
 * ```ts
 * const r = await runMonitor(home, 'churn@production', readMonitorConfig('lathe.yaml'));
 * ```
 */
export async function runMonitor(
  home: Home,
  ref: string,
  config: MonitorConfig,
  log?: (line: string) => void,
  retrain: RetrainPolicy | null = null,
): Promise<MonitorRunResult> {
  const resolved = await resolveModelPackage(home, ref);
  if (!resolved.version) {
    throw new LatheError('BAD_REF', `"${ref}" is not a registered model`, { hint: 'monitor a registered model (name or name@alias): the server logs predictions under its name' });
  }
  if (resolved.format !== 'lathe') {
    throw new LatheError('UNSUPPORTED_FORMAT', `${resolved.version.model}:${resolved.version.version} is an ONNX import without a reference profile`, { hint: 'monitor a model trained by lathe (its package stores the reference profile)' });
  }
  const doc = await loadPackage(home, resolved.sha256);
  const reference = doc.reference as ReferenceProfile | null;
  if (!reference) throw new LatheError('BAD_INPUT', `the package of ${ref} has no reference profile`, { hint: 'retrain the model with this lathe' });
  const model = resolved.version.model;
  const store = MonitorStore.open(home);
  const serve = openServeStore(home);
  try {
    const windows: WindowReport[] = [];
    const alerts: AlertEvent[] = [];
    const cursor0 = store.cursor(model);
    const onWindow = async (w: MonitorWindow) => {
      const report = await closeWindow(store, model, w, reference, doc.metrics, config, log);
      windows.push(report.window);
      alerts.push(...report.fired);
      store.setCursor(model, w.lastId);
    };
    const { open } = await buildWindows(predictionLogSource(serve), model, config.window, { sinceId: cursor0, onWindow });
    const relabeled = refreshRealized(store, model, windows.length);
    let job: RetrainJob | null = null;
    if (retrain) {
      // A canary in progress moves first; a new alert starts a job only when none is in progress.
      job = await advanceCanary(home, store, model, retrain);
      job = (await startRetrain(home, store, model, retrain, alerts)) ?? job;
    }
    return { model, version: resolved.version.version, windows, alerts, cursor: store.cursor(model), open_rows: open?.rows ?? 0, relabeled_windows: relabeled, job };
  } finally {
    store.close();
    await serve.close();
  }
}

async function closeWindow(
  store: MonitorStore,
  model: string,
  w: MonitorWindow,
  reference: ReferenceProfile,
  training: Record<string, number>,
  config: MonitorConfig,
  log?: (line: string) => void,
): Promise<{ window: WindowReport; fired: AlertEvent[] }> {
  const drift = windowDrift(w, reference);
  const real = realizedMetrics(store.labeledPredictions(model, w.firstId, w.lastId));
  const p99 = w.latency.n > 0 ? w.latency.quantile(0.99) : null;
  const results = evaluateRules(config.rules, { drift, realized: real.metrics, training, p99LatencyMs: p99 });
  const start = Number.isFinite(w.end) ? w.start : w.firstMs;
  const end = Number.isFinite(w.end) ? w.end : w.lastMs;
  const d = await dispatchAlerts(store, model, results, { start_ms: start, end_ms: end }, config.sinks, log);
  const report: WindowReport = {
    start_ms: start,
    end_ms: end,
    rows: w.rows,
    status: drift.status,
    source: drift.source,
    dataset_drift: drift.dataset_drift,
    drift_share: drift.drift_share,
    features: drift.columns.map((c) => ({ name: c.name, test: c.test, score: c.score, drift: c.drift, missing_rate_delta: c.missing_rate_delta })),
    prediction: drift.prediction ? { test: drift.prediction.test, score: drift.prediction.score, drift: drift.prediction.drift } : null,
    realized: real.metrics,
    labeled: real.labeled,
    p99_latency_ms: p99,
    alerts: { fired: d.fired.map((e) => e.rule), ongoing: d.ongoing, cleared: d.cleared },
  };
  store.putWindow({ model, start_ms: start, end_ms: end, first_id: w.firstId, last_id: w.lastId, rows: w.rows, report });
  return { window: report, fired: d.fired };
}

/** Recomputes realized metrics of earlier windows (all but the `fresh` newest) from the labels now stored. */
function refreshRealized(store: MonitorStore, model: string, fresh: number): number {
  const stored = store.listWindows(model);
  let changed = 0;
  for (const s of stored.slice(0, Math.max(0, stored.length - fresh))) {
    const report = s.report as WindowReport;
    const real = realizedMetrics(store.labeledPredictions(model, s.first_id, s.last_id));
    if (real.labeled === report.labeled) continue;
    store.putWindow({ ...s, report: { ...report, realized: real.metrics, labeled: real.labeled } });
    changed++;
  }
  return changed;
}
