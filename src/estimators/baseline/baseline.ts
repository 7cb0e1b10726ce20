import type { Column, Frame } from '../../core/index.js';
import { LatheError } from '../../errors.js';
import type { Estimator, EstimatorJSON, FitOptions, Params, ParamValue, Task } from '../estimator.js';
import { type ParamSpec, resolveParams, SEED_PARAM } from '../params.js';
import type { EstimatorFactory } from '../registry.js';
import { checkFeatureFrame, checkPredictFrame, notFitted, toClassTarget, toRegressionTarget } from '../target.js';
import { sampleWeights } from '../kmeans/index.js';

const KIND = 'baseline';
const FORMAT = 1;

/** The baseline's only parameter is the shared `seed` (it draws nothing, but every estimator takes one). */
export const BASELINE_PARAMS: readonly ParamSpec[] = [SEED_PARAM];

/**
 * The model to beat for regression, for gating: it predicts the training
 * target's (weighted) mean, as scikit-learn's `DummyRegressor(strategy="mean")`.
 * Features are ignored but must be present, so it scores any frame the
 * real model scores.
 *
 * @example
 * ```ts
 * const base = new BaselineRegressor();
 * await base.fit(features, target);
 * base.predict(test); // every row: the training mean
 * ```
 */
export class BaselineRegressor implements Estimator {
  readonly kind = KIND;
  readonly task: Task = 'regression';
  readonly params: Params;
  private mean: number | null = null;
  private features: string[] = [];

  /** Throws BAD_PARAM on an unknown parameter. */
  constructor(params: Record<string, ParamValue | undefined> = {}) {
    this.params = Object.freeze(resolveParams(KIND, BASELINE_PARAMS, params));
  }

  get fitted(): boolean {
    return this.mean !== null;
  }

  async fit(frame: Frame, target: Column | null, opts: FitOptions = {}): Promise<void> {
    checkFeatureFrame(KIND, frame);
    const y = toRegressionTarget(needTarget(this.task, target));
    const w = sampleWeights(KIND, frame.rows, opts.sampleWeight);
    let sy = 0;
    let sw = 0;
    for (let i = 0; i < y.length; i++) {
      sy += w[i] * y[i];
      sw += w[i];
    }
    this.mean = sy / sw;
    this.features = frame.names;
  }

  /** The training mean, on every row. */
  predict(frame: Frame): Float64Array {
    if (this.mean === null) throw notFitted(KIND);
    checkPredictFrame(KIND, frame, this.features);
    return new Float64Array(frame.rows).fill(this.mean);
  }

  classes(): null {
    return null;
  }

  toJSON(): EstimatorJSON {
    if (this.mean === null) throw notFitted(KIND);
    return { kind: KIND, format: FORMAT, task: this.task, params: { ...this.params }, features: [...this.features], classes: null, state: { mean: this.mean } };
  }

  /** Rebuilds a fitted regressor. */
  static fromJSON(json: EstimatorJSON): BaselineRegressor {
    checkHeader(json);
    const est = new BaselineRegressor(json.params);
    const mean = json.state.mean;
    if (typeof mean !== 'number') throw malformed(json.task);
    est.mean = mean;
    est.features = [...json.features];
    return est;
  }
}

/**
 * The model to beat for classification, for gating: its probabilities are
 * the training class frequencies (weighted) and it predicts the most
 * frequent class (the first, on ties), as scikit-learn's
 * `DummyClassifier(strategy="prior")`. Features are ignored but must be present.
 *
 * @example
 * ```ts
 * const base = new BaselineClassifier('binary');
 * await base.fit(features, target);
 * base.predictProba(test); // every row: the class frequencies
 * ```
 */
export class BaselineClassifier implements Estimator {
  readonly kind = KIND;
  readonly params: Params;
  private prior: Float64Array | null = null;
  private labels: string[] = [];
  private features: string[] = [];

  /** Throws BAD_PARAM on an unknown parameter. */
  constructor(readonly task: 'binary' | 'multiclass', params: Record<string, ParamValue | undefined> = {}) {
    this.params = Object.freeze(resolveParams(KIND, BASELINE_PARAMS, params));
  }

  get fitted(): boolean {
    return this.prior !== null;
  }

  async fit(frame: Frame, target: Column | null, opts: FitOptions = {}): Promise<void> {
    checkFeatureFrame(KIND, frame);
    const col = needTarget(this.task, target);
    const { y, classes } = toClassTarget(col);
    if (this.task === 'binary' && classes.length !== 2) {
      throw new LatheError('BAD_INPUT', `target "${col.name}" has ${classes.length} classes, not 2`, { hint: 'use the multiclass task' });
    }
    const w = sampleWeights(KIND, frame.rows, opts.sampleWeight);
    const prior = new Float64Array(classes.length);
    let sw = 0;
    for (let i = 0; i < y.length; i++) {
      prior[y[i]] += w[i];
      sw += w[i];
    }
    for (let c = 0; c < prior.length; c++) prior[c] /= sw;
    this.prior = prior;
    this.labels = classes;
    this.features = frame.names;
  }

  /** The index of the most frequent class, on every row. */
  predict(frame: Frame): Float64Array {
    const prior = this.need(frame);
    let best = 0;
    for (let c = 1; c < prior.length; c++) if (prior[c] > prior[best]) best = c;
    return new Float64Array(frame.rows).fill(best);
  }

  /** The class frequencies on every row, n × classes, row-major. */
  predictProba(frame: Frame): Float64Array {
    const prior = this.need(frame);
    const k = prior.length;
    const out = new Float64Array(frame.rows * k);
    for (let i = 0; i < frame.rows; i++) out.set(prior, i * k);
    return out;
  }

  classes(): string[] | null {
    return this.prior === null ? null : [...this.labels];
  }

  toJSON(): EstimatorJSON {
    if (this.prior === null) throw notFitted(KIND);
    return { kind: KIND, format: FORMAT, task: this.task, params: { ...this.params }, features: [...this.features], classes: [...this.labels], state: { prior: this.prior } };
  }

  /** Rebuilds a fitted classifier, checking one frequency per class. */
  static fromJSON(json: EstimatorJSON): BaselineClassifier {
    checkHeader(json);
    if (json.task !== 'binary' && json.task !== 'multiclass') throw malformed(json.task);
    const est = new BaselineClassifier(json.task, json.params);
    const prior = json.state.prior;
    if (!(prior instanceof Float64Array) || json.classes === null || prior.length !== json.classes.length) throw malformed(json.task);
    est.prior = prior;
    est.labels = [...json.classes];
    est.features = [...json.features];
    return est;
  }

  private need(frame: Frame): Float64Array {
    if (this.prior === null) throw notFitted(KIND);
    checkPredictFrame(KIND, frame, this.features);
    return this.prior;
  }
}

function needTarget(task: Task, target: Column | null): Column {
  if (target === null) throw new LatheError('BAD_INPUT', `${KIND} ${task} needs a target column`, { hint: 'pass --target <column>' });
  return target;
}

function checkHeader(json: EstimatorJSON): void {
  if (json.kind !== KIND) throw new LatheError('BAD_INPUT', `expected a ${KIND} model, got "${json.kind}"`);
  if (json.format > FORMAT) {
    throw new LatheError('SCHEMA_TOO_NEW', `${KIND} state format ${json.format} is newer than this Lathe reads (${FORMAT})`, { hint: 'upgrade Lathe' });
  }
}

function malformed(task: Task): LatheError {
  return new LatheError('INTEGRITY', `${KIND} state does not fit task ${task}`, { hint: 'retrain the model' });
}

/** The registry entry of the baselines ({@link BaselineRegressor}, {@link BaselineClassifier}): regression, binary, multiclass. */
export const baselineFactory: EstimatorFactory = {
  kind: KIND,
  tasks: ['regression', 'binary', 'multiclass'],
  params: BASELINE_PARAMS,
  nativeCategorical: true,
  create(task: Task, params: Record<string, ParamValue | undefined>): Estimator {
    if (task === 'regression') return new BaselineRegressor(params);
    if (task === 'binary' || task === 'multiclass') return new BaselineClassifier(task, params);
    throw new LatheError('BAD_PARAM', `${KIND} does not do ${task}`, { hint: `${KIND} does: regression, binary, multiclass` });
  },
  fromJSON: (json) => (json.task === 'regression' ? BaselineRegressor.fromJSON(json) : BaselineClassifier.fromJSON(json)),
};
