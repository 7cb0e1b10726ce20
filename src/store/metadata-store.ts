import type { ColumnSchema } from '../core/index.js';
import type {
  AliasAuditEntry,
  AliasDecision,
  AliasMove,
  ModelPatch,
  ModelRecord,
  ModelVersionRecord,
  ModelVersionStatus,
  NewModelVersion,
} from './model-record.js';
import type { NewRun, RunPatch, RunQuery, RunRecord, RunStatus } from './run-record.js';

/** Where a dataset version came from, with every secret removed. */
export interface SourceDescription {
  /** Source kind: `file`, `postgres`, `mysql`, `http`, `derive`. */
  kind: string;
  /** Redacted location: a path, a URL without password, or a table. */
  location: string;
  /** Detected or given format, for files and URLs. */
  format?: string;
  /** The query, for SQL sources; never contains credentials. */
  query?: string;
  /** Options that shaped the read (delimiter, header, ...). */
  options?: Record<string, unknown>;
}

/** The lineage of a derived version. */
export interface Lineage {
  parents: { name: string; version: number }[];
  sql?: string;
}

/** A stored, immutable dataset version. */
export interface DatasetVersionRecord {
  name: string;
  version: number;
  /** sha256 of the Parquet snapshot in the artifact store. */
  artifact: string;
  /** Size of the snapshot in bytes. */
  bytes: number;
  rows: number;
  columns: ColumnSchema[];
  /** Content hash; equal content under the same name is one version. */
  hash: string;
  source: SourceDescription;
  lineage: Lineage | null;
  /** ISO-8601 creation time. */
  created: string;
  /** sha256 of the version's profile (a JSON artifact), once computed. */
  profile: string | null;
}

/** What a caller supplies to add a version; the store assigns `version`, `created` and `profile`. */
export type NewDatasetVersion = Omit<DatasetVersionRecord, 'version' | 'created' | 'profile'>;

/** One line of `lathe datasets`. */
export interface DatasetSummary {
  name: string;
  latest: number;
  versions: number;
  rows: number;
  created: string;
  updated: string;
}

/**
 * A write in progress: an artifact that may land in the store before the row
 * that points to it commits. A sweep removes those whose process has died.
 */
export interface PendingRecord {
  id: string;
  artifact: string;
  pid: number;
  host: string;
  created: string;
}

/**
 * The metadata store: datasets and their versions, runs, and the model
 * registry (models, versions, aliases and their audit trail).
 * Implementations are opened by URI scheme through {@link openMetadataStore};
 * callers never see SQL.
 */
export interface MetadataStore {
  readonly uri: string;
  /** The schema version this store is at. */
  schemaVersion(): Promise<number>;
  /**
   * Adds a version, or returns the existing one when `(name, hash)` is already
   * stored. Assigning the number and inserting the row is one transaction, so
   * concurrent writers never get the same number.
   */
  addDatasetVersion(v: NewDatasetVersion, pendingId?: string): Promise<{ record: DatasetVersionRecord; created: boolean }>;
  /** A version, or the latest when `version` is undefined. */
  getDatasetVersion(name: string, version?: number): Promise<DatasetVersionRecord | undefined>;
  /** The version with this content hash under this name, if any. */
  findDatasetVersionByHash(name: string, hash: string): Promise<DatasetVersionRecord | undefined>;
  listDatasets(): Promise<DatasetSummary[]>;
  listDatasetVersions(name: string): Promise<DatasetVersionRecord[]>;
  /**
   * Links a stored profile artifact to a version. A profile is computed once
   * and reused; setting it again to a different artifact is refused (CONFLICT).
   */
  setDatasetProfile(name: string, version: number, profileSha256: string, pendingId?: string): Promise<void>;
  /** Starts a run (status RUNNING). */
  createRun(run: NewRun): Promise<RunRecord>;
  /** Merges a patch into a RUNNING run; a finished run is CONFLICT. */
  updateRun(id: string, patch: RunPatch): Promise<RunRecord>;
  /** Renews a RUNNING run's lease. */
  heartbeatRun(id: string, leaseUntil: string): Promise<void>;
  /**
   * Ends a RUNNING run. `pendingId` clears a pending artifact in the same
   * transaction (the model package). A run that already ended is left as it is.
   */
  finishRun(id: string, status: Exclude<RunStatus, 'RUNNING'>, error?: RunRecord['error'], pendingId?: string): Promise<RunRecord>;
  /** Appends step-wise values of a metric (e.g. validation loss per boosting round). */
  logRunSteps(id: string, key: string, steps: readonly (readonly [number, number])[]): Promise<void>;
  getRunSteps(id: string, key?: string): Promise<{ key: string; step: number; value: number }[]>;
  getRun(id: string): Promise<RunRecord | undefined>;
  /** Runs, newest first. */
  listRuns(q?: RunQuery): Promise<RunRecord[]>;
  /** All RUNNING runs, for the sweep. */
  runningRuns(): Promise<RunRecord[]>;
  /** Records a write in progress before its artifact is stored. */
  addPending(p: PendingRecord): Promise<void>;
  removePending(id: string): Promise<void>;
  listPending(): Promise<PendingRecord[]>;
  /**
   * Registers a version of model `v.model`, creating the model on first use
   * and applying `patch` (description, tags) to it. Numbers start at 1 and are
   * never reused, even after a delete. The same artifact registered again
   * under the same name returns the existing version (`created: false`).
   */
  addModelVersion(v: NewModelVersion, patch?: ModelPatch, pendingId?: string): Promise<{ record: ModelVersionRecord; created: boolean }>;
  getModel(name: string): Promise<ModelRecord | undefined>;
  /** Registered models, by name. */
  listModels(): Promise<ModelRecord[]>;
  getModelVersion(name: string, version: number): Promise<ModelVersionRecord | undefined>;
  /** A model's versions, oldest first. */
  listModelVersions(name: string): Promise<ModelVersionRecord[]>;
  /** Archives or restores a version; archiving a version an alias points at is CONFLICT. */
  setModelVersionStatus(name: string, version: number, status: ModelVersionStatus): Promise<ModelVersionRecord>;
  /**
   * Deletes a version's row and returns it; CONFLICT while an alias points at
   * it. The caller removes the artifact if nothing else references it.
   */
  deleteModelVersion(name: string, version: number): Promise<ModelVersionRecord>;
  /**
   * Moves, sets or removes an alias and appends its audit entry in one
   * transaction. An archived version is CONFLICT; `expect` guards against a
   * concurrent move (see {@link AliasMove}).
   */
  moveAlias(m: AliasMove): Promise<AliasAuditEntry>;
  /** Appends a refused promotion to the audit trail; the alias stays where it is. */
  recordAliasDecision(d: AliasDecision): Promise<AliasAuditEntry>;
  /** The audit trail of a model's aliases (or one alias), in commit order. */
  listAliasAudit(name: string, alias?: string): Promise<AliasAuditEntry[]>;
  /** True when any committed row points to this artifact. */
  isArtifactReferenced(sha256: string): Promise<boolean>;
  close(): Promise<void>;
}
