import type { Column, Frame } from '../../core/index.js';
import { LatheError } from '../../errors.js';
import type { Estimator, EstimatorJSON, FeatureImportance, FitOptions, ParamValue, Params, Task } from '../estimator.js';
import { type ParamSpec, SEED_PARAM, resolveParams } from '../params.js';
import type { EstimatorFactory } from '../registry.js';
import { checkFeatureFrame, checkPredictFrame, notFitted, toRegressionTarget } from '../target.js';
import { elasticNetCD } from './coordinate-descent.js';
import { checkSampleWeight, linearPredictor, numericFeatures } from './design.js';
import { interceptOf, prepareData, solveNormalEquations } from './least-squares.js';

const KIND = 'linear';
const FORMAT = 1;

/**
 * Parameters of `linear`. `alpha` = 0 is ordinary least squares; alpha > 0
 * with `l1_ratio` = 0 is ridge; `l1_ratio` > 0 is elastic net (1 = lasso).
 */
export const LINEAR_PARAMS: readonly ParamSpec[] = [
  { name: 'alpha', type: 'float', default: 0, min: 0, help: 'regularisation strength; 0 is ordinary least squares' },
  { name: 'l1_ratio', type: 'float', default: 0, min: 0, max: 1, help: 'share of L1 in the penalty: 0 ridge, 1 lasso' },
  { name: 'fit_intercept', type: 'bool', default: true, help: 'fit an unpenalised intercept' },
  { name: 'max_iter', type: 'int', default: 1000, min: 1, help: 'coordinate-descent passes (elastic net only)' },
  { name: 'tol', type: 'float', default: 1e-4, min: 0, minExclusive: true, help: 'coordinate-descent tolerance (elastic net only)' },
  SEED_PARAM,
];

/** Which problem a fit solved. */
export type LinearSolver = 'lstsq' | 'cholesky' | 'cd';

interface LinearState {
  features: string[];
  coef: Float64Array;
  intercept: number;
  solver: LinearSolver;
  iterations: number;
}

/**
 * Linear regression with scikit-learn's semantics: `LinearRegression`
 * (alpha = 0), `Ridge` (minimises ‖y − Xw‖² + alpha‖w‖²) and
 * `ElasticNet`/`Lasso` (1/(2n)‖y − Xw‖² + alpha·l1_ratio‖w‖₁ +
 * ½·alpha·(1 − l1_ratio)‖w‖², by coordinate descent). The intercept is never
 * penalised; sample weights act as row repetition. Features must be numeric
 * without missing values.
 *
 * @example
 * ```ts
 * const est = new LinearRegression({ alpha: 0.1, l1_ratio: 1 }); // lasso
 * await est.fit(frame, frame.column('y'));
 * est.toJSON().state.coef; // Float64Array
 * ```
 */
export class LinearRegression implements Estimator {
  readonly kind = KIND;
  readonly task: Task = 'regression';
  readonly params: Params;
  private state: LinearState | null = null;

  constructor(params: Record<string, ParamValue | undefined> = {}) {
    this.params = Object.freeze(resolveParams(KIND, LINEAR_PARAMS, params));
  }

  get fitted(): boolean {
    return this.state !== null;
  }

  async fit(frame: Frame, target: Column | null, opts: FitOptions = {}): Promise<void> {
    checkFeatureFrame(KIND, frame);
    if (target === null) throw new LatheError('BAD_INPUT', `${KIND}: regression needs a target column`, { hint: 'pass the target column to fit' });
    const y = toRegressionTarget(target);
    const cols = numericFeatures(KIND, frame);
    const sw = checkSampleWeight(KIND, frame.rows, opts.sampleWeight);
    this.state = { features: frame.names, ...this.solve(cols, y, sw, opts) };
  }

  private solve(cols: Float64Array[], y: Float64Array, sw: Float64Array | null, opts: FitOptions): Omit<LinearState, 'features'> {
    const alpha = this.params.alpha as number;
    const l1Ratio = this.params.l1_ratio as number;
    if (alpha === 0 || l1Ratio === 0) {
      const d = prepareData(cols, y, sw, this.params.fit_intercept as boolean);
      const coef = solveNormalEquations(d.X, d.y, alpha);
      opts.onIteration?.({ iteration: 1, total: 1 });
      return { coef, intercept: interceptOf(d, coef), solver: alpha === 0 ? 'lstsq' : 'cholesky', iterations: 1 };
    }
    // sklearn rescales weights to sum to n so alpha means the same with and without them.
    const scaled = sw ? scaleToCount(sw) : null;
    const d = prepareData(cols, y, scaled, this.params.fit_intercept as boolean);
    const total = this.params.max_iter as number;
    const r = elasticNetCD(d.X, d.y, {
      alpha,
      l1Ratio,
      maxIter: total,
      tol: this.params.tol as number,
      signal: opts.signal,
      onIteration: opts.onIteration ? (iteration) => opts.onIteration!({ iteration, total }) : undefined,
    });
    return { coef: r.coef, intercept: interceptOf(d, r.coef), solver: 'cd', iterations: r.iterations };
  }

  predict(frame: Frame): Float64Array {
    const s = this.state;
    if (!s) throw notFitted(KIND);
    checkPredictFrame(KIND, frame, s.features);
    return linearPredictor(numericFeatures(KIND, frame, s.features), s.coef, 0, s.intercept, new Float64Array(frame.rows));
  }

  classes(): string[] | null {
    return null;
  }

  /** |coefficient| as `gain` (comparable across features only when they share a scale); `split` is 0. */
  featureImportance(): FeatureImportance[] {
    const s = this.state;
    if (!s) throw notFitted(KIND);
    return s.features.map((feature, j) => ({ feature, gain: Math.abs(s.coef[j]), split: 0 }));
  }

  /** The coefficients (feature order) and the intercept. */
  coefficients(): { coef: Float64Array; intercept: number } {
    if (!this.state) throw notFitted(KIND);
    return { coef: this.state.coef, intercept: this.state.intercept };
  }

  toJSON(): EstimatorJSON {
    const s = this.state;
    if (!s) throw notFitted(KIND);
    return {
      kind: KIND,
      format: FORMAT,
      task: this.task,
      params: { ...this.params },
      features: [...s.features],
      classes: null,
      state: { coef: s.coef, intercept: s.intercept, solver: s.solver, iterations: s.iterations },
    };
  }

  /** Rebuilds a fitted model, checking the state's shape since it comes from a file. */
  static fromJSON(json: EstimatorJSON): LinearRegression {
    if (json.kind !== KIND || json.format !== FORMAT) {
      throw new LatheError('BAD_INPUT', `not a ${KIND} model of format ${FORMAT} (got ${json.kind} format ${json.format})`, { hint: 'load it with the estimator that saved it' });
    }
    const { coef, intercept, solver, iterations } = json.state as Record<string, unknown>;
    if (!(coef instanceof Float64Array) || coef.length !== json.features.length || typeof intercept !== 'number') {
      throw new LatheError('BAD_INPUT', `${KIND}: the saved state is malformed`, { hint: 'the model file is damaged; retrain or restore it' });
    }
    const est = new LinearRegression(json.params);
    est.state = { features: [...json.features], coef, intercept, solver: solver as LinearSolver, iterations: Number(iterations) };
    return est;
  }
}

function scaleToCount(sw: Float64Array): Float64Array {
  let sum = 0;
  for (let i = 0; i < sw.length; i++) sum += sw[i];
  return sw.map((w) => (w * sw.length) / sum);
}

/** The registry entry for `linear` (regression only; needs numeric features). */
export const linearFactory: EstimatorFactory = {
  kind: KIND,
  tasks: ['regression'],
  params: LINEAR_PARAMS,
  nativeCategorical: false,
  create: (task, params) => {
    if (task !== 'regression') throw new LatheError('BAD_PARAM', `${KIND} does not do ${task}`, { hint: `${KIND} does: regression` });
    return new LinearRegression(params);
  },
  fromJSON: (json) => LinearRegression.fromJSON(json),
};
