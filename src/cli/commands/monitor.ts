import type { Command } from 'commander';
import { LatheError } from '../../errors.js';
import { allowPrivateSinks, approveJob, MonitorStore, monitorHtml, parseRetrainSection, parseWindow, readMonitorConfig, readRetrainPolicy, type RetrainJob, runMonitor, type WindowReport, writeReportFile } from '../../monitor/index.js';
import { resolveModelPackage } from '../../predict/index.js';
import { formatDate, formatNumber, formatPercent } from '../../report/index.js';
import { n, printJson, printTable, println } from '../output.js';
import { globals, withHome } from '../with-home.js';

/** `lathe monitor run <model>` and `lathe monitor show <model>`. */
export function registerMonitor(program: Command): void {
  const monitor = program.command('monitor').description('drift, realized metrics and alerts over the prediction log');
  monitor
    .command('run')
    .description('compute every window closed since the last run: drift, realized metrics, alerts')
    .argument('<model>', 'a registered model: name or name@alias')
    .option('--config <file>', 'a lathe.yaml with a monitor: section (window, rules, sinks)')
    .option('--window <w>', 'window size: a duration (30s, 5m, 1h, 1d) or a row count; overrides the config')
    .option('--allow-private-hosts', 'let webhook sinks reach loopback, private and link-local addresses (refused by default)')
    .action(async (ref: string, o: { config?: string; window?: string; allowPrivateHosts?: boolean }, cmd: Command) => {
      const g = globals(cmd);
      const config = o.allowPrivateHosts ? allowPrivateSinks(readMonitorConfig(o.config)) : readMonitorConfig(o.config);
      const policy = readRetrainPolicy(o.config);
      if (o.window) config.window = parseWindow(o.window);
      const r = await withHome(g, (home) => runMonitor(home, ref, config, undefined, policy));
      if (g.json) return printJson(r);
      println(`${r.model}:${r.version}  ${r.windows.length} new window${r.windows.length === 1 ? '' : 's'}, ${r.alerts.length} alert${r.alerts.length === 1 ? '' : 's'} fired; ${n(r.open_rows)} rows in the open window`);
      if (r.windows.length) printWindows(r.windows);
      if (r.job) printJob(r.job);
    });
  monitor
    .command('show')
    .description('the series over time: volume, drift score per feature, realized metrics, alerts')
    .argument('<model>', 'a registered model: name or name@alias')
    .option('--html <file>', 'also write a self-contained HTML report with charts')
    .action(async (ref: string, o: { html?: string }, cmd: Command) => {
      const g = globals(cmd);
      const doc = await withHome(g, async (home) => {
        const resolved = await resolveModelPackage(home, ref);
        if (!resolved.version) throw new LatheError('BAD_REF', `"${ref}" is not a registered model`, { hint: 'pass name or name@alias' });
        const model = resolved.version.model;
        const store = MonitorStore.open(home);
        try {
          const windows = store.listWindows(model).map((w) => w.report as WindowReport);
          return { model, windows, alerts: store.listAlerts(model), jobs: store.listJobs(model), cursor: store.cursor(model) };
        } finally {
          store.close();
        }
      });
      const html = o.html ? writeReportFile(o.html, monitorHtml(doc.model, doc.windows, doc.alerts)) : undefined;
      if (g.json) {
        printJson(doc);
        if (html) process.stderr.write(`wrote ${html}\n`);
        return;
      }
      println(`${doc.model}  ${doc.windows.length} windows, ${doc.alerts.length} alerts (${doc.alerts.filter((a) => a.cleared_ms === null).length} firing)`);
      if (doc.windows.length === 0) println('no windows yet: run `lathe monitor run <model>` after the server has logged predictions');
      else printWindows(doc.windows);
      for (const a of doc.alerts) println(`alert ${a.rule}  fired ${formatDate(a.fired_ms)}  ${a.cleared_ms ? `cleared ${formatDate(a.cleared_ms)}` : 'FIRING'}`);
      for (const j of doc.jobs) printJob(j);
      if (html) println(`report  ${html}`);
    });
}

function printJob(j: RetrainJob): void {
  println(`retrain job ${j.id}  ${j.status}  trigger ${j.trigger}  candidate ${j.candidate ?? '-'}  champion ${j.champion ?? '-'}  steps: ${j.history.map((h) => h.step).join(' → ')}`);
}

/** `lathe approve <job>`: lets a closed-loop job that passed its gate under `approve: manual` start its canary. */
export function registerApprove(program: Command): void {
  program
    .command('approve')
    .description('approve a closed-loop retrain job waiting before its canary (retrain: approve: manual)')
    .argument('<job>', 'the job id, from `lathe monitor show <model>`')
    .option('--config <file>', 'the lathe.yaml whose retrain: section sets the canary')
    .action(async (id: string, o: { config?: string }, cmd: Command) => {
      const g = globals(cmd);
      const policy = readRetrainPolicy(o.config) ?? parseRetrainSection({});
      const job = await withHome(g, async (home) => {
        const store = MonitorStore.open(home);
        try {
          return await approveJob(home, store, id, policy);
        } finally {
          store.close();
        }
      });
      if (g.json) return printJson(job);
      printJob(job);
    });
}

function printWindows(ws: readonly WindowReport[]): void {
  printTable(
    ['window', 'rows', 'drift share', 'prediction', 'realized', 'p99 ms', 'alerts'],
    ws.map((w) => [
      formatDate(w.start_ms),
      n(w.rows),
      w.drift_share === null ? 'no data' : `${formatPercent(w.drift_share)}${w.dataset_drift ? ' DRIFT' : ''}`,
      w.prediction?.score === null || !w.prediction ? '-' : `${formatNumber(w.prediction.score)}${w.prediction.drift ? ' DRIFT' : ''}`,
      Object.entries(w.realized).map(([k, v]) => `${k} ${formatNumber(v)}`).join(', ') || '-',
      w.p99_latency_ms === null ? '-' : formatNumber(w.p99_latency_ms),
      w.alerts.fired.join(', ') || '-',
    ]),
  );
}

