/**
 * Lathe's public API. Hand-written named exports only: what is not listed
 * here is internal and may change.
 */
import './ingest/builtins.js';

export { LatheError, type ErrorCode, exitCodeOf, httpStatusOf, isLatheError } from './errors.js';
export {
  Frame,
  type Column,
  type NumericColumn,
  type DictionaryColumn,
  type LogicalType,
  type ColumnSchema,
  LOGICAL_TYPES,
  parseDatasetRef,
  type DatasetRef,
  type Progress,
  type ProgressUpdate,
} from './core/index.js';
export {
  Home,
  type HomeOptions,
  type MetadataStore,
  type ArtifactStore,
  type DatasetVersionRecord,
  type SourceDescription,
  openMetadataStore,
  openArtifactStore,
  registerMetadataStore,
  registerArtifactStore,
} from './store/index.js';
export {
  ingest,
  derive,
  loadFrame,
  resolveDataset,
  registerSource,
  type IngestOptions,
  type IngestResult,
  type LoadFrameOptions,
  type Source,
  type SourceFactory,
} from './ingest/index.js';
export { profileDataset, inferSchema, validateDataset, autoPipeline, pipelineFromSpec } from './data/index.js';
export { type Estimator, type EstimatorFactory, type Task, type ParamValue, registerEstimator, estimatorKinds, createEstimator, detectTask } from './estimators/index.js';
import './estimators/builtins.js';
export { train, type TrainResult, type TrainConfig, defaultConfig } from './train/index.js';
export { evaluate, type EvaluateResult } from './train/metrics/index.js';
export { runSearch, type SearchOptions, type SearchResult } from './train/search/index.js';
export { registerRun, registerModel, setAlias, removeAlias, parseModelRef } from './registry/index.js';
export { Predictor, type Predictions, resolveModelPackage, batchPredict, type BatchPredictOptions, type BatchPredictResult } from './predict/index.js';
export { startServer, type RunningServer, type ServeOptions, readPredictions, type LoggedPrediction, createKey } from './serve/index.js';
export { runMonitor, type MonitorRunResult, MonitorStore, ingestLabels, startMonitorSchedule } from './monitor/index.js';
export { promote, type PromoteOptions, type PromotionResult } from './registry/promote/index.js';
