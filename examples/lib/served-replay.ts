import { writeFileSync } from 'node:fs';
import type { Frame } from '../../src/core/index.js';
import { ingestLabels, type MonitorRunResult, MonitorStore, monitorHtml, parseMonitorSection, parseRetrainSection, runMonitor, type WindowReport } from '../../src/monitor/index.js';
import { closeServer, expectOk, inParallel } from '../../src/quickstart/index.js';
import { type RunningServer, startServer } from '../../src/serve/index.js';
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
  /** The `retrain:` section, for the closed loop; none by default. */
  retrain?: unknown;
  /** Rows sent while a closed-loop canary runs, before the monitor judges it. */
  canaryFrame?: Frame;
  /** Where the labels CSV and the monitoring HTML go. */
  labelsFile: string;
  htmlFile: string;
}

/** What the replay did. */
export interface ReplayResult {
  url: string;
  requests: number;
  /** The first monitor run: windows, alerts, and the job the alerts started. */
  run: MonitorRunResult;
  /** The monitor run after the canary traffic, when there was a canary. */
  verdict: MonitorRunResult | null;
  canary: { sent: number; answered_by_candidate: number } | null;
}

/**
 * Serves a model in-process on a free loopback port, replays rows as real
 * V1 requests (each with its id as `x-request-id`, so labels can be joined),
 * then does what `lathe labels ingest`, `lathe monitor run --config` and
 * `lathe monitor show --html` do. With a `retrain:` policy whose job reaches
 * its canary, the canary rows are sent and the monitor runs again for the
 * verdict. The server is always shut down.
 */
export async function replayAndMonitor(home: Home, o: ReplayOptions): Promise<ReplayResult> {
  const server = await startServer(home, { port: 0, models: [o.model], logLevel: 'warn', logStream: process.stderr, otlpEndpoint: null });
  try {
    const requests = await send(server, o, o.frame);
    await server.ctx.predictionLog?.flush();
    writeFileSync(o.labelsFile, `id,label\n${Array.from({ length: o.frame.rows }, (_, i) => `${o.frame.value(o.idColumn, i)},${o.frame.value(o.labelColumn, i)}`).join('\n')}\n`);
    await ingestLabels(home, o.model, o.labelsFile, { idColumn: 'id', labelColumn: 'label' });
    const policy = o.retrain === undefined ? null : parseRetrainSection(o.retrain);
    const monitor = () => runMonitor(home, o.model, parseMonitorSection(o.monitor), () => {}, policy);
    const run = await monitor();
    let verdict: MonitorRunResult | null = null;
    let canary: ReplayResult['canary'] = null;
    if (run.job?.status === 'canary' && o.canaryFrame) {
      // The server re-reads rollouts every second; refreshing now is that poll without the wait.
      await server.refresh();
      const answered = await send(server, o, o.canaryFrame, run.job.candidate ?? -1);
      canary = { sent: o.canaryFrame.rows, answered_by_candidate: answered };
      await server.ctx.predictionLog?.flush();
      verdict = await monitor();
    }
    writeHtml(home, o.model, o.htmlFile);
    return { url: server.url, requests, run, verdict, canary };
  } finally {
    await closeServer(server);
  }
}

/** Sends each row as one V1 request, in order; returns how many were answered by `version` (all, when omitted). */
async function send(server: RunningServer, o: ReplayOptions, frame: Frame, version?: number): Promise<number> {
  const url = `${server.url}/v1/models/${o.model}@production:predict`;
  let count = 0;
  // One request at a time: the log keeps the rows' order, so count windows are periods of the replayed time.
  await inParallel(Array.from({ length: frame.rows }, (_, i) => i), 1, async (i) => {
    const instance = Object.fromEntries(o.inputs.map((c) => [c, frame.value(c, i)]));
    const body = (await expectOk('POST', url, { instances: [instance] }, { 'x-request-id': String(frame.value(o.idColumn, i)) })) as { model_version: number };
    if (version === undefined || body.model_version === version) count++;
  });
  return count;
}

function writeHtml(home: Home, model: string, file: string): void {
  const store = MonitorStore.open(home);
  try {
    writeFileAtomic(file, monitorHtml(model, store.listWindows(model).map((w) => w.report as WindowReport), store.listAlerts(model)));
  } finally {
    store.close();
  }
}
