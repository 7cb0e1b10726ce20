import { LatheError } from '../../errors.js';

/**
 * The declared type of one transformer parameter. Transformers declare their
 * parameters as data so the same check serves `new X(params)`, pipeline specs
 * from config files or CLI flags, and JSON loaded from a model package.
 */
export type ParamDef =
  | { type: 'columns' }
  | { type: 'boolean'; default: boolean }
  | { type: 'number'; default?: number; min?: number; max?: number; integer?: boolean; minExclusive?: boolean }
  | { type: 'enum'; values: readonly string[]; default?: string }
  | { type: 'enum-list'; values: readonly string[]; default: readonly string[] }
  | { type: 'scalar' };

/** Parameter declarations by name. */
export type ParamDefs = Readonly<Record<string, ParamDef>>;

/** A parameter value after checking: plain data only. */
export type ParamValue = number | string | boolean | readonly string[];

/** What a parameter must be, in words, for error hints. */
export function describeParam(def: ParamDef): string {
  switch (def.type) {
    case 'columns':
      return 'a list of column names';
    case 'boolean':
      return 'true or false';
    case 'enum':
      return `one of ${def.values.join(', ')}`;
    case 'enum-list':
      return `a list drawn from ${def.values.join(', ')}`;
    case 'scalar':
      return 'a number or a string';
    case 'number': {
      const lo = def.min === undefined ? '-∞' : String(def.min);
      const hi = def.max === undefined ? '∞)' : `${def.max}]`;
      return `${def.integer ? 'an integer' : 'a number'} in ${def.minExclusive ? '(' : '['}${lo}, ${hi}`;
    }
  }
}

/**
 * Checks and completes a transformer's parameters. Unknown names and bad
 * values throw BAD_PARAM naming the parameter and what it must be. Strings
 * are converted to the declared type because CLI flags arrive as strings;
 * a comma-separated string is accepted for a list for the same reason.
 *
 * @example
 * ```ts
 * parseParams('clip', { lower: { type: 'number' } }, { lower: '0' }); // { lower: 0 }
 * ```
 */
export function parseParams(kind: string, defs: ParamDefs, raw: unknown): Record<string, ParamValue> {
  if (raw === undefined || raw === null) raw = {};
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw new LatheError('BAD_PARAM', `${kind} parameters must be an object`, { hint: `its parameters: ${Object.keys(defs).join(', ')}` });
  }
  const given = raw as Record<string, unknown>;
  for (const k of Object.keys(given)) {
    if (!Object.hasOwn(defs, k)) {
      throw new LatheError('BAD_PARAM', `${kind} has no parameter "${k}"`, { hint: `its parameters: ${Object.keys(defs).join(', ')}` });
    }
  }
  const out: Record<string, ParamValue> = {};
  for (const [name, def] of Object.entries(defs)) {
    const v = given[name];
    const value = v === undefined ? defaultOf(def) : coerce(kind, name, def, v);
    if (value !== undefined) out[name] = value;
  }
  return Object.freeze(out);
}

function defaultOf(def: ParamDef): ParamValue | undefined {
  if (def.type === 'columns' || def.type === 'scalar') return undefined;
  if (def.type === 'enum-list') return Object.freeze([...def.default]);
  return def.default;
}

function coerce(kind: string, name: string, def: ParamDef, v: unknown): ParamValue {
  const bad = (): LatheError =>
    new LatheError('BAD_PARAM', `${kind} parameter ${name}=${show(v)} is not allowed`, { hint: `${name} must be ${describeParam(def)}` });
  switch (def.type) {
    case 'boolean':
      if (typeof v === 'boolean') return v;
      if (v === 'true' || v === 1 || v === '1') return true;
      if (v === 'false' || v === 0 || v === '0') return false;
      throw bad();
    case 'enum':
      if (typeof v === 'string' && def.values.includes(v)) return v;
      throw bad();
    case 'scalar':
      if (typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v))) return v;
      throw bad();
    case 'columns':
    case 'enum-list': {
      const list = typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter((s) => s !== '') : v;
      if (!Array.isArray(list) || !list.every((s) => typeof s === 'string')) throw bad();
      if (def.type === 'enum-list' && !list.every((s) => def.values.includes(s))) throw bad();
      if (new Set(list).size !== list.length) throw bad();
      return Object.freeze([...(list as string[])]);
    }
    case 'number': {
      const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
      if (!Number.isFinite(n) || (def.integer && !Number.isInteger(n))) throw bad();
      if (def.min !== undefined && (def.minExclusive ? n <= def.min : n < def.min)) throw bad();
      if (def.max !== undefined && n > def.max) throw bad();
      return n;
    }
  }
}

function show(v: unknown): string {
  const s = typeof v === 'string' ? v : JSON.stringify(v) ?? String(v);
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

/** Throws BAD_PARAM for a combination of parameters that cannot work together. */
export function badParam(kind: string, message: string, hint: string): LatheError {
  return new LatheError('BAD_PARAM', `${kind}: ${message}`, { hint });
}
