import type { Column, Frame } from '../core/index.js';
import { LatheError } from '../errors.js';
import type { Task } from '../estimators/index.js';
import type { Predictions, Predictor } from '../predict/index.js';
import { classIndices } from './class-labels.js';
import { type EvaluateResult, evaluate } from './metrics/index.js';

/** Evaluation of a model on labelled rows, plus the predictions made. */
export interface Scored {
  result: EvaluateResult;
  predictions: Predictions;
}

/**
 * Predicts on `frame` and computes every metric of the model's task against
 * `target`. Rows whose label is missing or unseen in training are left out
 * of classification metrics, with a warning.
 */
export function scoreModel(predictor: Predictor, frame: Frame, target: Column | null): Scored {
  return scorePredictions(predictor.task, predictor.predict(frame), target);
}

/**
 * Computes every metric of `task` for predictions already made (by any
 * predictor, e.g. an ONNX one) against `target`; the rules of
 * {@link scoreModel} apply.
 */
export function scorePredictions(task: Task, predictions: Predictions, target: Column | null): Scored {
  if (task === 'clustering') {
    const X = flatten(predictions.features);
    const labels = Int32Array.from(predictions.prediction);
    return { result: evaluate('clustering', { X, d: predictions.features.columns.length, labels }), predictions };
  }
  if (!target) throw new LatheError('BAD_INPUT', 'the target column is needed to evaluate', { hint: 'pass a dataset that has the target column' });
  if (task === 'regression') {
    if ('codes' in target) throw new LatheError('BAD_INPUT', `target "${target.name}" is not numeric`, { hint: 'evaluate a regression model on a numeric target' });
    return { result: evaluate('regression', { yTrue: target.values, yPred: predictions.prediction }), predictions };
  }
  const classes = predictions.classes ?? [];
  const k = classes.length;
  const { y, unknown } = classIndices(target, classes);
  let keep: Int32Array | null = null;
  if (unknown > 0) {
    keep = new Int32Array(y.length - unknown);
    for (let i = 0, j = 0; i < y.length; i++) if (y[i] >= 0) keep[j++] = i;
  }
  const yTrue = keep ? Int32Array.from(keep, (i) => y[i]) : y;
  const proba = predictions.proba ? (keep ? gatherRows(predictions.proba, k, keep) : predictions.proba) : undefined;
  const yPred = Int32Array.from(keep ? Array.from(keep, (i) => predictions.prediction[i]) : predictions.prediction);
  const result = evaluate(task, { yTrue, yPred, proba, k });
  if (unknown > 0) result.warnings.push(`${unknown} rows had a missing or unseen label and were left out`);
  return { result, predictions };
}

function gatherRows(proba: Float64Array, k: number, rows: Int32Array): Float64Array {
  const out = new Float64Array(rows.length * k);
  for (let j = 0; j < rows.length; j++) out.set(proba.subarray(rows[j] * k, rows[j] * k + k), j * k);
  return out;
}

/** A numeric frame as a flat row-major matrix. */
export function flatten(frame: Frame): Float64Array {
  const d = frame.columns.length;
  const X = new Float64Array(frame.rows * d);
  frame.columns.forEach((c, j) => {
    const v = 'codes' in c ? Float64Array.from(c.codes) : c.values;
    for (let i = 0; i < frame.rows; i++) X[i * d + j] = v[i];
  });
  return X;
}
