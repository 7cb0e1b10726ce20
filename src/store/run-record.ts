/** The states of a run. */
export type RunStatus = 'RUNNING' | 'FINISHED' | 'FAILED' | 'KILLED';

/** A file a run produced, kept in the artifact store. */
export interface RunArtifact {
  /** A path-like name within the run, e.g. `model`, `plots/roc.svg`, `evaluation.json`. */
  name: string;
  sha256: string;
  /** `package` (a model package manifest), `svg`, `json`, … */
  kind: string;
}

/** A tracked train, evaluate, search or trial run. */
export interface RunRecord {
  id: string;
  experiment: string;
  parent: string | null;
  /** `train`, `evaluate`, `search`, `trial`, … */
  kind: string;
  status: RunStatus;
  started: string;
  ended: string | null;
  params: Record<string, unknown>;
  /** Final metrics by flat key, e.g. `test.roc_auc`, `cv.mean.rmse`. */
  metrics: Record<string, number>;
  dataset: { name: string; version: number; hash: string } | null;
  split: Record<string, unknown> | null;
  tags: Record<string, string>;
  artifacts: RunArtifact[];
  error: { code: string; message: string; details?: unknown } | null;
  lathe_version: string;
  git_commit: string | null;
  host: string;
  pid: number;
  /** The run is taken as dead when this passes without a heartbeat. */
  lease_until: string;
}

/** What a caller gives to start a run. */
export type NewRun = Pick<RunRecord, 'id' | 'experiment' | 'parent' | 'kind' | 'params' | 'lathe_version' | 'git_commit' | 'host' | 'pid' | 'lease_until'> &
  Partial<Pick<RunRecord, 'dataset' | 'split' | 'tags'>>;

/** Fields a running run may change; metrics, tags and params merge, artifacts append. */
export interface RunPatch {
  params?: Record<string, unknown>;
  metrics?: Record<string, number>;
  dataset?: RunRecord['dataset'];
  split?: RunRecord['split'];
  tags?: Record<string, string>;
  artifacts?: RunArtifact[];
}

/** Filters for listing runs. */
export interface RunQuery {
  experiment?: string;
  parent?: string;
  status?: RunStatus;
  limit?: number;
}
