import type { Column, Frame } from '../../core/index.js';
import { LatheError } from '../../errors.js';
import type { Estimator, EstimatorJSON, FeatureImportance, FitOptions, ParamValue, Params, Task } from '../estimator.js';
import { type ParamSpec, SEED_PARAM, resolveParams } from '../params.js';
import type { EstimatorFactory } from '../registry.js';
import { checkFeatureFrame, checkPredictFrame, notFitted, toClassTarget } from '../target.js';
import { checkSampleWeight, linearPredictor, numericFeatures } from '../linear/index.js';
import { lbfgs } from './lbfgs.js';
import { LogisticLoss, softmaxInPlace } from './logistic-loss.js';
import { newton } from './newton.js';

const KIND = 'logistic';
const FORMAT = 1;

/** Parameters of `logistic`, named and defaulted as scikit-learn's LogisticRegression. */
export const LOGISTIC_PARAMS: readonly ParamSpec[] = [
  { name: 'C', type: 'float', default: 1, min: 0, minExclusive: true, help: 'inverse regularisation strength' },
  { name: 'penalty', type: 'enum', default: 'l2', values: ['l2', 'l1', 'none'], help: 'penalty on the coefficients (never the intercept)' },
  { name: 'max_iter', type: 'int', default: 100, min: 1, help: 'solver iterations' },
  { name: 'tol', type: 'float', default: 1e-4, min: 0, minExclusive: true, help: 'gradient tolerance' },
  { name: 'fit_intercept', type: 'bool', default: true, help: 'fit unpenalised intercepts' },
  { name: 'solver', type: 'enum', default: 'lbfgs', values: ['lbfgs', 'newton'], help: 'lbfgs (OWL-QN for l1) or newton (l2 / none)' },
  SEED_PARAM,
];

interface LogisticState {
  features: string[];
  classes: string[];
  /** rows × p, row-major; one row when binary (the second class), else one per class. */
  coef: Float64Array;
  intercept: Float64Array;
  iterations: number;
  converged: boolean;
}

/**
 * Logistic regression with scikit-learn's LogisticRegression objective:
 * C·Σ swᵢ·log-lossᵢ + ½‖W‖² (penalty l2), + ‖W‖₁ (l1) or no penalty,
 * the intercept unpenalised. Two classes give one coefficient row for the
 * second class; more give a multinomial (softmax) model. Solvers: L-BFGS
 * for l2/none, OWL-QN (L-BFGS with an orthant projection) for l1, or
 * Newton with ml-matrix's Cholesky/SVD for l2/none.
 *
 * @example
 * ```ts
 * const est = new LogisticRegression('binary', { C: 0.5 });
 * await est.fit(frame, frame.column('delayed'));
 * est.predictProba(test); // n × 2, row-major
 * ```
 */
export class LogisticRegression implements Estimator {
  readonly kind = KIND;
  readonly params: Params;
  private state: LogisticState | null = null;

  constructor(
    readonly task: Task,
    params: Record<string, ParamValue | undefined> = {},
  ) {
    if (task !== 'binary' && task !== 'multiclass') throw new LatheError('BAD_PARAM', `${KIND} does not do ${task}`, { hint: `${KIND} does: binary, multiclass` });
    this.params = Object.freeze(resolveParams(KIND, LOGISTIC_PARAMS, params));
    if (this.params.penalty === 'l1' && this.params.solver === 'newton') {
      throw new LatheError('BAD_PARAM', `${KIND} solver=newton does not support penalty=l1`, { hint: 'solver must be lbfgs (OWL-QN) when penalty is l1' });
    }
  }

  get fitted(): boolean {
    return this.state !== null;
  }

  async fit(frame: Frame, target: Column | null, opts: FitOptions = {}): Promise<void> {
    checkFeatureFrame(KIND, frame);
    if (target === null) throw new LatheError('BAD_INPUT', `${KIND}: classification needs a target column`, { hint: 'pass the target column to fit' });
    const { y, classes } = toClassTarget(target);
    if (this.task === 'binary' && classes.length > 2) {
      throw new LatheError('BAD_INPUT', `${KIND}: target "${target.name}" has ${classes.length} classes for a binary task`, { hint: 'use the multiclass task' });
    }
    const cols = numericFeatures(KIND, frame);
    const sw = checkSampleWeight(KIND, frame.rows, opts.sampleWeight);
    const C = this.params.C as number;
    const penalty = this.params.penalty as string;
    const loss = new LogisticLoss(cols, y, classes.length, sw, this.params.fit_intercept as boolean, penalty === 'l2' ? 1 / C : 0);
    const r = this.solve(loss, penalty === 'l1' ? 1 / C : 0, opts);
    this.state = { features: frame.names, classes, ...unpack(loss, r.x, penalty === 'none'), iterations: r.iterations, converged: r.converged };
  }

  private solve(loss: LogisticLoss, l1: number, opts: FitOptions): { x: Float64Array; iterations: number; converged: boolean } {
    const total = this.params.max_iter as number;
    const common = {
      maxIter: total,
      signal: opts.signal,
      onIteration: opts.onIteration ? (iteration: number, f: number) => opts.onIteration!({ iteration, total, trainLoss: f / loss.swSum }) : undefined,
    };
    const x0 = new Float64Array(loss.size);
    if (this.params.solver === 'newton') return newton(loss, x0, { ...common, tol: this.params.tol as number });
    return lbfgs((x, g) => loss.lossGrad(x, g), x0, { ...common, gtol: this.params.tol as number, l1, l1Mask: loss.penalised });
  }

  predict(frame: Frame): Float64Array {
    const proba = this.predictProba(frame);
    const k = this.state!.classes.length;
    const out = new Float64Array(frame.rows);
    for (let i = 0; i < frame.rows; i++) {
      let best = 0;
      // Strictly greater, so a tie goes to the first class as sklearn's argmax does.
      for (let c = 1; c < k; c++) if (proba[i * k + c] > proba[i * k + best]) best = c;
      out[i] = best;
    }
    return out;
  }

  predictProba(frame: Frame): Float64Array {
    const s = this.state;
    if (!s) throw notFitted(KIND);
    checkPredictFrame(KIND, frame, s.features);
    const cols = numericFeatures(KIND, frame, s.features);
    const rows = s.intercept.length;
    const z = Array.from({ length: rows }, (_, r) => linearPredictor(cols, s.coef, r * cols.length, s.intercept[r], new Float64Array(frame.rows)));
    const k = s.classes.length;
    const out = new Float64Array(frame.rows * k);
    if (rows === 1) {
      for (let i = 0; i < frame.rows; i++) {
        const p = 1 / (1 + Math.exp(-z[0][i]));
        out[2 * i] = 1 - p;
        out[2 * i + 1] = p;
      }
      return out;
    }
    softmaxInPlace(z);
    for (let i = 0; i < frame.rows; i++) for (let c = 0; c < k; c++) out[i * k + c] = z[c][i];
    return out;
  }

  classes(): string[] | null {
    return this.state ? [...this.state.classes] : null;
  }

  /** Σ over coefficient rows of |coefficient| as `gain`; `split` is 0. */
  featureImportance(): FeatureImportance[] {
    const s = this.state;
    if (!s) throw notFitted(KIND);
    const p = s.features.length;
    return s.features.map((feature, j) => {
      let gain = 0;
      for (let r = 0; r < s.intercept.length; r++) gain += Math.abs(s.coef[r * p + j]);
      return { feature, gain, split: 0 };
    });
  }

  /** Coefficients (rows × features, row-major), intercepts, and whether the solver converged. */
  coefficients(): { coef: Float64Array; intercept: Float64Array; iterations: number; converged: boolean } {
    const s = this.state;
    if (!s) throw notFitted(KIND);
    return { coef: s.coef, intercept: s.intercept, iterations: s.iterations, converged: s.converged };
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
      classes: [...s.classes],
      state: { coef: s.coef, intercept: s.intercept, iterations: s.iterations, converged: s.converged },
    };
  }

  /** Rebuilds a fitted model, checking the state's shape since it comes from a file. */
  static fromJSON(json: EstimatorJSON): LogisticRegression {
    const { coef, intercept, iterations, converged } = json.state as Record<string, unknown>;
    const k = json.classes?.length ?? 0;
    const rows = k === 2 ? 1 : k;
    const ok =
      json.kind === KIND && json.format === FORMAT && k >= 2 && intercept instanceof Float64Array && intercept.length === rows && coef instanceof Float64Array && coef.length === rows * json.features.length;
    if (!ok) throw new LatheError('BAD_INPUT', `${KIND}: the saved state is malformed or of another format`, { hint: 'the model file is damaged or not a logistic model; retrain or restore it' });
    const est = new LogisticRegression(json.task, json.params);
    est.state = { features: [...json.features], classes: [...json.classes!], coef: coef as Float64Array, intercept: intercept as Float64Array, iterations: Number(iterations), converged: converged === true };
    return est;
  }
}

/**
 * Splits the solver's θ into coefficient rows and intercepts. A multinomial
 * model is unchanged by adding one constant to every class's intercept (or,
 * without a penalty, to every class's coefficient of a feature), so those
 * are centred to sum to zero: the canonical form scikit-learn reports.
 */
function unpack(loss: LogisticLoss, theta: Float64Array, centreCoef: boolean): { coef: Float64Array; intercept: Float64Array } {
  const p = loss.p;
  const R = loss.rows;
  const coef = new Float64Array(R * p);
  const intercept = new Float64Array(R);
  for (let r = 0; r < R; r++) {
    coef.set(theta.subarray(r * loss.stride, r * loss.stride + p), r * p);
    if (loss.fitIntercept) intercept[r] = theta[r * loss.stride + p];
  }
  if (R > 1) {
    const centre = (get: (r: number) => number, set: (r: number, v: number) => void) => {
      let mean = 0;
      for (let r = 0; r < R; r++) mean += get(r) / R;
      for (let r = 0; r < R; r++) set(r, get(r) - mean);
    };
    centre((r) => intercept[r], (r, v) => (intercept[r] = v));
    if (centreCoef) for (let j = 0; j < p; j++) centre((r) => coef[r * p + j], (r, v) => (coef[r * p + j] = v));
  }
  return { coef, intercept };
}

/** The registry entry for `logistic` (binary and multiclass; needs numeric features). */
export const logisticFactory: EstimatorFactory = {
  kind: KIND,
  tasks: ['binary', 'multiclass'],
  params: LOGISTIC_PARAMS,
  nativeCategorical: false,
  create: (task, params) => new LogisticRegression(task, params),
  fromJSON: (json) => LogisticRegression.fromJSON(json),
};
