import { readFileSync } from 'node:fs';
import YAML from 'yaml';
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
export type AlertSink = { sink: 'log' } | { sink: 'webhook'; url: string; secret: string | null; retries: number; timeout_ms: number };

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
  let doc: unknown;
  try {
    doc = YAML.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new LatheError('BAD_INPUT', `cannot read ${file}: ${(e as Error).message}`, { hint: 'pass a readable lathe.yaml', cause: e });
  }
  const m = (doc as { monitor?: unknown } | null)?.monitor;
  if (m === undefined) return DEFAULT_MONITOR_CONFIG;
  return parseMonitorSection(m, file, env);
}

/** Checks a parsed `monitor:` value (see {@link readMonitorConfig}). */
export function parseMonitorSection(m: unknown, where = 'lathe.yaml', env: NodeJS.ProcessEnv = process.env): MonitorConfig {
  const bad = (what: string, hint: string) => new LatheError('BAD_INPUT', `${where}: monitor: ${what}`, { hint });
  if (!isObject(m)) throw bad('must be a map', 'write monitor: with window, rules and sinks keys');
  for (const k of Object.keys(m)) if (!['window', 'rules', 'sinks'].includes(k)) throw bad(`unknown key "${k}"`, 'known keys: window, rules, sinks');
  const window = m.window === undefined ? DEFAULT_MONITOR_CONFIG.window : parseWindow(String(m.window));
  const rules = m.rules === undefined ? DEFAULT_MONITOR_CONFIG.rules : list(m.rules, 'rules').map((r) => parseRule(r, bad));
  const sinks = m.sinks === undefined ? DEFAULT_MONITOR_CONFIG.sinks : list(m.sinks, 'sinks').map((s) => parseSink(s, bad, env));
  return { window, rules, sinks };

  function list(v: unknown, key: string): unknown[] {
    if (!Array.isArray(v)) throw bad(`${key} must be a list`, `write each of ${key} as "- name: {…}"`);
    return v;
  }
}

type Bad = (what: string, hint: string) => LatheError;

function parseRule(r: unknown, bad: Bad): AlertRule {
  const [name, body] = entry(r);
  if (!(RULE_NAMES as readonly string[]).includes(name)) throw bad(`unknown rule "${name}"`, `known rules: ${RULE_NAMES.join(', ')}`);
  const o = isObject(body) ? body : {};
  const num = (key: string, dflt?: number): number => {
    const v = o[key] ?? dflt;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw bad(`${name}.${key} must be a non-negative number`, `e.g. ${name}: { ${key}: 0.1 }`);
    return v;
  };
  const allowed: Record<string, string[]> = {
    feature_drift: ['share'],
    prediction_drift: [],
    metric: ['name', 'min', 'max_drop'],
    error_rate: ['max'],
    p99_latency: ['max_ms'],
    missing_rate_jump: ['max_delta'],
  };
  for (const k of Object.keys(o)) if (!allowed[name].includes(k)) throw bad(`unknown key "${k}" in rule ${name}`, `${name} takes: ${allowed[name].join(', ') || 'no keys'}`);
  switch (name) {
    case 'feature_drift':
      return { rule: 'feature_drift', share: num('share', 0.5) };
    case 'prediction_drift':
      return { rule: 'prediction_drift' };
    case 'metric': {
      if (typeof o.name !== 'string') throw bad('metric.name is required', 'e.g. metric: { name: accuracy, min: 0.8 }');
      if (o.min === undefined && o.max_drop === undefined) throw bad('metric needs min or max_drop', 'min: an absolute floor; max_drop: how far below training it may fall');
      return { rule: 'metric', name: o.name, ...(o.min !== undefined ? { min: num('min') } : {}), ...(o.max_drop !== undefined ? { max_drop: num('max_drop') } : {}) };
    }
    case 'error_rate':
      return { rule: 'error_rate', max: num('max') };
    case 'p99_latency':
      return { rule: 'p99_latency', max_ms: num('max_ms') };
    default:
      return { rule: 'missing_rate_jump', max_delta: num('max_delta') };
  }
}

function parseSink(s: unknown, bad: Bad, env: NodeJS.ProcessEnv): AlertSink {
  const [name, body] = entry(s);
  if (name === 'log') return { sink: 'log' };
  if (name !== 'webhook') throw bad(`unknown sink "${name}"`, 'known sinks: log, webhook');
  const o = isObject(body) ? body : {};
  if (typeof o.url !== 'string' || !/^https?:\/\//.test(o.url)) throw bad('webhook.url must be an http(s) URL', 'e.g. webhook: { url: "https://hooks.example/lathe" }');
  let secret: string | null = null;
  if (o.secret_env !== undefined) {
    secret = env[String(o.secret_env)] ?? null;
    if (!secret) throw bad(`webhook.secret_env names ${o.secret_env}, which is not set`, `export ${o.secret_env}=… before running`);
  }
  return { sink: 'webhook', url: o.url, secret, retries: typeof o.retries === 'number' ? o.retries : 3, timeout_ms: typeof o.timeout_ms === 'number' ? o.timeout_ms : 5000 };
}

/** A list item is a bare name or a one-key map. */
function entry(v: unknown): [string, unknown] {
  if (typeof v === 'string') return [v, {}];
  if (isObject(v) && Object.keys(v).length === 1) {
    const [k] = Object.keys(v);
    return [k, v[k]];
  }
  return ['(not a name or one-key map)', {}];
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
