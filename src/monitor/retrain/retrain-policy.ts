import { checkConfig, readLatheYaml, v } from '../../core/index.js';

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
  const r = readLatheYaml(file).retrain;
  return r === undefined || r === null ? null : parseRetrainSection(r, file);
}

const RETRAIN_SPEC = v.object({
  on: v.list(v.enumOf(['drift', 'performance'] as const), { min: 1 }),
  gate: v.str({ nonEmpty: true, expected: 'a gate expression such as "accuracy >= champion - 0.01"' }),
  canary: v.object({ percent: v.field(v.num({ gt: 0, max: 100 }), 10), requests: v.field(v.int({ min: 1 }), 1000) }),
  approve: v.field(v.enumOf(['auto', 'manual'] as const), 'auto'),
  alias: v.field(v.str({ nonEmpty: true }), 'production'),
});

/** Checks a parsed `retrain:` value with the shared config validator; unknown keys and bad values are BAD_INPUT naming their path. */
export function parseRetrainSection(r: unknown, where = 'lathe.yaml'): RetrainPolicy {
  const o = checkConfig(RETRAIN_SPEC, r, where, 'retrain');
  return {
    on: o.on ?? ['drift', 'performance'],
    gate: o.gate ?? null,
    canary: o.canary ?? { percent: 10, requests: 1000 },
    approve: o.approve,
    alias: o.alias,
  };
}

/** Whether an alert key sets the loop off under this policy. */
export function triggers(policy: RetrainPolicy, alertKey: string): boolean {
  if (alertKey === 'feature_drift' || alertKey === 'prediction_drift') return policy.on.includes('drift');
  if (alertKey.startsWith('metric:')) return policy.on.includes('performance');
  return false;
}
