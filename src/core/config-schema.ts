import { LatheError } from '../errors.js';

/**
 * A small declarative validator for config files (lathe.yaml's sections).
 * A spec checks a parsed value and returns it typed, with defaults filled
 * in; each problem is pushed as `<path>: <what is wrong>, got <value>`, so
 * one pass reports every bad key by its path (`monitor.sinks[1].webhook.retries`).
 * Nothing is defaulted silently: a wrong type is an issue, not a default.
 *
 * @example
 * ```ts
 * const spec = v.object({ retries: v.field(v.int({ min: 0, max: 10 }), 3) });
 * const { retries } = checkConfig(spec, parsed, 'lathe.yaml', 'monitor.sinks[0].webhook');
 * ```
 */
export interface Spec<T> {
  /** What a good value looks like, for messages: `an integer from 0 to 10`. */
  readonly expected: string;
  /** Checks `value` at `path`; pushes issues and returns {@link BAD} when it is wrong. */
  check(value: unknown, path: string, issues: string[]): T | typeof BAD;
}

/** Returned by {@link Spec.check} for a value that has issues. */
export const BAD: unique symbol = Symbol('bad');

/** The value type a spec produces. */
export type Infer<S> = S extends Spec<infer T> ? T : never;

/** A key of an object spec: its spec, and whether it may be left out (then its default, if any). */
export interface Field<T> {
  spec: Spec<T>;
  required: boolean;
  default?: T;
}

type Fields = Record<string, Field<unknown> | Spec<unknown>>;
type FieldValue<F> = F extends Field<infer T> ? (F extends { default: T } ? T : T | undefined) : F extends Spec<infer T> ? T | undefined : never;
type RequiredValue<F> = F extends Field<infer T> ? T : never;
type ObjectOf<F extends Fields> = { [K in keyof F]: F[K] extends { required: true } ? RequiredValue<F[K]> : FieldValue<F[K]> };

/** Says what a value is, for `got …`: quoted strings (cut at 40 characters), numbers, `a list`, `a mapping`. */
export function describeValue(v: unknown): string {
  if (v === null || v === undefined) return 'nothing';
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return typeof v;
}

function issue(issues: string[], path: string, what: string): typeof BAD {
  issues.push(path ? `${path}: ${what}` : what);
  return BAD;
}

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

function range(min: number | undefined, max: number | undefined, gt: number | undefined, lt?: number): string {
  if (gt !== undefined && lt !== undefined) return ` between ${gt} and ${lt} (both excluded)`;
  if (gt !== undefined && max !== undefined) return ` above ${gt} and at most ${max}`;
  if (gt !== undefined) return ` above ${gt}`;
  if (min !== undefined && max !== undefined) return ` from ${min} to ${max}`;
  if (min !== undefined) return ` of at least ${min}`;
  if (max !== undefined) return ` of at most ${max}`;
  return '';
}

/** Options of {@link v.num} and {@link v.int}. */
export interface NumberOptions {
  min?: number;
  max?: number;
  /** Exclusive lower bound. */
  gt?: number;
  /** Exclusive upper bound. */
  lt?: number;
}

function number(integer: boolean, o: NumberOptions): Spec<number> {
  const expected = `${integer ? 'an integer' : 'a number'}${range(o.min, o.max, o.gt, o.lt)}`;
  return {
    expected,
    check(value, path, issues) {
      const ok =
        typeof value === 'number' &&
        Number.isFinite(value) &&
        (!integer || Number.isSafeInteger(value)) &&
        (o.min === undefined || value >= o.min) &&
        (o.max === undefined || value <= o.max) &&
        (o.gt === undefined || value > o.gt) &&
        (o.lt === undefined || value < o.lt);
      return ok ? value : issue(issues, path, `must be ${expected}, got ${describeValue(value)}`);
    },
  };
}

/** The spec builders. */
export const v = {
  /** A finite number, optionally in a range. */
  num: (o: NumberOptions = {}): Spec<number> => number(false, o),
  /** A safe integer, optionally in a range. */
  int: (o: NumberOptions = {}): Spec<number> => number(true, o),
  /** A string; `pattern` and `expected` say what shape it must have. */
  str(o: { pattern?: RegExp; expected?: string; nonEmpty?: boolean } = {}): Spec<string> {
    const expected = o.expected ?? (o.nonEmpty ? 'a non-empty string' : 'a string');
    return {
      expected,
      check(value, path, issues) {
        const ok = typeof value === 'string' && (!o.nonEmpty || value.length > 0) && (!o.pattern || o.pattern.test(value));
        return ok ? value : issue(issues, path, `must be ${expected}, got ${describeValue(value)}`);
      },
    };
  },
  /** true or false. */
  bool(): Spec<boolean> {
    return {
      expected: 'true or false',
      check: (value, path, issues) => (typeof value === 'boolean' ? value : issue(issues, path, `must be true or false, got ${describeValue(value)}`)),
    };
  },
  /** One of a fixed set of strings. */
  enumOf<const T extends string>(values: readonly T[]): Spec<T> {
    const expected = `one of ${values.join(', ')}`;
    return {
      expected,
      check: (value, path, issues) => ((values as readonly unknown[]).includes(value) ? (value as T) : issue(issues, path, `must be ${expected}, got ${describeValue(value)}`)),
    };
  },
  /** Any value, unchecked (a section another reader checks). */
  any(): Spec<unknown> {
    return { expected: 'any value', check: (value) => value };
  },
  /** The spec, or null. */
  nullable<T>(spec: Spec<T>): Spec<T | null> {
    return { expected: `${spec.expected} or null`, check: (value, path, issues) => (value === null ? null : spec.check(value, path, issues)) };
  },
  /** A list of items, each checked at `path[i]`. */
  list<T>(item: Spec<T>, o: { min?: number; max?: number } = {}): Spec<T[]> {
    const expected = `a list${o.min ? ` of at least ${o.min}` : ''}${o.max !== undefined ? ` of at most ${o.max}` : ''} (each ${item.expected})`;
    return {
      expected,
      check(value, path, issues) {
        if (!Array.isArray(value) || (o.min !== undefined && value.length < o.min) || (o.max !== undefined && value.length > o.max)) {
          return issue(issues, path, `must be ${expected}, got ${Array.isArray(value) ? `${value.length} items` : describeValue(value)}`);
        }
        let bad = false;
        const out = value.map((x, i) => {
          const r = item.check(x, `${path}[${i}]`, issues);
          if (r === BAD) bad = true;
          return r as T;
        });
        return bad ? BAD : out;
      },
    };
  },
  /** A mapping from any key to values of one spec (e.g. `params:`). */
  record<T>(item: Spec<T>): Spec<Record<string, T>> {
    const expected = `a mapping of name: value (each ${item.expected})`;
    return {
      expected,
      check(value, path, issues) {
        if (!isMap(value)) return issue(issues, path, `must be ${expected}, got ${describeValue(value)}`);
        const out: Record<string, T> = Object.create(null);
        let bad = false;
        for (const [k, x] of Object.entries(value)) {
          const r = item.check(x, join(path, k), issues);
          if (r === BAD) bad = true;
          else out[k] = r;
        }
        return bad ? BAD : { ...out };
      },
    };
  },
  /** A key that must be given. */
  required<T>(spec: Spec<T>): Field<T> & { required: true } {
    return { spec, required: true };
  },
  /** A key that may be left out, then taking `dflt`. */
  field<T>(spec: Spec<T>, dflt: T): Field<T> & { default: T } {
    return { spec, required: false, default: dflt };
  },
  /**
   * A mapping with known keys. Unknown keys are issues naming the full path
   * and the allowed keys; keys left out take their default (or stay absent).
   */
  object<F extends Fields>(fields: F): Spec<ObjectOf<F>> {
    const names = Object.keys(fields);
    const expected = `a mapping with keys ${names.join(', ') || '(none)'}`;
    return {
      expected,
      check(value, path, issues) {
        if (!isMap(value)) return issue(issues, path, `must be ${expected}, got ${describeValue(value)}`);
        let bad = false;
        for (const k of Object.keys(value)) {
          if (!Object.hasOwn(fields, k)) {
            issues.push(`unknown key "${join(path, k)}" (allowed: ${names.join(', ') || 'no keys'})`);
            bad = true;
          }
        }
        const out: Record<string, unknown> = {};
        for (const k of names) {
          const f = fields[k];
          const field: Field<unknown> = 'check' in f ? { spec: f as Spec<unknown>, required: false } : (f as Field<unknown>);
          const x = Object.hasOwn(value, k) ? value[k] : undefined;
          if (x === undefined) {
            if (field.required) {
              issue(issues, join(path, k), `is required (${field.spec.expected})`);
              bad = true;
            } else if ('default' in field) out[k] = field.default;
            continue;
          }
          const r = field.spec.check(x, join(path, k), issues);
          if (r === BAD) bad = true;
          else out[k] = r;
        }
        return bad ? BAD : (out as ObjectOf<F>);
      },
    };
  },
  /** The first spec that accepts the value; otherwise one issue saying what was expected. */
  oneOf<T>(specs: Spec<T>[], expected = specs.map((s) => s.expected).join(', or ')): Spec<T> {
    return {
      expected,
      check(value, path, issues) {
        for (const s of specs) {
          const scratch: string[] = [];
          const r = s.check(value, path, scratch);
          if (r !== BAD) return r;
        }
        return issue(issues, path, `must be ${expected}, got ${describeValue(value)}`);
      },
    };
  },
  /**
   * A list item named by its kind: a bare name (`- log`) or a one-key mapping
   * (`- webhook: {url: …}`). The body is checked at `path.<name>`; a bare
   * name is checked as an empty mapping.
   */
  tagged<const M extends Record<string, Spec<unknown>>>(kinds: M, what: string): Spec<{ [K in keyof M]: { kind: K; value: Infer<M[K]> } }[keyof M]> {
    const names = Object.keys(kinds);
    const expected = `a ${what} name or a one-key mapping (${names.join(', ')})`;
    return {
      expected,
      check(value, path, issues) {
        let name: string;
        let body: unknown;
        if (typeof value === 'string') [name, body] = [value, {}];
        else if (isMap(value) && Object.keys(value).length === 1) [name, body] = [Object.keys(value)[0], Object.values(value)[0]];
        else return issue(issues, path, `must be ${expected}, got ${describeValue(value)}`);
        if (!Object.hasOwn(kinds, name)) return issue(issues, path, `unknown ${what} "${name}" (known: ${names.join(', ')})`);
        // `- prediction_drift:` with nothing after the colon is the same as the bare name.
        const r = kinds[name].check(body ?? {}, join(path, name), issues);
        return r === BAD ? BAD : ({ kind: name, value: r } as never);
      },
    };
  },
  /** The spec, then a check across its keys returning an issue (or null). */
  refine<T>(spec: Spec<T>, rule: (value: T) => string | null): Spec<T> {
    return {
      expected: spec.expected,
      check(value, path, issues) {
        const r = spec.check(value, path, issues);
        if (r === BAD) return BAD;
        const why = rule(r);
        return why === null ? r : issue(issues, path, why);
      },
    };
  },
};

/** Issues listed in one message; the rest are counted. */
const MAX_LISTED = 5;

/**
 * Checks a parsed value against a spec at `path`, and returns it typed.
 * Throws one BAD_INPUT naming `label` and every issue (up to five, joined by
 * `; `), e.g. `lathe.yaml: monitor.sinks[1].webhook.retries: must be an
 * integer from 0 to 10, got "many"`.
 */
export function checkConfig<T>(spec: Spec<T>, value: unknown, label: string, path = '', hint = 'fix the file; see the lathe.yaml reference in the README'): T {
  const issues: string[] = [];
  const r = spec.check(value, path, issues);
  if (r === BAD || issues.length > 0) {
    const more = issues.length > MAX_LISTED ? `; and ${issues.length - MAX_LISTED} more` : '';
    throw new LatheError('BAD_INPUT', `${label}: ${issues.slice(0, MAX_LISTED).join('; ')}${more}`, { hint });
  }
  return r;
}
