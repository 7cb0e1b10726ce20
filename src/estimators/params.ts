import { LatheError } from '../errors.js';
import type { ParamValue } from './estimator.js';

/** The declared type and range of one hyper-parameter. */
export type ParamSpec =
  | { name: string; type: 'int' | 'float'; default: number | null; min?: number; max?: number; minExclusive?: boolean; maxExclusive?: boolean; help?: string }
  | { name: string; type: 'bool'; default: boolean; help?: string }
  | { name: string; type: 'enum'; default: string; values: readonly string[]; help?: string };

/** The `seed` parameter every estimator shares. */
export const SEED_PARAM: ParamSpec = { name: 'seed', type: 'int', default: 0, min: 0, max: 2 ** 31 - 1 };

/** The allowed range of a parameter, in words. */
export function describeRange(spec: ParamSpec): string {
  if (spec.type === 'bool') return 'true or false';
  if (spec.type === 'enum') return `one of ${spec.values.join(', ')}`;
  const lo = spec.min === undefined ? '-∞' : String(spec.min);
  const hi = spec.max === undefined ? '∞' : String(spec.max);
  const kind = spec.type === 'int' ? 'an integer' : 'a number';
  return `${kind} in ${spec.minExclusive ? '(' : '['}${lo}, ${hi}${spec.maxExclusive || spec.max === undefined ? ')' : ']'}`;
}

/**
 * Checks and completes hyper-parameters: unknown names, wrong types and
 * out-of-range values throw BAD_PARAM naming the parameter and its range.
 * Strings (from `--params k=v`) are converted to the declared type.
 */
export function resolveParams(kind: string, specs: readonly ParamSpec[], given: Record<string, ParamValue | undefined>): Record<string, ParamValue> {
  const byName = new Map(specs.map((s) => [s.name, s]));
  for (const k of Object.keys(given)) {
    if (!byName.has(k)) {
      throw new LatheError('BAD_PARAM', `${kind} has no parameter "${k}"`, { hint: `its parameters: ${specs.map((s) => s.name).join(', ')}` });
    }
  }
  const out: Record<string, ParamValue> = {};
  for (const spec of specs) {
    const raw = given[spec.name];
    if (raw === undefined) {
      if (spec.default !== null) out[spec.name] = spec.default;
      continue;
    }
    out[spec.name] = coerce(kind, spec, raw);
  }
  return out;
}

function coerce(kind: string, spec: ParamSpec, raw: ParamValue): ParamValue {
  const bad = () =>
    new LatheError('BAD_PARAM', `${kind} parameter ${spec.name}=${String(raw)} is out of range`, {
      hint: `${spec.name} must be ${describeRange(spec)}`,
    });
  if (spec.type === 'bool') {
    if (typeof raw === 'boolean') return raw;
    if (raw === 'true' || raw === '1' || raw === 1) return true;
    if (raw === 'false' || raw === '0' || raw === 0) return false;
    throw bad();
  }
  if (spec.type === 'enum') {
    if (typeof raw === 'string' && spec.values.includes(raw)) return raw;
    throw bad();
  }
  const v = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
  if (!Number.isFinite(v) || (spec.type === 'int' && !Number.isInteger(v))) throw bad();
  if (spec.min !== undefined && (spec.minExclusive ? v <= spec.min : v < spec.min)) throw bad();
  if (spec.max !== undefined && (spec.maxExclusive ? v >= spec.max : v > spec.max)) throw bad();
  return v;
}
