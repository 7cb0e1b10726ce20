import type { Frame } from '../core/index.js';
import type { PipelineJSON } from '../data/pipeline/index.js';
import type { Task } from '../estimators/index.js';
import type { DatasetVersionRecord } from '../store/index.js';
import type { FittedModel } from './fit-model.js';
import { PACKAGE_FORMAT, type ModelDocument } from './package/index.js';
import { referenceProfile } from './reference-profile.js';
import type { TrainConfig } from './train-config.js';

/** What goes into model.json. */
export interface DocumentParts {
  cfg: TrainConfig;
  task: Task;
  fitted: FittedModel;
  trainFrame: Frame;
  metrics: Record<string, number>;
  runId: string;
  rec: DatasetVersionRecord;
  latheVersion: string;
}

/**
 * Assembles model.json: the signature (the pipeline's inputs, and the
 * outputs `prediction`, `proba_<label>` or `cluster`), the fitted pipeline
 * and estimator as data, metrics, lineage and the reference profile of the
 * training rows and their predictions.
 */
export function buildDocument(p: DocumentParts): ModelDocument {
  const pipeline = p.fitted.predictor.pipeline.toJSON() as PipelineJSON;
  const estimator = p.fitted.predictor.estimator.toJSON();
  const classes = p.fitted.predictor.estimator.classes();
  const inputs = pipeline.inputs.map((i) => ({ name: i.name, type: i.type, nullable: i.nullable, required: i.required }));
  const outputs =
    p.task === 'clustering'
      ? [{ name: 'cluster', type: 'integer' }]
      : [{ name: 'prediction', type: classes ? 'categorical' : 'numeric' }, ...(classes ?? []).map((c) => ({ name: `proba_${c}`, type: 'numeric' }))];
  const features = p.trainFrame.select(inputs.map((i) => i.name).filter((n) => p.trainFrame.has(n)));
  const preds = p.fitted.predictor.predict(p.trainFrame).prediction;
  return {
    format: PACKAGE_FORMAT,
    task: p.task,
    created: new Date().toISOString(),
    lathe_version: p.latheVersion,
    signature: { inputs, outputs },
    pipeline,
    estimator,
    classes,
    target: p.cfg.target,
    target_type: p.cfg.target && p.trainFrame.has(p.cfg.target) ? p.trainFrame.column(p.cfg.target).type : null,
    metrics: p.metrics,
    lineage: { dataset: { name: p.rec.name, version: p.rec.version, hash: p.rec.hash }, run_id: p.runId },
    reference: referenceProfile(features, preds, p.task === 'clustering' ? null : classes),
  };
}
