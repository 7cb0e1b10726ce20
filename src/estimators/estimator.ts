import type { Column, Frame } from '../core/index.js';

/** What an estimator learns to do. */
export type Task = 'regression' | 'binary' | 'multiclass' | 'clustering';

/** A hyper-parameter value. */
export type ParamValue = number | string | boolean;

/** Hyper-parameters by name; `seed` is shared by every estimator. */
export type Params = Readonly<Record<string, ParamValue>>;

/** Options of {@link Estimator.fit}. */
export interface FitOptions {
  /** One weight per training row; default all 1. */
  sampleWeight?: Float64Array;
  /** A held-out set for early stopping, when the estimator supports it. */
  validation?: { frame: Frame; target: Column; sampleWeight?: Float64Array };
  /** Stops a long fit early; the estimator throws or keeps what it has. */
  signal?: AbortSignal;
  /** Called after each iteration (boosting round, epoch) with progress data. */
  onIteration?: (info: { iteration: number; total: number; trainLoss?: number; validLoss?: number }) => void;
}

/** The serialised form of an estimator: plain data plus typed arrays, never code. */
export interface EstimatorJSON {
  kind: string;
  /** Format version of this estimator's state. */
  format: number;
  task: Task;
  params: Record<string, ParamValue>;
  /** Feature names in the order the estimator expects them. */
  features: string[];
  /** Class labels for classifiers, in the order of predictProba's columns. */
  classes: string[] | null;
  /** Learned state: numbers, strings, arrays, typed arrays, nested objects. */
  state: Record<string, unknown>;
}

/** One feature's importance. */
export interface FeatureImportance {
  feature: string;
  /** Total loss reduction of the feature's splits. */
  gain: number;
  /** Number of splits on the feature. */
  split: number;
}

/**
 * The interface every learning algorithm implements. Features come as a
 * Frame (the pipeline's output); the target as one Column:
 * numeric for regression, categorical / boolean / integer for
 * classification (the estimator records the class labels), none for
 * clustering.
 *
 * @example
 * ```ts
 * const est = createEstimator('gbdt', 'binary', { iterations: 100, seed: 1 });
 * await est.fit(features, target);
 * const p = est.predictProba(test); // n × 2, row-major
 * ```
 */
export interface Estimator {
  readonly kind: string;
  readonly task: Task;
  readonly params: Params;
  /** True once fitted (or loaded). */
  readonly fitted: boolean;
  fit(frame: Frame, target: Column | null, opts?: FitOptions): Promise<void>;
  /**
   * Regression: the predicted values. Classification: the index of the
   * predicted class in `classes`. Clustering: the cluster index.
   */
  predict(frame: Frame): Float64Array;
  /** Classifiers only: class probabilities, n × classes.length, row-major. */
  predictProba?(frame: Frame): Float64Array;
  /** Class labels, for classifiers. */
  classes(): string[] | null;
  /** Importances, where defined. */
  featureImportance?(): FeatureImportance[];
  toJSON(): EstimatorJSON;
}
