import type { FastifyInstance } from 'fastify';
import { LatheError } from '../errors.js';
import { pino } from 'pino';
import { needModel } from '../registry/index.js';
import { MonitorStore, registerMonitorGauges, startMonitorSchedule } from '../monitor/index.js';
import type { Home } from '../store/index.js';
import { KeyRing } from './auth/api-keys.js';
import { RateLimiter } from './auth/rate-limiter.js';
import { buildApp } from './app.js';
import { ModelPool } from './models/model-pool.js';
import { ServeMetrics } from './observability/serve-metrics.js';
import { PredictionLogWriter } from './prediction-log.js';
import { createRequestTracer } from './observability/request-tracer.js';
import { MicroBatcher } from './infer/micro-batcher.js';
import type { ServeContext } from './serve-context.js';
import { type ServeMonitorOptions, type ServeOptions, resolveServeOptions } from './serve-options.js';
import { openServeStore, serveStorePath } from './store/open-serve-store.js';
import { ThreadedPredictionSink, type PredictionSink } from './store/threaded-prediction-sink.js';

/** A listening server. */
export interface RunningServer {
  /** `http://host:port`. */
  url: string;
  app: FastifyInstance;
  ctx: ServeContext;
  /** Re-reads keys and the registry now (the poll does this every `pollMs`). */
  refresh(): Promise<void>;
  /**
   * Graceful stop: readiness turns 503 at once, new connections are
   * refused, in-flight requests finish (up to `drainSeconds`), the
   * prediction log is flushed, and the store is closed.
   */
  close(): Promise<void>;
}

/**
 * Loads the models, then listens. The home stays open and is owned by the caller.
 *
 * @example
 * ```ts
 * const home = await Home.open({ dir: '.lathe' });
 * const server = await startServer(home, { port: 8080, models: ['churn'] });
 * console.log(server.url); // http://127.0.0.1:8080
 * ```
 */
export async function startServer(home: Home, options: ServeOptions = {}): Promise<RunningServer> {
  const opts = resolveServeOptions(options);
  if (opts.models) for (const m of opts.models) await needModel(home, m);
  const store = openServeStore(home);
  const logger = pino({ level: opts.logLevel, base: { pid: process.pid } }, opts.logStream ?? process.stdout);
  const metrics = new ServeMetrics();
  const keys = new KeyRing();
  const pool = new ModelPool(home, store, {
    models: opts.models,
    events: {
      loaded: (m, ms) => {
        metrics.loads.inc({ model: m.name, version: String(m.version) });
        logger.info({ model: m.name, version: m.version, ms: Math.round(ms) }, 'model loaded and warmed');
      },
      loadFailed: (model, version, err) => {
        metrics.loadFailures.inc({ model, version: String(version) });
        logger.error({ model, version, error: err.oneLine() }, 'model load failed; the previous version keeps serving');
      },
      aliasMoved: (model, alias, from, to) => logger.info({ model, alias, from, to }, 'alias moved'),
    },
  });
  const sink = opts.predictionLog ? await predictionSink(home, store, logger) : null;
  const predictionLog = sink
    ? new PredictionLogWriter(sink, {
        sample: opts.logSample,
        maxQueueRows: opts.logQueueRows,
        onDropped: (n) => metrics.logDropped.inc(n),
        onWritten: (n) => metrics.logWritten.inc(n),
        onError: (e) => logger.error({ error: e instanceof Error ? e.message : String(e) }, 'prediction log write failed; rows dropped'),
      })
    : null;
  const tracer = opts.otlpTracesUrl ? await createRequestTracer(opts.otlpTracesUrl, logger) : null;
  const base = {
    opts, home, store, pool, metrics, keys, predictionLog, predictionSink: sink, tracer,
    batcher: opts.batching ? new MicroBatcher() : null,
    limiter: opts.rateLimit ? new RateLimiter(opts.rateLimit) : null,
    state: { loaded: false, draining: false },
    routes: [],
  };
  const { app, ctx } = buildApp(base as unknown as ServeContext, logger);
  const refresh = async () => {
    keys.set(await store.listKeys());
    await pool.refresh();
  };
  try {
    await refresh();
    ctx.state.loaded = true;
    warnAboutSecurity(ctx);
    await app.listen({ host: opts.host, port: opts.port }).catch((e: unknown) => {
      throw listenError(e, opts.host, opts.port);
    });
  } catch (e) {
    await predictionLog?.close();
    await tracer?.shutdown();
    await store.close();
    throw e;
  }
  const timer = setInterval(() => void refresh().catch((e) => logger.error({ error: String(e) }, 'registry poll failed')), opts.pollMs);
  timer.unref();
  const monitoring = startMonitoring(home, ctx, options.monitor ?? null, logger);
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : opts.port;
  const shownHost = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  let closing: Promise<void> | null = null;
  const close = () => (closing ??= drain(ctx, app, timer).finally(() => monitoring.stop()));
  return { url: `http://${shownHost}:${port}`, app, ctx, refresh, close };
}

/**
 * Why the socket could not be bound, as a usage error naming the flag to
 * change: the port is taken, needs privileges, or the address is not on this
 * machine. Any other failure is passed on as it is.
 */
export function listenError(e: unknown, host: string, port: number): unknown {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  if (code === 'EADDRINUSE') return new LatheError('BAD_USAGE', `port ${port} is in use`, { hint: 'pick another with --port (0 picks a free one)', cause: e });
  if (code === 'EACCES') return new LatheError('BAD_USAGE', `port ${port} needs privileges to bind on this machine`, { hint: 'pick a port above 1023 with --port, or run with the right to bind it', cause: e });
  if (code === 'EADDRNOTAVAIL') return new LatheError('BAD_USAGE', `address ${host} is not on this machine`, { hint: 'pass --host with one of this machine\'s addresses (127.0.0.1 by default)', cause: e });
  return e;
}

/**
 * Monitoring inside the server: the latest drift scores, realized metrics
 * and firing alerts as Prometheus gauges on /metrics, and, with
 * `--monitor-every`, `lathe monitor run` for every served model on a
 * schedule. A monitoring failure is logged and never touches serving.
 */
function startMonitoring(home: Home, ctx: ServeContext, o: ServeMonitorOptions | null, logger: pino.Logger): { stop(): Promise<void> } {
  let store: MonitorStore | null = null;
  try {
    store = MonitorStore.open(home);
    registerMonitorGauges(ctx.metrics.registry, store, () => [...ctx.pool.models.keys()]);
  } catch (e) {
    logger.warn({ error: e instanceof Error ? e.message : String(e) }, 'monitoring gauges are off');
  }
  const stopSchedule = o
    ? startMonitorSchedule(home, () => [...ctx.pool.models.keys()], o.config, o.everyMs, (e, model) => logger.error({ model, error: e instanceof Error ? e.message : String(e) }, 'scheduled monitor run failed'), (line) => logger.info({ monitor: line }, 'monitor'), o.retrain)
    : null;
  return {
    async stop() {
      await stopSchedule?.();
      store?.close();
    },
  };
}

async function drain(ctx: ServeContext, app: FastifyInstance, timer: NodeJS.Timeout): Promise<void> {
  ctx.state.draining = true;
  clearInterval(timer);
  const deadline = new Promise<void>((resolve) => setTimeout(resolve, ctx.opts.drainSeconds * 1000).unref());
  await Promise.race([app.close(), deadline]);
  // Past the deadline, whatever is still open is cut, so the process can exit.
  app.server.closeAllConnections();
  await ctx.predictionLog?.close();
  if (ctx.predictionSink instanceof ThreadedPredictionSink) await ctx.predictionSink.close();
  await ctx.tracer?.shutdown().catch(() => {});
  await ctx.store.close();
}

/**
 * The prediction log's sink: a writer thread when it starts, else (logged)
 * the server's own connection, so a thread failure never disables the log.
 */
async function predictionSink(home: Home, store: PredictionSink, logger: { error(o: object, m: string): void }): Promise<PredictionSink> {
  const threaded = new ThreadedPredictionSink(serveStorePath(home));
  try {
    await threaded.ready;
    return threaded;
  } catch (e) {
    logger.error({ error: e instanceof Error ? e.message : String(e) }, 'the prediction log thread did not start; writing on the main thread');
    return store;
  }
}

function warnAboutSecurity(ctx: ServeContext): void {
  const o = ctx.opts;
  if (!o.loopback && o.insecureNoAuth) {
    ctx.logger.warn(`SECURITY WARNING: serving ${o.host} WITHOUT AUTHENTICATION (--insecure-no-auth): anyone who can reach this address can call every route, admin included`);
  }
  if (o.authRequired && ctx.keys.size === 0) ctx.logger.warn('authentication is on but no API key exists: every route except health answers 401; create one with `lathe keys create`');
}
