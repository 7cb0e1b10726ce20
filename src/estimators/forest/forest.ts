import type { Column, Frame } from '../../core/index.js';
import { LatheError } from '../../errors.js';
import type { Estimator, EstimatorJSON, FeatureImportance, FitOptions, Params, ParamValue, Task } from '../estimator.js';
import type { EstimatorFactory } from '../registry.js';
import { notFitted } from '../target.js';
import { type EnsembleArrays, ensembleImportance, predictEnsemble } from '../tree/ensemble.js';
import { encodeColumns, type FeatureSpec } from '../tree/feature-columns.js';
import { treeTarget } from '../tree/fit-input.js';
import { FOREST_PARAMS, featuresPerSplit, resolveForestParams } from './forest-params.js';
import { growForest } from './forest-trainer.js';

/** Version of the `state` layout in {@link EstimatorJSON}. */
const FORMAT = 1;

interface ForestState {
  trees: EnsembleArrays;
  specs: FeatureSpec[];
  classes: string[] | null;
  oobScore: number | null;
}

/**
 * Random forest (`forest`) for classification and regression on the
 * histogram tree learner: bootstrap rows, a random subset of features at
 * each split, native categorical splits and missing values, and an
 * out-of-bag score on request. Class probabilities average the trees'
 * leaf class distributions.
 *
 * @example
 * ```ts
 * const rf = createEstimator('forest', 'binary', { n_estimators: 200, oob_score: true, seed: 1 });
 * await rf.fit(features, target);
 * (rf as ForestEstimator).oobScore(); // out-of-bag accuracy
 * ```
 */
export class ForestEstimator implements Estimator {
  readonly kind = 'forest';
  readonly task: Task;
  readonly params: Params;
  /** Classifiers only: class probabilities, n × classes, row-major (absent for regression). */
  readonly predictProba?: (frame: Frame) => Float64Array;
  private state: ForestState | null = null;

  constructor(task: Task, params: Record<string, ParamValue | undefined>) {
    this.task = task;
    this.params = Object.freeze(resolveForestParams(params));
    if (task !== 'regression') this.predictProba = (frame) => this.proba(frame);
  }

  get fitted(): boolean {
    return this.state !== null;
  }

  async fit(frame: Frame, target: Column | null, opts: FitOptions = {}): Promise<void> {
    const t = treeTarget('forest', this.task, frame, target, opts.sampleWeight);
    const p = this.params;
    const m = await growForest(frame, t.y, t.w, this.task, t.classes?.length ?? 1, {
      nEstimators: p.n_estimators as number,
      maxDepth: p.max_depth === undefined ? Infinity : (p.max_depth as number),
      minDataInLeaf: p.min_data_in_leaf as number,
      perSplit: featuresPerSplit(p.max_features, this.task, frame.columns.length),
      bootstrap: p.bootstrap as boolean,
      maxBins: p.max_bins as number,
      seed: p.seed as number,
      oob: p.oob_score as boolean,
    }, opts);
    this.state = { trees: m.trees, specs: m.features, classes: t.classes, oobScore: m.oobScore };
  }

  /** The trees' average: values, P(class 1) for binary, or class distributions. */
  private average(frame: Frame): Float64Array {
    const s = this.state;
    if (!s) throw notFitted(this.kind);
    const cols = encodeColumns(this.kind, frame, s.specs);
    const w = s.trees.width;
    const out = new Float64Array(frame.rows * w);
    predictEnsemble(s.trees, cols, frame.rows, out, w, 1 / s.trees.treeRoot.length);
    return out;
  }

  predict(frame: Frame): Float64Array {
    if (this.task === 'regression') return this.average(frame);
    const p = this.proba(frame);
    const k = this.state!.classes!.length;
    const out = new Float64Array(frame.rows);
    for (let i = 0; i < frame.rows; i++) {
      let best = 0;
      for (let c = 1; c < k; c++) if (p[i * k + c] > p[i * k + best]) best = c;
      out[i] = best;
    }
    return out;
  }

  private proba(frame: Frame): Float64Array {
    const avg = this.average(frame);
    // Summing n leaf distributions scaled by 1/n can land an ulp past 1; probabilities must stay in [0, 1].
    for (let i = 0; i < avg.length; i++) avg[i] = Math.min(1, Math.max(0, avg[i]));
    if (this.task === 'multiclass') return avg;
    const p = new Float64Array(frame.rows * 2);
    for (let i = 0; i < frame.rows; i++) {
      p[2 * i] = 1 - avg[i];
      p[2 * i + 1] = avg[i];
    }
    return p;
  }

  classes(): string[] | null {
    return this.state ? this.state.classes : null;
  }

  /** Out-of-bag accuracy (classification) or R² (regression); null unless fitted with `oob_score`. */
  oobScore(): number | null {
    if (!this.state) throw notFitted(this.kind);
    return this.state.oobScore;
  }

  /** Total impurity decrease and split count of each feature over all trees. */
  featureImportance(): FeatureImportance[] {
    const s = this.state;
    if (!s) throw notFitted(this.kind);
    const imp = ensembleImportance(s.trees, s.specs.length);
    return s.specs.map((f, i) => ({ feature: f.name, gain: imp.gain[i], split: imp.split[i] }));
  }

  toJSON(): EstimatorJSON {
    const s = this.state;
    if (!s) throw notFitted(this.kind);
    return {
      kind: this.kind, format: FORMAT, task: this.task, params: { ...this.params },
      features: s.specs.map((f) => f.name), classes: s.classes,
      state: { trees: s.trees, specs: s.specs, oobScore: s.oobScore },
    };
  }

  /** Rebuilds a fitted forest from {@link toJSON}'s output. */
  static fromJSON(json: EstimatorJSON): ForestEstimator {
    if (json.kind !== 'forest' || json.format !== FORMAT) {
      throw new LatheError('BAD_INPUT', `not a forest model of format ${FORMAT} (${json.kind} format ${json.format})`, { hint: 'load it with the Lathe version that saved it' });
    }
    const est = new ForestEstimator(json.task, json.params);
    const st = json.state as unknown as Omit<ForestState, 'classes'>;
    est.state = { trees: st.trees, specs: st.specs, classes: json.classes, oobScore: st.oobScore };
    return est;
  }
}

/** The registry entry of `forest`. */
export const forestFactory: EstimatorFactory = {
  kind: 'forest',
  tasks: ['regression', 'binary', 'multiclass'],
  params: FOREST_PARAMS,
  nativeCategorical: true,
  create: (task, params) => new ForestEstimator(task, params),
  fromJSON: (json) => ForestEstimator.fromJSON(json),
};
