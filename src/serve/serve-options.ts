import { isIP } from 'node:net';
import { LatheError } from '../errors.js';
import { type RateLimit } from './auth/rate-limiter.js';
import { otlpTracesUrl } from './observability/request-tracer.js';
import type { MonitorConfig, RetrainPolicy } from '../monitor/index.js';

/** What `lathe serve` takes; every field has a safe default. */
export interface ServeOptions {
  /** Bind address (default 127.0.0.1). */
  host?: string;
  /** Port (default 8080; 0 picks a free one). */
  port?: number;
  /** Models to serve, or null/undefined for all (new registrations included). */
  models?: readonly string[] | null;
  /** Require API keys even on loopback. */
  auth?: boolean;
  /** Serve a non-loopback address without keys (a loud warning is logged). */
  insecureNoAuth?: boolean;
  /** Largest request body in bytes (default 16 MiB). */
  maxBodyBytes?: number;
  /** Requests per key (or per client address without auth); null for none. */
  rateLimit?: RateLimit | null;
  /** Host header names allowed (ports ignored); default loopback names on loopback, any otherwise. */
  allowedHosts?: readonly string[] | null;
  /** Origins allowed by CORS; empty (default) sends no CORS headers. */
  corsOrigins?: readonly string[];
  /** How often the registry is polled for alias moves and new versions, in ms (default 1000). */
  pollMs?: number;
  /** How long SIGTERM waits for in-flight requests, in seconds (default 10). */
  drainSeconds?: number;
  /** Log predictions for monitoring (default true). */
  predictionLog?: boolean;
  /** Fraction of requests logged (default 1). */
  logSample?: number;
  /** Prediction rows queued at most before dropping (default 20000). */
  logQueueRows?: number;
  /** Refuse rows with categories the model never saw (default false: they are encoded as unknown). */
  rejectUnseen?: boolean;
  /** OTLP collector base URL (traces go to `<url>/v1/traces`); default `$OTEL_EXPORTER_OTLP_ENDPOINT`, else no tracing. */
  otlpEndpoint?: string | null;
  /** Score concurrent small requests as one batch (default true). */
  batching?: boolean;
  /** pino level (default info). */
  logLevel?: string;
  /** Where logs go (default stdout); tests pass a stream. */
  logStream?: NodeJS.WritableStream;
  /** Run monitoring (windows, drift, realized metrics, alerts, the retrain policy) on a schedule; null for none. */
  monitor?: ServeMonitorOptions | null;
}

/** `lathe serve --monitor-every 5m [--monitor-config lathe.yaml]`. */
export interface ServeMonitorOptions {
  everyMs: number;
  config: MonitorConfig;
  retrain: RetrainPolicy | null;
}

/** Options with every default applied and the auth decision made. */
export type ResolvedServeOptions = Required<Omit<ServeOptions, 'logStream' | 'models' | 'rateLimit' | 'allowedHosts' | 'otlpEndpoint' | 'monitor'>> & {
  /** Where traces go, or null for none. */
  otlpTracesUrl: string | null;
  models: readonly string[] | null;
  rateLimit: RateLimit | null;
  allowedHosts: ReadonlySet<string> | null;
  logStream: NodeJS.WritableStream | undefined;
  /** True when every non-health route needs a key. */
  authRequired: boolean;
  loopback: boolean;
};

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '::1', '[::1]'];

/** True for 127.0.0.0/8, ::1 and localhost. */
export function isLoopback(host: string): boolean {
  if (host === 'localhost' || host === '::1') return true;
  return isIP(host) === 4 && host.startsWith('127.');
}

/**
 * Applies defaults and the security rules: off loopback, keys are required
 * unless `insecureNoAuth`; on loopback, the Host allow-list defaults to the
 * loopback names, which stops DNS-rebinding pages from reaching the server.
 */
export function resolveServeOptions(o: ServeOptions): ResolvedServeOptions {
  const host = o.host ?? '127.0.0.1';
  const loopback = isLoopback(host);
  const num = (v: number | undefined, d: number, name: string, min: number, max: number) => {
    const x = v ?? d;
    if (!Number.isFinite(x) || x < min || x > max) throw new LatheError('BAD_USAGE', `${name} ${x} is out of range ${min}–${max}`, { hint: `pass ${name} between ${min} and ${max}` });
    return x;
  };
  if (o.auth && o.insecureNoAuth) throw new LatheError('BAD_USAGE', '--auth and --insecure-no-auth contradict each other', { hint: 'pass one of them' });
  const allowed = o.allowedHosts ?? (loopback ? [...LOOPBACK_NAMES, host] : null);
  return {
    host,
    port: num(o.port, 8080, '--port', 0, 65535),
    models: o.models ?? null,
    auth: o.auth ?? false,
    insecureNoAuth: o.insecureNoAuth ?? false,
    maxBodyBytes: num(o.maxBodyBytes, 16 * 1024 * 1024, '--max-body', 1024, 1024 * 1024 * 1024),
    rateLimit: o.rateLimit ?? null,
    allowedHosts: allowed === null ? null : new Set(allowed.map((h) => h.toLowerCase())),
    corsOrigins: o.corsOrigins ?? [],
    pollMs: num(o.pollMs, 1000, '--poll-ms', 50, 60_000),
    drainSeconds: num(o.drainSeconds, 10, '--drain-seconds', 0, 3600),
    predictionLog: o.predictionLog ?? true,
    logSample: num(o.logSample, 1, '--log-sample', 0, 1),
    logQueueRows: num(o.logQueueRows, 20_000, '--log-queue', 0, 10_000_000),
    rejectUnseen: o.rejectUnseen ?? false,
    logLevel: o.logLevel ?? 'info',
    batching: o.batching ?? true,
    otlpTracesUrl: otlpTracesUrl(o.otlpEndpoint),
    logStream: o.logStream,
    authRequired: Boolean(o.auth) || (!loopback && !o.insecureNoAuth),
    loopback,
  };
}

/** Parses `16MiB`, `512KiB`, `1GiB` or a plain byte count. */
export function parseByteSize(text: string): number {
  const m = /^([0-9]+(?:\.[0-9]+)?)\s*(B|KiB|MiB|GiB|KB|MB|GB)?$/i.exec(text.trim());
  if (!m) throw new LatheError('BAD_USAGE', `size "${text.slice(0, 40)}" is not a byte size`, { hint: 'write e.g. 16MiB, 512KiB or 1048576' });
  const unit = (m[2] ?? 'B').toLowerCase();
  const mult: Record<string, number> = { b: 1, kib: 1024, mib: 1024 ** 2, gib: 1024 ** 3, kb: 1000, mb: 1000 ** 2, gb: 1000 ** 3 };
  return Math.floor(Number(m[1]) * mult[unit]);
}

/** The host part of a Host header, lower-cased, without the port. */
export function hostOf(header: string | undefined): string {
  if (!header) return '';
  const h = header.trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(0, h.indexOf(']') + 1);
  const i = h.lastIndexOf(':');
  return i >= 0 && h.indexOf(':') === i ? h.slice(0, i) : h;
}
