/**
 * The Prometheus gauges read the latest stored window at scrape time, and the
 * schedule keeps going (and reports) when a run fails.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { Registry } from 'prom-client';
import { isLatheError } from '../errors.js';
import { Home } from '../store/index.js';
import { DEFAULT_MONITOR_CONFIG } from './alerts/index.js';
import { registerMonitorGauges } from './monitor-gauges.js';
import type { WindowReport } from './monitor-run.js';
import { startMonitorSchedule } from './monitor-schedule.js';
import { MonitorStore } from './store/monitor-store.js';

const report = (rows: number, score: number, realized: Record<string, number>): WindowReport => ({
  start_ms: rows,
  end_ms: rows + 1,
  rows,
  status: 'ok',
  source: 'exact',
  dataset_drift: false,
  drift_share: 0,
  features: [{ name: 'age', test: 'js', score, drift: false, missing_rate_delta: 0 }],
  prediction: { test: 'js', score: 0.02, drift: false },
  realized,
  labeled: Object.keys(realized).length,
  p99_latency_ms: 3,
  alerts: { fired: [], ongoing: [], cleared: [] },
});

test('gauges show the latest window, the latest labeled metrics and firing alerts', async () => {
  const home = await Home.open({ dir: mkdtempSync(join(tmpdir(), 'lathe-gauges-')) });
  const store = MonitorStore.open(home);
  try {
    store.putWindow({ model: 'churn', start_ms: 1, end_ms: 2, first_id: 1, last_id: 10, rows: 10, report: report(10, 0.3, { accuracy: 0.9 }) });
    store.putWindow({ model: 'churn', start_ms: 11, end_ms: 12, first_id: 11, last_id: 30, rows: 20, report: report(20, 0.05, {}) });
    store.fireAlert('churn', 'feature_drift', 5, { x: 1 });
    const registry = new Registry();
    registerMonitorGauges(registry, store, () => ['churn', 'idle']);
    const text = await registry.metrics();
    assert.match(text, /lathe_monitor_drift_score\{model="churn",feature="age"\} 0\.05/);
    assert.match(text, /lathe_monitor_drift_score\{model="churn",feature="prediction"\} 0\.02/);
    assert.match(text, /lathe_monitor_realized_metric\{model="churn",metric="accuracy"\} 0\.9/);
    assert.match(text, /lathe_monitor_window_rows\{model="churn"\} 20/);
    assert.match(text, /lathe_monitor_alerts_firing\{model="churn"\} 1/);
    assert.match(text, /lathe_monitor_alerts_firing\{model="idle"\} 0/);
  } finally {
    store.close();
    await home.close();
  }
});

test('the schedule reports a failing run and stops cleanly', async () => {
  const home = await Home.open({ dir: mkdtempSync(join(tmpdir(), 'lathe-sched-')) });
  // The schedule's timer is unref'd (it must not keep a process alive); this one keeps the test's loop running.
  const keepAlive = setInterval(() => {}, 1000);
  try {
    const failed = new Promise<unknown>((resolve) => {
      const stop = startMonitorSchedule(home, () => ['nobody'], DEFAULT_MONITOR_CONFIG, 20, (e) => {
        void stop().then(() => resolve(e));
      });
    });
    const e = await failed;
    assert.ok(isLatheError(e), String(e));
  } finally {
    clearInterval(keepAlive);
    await home.close();
  }
});
