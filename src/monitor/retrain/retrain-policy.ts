import { readFileSync } from 'node:fs';
import YAML from 'yaml';
import { LatheError } from '../../errors.js';

/** The `retrain:` section of lathe.yaml: when and how the closed loop retrains, gates, canaries and promotes. */
export interface RetrainPolicy {
  /** `drift`: feature or prediction drift alerts; `performance`: realized-metric alerts. */
  on: ('drift' | 'performance')[];
  /** The promotion gate expression, as `lathe promote --gate`; null for promote's default. */
  gate: string | null;
  /** Share of the alias's requests the candidate answers, and how many it must answer before the verdict. */
  canary: { percent: number; requests: number };
  /** `manual` stops before the canary until `lathe approve <job>`. */
  approve: 'auto' | 'manual';
  /** The alias the champion holds and the candidate may take. */
  alias: string;
}

/**
 * Reads `retrain:` from a lathe.yaml, or null when there is none (no loop).
 *
 * @example
 * ```yaml
 * retrain:
 *   on: [drift, performance]
 *   gate: "accuracy >= champion - 0.01"
 *   canary: { percent: 10, requests: 1000 }
 *   approve: auto
 * ```
 */
export function readRetrainPolicy(file: string | undefined): RetrainPolicy | null {
  if (!file) return null;
  const doc = YAML.parse(readFileSync(file, 'utf8')) as { retrain?: unknown } | null;
  return doc?.retrain === undefined ? null : parseRetrainSection(doc.retrain, file);
}

/** Checks a parsed `retrain:` value; unknown keys and bad values are BAD_INPUT naming them. */
export function parseRetrainSection(r: unknown, where = 'lathe.yaml'): RetrainPolicy {
  const bad = (what: string, hint: string) => new LatheError('BAD_INPUT', `${where}: retrain: ${what}`, { hint });
  if (typeof r !== 'object' || r === null || Array.isArray(r)) throw bad('must be a map', 'write retrain: with on, gate, canary, approve');
  const o = r as Record<string, unknown>;
  for (const k of Object.keys(o)) if (!['on', 'gate', 'canary', 'approve', 'alias'].includes(k)) throw bad(`unknown key "${k}"`, 'known keys: on, gate, canary, approve, alias');
  const on = o.on === undefined ? ['drift', 'performance'] : o.on;
  if (!Array.isArray(on) || on.length === 0 || on.some((t) => t !== 'drift' && t !== 'performance')) throw bad('on must list drift and/or performance', 'e.g. on: [drift, performance]');
  const canary = (o.canary ?? {}) as Record<string, unknown>;
  const percent = canary.percent ?? 10;
  const requests = canary.requests ?? 1000;
  if (typeof percent !== 'number' || !(percent > 0 && percent <= 100)) throw bad('canary.percent must be in (0, 100]', 'e.g. canary: { percent: 10 }');
  if (typeof requests !== 'number' || !Number.isInteger(requests) || requests < 1) throw bad('canary.requests must be a positive integer', 'e.g. canary: { requests: 1000 }');
  const approve = o.approve ?? 'auto';
  if (approve !== 'auto' && approve !== 'manual') throw bad(`approve must be auto or manual, not ${String(approve)}`, 'approve: manual waits for `lathe approve <job>` before the canary');
  if (o.gate !== undefined && typeof o.gate !== 'string') throw bad('gate must be a gate expression', 'e.g. gate: "accuracy >= champion"');
  return { on: on as RetrainPolicy['on'], gate: (o.gate as string | undefined) ?? null, canary: { percent, requests }, approve, alias: typeof o.alias === 'string' ? o.alias : 'production' };
}

/** Whether an alert key sets the loop off under this policy. */
export function triggers(policy: RetrainPolicy, alertKey: string): boolean {
  if (alertKey === 'feature_drift' || alertKey === 'prediction_drift') return policy.on.includes('drift');
  if (alertKey.startsWith('metric:')) return policy.on.includes('performance');
  return false;
}
