import { registerSource } from './registry.js';

export type { Source, SourceFactory, IngestOptions, OnError, LoadContext, OpenedSource, SkippedRow } from './source.js';
export { registerSource, resolveSource, knownSchemes } from './registry.js';
export { ingest, derive, loadFrame, resolveDataset, type LoadFrameOptions } from './datasets.js';
export type { IngestResult } from './commit-snapshot.js';
export { FILE_FORMATS, type FileFormat } from './formats.js';
export { FileSource, openFile } from './file-source.js';
export { withDataset } from './with-dataset.js';
export { checkSelect } from './user-sql.js';
export { readIngestConfig, parseIngestSection, DEFAULT_INGEST_CONFIG, type IngestConfig } from './ingest-config.js';
