import { fileURLToPath } from 'node:url';
import { FsArtifactStore } from './fs/fs-artifact-store.js';
import { registerArtifactStore, registerMetadataStore } from './registry.js';
import { SqliteMetadataStore } from './sqlite/sqlite-metadata-store.js';

export type {
  MetadataStore,
  DatasetVersionRecord,
  NewDatasetVersion,
  DatasetSummary,
  SourceDescription,
  Lineage,
  PendingRecord,
} from './metadata-store.js';
export type { RunRecord, RunStatus, RunArtifact, NewRun, RunPatch, RunQuery } from './run-record.js';
export type {
  ModelRecord,
  ModelVersionRecord,
  NewModelVersion,
  ModelPatch,
  ModelFormat,
  ModelVersionStatus,
  ModelLineage,
  DatasetLineageNode,
  AliasMove,
  AliasDecision,
  AliasAction,
  AliasAuditEntry,
} from './model-record.js';
export type { ArtifactStore, StoredArtifact, ArtifactIssue } from './artifact-store.js';
export { openMetadataStore, openArtifactStore, registerMetadataStore, registerArtifactStore } from './registry.js';
export { SqliteMetadataStore } from './sqlite/sqlite-metadata-store.js';
export { LATEST_SCHEMA } from './sqlite/migrations.js';
export { FsArtifactStore, hashFile } from './fs/fs-artifact-store.js';
export { writeFileAtomic, durableRename, fsyncDir } from './fs/atomic.js';

// Built-ins are registered explicitly, here, once.
registerMetadataStore('sqlite', async (url) => SqliteMetadataStore.open(pathOf(url)));
registerArtifactStore('file', async (url) => new FsArtifactStore(pathOf(url)));

function pathOf(url: URL): string {
  // `sqlite:/abs/path` and `file:///abs/path` both name a local path.
  return url.protocol === 'file:' ? fileURLToPath(url) : decodeURIComponent(url.pathname);
}
export { Home, type HomeOptions } from './home.js';
export { putJson, getJson } from './json-artifact.js';
