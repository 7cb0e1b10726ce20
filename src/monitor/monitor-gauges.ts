import { Gauge, type Registry } from 'prom-client';
import type { WindowReport } from './monitor-run.js';
import type { MonitorStore } from './store/monitor-store.js';

/**
 * Prometheus gauges of the latest monitoring window of each model, read from
 * the monitoring tables at scrape time (so any process that ran `lathe
 * monitor run` — or the server's schedule — is reflected):
 *
 * - `lathe_monitor_drift_score{model,feature}`: the latest window's score per
 *   feature, and `feature="prediction"` for prediction drift;
 * - `lathe_monitor_realized_metric{model,metric}`: the latest window's
 *   realized metrics that have labels;
 * - `lathe_monitor_window_rows{model}` and `lathe_monitor_alerts_firing{model}`.
 *
 * `models` is called at each scrape (the server passes the models it serves).
 *
 * @example
 * ```ts
 * registerMonitorGauges(registry, MonitorStore.open(home), () => ['churn']);
 * ```
 */
export function registerMonitorGauges(registry: Registry, store: MonitorStore, models: () => readonly string[]): void {
  const realized = new Gauge({ name: 'lathe_monitor_realized_metric', help: 'Realized metric of the latest window with labels', labelNames: ['model', 'metric'], registers: [] });
  const rows = new Gauge({ name: 'lathe_monitor_window_rows', help: 'Rows in the latest monitoring window', labelNames: ['model'], registers: [] });
  const firing = new Gauge({ name: 'lathe_monitor_alerts_firing', help: 'Alerts currently firing (fired and not cleared)', labelNames: ['model'], registers: [] });
  // The registry serializes metrics in registration order: the first one's
  // collect() refreshes all four from the store before any is written out.
  const drift = new Gauge({
    name: 'lathe_monitor_drift_score',
    help: 'Drift score of the latest monitoring window, per feature (and the prediction)',
    labelNames: ['model', 'feature'],
    registers: [],
    collect() {
      for (const g of [this, realized, rows, firing]) g.reset();
      for (const model of models()) {
        const windows = store.listWindows(model);
        firing.set({ model }, store.listAlerts(model).filter((a) => a.cleared_ms === null).length);
        const last = windows[windows.length - 1]?.report as WindowReport | undefined;
        if (!last) continue;
        rows.set({ model }, last.rows);
        for (const f of last.features) if (f.score !== null) this.set({ model, feature: f.name }, f.score);
        if (last.prediction?.score != null) this.set({ model, feature: 'prediction' }, last.prediction.score);
        // Labels arrive late: the newest window that has any is the latest realized value.
        const labeled = [...windows].reverse().find((w) => Object.keys((w.report as WindowReport).realized).length > 0);
        for (const [metric, v] of Object.entries((labeled?.report as WindowReport | undefined)?.realized ?? {})) realized.set({ model, metric }, v);
      }
    },
  });
  for (const g of [drift, realized, rows, firing]) registry.registerMetric(g);
}
