import { LatheError } from '../../errors.js';
import { Pipeline, type PipelineJSON, type TransformerJSON } from '../../data/pipeline/index.js';
import type { ModelDocument } from '../../train/package/index.js';
import { exportDatetimeExpand } from './export-datetime.js';
import { exportImpute, exportOneHot, exportOrdinal, exportTargetEncode } from './export-categorical-steps.js';
import { type CatValue, type ColValue, type Columns, type Label, MISSING, UNKNOWN, lookupColumn, mapLabels } from './export-columns.js';
import { exportEstimator, type EstimatorOutput } from './export-estimator.js';
import { exportClip, exportLog1p, exportMinMaxScale, exportQuantileBin, exportRobustScale, exportStandardScale } from './export-numeric-steps.js';
import { treeModel } from './estimator-state.js';
import { attr, GraphBuilder, stringTensor, tensorType } from './graph-builder.js';
import { DataType } from './onnx-proto.js';

type StepExporter = (g: GraphBuilder, cols: Columns, step: TransformerJSON) => Columns;

/** The pipeline steps ONNX export can express, by transformer kind. */
const STEPS: Record<string, StepExporter> = {
  impute: exportImpute,
  standard_scale: exportStandardScale,
  robust_scale: exportRobustScale,
  minmax_scale: exportMinMaxScale,
  clip: exportClip,
  log1p: exportLog1p,
  quantile_bin: exportQuantileBin,
  one_hot: exportOneHot,
  ordinal: exportOrdinal,
  target_encode: exportTargetEncode,
  datetime_expand: exportDatetimeExpand,
};

/** Why a step has no ONNX form, by kind. */
const NOT_EXPRESSIBLE: Record<string, string> = {
  hash_text: 'its MurmurHash3 token hashing has no ONNX operator',
};

/** The graph's output names. */
export const ONNX_OUTPUTS = { prediction: 'prediction', probabilities: 'probabilities' } as const;

/** Opsets the exported graphs import. TreeEnsemble needs ai.onnx.ml 5 (onnxruntime ≥ 1.20). */
export const EXPORT_OPSETS = { '': 21, 'ai.onnx.ml': 5 } as const;

/**
 * Converts a Lathe model package to an ONNX model (bytes of a ModelProto).
 *
 * Inputs: one graph input per pipeline input column, shape [N, 1], named
 * as the column: numeric, integer, boolean and datetime (epoch ms) columns
 * as double with NaN for missing; categorical columns as string with ""
 * for missing. Outputs: `prediction` [N] (the value, the class label as a
 * string, or the cluster id as int64) and, for classifiers,
 * `probabilities` [N, classes] in `classes` order. Everything is computed
 * in doubles, so the outputs match Lathe's own predictions within rounding.
 * Metadata props record the task, classes, target and signature.
 *
 * A pipeline step or estimator with no ONNX form is refused with an error
 * naming it (UNSUPPORTED_FORMAT).
 *
 * @example
 * ```ts
 * const bytes = exportOnnx(await loadPackage(home, sha));
 * writeFileSync('model.onnx', bytes);
 * ```
 */
export function exportOnnx(doc: ModelDocument, producerVersion = ''): Uint8Array {
  const pipeline = Pipeline.fromJSON(doc.pipeline).toJSON();
  const g = new GraphBuilder('lathe', { ...EXPORT_OPSETS });
  let cols = graphInputs(g, pipeline);
  pipeline.steps.forEach((step, i) => {
    const exporter = STEPS[step.kind];
    if (!exporter) throw stepError(step, i);
    cols = exporter(g, cols, step);
  });
  const features = featureValues(g, doc, cols);
  const x = features.length === 0 ? null : features.length === 1 ? features[0] : g.node('Concat', features, [attr.int('axis', 1)]);
  const out = exportEstimator(g, doc.estimator, { x, anyInput: pipeline.inputs[0]?.name ?? noInputs() });
  graphOutputs(g, out, doc.classes ?? doc.estimator.classes);
  return g.encode(metadata(doc), producerVersion);
}

function graphInputs(g: GraphBuilder, p: PipelineJSON): Columns {
  const cols: Columns = new Map();
  for (const input of p.inputs) {
    const text = input.type === 'categorical' || input.type === 'text';
    g.input(input.name, tensorType(text ? DataType.STRING : DataType.DOUBLE, [null, 1]));
    const v: ColValue = text ? { kind: 'cat', value: input.name, source: input.name, map: (l) => l, labels: new Set() } : { kind: 'num', value: input.name };
    cols.set(input.name, v);
  }
  return cols;
}

/** The estimator's features as double [N, 1] values, in its order; native categorical features become training codes. */
function featureValues(g: GraphBuilder, doc: ModelDocument, cols: Columns): string[] {
  const est = doc.estimator;
  // A baseline predicts a constant: it reads no feature, whatever its type.
  if (est.kind === 'baseline') return [];
  const specs = est.kind === 'gbdt' || est.kind === 'forest' ? new Map(treeModel(est).specs.map((s) => [s.name, s])) : null;
  return est.features.map((name) => {
    const c = cols.get(name);
    if (!c) throw new LatheError('INTERNAL', `ONNX export: feature "${name}" is not an output of the pipeline`, { hint: 'the model package is inconsistent; retrain it' });
    if (c.kind === 'num') return c.value;
    const spec = specs?.get(name);
    if (!spec?.categorical || !spec.dictionary) {
      throw new LatheError('UNSUPPORTED_FORMAT', `feature "${name}" is categorical but the ${est.kind} estimator reads numbers`, { hint: 'the model package is inconsistent; retrain it' });
    }
    return treeCodes(g, c, spec.dictionary);
  });
}

/** A label's training code, as the trees' encodeColumns computes it: NaN missing, the dictionary's length unseen. */
function treeCodes(g: GraphBuilder, c: CatValue, dictionary: string[]): string {
  // A Map keeps the last code of a label listed twice, as Lathe's lookup does.
  const code = new Map(dictionary.map((label, i) => [label, i]));
  const known = mapLabels(c, (l) => l, code.keys());
  const valueOf = (l: Label) => (l === MISSING ? NaN : l === UNKNOWN ? dictionary.length : (code.get(l) ?? dictionary.length));
  return lookupColumn(g, known, valueOf, `${c.source}_code`);
}

function graphOutputs(g: GraphBuilder, out: EstimatorOutput, classes: string[] | null): void {
  const flat = (v: string) => g.node('Reshape', [v, g.constant('flat', { dims: [1], dataType: DataType.INT64, int64Data: [-1] })]);
  if (out.kind === 'value') return g.output(flat(out.value), tensorType(DataType.DOUBLE, [null]), ONNX_OUTPUTS.prediction);
  if (out.kind === 'cluster') return g.output(out.cluster, tensorType(DataType.INT64, [null]), ONNX_OUTPUTS.prediction);
  const labels = classes ?? [];
  const best = g.node('ArgMax', [out.proba], [attr.int('axis', 1), attr.int('keepdims', 0)]);
  const label = g.node('Gather', [g.constant('classes', stringTensor(labels)), best], [attr.int('axis', 0)]);
  g.output(label, tensorType(DataType.STRING, [null]), ONNX_OUTPUTS.prediction);
  g.output(out.proba, tensorType(DataType.DOUBLE, [null, labels.length]), ONNX_OUTPUTS.probabilities);
}

function metadata(doc: ModelDocument): Record<string, string> {
  return {
    'lathe.task': doc.task,
    'lathe.target': doc.target ?? '',
    'lathe.classes': JSON.stringify(doc.classes ?? doc.estimator.classes ?? null),
    'lathe.estimator': doc.estimator.kind,
    'lathe.inputs': JSON.stringify(doc.signature.inputs.map((i) => ({ name: i.name, type: i.type, required: i.required }))),
    'lathe.missing': 'NaN in numeric inputs; "" in string inputs',
  };
}

function stepError(step: TransformerJSON, i: number): LatheError {
  const why = NOT_EXPRESSIBLE[step.kind] ?? 'it has no ONNX form';
  return new LatheError('UNSUPPORTED_FORMAT', `pipeline step ${i + 1} (${step.kind}) cannot be expressed in ONNX: ${why}`, {
    hint: `drop the ${step.kind} step from the pipeline and retrain to export; steps ONNX export covers: ${Object.keys(STEPS).join(', ')}`,
  });
}

function noInputs(): never {
  throw new LatheError('UNSUPPORTED_FORMAT', 'the model has no input columns', { hint: 'train it on at least one column' });
}

/**
 * The signature to declare when registering the exported file (`lathe
 * model register model.onnx --signature …`): the pipeline's inputs, the
 * graph's outputs, the task, classes and target.
 */
export function exportedSignature(doc: ModelDocument): Record<string, unknown> {
  const classes = doc.classes ?? doc.estimator.classes;
  const classifier = doc.task === 'binary' || doc.task === 'multiclass';
  const outputs = [
    { name: ONNX_OUTPUTS.prediction, type: classifier ? 'categorical' : doc.task === 'clustering' ? 'integer' : 'numeric' },
    ...(classifier ? [{ name: ONNX_OUTPUTS.probabilities, type: 'numeric' }] : []),
  ];
  return {
    task: doc.task,
    ...(doc.target ? { target: doc.target } : {}),
    ...(classifier && classes ? { classes } : {}),
    inputs: doc.signature.inputs.map((i) => ({ name: i.name, type: i.type, required: i.required })),
    outputs,
  };
}
