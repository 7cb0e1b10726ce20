/**
 * Search spaces: the hyper-parameter ranges a search draws from, declared
 * per algorithm, checked against what each estimator declares, and sampled
 * with a seeded {@link Rng}.
 */
import type { Rng } from '../../core/index.js';
import { type ParamSpec, type ParamValue, estimatorFactory, estimatorKinds } from '../../estimators/index.js';

/** One searched hyper-parameter: a numeric range with a scale, or a list of choices. */
export type Dimension =
  | { readonly type: 'float' | 'int'; readonly low: number; readonly high: number; readonly scale: 'log' | 'linear' }
  | { readonly type: 'choice'; readonly values: readonly ParamValue[] };

/** The searched hyper-parameters of one algorithm, by parameter name. */
export type SearchSpace = Readonly<Record<string, Dimension>>;

const logF = (low: number, high: number): Dimension => ({ type: 'float', low, high, scale: 'log' });
const linF = (low: number, high: number): Dimension => ({ type: 'float', low, high, scale: 'linear' });
const logI = (low: number, high: number): Dimension => ({ type: 'int', low, high, scale: 'log' });
const linI = (low: number, high: number): Dimension => ({ type: 'int', low, high, scale: 'linear' });
const choice = (...values: ParamValue[]): Dimension => ({ type: 'choice', values });

/**
 * The built-in spaces. They follow the usual ranges of LightGBM tuning
 * guides and scikit-learn's examples; entries an estimator does not declare
 * are dropped by {@link spaceFor}, so these stay valid as estimators evolve.
 * `forest.max_features` lists both enum names and fractions because only the
 * kind the estimator declares survives the filter.
 */
export const DEFAULT_SPACES: Readonly<Record<string, SearchSpace>> = Object.freeze({
  gbdt: {
    learning_rate: logF(0.01, 0.3),
    num_leaves: logI(8, 128),
    min_data_in_leaf: linI(5, 100),
    lambda_l2: logF(1e-3, 10),
    colsample: linF(0.5, 1),
    subsample: linF(0.5, 1),
    iterations: linI(50, 500),
  },
  forest: {
    n_estimators: linI(50, 500),
    max_depth: linI(4, 32),
    max_features: choice('sqrt', 'log2', 'all', 0.3, 0.5, 1),
    min_data_in_leaf: logI(1, 50),
  },
  linear: { alpha: logF(1e-4, 10), l1_ratio: linF(0, 1) },
  logistic: { C: logF(1e-3, 100), penalty: choice('l2', 'l1') },
  kmeans: { k: linI(2, 12) },
});

/**
 * The space of `algo` made valid for its estimator: `override` (or the
 * built-in space) without the parameters in `fixed`, without entries the
 * estimator does not declare, with ranges clipped to the declared range and
 * choices kept only when the estimator accepts them. Returns null for an
 * algorithm that is not registered.
 *
 * @example
 * ```ts
 * spaceFor('linear'); // { alpha: {type:'float', low:1e-4, high:10, scale:'log'}, l1_ratio: {…} }
 * ```
 */
export function spaceFor(algo: string, override?: SearchSpace, fixed: Readonly<Record<string, unknown>> = {}): SearchSpace | null {
  if (!estimatorKinds().includes(algo)) return null;
  const specs = new Map(estimatorFactory(algo).params.map((s) => [s.name, s]));
  const out: Record<string, Dimension> = {};
  for (const [name, dim] of Object.entries(override ?? DEFAULT_SPACES[algo] ?? {})) {
    const spec = specs.get(name);
    if (!spec || name in fixed || name === 'seed') continue;
    const fitted = fitToSpec(dim, spec);
    if (fitted) out[name] = fitted;
  }
  return out;
}

/** The dimension restricted to what the spec accepts, or null when nothing is left. */
function fitToSpec(dim: Dimension, spec: ParamSpec): Dimension | null {
  if (dim.type === 'choice') {
    const values = dim.values.filter((v) => accepts(spec, v));
    return values.length > 0 ? { type: 'choice', values } : null;
  }
  if (spec.type !== 'int' && spec.type !== 'float') return null;
  // An int parameter searched as a float range is searched as ints instead.
  const type = spec.type === 'int' ? 'int' : dim.type;
  let low = Math.max(dim.low, spec.min ?? -Infinity);
  let high = Math.min(dim.high, spec.max ?? Infinity);
  if (type === 'int') {
    low = Math.ceil(low);
    high = Math.floor(high);
  }
  if (!(low <= high) || (dim.scale === 'log' && !(low > 0))) return null;
  return { type, low, high, scale: dim.scale };
}

function accepts(spec: ParamSpec, v: ParamValue): boolean {
  if (spec.type === 'enum') return typeof v === 'string' && spec.values.includes(v);
  if (spec.type === 'bool') return typeof v === 'boolean';
  if (typeof v !== 'number' || (spec.type === 'int' && !Number.isInteger(v))) return false;
  if (spec.min !== undefined && (spec.minExclusive ? v <= spec.min : v < spec.min)) return false;
  return spec.max === undefined || (spec.maxExclusive ? v < spec.max : v <= spec.max);
}

/**
 * Draws one value of every dimension, in the space's key order, so the same
 * seed gives the same draws. Floats keep 4 significant digits: finer values
 * cannot be told apart by a search and make run listings unreadable.
 */
export function sampleSpace(space: SearchSpace, rng: Rng): Record<string, ParamValue> {
  const out: Record<string, ParamValue> = {};
  for (const [name, dim] of Object.entries(space)) out[name] = sampleDimension(dim, rng);
  return out;
}

/** One draw of a dimension. */
export function sampleDimension(dim: Dimension, rng: Rng): ParamValue {
  if (dim.type === 'choice') return dim.values[rng.int(dim.values.length)];
  const u = rng.next();
  // Ints draw from [low, high + 1) and floor, so `high` is as likely as any other value.
  const top = dim.type === 'int' ? dim.high + 1 : dim.high;
  const raw = dim.scale === 'log' ? Math.exp(Math.log(dim.low) + u * (Math.log(top) - Math.log(dim.low))) : dim.low + u * (top - dim.low);
  const v = dim.type === 'int' ? Math.floor(raw) : Number(raw.toPrecision(4));
  return Math.min(dim.high, Math.max(dim.low, v));
}
