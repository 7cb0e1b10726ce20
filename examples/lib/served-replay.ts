import { writeFileSync } from 'node:fs';
import type { Frame } from '../../src/core/index.js';
import { ingestLabels, type MonitorRunResult, MonitorStore, monitorHtml, parseMonitorSection, runMonitor, type WindowReport } from '../../src/monitor/index.js';
import { closeServer, expectOk, inParallel } from '../../src/quickstart/index.js';
import { startServer } from '../../src/serve/index.js';
import type { Home } from '../../src/store/index.js';
import { writeFileAtomic } from '../../src/store/index.js';

/** What {@link replayAndMonitor} needs. */
export interface ReplayOptions {
  /** The registered model, served under its name (its @production alias answers). */
  model: string;
  /** The rows to send, in order: one V1 request each. */
  frame: Frame;
  /** Input columns to send (the target and any id stay out). */
  inputs: readonly string[];
  /** The column holding each row's request id, and the one holding its label. */
  idColumn: string;
  labelColumn: string;
  /** The `monitor:` section, as lathe.yaml would hold it. */
  monitor: unknown;
  /** Where the labels CSV and the monitoring HTML go. */
  labelsFile: string;
  htmlFile: string;
}

/**
 * Serves a model in-process on a free loopback port, replays rows as real
 * V1 requests (each with its id as `x-request-id`, so labels can be joined),
 * then does what `lathe labels ingest`, `lathe monitor run` and `lathe
 * monitor show --html` do. The server is always shut down.
 */
export async function replayAndMonitor(home: Home, o: ReplayOptions): Promise<{ url: string; requests: number; run: MonitorRunResult }> {
  const server = await startServer(home, { port: 0, models: [o.model], logLevel: 'warn', logStream: process.stderr, otlpEndpoint: null });
  try {
    const url = `${server.url}/v1/models/${o.model}@production:predict`;
    const rows = Array.from({ length: o.frame.rows }, (_, i) => i);
    // One request at a time: the log keeps the rows' order, so count windows are calendar periods.
    await inParallel(rows, 1, async (i) => {
      const instance = Object.fromEntries(o.inputs.map((c) => [c, o.frame.value(c, i)]));
      await expectOk('POST', url, { instances: [instance] }, { 'x-request-id': String(o.frame.value(o.idColumn, i)) });
    });
    await server.ctx.predictionLog?.flush();
    writeFileSync(o.labelsFile, `id,label\n${rows.map((i) => `${o.frame.value(o.idColumn, i)},${o.frame.value(o.labelColumn, i)}`).join('\n')}\n`);
    await ingestLabels(home, o.model, o.labelsFile, { idColumn: 'id', labelColumn: 'label' });
    const run = await runMonitor(home, o.model, parseMonitorSection(o.monitor), () => {});
    const store = MonitorStore.open(home);
    try {
      writeFileAtomic(o.htmlFile, monitorHtml(o.model, store.listWindows(o.model).map((w) => w.report as WindowReport), store.listAlerts(o.model)));
    } finally {
      store.close();
    }
    return { url: server.url, requests: rows.length, run };
  } finally {
    await closeServer(server);
  }
}
