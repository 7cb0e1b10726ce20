import { writeFileSync } from 'node:fs';
import { ingestLabels, MonitorStore, monitorHtml, type MonitorRunResult, readMonitorConfig, readRetrainPolicy, runMonitor, type WindowReport } from '../monitor/index.js';
import { writeFileAtomic } from '../store/index.js';
import type { Home } from '../store/index.js';

/** Requests the retrained candidate must answer in its canary before the verdict. */
export const CANARY_REQUESTS = 200;

/** The quickstart's lathe.yaml: monitoring rules and the closed loop's policy. */
export function monitorYaml(windowRows: number): string {
  return [
    '# The quickstart\'s monitoring and closed loop (lathe monitor run <model> --config this-file).',
    'monitor:',
    `  window: "${windowRows}"        # windows of this many logged predictions`,
    '  rules:',
    '    - feature_drift: { share: 0.1 }      # alert when any one of the six features drifts',
    '    - prediction_drift: {}               # or the predicted classes shift',
    '    - metric: { name: accuracy, max_drop: 0.05 }   # or realized accuracy falls 5 points below the test score',
    '  sinks:',
    '    - log',
    'retrain:',
    '  on: [drift, performance]   # either kind of alert starts one retrain job',
    '  # no gate: promote\'s default — the primary metric no worse than the champion\'s, and better than the baseline',
    `  canary: { percent: 50, requests: ${CANARY_REQUESTS} }   # half the traffic, judged after ${CANARY_REQUESTS} answers`,
    '  approve: auto',
    '',
  ].join('\n');
}

/** Writes `id,species` for each request: the ground truth that arrives after the predictions. */
export function writeLabels(file: string, traffic: readonly { id: string; species: string }[]): void {
  writeFileSync(file, `id,species\n${traffic.map((t) => `${t.id},${t.species}`).join('\n')}\n`);
}

/** What `lathe labels ingest` does: joins delayed labels to logged predictions by request id. */
export function ingestQuickstartLabels(home: Home, model: string, file: string) {
  return ingestLabels(home, model, file, { idColumn: 'id', labelColumn: 'species' });
}

/**
 * What `lathe monitor run <model> --config <file>` and then `lathe monitor
 * show <model> --html <out>` do: close the windows (drift, realized metrics,
 * alerts), judge or start the closed loop under the file's `retrain:`
 * policy, and write the series as HTML.
 */
export async function monitorRun(home: Home, model: string, config: string, html: string): Promise<MonitorRunResult> {
  const run = await runMonitor(home, model, readMonitorConfig(config), () => {}, readRetrainPolicy(config));
  const store = MonitorStore.open(home);
  try {
    const windows = store.listWindows(model).map((w) => w.report as WindowReport);
    writeFileAtomic(html, monitorHtml(model, windows, store.listAlerts(model)));
  } finally {
    store.close();
  }
  return run;
}
