import { writeFileSync } from 'node:fs';
import { ingestLabels, MonitorStore, monitorHtml, type MonitorRunResult, readMonitorConfig, runMonitor, type WindowReport } from '../monitor/index.js';
import { writeFileAtomic } from '../store/index.js';
import type { Home } from '../store/index.js';

/** The quickstart's monitoring rules, as a lathe.yaml `monitor:` section. */
export function monitorYaml(windowRows: number): string {
  return [
    '# Monitoring rules of the quickstart (lathe monitor run --config this-file).',
    'monitor:',
    `  window: "${windowRows}"        # windows of this many logged predictions`,
    '  rules:',
    '    - feature_drift: { share: 0.1 }      # alert when any one of the six features drifts',
    '    - prediction_drift: {}               # or the predicted classes shift',
    '    - metric: { name: accuracy, max_drop: 0.05 }   # or realized accuracy falls 5 points below the test score',
    '  sinks:',
    '    - log',
    '',
  ].join('\n');
}

/** Writes `id,species` for each request: the ground truth that arrives after the predictions. */
export function writeLabels(file: string, traffic: readonly { id: string; species: string }[]): void {
  writeFileSync(file, `id,species\n${traffic.map((t) => `${t.id},${t.species}`).join('\n')}\n`);
}

/**
 * What `lathe labels ingest`, `lathe monitor run --config` and `lathe monitor
 * show --html` do in turn: join the labels, close the windows (drift,
 * realized metrics, alerts), and write the series as HTML.
 */
export async function monitorReport(
  home: Home,
  model: string,
  files: { labels: string; config: string; html: string },
  log: (line: string) => void,
): Promise<{ labels: Awaited<ReturnType<typeof ingestLabels>>; run: MonitorRunResult }> {
  const labels = await ingestLabels(home, model, files.labels, { idColumn: 'id', labelColumn: 'species' });
  const run = await runMonitor(home, model, readMonitorConfig(files.config), log);
  const store = MonitorStore.open(home);
  try {
    const windows = store.listWindows(model).map((w) => w.report as WindowReport);
    writeFileAtomic(files.html, monitorHtml(model, windows, store.listAlerts(model)));
  } finally {
    store.close();
  }
  return { labels, run };
}
