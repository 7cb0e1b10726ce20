import { checkConfig, readLatheYaml, v } from '../../core/index.js';
import { LatheError } from '../../errors.js';
import { parseWindow, type WindowSpec } from '../windows/index.js';

/** Alert rule names, as written under `monitor: rules:` in lathe.yaml. */
export const RULE_NAMES = ['feature_drift', 'prediction_drift', 'metric', 'error_rate', 'p99_latency', 'missing_rate_jump'] as const;

/** One alert rule. */
export type AlertRule =
  | { rule: 'feature_drift'; share: number }
  | { rule: 'prediction_drift' }
  | { rule: 'metric'; name: string; min?: number; max_drop?: number }
  | { rule: 'error_rate'; max: number }
  | { rule: 'p99_latency'; max_ms: number }
  | { rule: 'missing_rate_jump'; max_delta: number };

/** Where fired alerts go. */
export type AlertSink =
  | { sink: 'log' }
  | {
      sink: 'webhook';
      url: string;
      secret: string | null;
      /** Attempts after the first, 0 to 10 (default 3). */
      retries: number;
      /** Per-attempt timeout, 100 to 30000 ms (default 5000). */
      timeout_ms: number;
      /** Deliver to loopback, private and link-local addresses too; parsed configs always set it (default false). */
      allow_private_hosts?: boolean;
    };

/** The longest a webhook delivery may take, all attempts and backoff included. */
export const WEBHOOK_MAX_TOTAL_MS = 60_000;
/** The first retry delay of `sendWebhook`; it doubles on each retry. */
export const WEBHOOK_BASE_DELAY_MS = 500;

/** Worst-case time of one delivery: every attempt times out, with the doubling backoff between them. */
export function webhookWorstCaseMs(retries: number, timeoutMs: number, baseDelayMs = WEBHOOK_BASE_DELAY_MS): number {
  return (retries + 1) * timeoutMs + baseDelayMs * (2 ** retries - 1);
}

const share = v.num({ min: 0, max: 1 });
const RULE_SPECS = {
  feature_drift: v.object({ share: v.field(share, 0.5) }),
  prediction_drift: v.object({}),
  metric: v.refine(v.object({ name: v.required(v.str({ nonEmpty: true })), min: v.num(), max_drop: v.num({ min: 0 }) }), (o) =>
    o.min === undefined && o.max_drop === undefined ? 'metric needs min or max_drop (min: an absolute floor; max_drop: how far below training it may fall)' : null,
  ),
  error_rate: v.object({ max: v.required(share) }),
  p99_latency: v.object({ max_ms: v.required(v.num({ gt: 0 })) }),
  missing_rate_jump: v.object({ max_delta: v.required(share) }),
} satisfies Record<(typeof RULE_NAMES)[number], unknown>;

const WEBHOOK_SPEC = v.refine(
  v.object({
    url: v.required(v.str({ pattern: /^https?:\/\/[^\s]+$/i, expected: 'an http(s) URL' })),
    secret_env: v.str({ pattern: /^[A-Za-z_][A-Za-z0-9_]*$/, expected: 'an environment variable name' }),
    retries: v.field(v.int({ min: 0, max: 10 }), 3),
    timeout_ms: v.field(v.int({ min: 100, max: 30_000 }), 5000),
    allow_private_hosts: v.field(v.bool(), false),
  }),
  (o) => {
    const worst = webhookWorstCaseMs(o.retries, o.timeout_ms);
    return worst > WEBHOOK_MAX_TOTAL_MS
      ? `retries ${o.retries} × timeout_ms ${o.timeout_ms} plus backoff can take ${worst} ms, above the ${WEBHOOK_MAX_TOTAL_MS} ms a delivery may take; lower retries or timeout_ms`
      : null;
  },
);

const MONITOR_SPEC = v.object({
  window: v.oneOf<string | number>(
    [v.str({ pattern: /^\s*(\d+(ms|s|m|h|d)|\d+)\s*$/, expected: 'a duration' }), v.int({ min: 1 })],
    'a duration such as 30s, 5m, 1h or 1d, or a positive row count such as 10000',
  ),
  rules: v.list(v.tagged(RULE_SPECS, 'rule')),
  sinks: v.list(v.tagged({ log: v.object({}), webhook: WEBHOOK_SPEC }, 'sink')),
});

/** The `monitor:` section of lathe.yaml, checked, with defaults. */
export interface MonitorConfig {
  window: WindowSpec;
  rules: AlertRule[];
  sinks: AlertSink[];
}

/** With no config: hourly windows, the dataset verdict and prediction drift as rules, alerts to the log. */
export const DEFAULT_MONITOR_CONFIG: MonitorConfig = {
  window: { by: 'time', ms: 3_600_000 },
  rules: [{ rule: 'feature_drift', share: 0.5 }, { rule: 'prediction_drift' }],
  sinks: [{ sink: 'log' }],
};

/**
 * Reads the `monitor:` section of a lathe.yaml. Every rule and sink is a
 * one-key map; unknown rule names, unknown keys and bad values are BAD_INPUT
 * errors that list what is allowed. A webhook's secret is read from the
 * environment variable named by `secret_env`, never from the file.
 *
 * @example
 * ```yaml
 * monitor:
 *   window: 1h
 *   rules:
 *     - feature_drift: { share: 0.5 }
 *     - metric: { name: accuracy, max_drop: 0.05 }
 *   sinks:
 *     - log
 *     - webhook: { url: "http://127.0.0.1:9000/hook", secret_env: LATHE_WEBHOOK_SECRET }
 * ```
 */
export function readMonitorConfig(file: string | undefined, env: NodeJS.ProcessEnv = process.env): MonitorConfig {
  if (!file) return DEFAULT_MONITOR_CONFIG;
  const m = readLatheYaml(file).monitor;
  if (m === undefined || m === null) return DEFAULT_MONITOR_CONFIG;
  return parseMonitorSection(m, file, env);
}

/**
 * Checks a parsed `monitor:` value (see {@link readMonitorConfig}) with the
 * shared config validator: every problem is named by its path, e.g.
 * `lathe.yaml: monitor.sinks[1].webhook.retries: must be an integer from 0 to 10, got "many"`.
 */
export function parseMonitorSection(m: unknown, where = 'lathe.yaml', env: NodeJS.ProcessEnv = process.env): MonitorConfig {
  const c = checkConfig(MONITOR_SPEC, m, where, 'monitor');
  const window = c.window === undefined ? DEFAULT_MONITOR_CONFIG.window : parseWindow(String(c.window));
  const rules = c.rules === undefined ? DEFAULT_MONITOR_CONFIG.rules : c.rules.map((r) => ({ rule: r.kind, ...r.value }) as AlertRule);
  const sinks =
    c.sinks === undefined
      ? DEFAULT_MONITOR_CONFIG.sinks
      : c.sinks.map((s, i): AlertSink => {
          if (s.kind === 'log') return { sink: 'log' };
          const o = s.value;
          let secret: string | null = null;
          if (o.secret_env !== undefined) {
            secret = env[o.secret_env] || null;
            if (!secret) {
              throw new LatheError('BAD_INPUT', `${where}: monitor.sinks[${i}].webhook.secret_env names ${o.secret_env}, which is not set`, { hint: `export ${o.secret_env}=… before running` });
            }
          }
          return { sink: 'webhook', url: o.url, secret, retries: o.retries, timeout_ms: o.timeout_ms, allow_private_hosts: o.allow_private_hosts };
        });
  return { window, rules, sinks };
}
