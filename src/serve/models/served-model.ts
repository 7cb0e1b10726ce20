import type { Frame, LogicalType } from '../../core/index.js';
import type { SignatureInput } from '../../train/package/index.js';

/** What one scoring call gives back. */
export interface Scores {
  /** Regression values, class indices into `classes`, or cluster indices. */
  prediction: Float64Array;
  /** n × classes, row-major; null when the model gives no probabilities. */
  proba: Float64Array | null;
  /** Rows per input column whose category was not seen at training. */
  unseen: Record<string, number>;
}

/**
 * A registered version loaded, verified and warmed, ready to answer. The
 * server holds these; routes never touch packages or the store.
 */
export interface ServedModel {
  name: string;
  version: number;
  /** The artifact sha256 it was loaded from. */
  artifact: string;
  /** `lathe` or `onnx`: the OIP metadata's platform. */
  format: string;
  task: string;
  inputs: readonly SignatureInput[];
  /** Class labels for classifiers, else null. */
  classes: readonly string[] | null;
  /** The target's logical type, which class labels are answered in; null or absent: strings. */
  labelType?: LogicalType | null;
  /**
   * Scores a frame whose columns follow `inputs`. Native models answer
   * synchronously, on the request's turn; ONNX models answer with a promise.
   */
  score(frame: Frame): Scores | Promise<Scores>;
  /** Releases native resources (an onnxruntime session) when the version is unloaded. */
  close?(): Promise<void>;
}
