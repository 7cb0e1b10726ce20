import type { Frame } from '../core/index.js';
import { Pipeline } from '../data/pipeline/index.js';
import { type Estimator, type Task, estimatorFromJSON } from '../estimators/index.js';
import '../estimators/builtins.js';
import type { ModelDocument } from '../train/package/index.js';

/** What a model says about a frame. */
export interface Predictions {
  /** Regression values, class indices into `classes`, or cluster indices. */
  prediction: Float64Array;
  /** Class probabilities, n × classes.length row-major; null for other tasks. */
  proba: Float64Array | null;
  classes: string[] | null;
  /** The feature frame the estimator saw (the pipeline's output). */
  features: Frame;
}

/**
 * A fitted pipeline and estimator, ready to predict on raw frames. Built
 * from a verified model package document, or from freshly fitted parts.
 *
 * @example
 * ```ts
 * const p = Predictor.fromDocument(await loadPackage(home, sha));
 * const { prediction, proba } = p.predict(frame);
 * ```
 */
export class Predictor {
  constructor(
    readonly pipeline: Pipeline,
    readonly estimator: Estimator,
    readonly task: Task,
  ) {}

  /** Rebuilds the parts from model.json; nothing in it is executed. */
  static fromDocument(doc: ModelDocument): Predictor {
    return new Predictor(Pipeline.fromJSON(doc.pipeline), estimatorFromJSON(doc.estimator), doc.task);
  }

  /** Runs the pipeline, then the estimator. */
  predict(frame: Frame): Predictions {
    const features = this.pipeline.transform(frame);
    const classifier = this.task === 'binary' || this.task === 'multiclass';
    if (classifier && this.estimator.predictProba) {
      const proba = this.estimator.predictProba(features);
      const classes = this.estimator.classes() ?? [];
      const k = classes.length;
      const prediction = new Float64Array(features.rows);
      for (let i = 0; i < features.rows; i++) {
        let best = 0;
        for (let c = 1; c < k; c++) if (proba[i * k + c] > proba[i * k + best]) best = c;
        prediction[i] = best;
      }
      return { prediction, proba, classes, features };
    }
    return { prediction: this.estimator.predict(features), proba: null, classes: this.estimator.classes(), features };
  }
}
