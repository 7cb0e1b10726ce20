import type { ModelPatch, ModelVersionRecord } from '../store/index.js';

/** Options of every way to register a version. */
export interface RegisterOptions extends ModelPatch {
  /** The registered model's name; created on first use. */
  name: string;
  /** ONNX imports: the declared column signature (see `readSignatureFile`). */
  signature?: unknown;
  /** Who registers it; default `currentActor()`. */
  actor?: string;
}

/** A registered version, and whether this call created it (false: the same package was already that version). */
export interface Registered {
  record: ModelVersionRecord;
  created: boolean;
}

/** Model-level fields to apply; undefined ones leave the model as it is. */
export function patchOf(opts: ModelPatch): ModelPatch {
  const p: ModelPatch = {};
  if (opts.description !== undefined) p.description = opts.description;
  if (opts.tags !== undefined) p.tags = opts.tags;
  return p;
}
