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
