/** The permission a key grants. Scopes are ordered: `admin` ⊇ `predict` ⊇ `read`. */
export type Scope = 'read' | 'predict' | 'admin';

/** A stored API key: never the key itself, only its public id and a salted hash of its secret. */
export interface ApiKeyRecord {
  name: string;
  /** The public part of the key (`lk_<key_id>_<secret>`), used to find the record. */
  key_id: string;
  scope: Scope;
  /** Hex salt and hex sha256(salt ‖ secret). */
  salt: string;
  hash: string;
  created: string;
  created_by: string;
  /** ISO time of revocation, or null while the key is valid. */
  revoked: string | null;
}

/** What a rollout does with an alias's traffic. */
export type RolloutKind = 'canary' | 'shadow';

/**
 * A live rollout on `model@alias`. A canary answers `percent` of the
 * alias's requests; a shadow receives a copy of `percent` of them after the
 * response has been sent, and its answers are only logged.
 */
export interface RolloutRecord {
  model: string;
  alias: string;
  kind: RolloutKind;
  version: number;
  percent: number;
  started: string;
  actor: string;
}

/** One append-only line of the server's audit log. */
export interface ServerAuditEntry {
  seq: number;
  at: string;
  /** Who: an API key's name, or the OS user for CLI actions. */
  actor: string;
  /** e.g. `key.create`, `key.revoke`, `rollout.canary`, `rollout.promote`, `alias.set`. */
  action: string;
  /** What it acted on, e.g. `churn@production` or `key:ci`. */
  target: string;
  detail: unknown;
}

/** One row of the prediction log as it is stored (see `prediction-log.ts` for the reader's shape). */
export interface PredictionRow {
  request_id: string;
  model: string;
  version: number;
  role: 'primary' | 'shadow';
  at_ms: number;
  row_index: number;
  /** JSON object: input column → value. */
  inputs: string;
  /** JSON object: output name → value. */
  outputs: string;
  latency_ms: number;
}

/** A stored prediction row with its id. */
export interface StoredPredictionRow extends PredictionRow {
  id: number;
}

/** Which prediction rows to read, oldest first. */
export interface PredictionQuery {
  /** Only rows with an id greater than this (a cursor for incremental reads). */
  sinceId?: number;
  /** Only rows at or after this epoch-ms time. */
  sinceTime?: number;
  /** Only rows before this epoch-ms time. */
  untilTime?: number;
  /** Include shadow rows (default false: only the answers callers got). */
  includeShadow?: boolean;
  /** At most this many rows (default 1000, at most 100000). */
  limit?: number;
}

/**
 * The serving tables of the metadata store (schema migration 5): API keys,
 * rollouts, the server audit log and the prediction log. Kept apart from
 * {@link MetadataStore} because only the server and its CLI commands use them.
 */
export interface ServeStore {
  addKey(k: ApiKeyRecord): Promise<void>;
  /** Keys by name, revoked ones included. */
  listKeys(): Promise<ApiKeyRecord[]>;
  /** Marks a key revoked; NOT_FOUND when no valid key has that name. */
  revokeKey(name: string, at: string): Promise<ApiKeyRecord>;
  /** Every rollout, or one model's. */
  listRollouts(model?: string): Promise<RolloutRecord[]>;
  /** Starts or replaces the rollout of that kind on `model@alias`. */
  putRollout(r: RolloutRecord): Promise<void>;
  /** Ends rollouts on `model@alias` (one kind, or all); returns those removed. */
  deleteRollouts(model: string, alias: string, kind?: RolloutKind): Promise<RolloutRecord[]>;
  appendAudit(e: Omit<ServerAuditEntry, 'seq'>): Promise<ServerAuditEntry>;
  /** The newest `limit` audit entries, in commit order. */
  listAudit(limit?: number): Promise<ServerAuditEntry[]>;
  /** Appends prediction rows in one transaction. */
  appendPredictions(rows: readonly PredictionRow[]): Promise<void>;
  readPredictions(model: string, q?: PredictionQuery): Promise<StoredPredictionRow[]>;
  close(): Promise<void>;
}
