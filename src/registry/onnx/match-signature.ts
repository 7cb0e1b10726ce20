import type { LogicalType } from '../../core/index.js';
import { LatheError } from '../../errors.js';
import type { Task } from '../../estimators/index.js';
import type { DeclaredSignature } from './declared-signature.js';
import { type FeedType, type OnnxInputColumn, type OnnxSignature, type OnnxWiring, latheOutputs } from './onnx-signature.js';

/** A graph input or output as onnxruntime reports it. */
export interface GraphValue {
  name: string;
  isTensor: boolean;
  /** onnxruntime's element type name (`float64`, `string`, …), null for non-tensors. */
  elem: string | null;
  /** Dimensions: numbers, or names (possibly empty) for symbolic ones. */
  shape: (number | string)[];
}

const ELEM: Record<string, FeedType> = { float64: 'double', float32: 'float', int64: 'int64', int32: 'int32', bool: 'bool', string: 'string' };
const NUMERIC: readonly LogicalType[] = ['numeric', 'integer', 'boolean', 'datetime'];

/** `name (double [N, 1])`, for messages. */
export function describeValue(v: GraphValue): string {
  if (!v.isTensor) return `${v.name} (not a tensor)`;
  return `${v.name} (${ELEM[v.elem ?? ''] ?? v.elem} [${v.shape.map((d) => (typeof d === 'number' ? d : d || '?')).join(', ')}])`;
}

/**
 * Checks the graph's inputs and outputs against the declared signature and
 * works out how to feed and read it. Every mismatch is collected and
 * reported in one BAD_INPUT error that lists the graph's actual inputs
 * and outputs.
 */
export function matchSignature(declared: DeclaredSignature, graphIn: GraphValue[], graphOut: GraphValue[], graphClasses: string[] | null): OnnxSignature {
  const problems: string[] = [];
  const feeds = matchInputs(declared, graphIn, problems);
  const out = matchOutputs(declared, graphOut, graphClasses, problems);
  if (problems.length > 0 || !feeds || !out) {
    throw new LatheError('BAD_INPUT', `the ONNX graph does not match the declared signature: ${problems.join('; ')}`, {
      hint: `the graph has inputs ${graphIn.map(describeValue).join(', ')} and outputs ${graphOut.map(describeValue).join(', ')}; fix the signature file or the export`,
    });
  }
  const inputs: OnnxInputColumn[] = declared.inputs.map((c, i) => {
    const elem = feeds.layout === 'columns' ? feeds.feeds[i].elem : feeds.feeds[0].elem;
    const nullable = elem === 'double' || elem === 'float' || elem === 'string';
    return { name: c.name, type: c.type, nullable, required: !nullable || c.required !== false };
  });
  const wiring: OnnxWiring = { ...feeds, prediction: out.prediction, probabilities: out.probabilities };
  return { task: out.task, target: declared.target, inputs, outputs: latheOutputs(out.task, out.classes), classes: out.classes, onnx: wiring };
}

function batchProblem(v: GraphValue): string | null {
  return typeof v.shape[0] === 'number' && v.shape[0] !== -1 ? `graph input ${describeValue(v)} has a fixed batch size; export it with a dynamic first dimension` : null;
}

function matchInputs(d: DeclaredSignature, graphIn: GraphValue[], problems: string[]): Pick<OnnxWiring, 'layout' | 'feeds'> | null {
  const declared = new Set(d.inputs.map((c) => c.name));
  if (graphIn.length === 1 && !declared.has(graphIn[0].name)) return matrixInput(d, graphIn[0], problems);
  const byName = new Map(graphIn.map((v) => [v.name, v]));
  const missing = d.inputs.filter((c) => !byName.has(c.name)).map((c) => `"${c.name}"`);
  const extra = graphIn.filter((v) => !declared.has(v.name)).map((v) => `"${v.name}"`);
  if (missing.length > 0) problems.push(`declared input${missing.length > 1 ? 's' : ''} ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} not a graph input`);
  if (extra.length > 0) problems.push(`graph input${extra.length > 1 ? 's' : ''} ${extra.join(', ')} ${extra.length > 1 ? 'are' : 'is'} not declared`);
  const feeds = d.inputs.map((c) => {
    const v = byName.get(c.name);
    if (!v) return null;
    const elem = ELEM[v.elem ?? ''];
    const rankOk = v.shape.length === 1 || (v.shape.length === 2 && (typeof v.shape[1] !== 'number' || v.shape[1] === 1));
    if (!v.isTensor || !elem) problems.push(`graph input ${describeValue(v)} has a type Lathe cannot feed`);
    else if (!rankOk) problems.push(`graph input ${describeValue(v)} must be one column: shape [N] or [N, 1]`);
    else if ((elem === 'string') !== (c.type === 'categorical' || c.type === 'text')) problems.push(`input "${c.name}" is declared ${c.type} but the graph takes ${elem}`);
    const batch = batchProblem(v);
    if (batch) problems.push(batch);
    return { name: v.name, elem: elem ?? 'double', rank: v.shape.length };
  });
  return feeds.every((f) => f !== null) ? { layout: 'columns', feeds: feeds as OnnxWiring['feeds'] } : null;
}

function matrixInput(d: DeclaredSignature, v: GraphValue, problems: string[]): Pick<OnnxWiring, 'layout' | 'feeds'> | null {
  const elem = ELEM[v.elem ?? ''];
  const n = d.inputs.length;
  if (!v.isTensor || (elem !== 'double' && elem !== 'float')) {
    problems.push(`the graph's one input ${describeValue(v)} is neither a declared column nor a float or double matrix`);
    return null;
  }
  if (v.shape.length !== 2) problems.push(`the graph's one input ${describeValue(v)} is not a matrix [N, ${n}]`);
  else if (typeof v.shape[1] === 'number' && v.shape[1] !== n) problems.push(`the graph's input ${describeValue(v)} takes ${v.shape[1]} features but ${n} inputs are declared`);
  const text = d.inputs.filter((c) => !NUMERIC.includes(c.type)).map((c) => `"${c.name}" (${c.type})`);
  if (text.length > 0) problems.push(`the graph takes one numeric matrix, but ${text.join(', ')} ${text.length > 1 ? 'are' : 'is'} not numeric`);
  const batch = batchProblem(v);
  if (batch) problems.push(batch);
  return { layout: 'matrix', feeds: [{ name: v.name, elem, rank: 2 }] };
}

interface Outputs {
  task: Task;
  classes: string[] | null;
  prediction: string | null;
  probabilities: string | null;
}

function matchOutputs(d: DeclaredSignature, graphOut: GraphValue[], graphClasses: string[] | null, problems: string[]): Outputs | null {
  const nonTensor = graphOut.filter((v) => !v.isTensor);
  if (nonTensor.length > 0) {
    problems.push(`output${nonTensor.length > 1 ? 's' : ''} ${nonTensor.map((v) => `"${v.name}"`).join(', ')} ${nonTensor.length > 1 ? 'are' : 'is'} a sequence or map (e.g. a ZipMap), which onnxruntime-node cannot return; export without ZipMap (skl2onnx: options={'zipmap': False})`);
    return null;
  }
  if (d.outputs) checkDeclaredOutputs(d.outputs, graphOut, problems);
  const used = d.outputs ? graphOut.filter((v) => d.outputs!.some((o) => o.name === v.name)) : graphOut;
  const labels = used.filter((v) => v.elem === 'string' || v.elem === 'int64' || v.elem === 'int32');
  const reals = used.filter((v) => v.elem === 'float64' || v.elem === 'float32');
  const task = d.task ?? inferTask(labels, reals, d.classes ?? graphClasses);
  if (task === null) {
    problems.push(`cannot tell the task from outputs ${used.map(describeValue).join(', ')}`);
    return null;
  }
  if (task === 'regression') return regressionOutput(reals, problems);
  if (task === 'clustering') return labels.length > 0 ? { task, classes: null, prediction: labels[0].name, probabilities: null } : (problems.push('a clustering model needs an int64 output of cluster ids'), null);
  return classifierOutput(task, d.classes ?? graphClasses, labels, reals, problems);
}

/** A label output makes a classifier (binary when two classes are known); real outputs alone a regressor. */
function inferTask(labels: GraphValue[], reals: GraphValue[], classes: string[] | null): Task | null {
  if (labels.length > 0) return classes?.length === 2 ? 'binary' : 'multiclass';
  return reals.length > 0 ? 'regression' : null;
}

function checkDeclaredOutputs(declared: { name: string; type: LogicalType }[], graphOut: GraphValue[], problems: string[]): void {
  const byName = new Map(graphOut.map((v) => [v.name, v]));
  for (const o of declared) {
    const v = byName.get(o.name);
    if (!v) problems.push(`declared output "${o.name}" is not a graph output`);
    else if ((v.elem === 'float64' || v.elem === 'float32') !== (o.type === 'numeric')) problems.push(`output "${o.name}" is declared ${o.type} but the graph gives ${describeValue(v)}`);
  }
  const extra = graphOut.filter((v) => !declared.some((o) => o.name === v.name)).map((v) => `"${v.name}"`);
  if (extra.length > 0) problems.push(`graph output${extra.length > 1 ? 's' : ''} ${extra.join(', ')} ${extra.length > 1 ? 'are' : 'is'} not declared`);
}

function regressionOutput(reals: GraphValue[], problems: string[]): Outputs | null {
  const one = reals.filter((v) => v.shape.length === 1 || (v.shape.length === 2 && (v.shape[1] === 1 || typeof v.shape[1] !== 'number')));
  if (one.length !== 1) {
    problems.push(one.length === 0 ? 'a regression model needs one float or double output of shape [N] or [N, 1]' : `several outputs could be the prediction (${one.map((v) => `"${v.name}"`).join(', ')}); declare the one to use under outputs`);
    return null;
  }
  return { task: 'regression', classes: null, prediction: one[0].name, probabilities: null };
}

function classifierOutput(task: Task, classes: string[] | null, labels: GraphValue[], reals: GraphValue[], problems: string[]): Outputs | null {
  // [N, 1] is one value per row, not a probability per class.
  const proba = reals.find((v) => v.shape.length === 2 && v.shape[1] !== 1) ?? null;
  if (labels.length === 0 && !proba) {
    problems.push(`a ${task} model needs a label output (string or int64) or a probability output [N, classes]`);
    return null;
  }
  if (!classes) {
    problems.push('the class labels are not in the graph; declare them as classes: [...] in the signature');
    return null;
  }
  if ((task === 'binary') !== (classes.length === 2)) problems.push(`the task is ${task} but there are ${classes.length} classes`);
  const width = proba?.shape[1];
  if (proba && typeof width === 'number' && width !== classes.length) problems.push(`the probabilities output ${describeValue(proba)} has ${width} columns for ${classes.length} classes`);
  return { task, classes, prediction: labels[0]?.name ?? null, probabilities: proba?.name ?? null };
}
