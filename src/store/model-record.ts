/** How a registered version's files are stored: a Lathe model package, or one ONNX file. */
export type ModelFormat = 'lathe' | 'onnx';

/** A version is READY to take aliases until it is ARCHIVED. */
export type ModelVersionStatus = 'READY' | 'ARCHIVED';

/** A registered model: a name with numbered versions and aliases. */
export interface ModelRecord {
  name: string;
  description: string;
  tags: Record<string, string>;
  created: string;
  updated: string;
  /** The highest existing version, or null when every version was deleted. */
  latest: number | null;
  /** How many versions exist now. */
  versions: number;
  /** Alias → version; stores return it with a null prototype, so any alias name indexes it safely. */
  aliases: Record<string, number>;
}

/** A dataset version and, recursively, the versions it was derived from. */
export interface DatasetLineageNode {
  name: string;
  version: number;
  parents: DatasetLineageNode[];
}

/** Where a model version came from: run, then dataset version, then parent datasets. */
export interface ModelLineage {
  run_id: string | null;
  dataset: { name: string; version: number; hash: string } | null;
  /** The dataset's parents, recursively (from derive). */
  parents: DatasetLineageNode[];
  /**
   * Set when a package folder was registered whose claimed run is not in this
   * home with the same package sha256: `run_id` is then null, and the claim is
   * kept here, unverified.
   */
  imported?: { claimed_run_id: string | null };
}

/** One immutable, numbered version of a registered model. */
export interface ModelVersionRecord {
  model: string;
  version: number;
  /** sha256 of the package folder (its manifest) or of the .onnx file. */
  artifact: string;
  format: ModelFormat;
  /** `binary`, `multiclass`, `regression`, `clustering`, or null when unknown (ONNX). */
  task: string | null;
  /** The model's input/output signature, as the package or the import declared it. */
  signature: unknown;
  /** The metrics recorded when the model was trained. */
  metrics: Record<string, number>;
  lineage: ModelLineage;
  /** What it was registered from: a run id, a package folder, or an .onnx file. */
  source: { kind: 'run' | 'package' | 'onnx'; location: string };
  status: ModelVersionStatus;
  created: string;
  /** Who registered it. */
  created_by: string;
}

/** What a caller supplies to register a version; the store assigns the rest. */
export type NewModelVersion = Omit<ModelVersionRecord, 'version' | 'status' | 'created'>;

/** Model-level fields set on registration; tags merge. */
export interface ModelPatch {
  description?: string;
  tags?: Record<string, string>;
}

/** What an alias audit entry records a move as. */
export type AliasAction = 'set' | 'remove' | 'promote' | 'promote_refused';

/** A request to move (or remove) an alias, recorded in the audit trail in the same transaction. */
export interface AliasMove {
  model: string;
  alias: string;
  /** The version the alias moves to; null removes the alias. */
  version: number | null;
  action: Exclude<AliasAction, 'promote_refused'>;
  /** Who: an API key name or an OS user. */
  actor: string;
  /** Why (`--message`). */
  message: string | null;
  /** A promotion's decision and score sets. */
  decision?: unknown;
  /**
   * When given, the move happens only if the alias still points here (null:
   * nowhere); otherwise CONFLICT. A promotion uses it so the champion it
   * scored is the one it replaces. Plain moves omit it: last writer wins.
   */
  expect?: number | null;
}

/** A promotion that a gate refused: recorded, but the alias stays. */
export interface AliasDecision {
  model: string;
  alias: string;
  /** The candidate version that was refused. */
  candidate: number;
  actor: string;
  message: string | null;
  decision: unknown;
}

/** One append-only line of the alias audit trail. */
export interface AliasAuditEntry {
  /** Increasing across the whole store; the order moves were committed in. */
  seq: number;
  model: string;
  alias: string;
  action: AliasAction;
  old_version: number | null;
  /** The version the alias points at after the entry (for a refusal: the candidate that was refused is in `decision`). */
  new_version: number | null;
  actor: string;
  at: string;
  message: string | null;
  decision: unknown;
}
