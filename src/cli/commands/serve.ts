import type { Command } from 'commander';
import { Home } from '../../store/index.js';
import { allowPrivateSinks, parseWindow, readMonitorConfig, readRetrainPolicy } from '../../monitor/index.js';
import { parseByteSize, parseRateLimit, type ServeMonitorOptions, startServer } from '../../serve/index.js';
import { LatheError } from '../../errors.js';
import { printJson } from '../output.js';
import { globals } from '../with-home.js';

interface ServeFlags {
  host: string;
  monitorEvery?: string;
  monitorConfig?: string;
  allowPrivateHosts?: boolean;
  port: string;
  models: string;
  auth?: boolean;
  insecureNoAuth?: boolean;
  maxBody: string;
  rateLimit?: string;
  allowedHosts?: string;
  corsOrigin?: string;
  pollMs: string;
  drainSeconds: string;
  predictionLog: boolean;
  logSample: string;
  logQueue: string;
  rejectUnseen?: boolean;
  logLevel: string;
  otlpEndpoint?: string;
  batching: boolean;
}

/** `lathe serve`: the online server; runs until SIGTERM or SIGINT, then drains and exits 0. */
export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('serve registered models over HTTP (Open Inference Protocol v2 and v1 records)')
    .option('--host <addr>', 'bind address; off loopback, API keys are required', '127.0.0.1')
    .option('--port <n>', 'port (0 picks a free one)', '8080')
    .option('--models <list>', 'comma-separated model names, or all', 'all')
    .option('--auth', 'require API keys on loopback too')
    .option('--insecure-no-auth', 'serve a non-loopback address without keys (not recommended)')
    .option('--max-body <size>', 'largest request body', '16MiB')
    .option('--rate-limit <n/s>', 'requests per key (or per client address), e.g. 1000/s')
    .option('--allowed-hosts <list>', 'Host header names allowed (default: loopback names on loopback)')
    .option('--cors-origin <list>', 'origins allowed by CORS (default: CORS off)')
    .option('--poll-ms <n>', 'how often the registry is checked for alias moves and versions', '1000')
    .option('--drain-seconds <n>', 'how long SIGTERM waits for in-flight requests', '10')
    .option('--no-prediction-log', 'do not log predictions for monitoring')
    .option('--log-sample <fraction>', 'fraction of requests logged for monitoring', '1')
    .option('--log-queue <rows>', 'prediction rows queued at most before dropping', '20000')
    .option('--reject-unseen', 'answer 400 for categories the model never saw')
    .option('--no-batching', 'score every request on its own (by default, concurrent small requests are scored together)')
    .option('--log-level <level>', 'pino level: fatal, error, warn, info, debug, silent', 'info')
    .option('--monitor-every <duration>', 'run monitoring (windows, drift, realized metrics, alerts, the retrain policy) for every served model this often, e.g. 5m')
    .option('--monitor-config <file>', 'the lathe.yaml whose monitor: and retrain: sections the schedule uses (default: built-in rules, no retraining)')
    .option('--allow-private-hosts', "let the --monitor-every schedule's webhook sinks reach loopback, private and link-local addresses (refused by default)")
    .option('--otlp-endpoint <url>', 'export OpenTelemetry traces to this OTLP/HTTP collector (default $OTEL_EXPORTER_OTLP_ENDPOINT; none: no tracing)')
    .action(async (o: ServeFlags, cmd: Command) => {
      const g = globals(cmd);
      const list = (s: string | undefined) => (s === undefined ? undefined : s.split(',').map((x) => x.trim()).filter(Boolean));
      const home = await Home.open({ dir: g.home });
      let server;
      try {
        server = await startServer(home, {
          host: o.host,
          port: int(o.port, '--port'),
          models: o.models === 'all' ? null : list(o.models),
          auth: o.auth,
          insecureNoAuth: o.insecureNoAuth,
          maxBodyBytes: parseByteSize(o.maxBody),
          rateLimit: o.rateLimit ? parseRateLimit(o.rateLimit) : null,
          allowedHosts: list(o.allowedHosts) ?? null,
          corsOrigins: list(o.corsOrigin) ?? [],
          pollMs: int(o.pollMs, '--poll-ms'),
          drainSeconds: Number(o.drainSeconds),
          predictionLog: o.predictionLog,
          logSample: Number(o.logSample),
          logQueueRows: int(o.logQueue, '--log-queue'),
          rejectUnseen: o.rejectUnseen,
          logLevel: o.logLevel,
          otlpEndpoint: o.otlpEndpoint,
          batching: o.batching,
          monitor: monitorOptions(o.monitorEvery, o.monitorConfig, o.allowPrivateHosts === true),
          // Logs go to stderr, so stdout carries only the ready line (or the --json document).
          logStream: process.stderr,
        });
      } catch (e) {
        await home.close();
        throw e;
      }
      const models = [...server.ctx.pool.models.values()].map((s) => ({ name: s.name, versions: [...s.versions.keys()], aliases: Object.fromEntries(s.aliases) }));
      if (g.json) printJson({ url: server.url, auth: server.ctx.opts.authRequired, models });
      else {
        process.stdout.write(`lathe serving on ${server.url}${server.ctx.opts.authRequired ? ' (API keys required)' : ''}\n`);
        for (const m of models) process.stdout.write(`  ${m.name}: versions ${m.versions.join(', ') || 'none'}; ${Object.entries(m.aliases).map(([a, v]) => `${a} → ${v}`).join(', ') || 'no aliases'}\n`);
      }
      if (!server.ctx.opts.loopback && server.ctx.opts.insecureNoAuth) process.stderr.write(`\n!!! WARNING: ${server.url} is served WITHOUT AUTHENTICATION (--insecure-no-auth) !!!\n\n`);
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off('SIGTERM', stop);
          process.off('SIGINT', stop);
          void server.close().then(() => home.close()).then(resolve);
        };
        process.on('SIGTERM', stop);
        process.on('SIGINT', stop);
      });
    });
}

function int(text: string, flag: string): number {
  if (!/^[0-9]{1,9}$/.test(text)) throw new LatheError('BAD_USAGE', `${flag} "${text.slice(0, 20)}" is not a whole number`, { hint: `pass ${flag} N` });
  return Number(text);
}

/** The schedule of `--monitor-every` with the rules of `--monitor-config`; null without a schedule. */
function monitorOptions(every: string | undefined, config: string | undefined, allowPrivateHosts: boolean): ServeMonitorOptions | null {
  if (every === undefined) {
    if (config !== undefined) throw new LatheError('BAD_USAGE', '--monitor-config needs --monitor-every', { hint: 'add --monitor-every 5m, or run `lathe monitor run <model> --config` by hand' });
    return null;
  }
  const spec = parseWindow(every);
  if (spec.by !== 'time' || spec.ms < 1000) throw new LatheError('BAD_USAGE', `--monitor-every ${every} is not a duration of at least 1s`, { hint: 'e.g. --monitor-every 5m' });
  const rules = readMonitorConfig(config);
  return { everyMs: spec.ms, config: allowPrivateHosts ? allowPrivateSinks(rules) : rules, retrain: readRetrainPolicy(config) };
}
