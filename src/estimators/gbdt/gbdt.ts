import type { Column, Frame } from '../../core/index.js';
import { LatheError } from '../../errors.js';
import type { Estimator, EstimatorJSON, FeatureImportance, FitOptions, Params, ParamValue, Task } from '../estimator.js';
import type { EstimatorFactory } from '../registry.js';
import { notFitted } from '../target.js';
import { type EnsembleArrays, ensembleImportance, predictEnsemble } from '../tree/ensemble.js';
import { encodeColumns, type FeatureSpec } from '../tree/feature-columns.js';
import { treeTarget, validationTarget } from '../tree/fit-input.js';
import { holdOut, takeRows, takeValues } from '../tree/frame-rows.js';
import { type BoostValidation, boost } from './boosting.js';
import { GBDT_PARAMS, boostConfig, resolveGbdtParams } from './gbdt-params.js';
import { type ObjectiveName, makeObjective, softmaxRows } from './objectives.js';

/** Version of the `state` layout in {@link EstimatorJSON}. */
const FORMAT = 1;

/** What a fitted gbdt holds. */
interface GbdtState {
  init: Float64Array;
  trees: EnsembleArrays;
  specs: FeatureSpec[];
  classes: string[] | null;
  rounds: number;
}

/**
 * Histogram gradient-boosted trees (LightGBM-style): binned features with a
 * missing bin, native categorical splits, leaf-wise growth, regression
 * (`l2`, `l1`, `huber`), binary and multiclass log loss, row and column
 * subsampling, early stopping, and worker threads on large data.
 *
 * @example
 * ```ts
 * const est = createEstimator('gbdt', 'binary', { iterations: 200, num_leaves: 31, seed: 1 });
 * await est.fit(features, target, { validation: { frame: vf, target: vt } });
 * const p = est.predictProba!(test); // n × 2, row-major
 * ```
 */
export class GbdtEstimator implements Estimator {
  readonly kind = 'gbdt';
  readonly task: Task;
  readonly params: Params;
  private state: GbdtState | null = null;
  /** Classifiers only: class probabilities, n × classes, row-major (absent for regression). */
  readonly predictProba?: (frame: Frame) => Float64Array;

  constructor(task: Task, params: Record<string, ParamValue | undefined>) {
    this.task = task;
    this.params = Object.freeze(resolveGbdtParams(task, params));
    if (task !== 'regression') this.predictProba = (frame) => this.proba(frame);
  }

  get fitted(): boolean {
    return this.state !== null;
  }

  async fit(frame: Frame, target: Column | null, opts: FitOptions = {}): Promise<void> {
    const t = treeTarget('gbdt', this.task, frame, target, opts.sampleWeight);
    const cfg = boostConfig(this.params);
    let train = frame;
    let { y, w } = t;
    let valid: BoostValidation | null = null;
    if (cfg.nIterNoChange > 0 && opts.validation) {
      const v = opts.validation;
      valid = { frame: v.frame, y: validationTarget('gbdt', this.task, v.target, t.classes), w: v.sampleWeight ?? null };
    } else if (cfg.nIterNoChange > 0) {
      const split = holdOut(frame.rows, this.params.validation_fraction as number, cfg.seed);
      valid = { frame: takeRows(frame, split.valid), y: takeValues(y, split.valid), w: w ? takeValues(w, split.valid) : null };
      train = takeRows(frame, split.train);
      y = takeValues(y, split.train);
      w = w ? takeValues(w, split.train) : null;
    }
    const obj = makeObjective(this.params.objective as ObjectiveName, y, w, t.classes?.length ?? 1);
    const m = await boost(train, y, w, obj, cfg, valid, opts);
    this.state = { init: m.init, trees: m.trees, specs: m.features, classes: t.classes, rounds: m.rounds };
  }

  /** Raw scores, n × outputs, row-major. */
  private raw(frame: Frame): { s: GbdtState; out: Float64Array; k: number } {
    const s = this.state;
    if (!s) throw notFitted(this.kind);
    const cols = encodeColumns(this.kind, frame, s.specs);
    const k = s.init.length;
    const out = new Float64Array(frame.rows * k);
    for (let i = 0; i < out.length; i++) out[i] = s.init[i % k];
    predictEnsemble(s.trees, cols, frame.rows, out, k);
    return { s, out, k };
  }

  predict(frame: Frame): Float64Array {
    if (this.task === 'regression') return this.raw(frame).out;
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
    const { out, k } = this.raw(frame);
    if (k > 1) {
      softmaxRows(out, out, k);
      return out;
    }
    const p = new Float64Array(frame.rows * 2);
    for (let i = 0; i < frame.rows; i++) {
      const q = 1 / (1 + Math.exp(-out[i]));
      p[2 * i] = 1 - q;
      p[2 * i + 1] = q;
    }
    return p;
  }

  classes(): string[] | null {
    return this.state ? this.state.classes : null;
  }

  /** Total split gain and split count of each feature over all trees. */
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
      state: { init: s.init, trees: s.trees, specs: s.specs, rounds: s.rounds },
    };
  }

  /** Rebuilds a fitted model from {@link toJSON}'s output. */
  static fromJSON(json: EstimatorJSON): GbdtEstimator {
    if (json.kind !== 'gbdt' || json.format !== FORMAT) {
      throw new LatheError('BAD_INPUT', `not a gbdt model of format ${FORMAT} (${json.kind} format ${json.format})`, { hint: 'load it with the Lathe version that saved it' });
    }
    const est = new GbdtEstimator(json.task, json.params);
    const st = json.state as unknown as Omit<GbdtState, 'classes'>;
    est.state = { init: st.init, trees: st.trees, specs: st.specs, classes: json.classes, rounds: st.rounds };
    return est;
  }
}

/** The registry entry of `gbdt`. */
export const gbdtFactory: EstimatorFactory = {
  kind: 'gbdt',
  tasks: ['regression', 'binary', 'multiclass'],
  params: GBDT_PARAMS,
  nativeCategorical: true,
  create: (task, params) => new GbdtEstimator(task, params),
  fromJSON: (json) => GbdtEstimator.fromJSON(json),
};
