import type { LogicalType } from '../../core/index.js';
import { inputError } from '../decode/issues.js';
import type { Scores, ServedModel } from '../models/served-model.js';

/** An OIP tensor description: `{name, datatype, shape}`, -1 for the batch dimension. */
export interface TensorMeta {
  name: string;
  datatype: string;
  shape: number[];
}

const INPUT_DATATYPE: Record<LogicalType, string> = {
  numeric: 'FP64', integer: 'INT64', boolean: 'BOOL', datetime: 'BYTES', categorical: 'BYTES', text: 'BYTES',
};

/** True when the model's prediction is an index into class labels. */
export function isClassifier(m: Pick<ServedModel, 'classes' | 'task'>): boolean {
  return m.classes !== null && (m.task === 'binary' || m.task === 'multiclass');
}

/** The model's inputs as OIP metadata tensors, in signature order. */
export function inputTensors(m: ServedModel): TensorMeta[] {
  return m.inputs.map((i) => ({ name: i.name, datatype: INPUT_DATATYPE[i.type] ?? 'BYTES', shape: [-1] }));
}

/** `predict` for every model, and `proba` [N, classes] for classifiers. */
export function outputTensors(m: ServedModel): TensorMeta[] {
  const out: TensorMeta[] = [{ name: 'predict', datatype: isClassifier(m) ? labelDatatype(m) : m.task === 'clustering' ? 'INT64' : 'FP64', shape: [-1] }];
  if (isClassifier(m)) out.push({ name: 'proba', datatype: 'FP64', shape: [-1, m.classes!.length] });
  return out;
}

/** Checks requested output names before any scoring; null means all. */
export function checkRequestedOutputs(m: ServedModel, requested: readonly string[] | null): void {
  if (requested === null) return;
  const known = outputTensors(m).map((t) => t.name);
  const bad = requested.filter((r) => !known.includes(r));
  if (bad.length > 0) throw inputError([`unknown output(s): the model's outputs are ${known.join(', ')}`], 'ask only for listed outputs, or leave "outputs" out');
}

const classesJson = new WeakMap<readonly string[], string>();

/** The class labels as one JSON string (OIP parameters hold only scalars), computed once per model. */
function classesParameter(classes: readonly string[]): string {
  let s = classesJson.get(classes);
  if (s === undefined) classesJson.set(classes, (s = JSON.stringify(classes)));
  return s;
}

/** The OIP `outputs` of a scored request, in the order asked (default: all). */
export function encodeOutputs(m: ServedModel, s: Scores, requested: readonly string[] | null): unknown[] {
  const n = s.prediction.length;
  const names = requested ?? outputTensors(m).map((t) => t.name);
  return names.map((name) => {
    if (name === 'proba') {
      const k = m.classes!.length;
      return { name, datatype: 'FP64', shape: [n, k], parameters: { classes: classesParameter(m.classes!) }, data: finite(s.proba ?? new Float64Array(n * k)) };
    }
    if (isClassifier(m)) return { name, datatype: labelDatatype(m), shape: [n], parameters: { classes: classesParameter(m.classes!) }, data: labels(m, s.prediction) };
    return { name, datatype: m.task === 'clustering' ? 'INT64' : 'FP64', shape: [n], data: finite(s.prediction) };
  });
}

/** Predictions as records' values: labels for classifiers, numbers (null for NaN) otherwise. */
export function predictionValues(m: ServedModel, prediction: Float64Array): Label[] {
  return isClassifier(m) ? labels(m, prediction) : finite(prediction);
}

/** A prediction as JSON: a label in the target's type, or a number. */
export type Label = string | number | boolean | null;

/** The OIP datatype of class labels: the target's type (INT64, FP64, BOOL), else BYTES. */
export function labelDatatype(m: Pick<ServedModel, 'labelType'>): string {
  return m.labelType === 'integer' ? 'INT64' : m.labelType === 'numeric' ? 'FP64' : m.labelType === 'boolean' ? 'BOOL' : 'BYTES';
}

const typedLabels = new WeakMap<readonly string[], Label[]>();

/**
 * Class labels in the target's logical type, computed once per model.
 * Labels are stored as text ("0", "1.5", "true"); a package without a
 * target type (older ones) keeps them as text.
 */
export function labelValues(m: Pick<ServedModel, 'classes' | 'labelType'>): Label[] {
  let out = typedLabels.get(m.classes!);
  if (out) return out;
  const t = m.labelType;
  out = m.classes!.map((c): Label => {
    if (t === 'boolean') return c === 'true' ? true : c === 'false' ? false : c;
    if (t === 'integer' || t === 'numeric') {
      const x = Number(c);
      return c.trim() !== '' && Number.isFinite(x) ? x : c;
    }
    return c;
  });
  typedLabels.set(m.classes!, out);
  return out;
}

function labels(m: ServedModel, prediction: Float64Array): Label[] {
  const values = labelValues(m);
  const out = new Array<Label>(prediction.length);
  for (let i = 0; i < prediction.length; i++) out[i] = values[prediction[i]] ?? null;
  return out;
}

/** Plain numbers for JSON, with null where a value is not finite. */
function finite(a: Float64Array): (number | null)[] {
  const out = new Array<number | null>(a.length);
  for (let i = 0; i < a.length; i++) out[i] = Number.isFinite(a[i]) ? a[i] : null;
  return out;
}
