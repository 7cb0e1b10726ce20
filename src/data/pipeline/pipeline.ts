import type { Column, ColumnSchema, Frame, LogicalType } from '../../core/index.js';
import { LatheError } from '../../errors.js';
import { RecyclingAllocator, type BufferPool } from './allocator.js';
import { transformers } from './builtins.js';
import { checkInputs, conformInputs, readPipelineJSON } from './pipeline-io.js';
import type { TransformerRegistry } from './registry.js';
import type { Transformer, TransformerJSON } from './transformer.js';


/** An input column as the pipeline saw it at fit, and whether prediction needs it. */
export interface PipelineInput extends ColumnSchema {
  /** A required column must be present at prediction; an optional one is filled as missing. */
  required: boolean;
}

/** An output column of a fitted pipeline. */
export interface PipelineOutput {
  name: string;
  type: LogicalType;
}

/** Options of a {@link Pipeline}. */
export interface PipelineOptions {
  /** Inputs that must be present at prediction (default: those with no missing value at fit). */
  required?: readonly string[];
  /** Inputs that may be absent at prediction and are then filled as missing. */
  optional?: readonly string[];
  /**
   * The target column's name: never an input, even when fit is called
   * without the target, so it cannot leak into the features.
   */
  target?: string;
}

/** Options of {@link Pipeline.transform}. */
export interface TransformOptions {
  /** Reuse output buffers across calls; the previous output with this pool is overwritten. */
  pool?: BufferPool;
}

/** Counters of the last `transform`. */
export interface PipelineStats {
  /** Rows per input column whose category was not seen at fit. */
  unseen: Record<string, number>;
  /** Optional input columns that were absent and filled as missing. */
  absent: string[];
}

/** The serialised pipeline: data only. */
export interface PipelineJSON {
  format: 1;
  /** The target column's name at fit, or null. */
  target: string | null;
  inputs: PipelineInput[];
  outputs: PipelineOutput[];
  steps: TransformerJSON[];
}

interface Fitted {
  target: string | null;
  inputs: PipelineInput[];
  outputs: PipelineOutput[];
}

/**
 * Ordered transformers, fitted on training rows and then applied the same
 * way at prediction time. It remembers the schema of its inputs, so a
 * prediction frame with a missing required column or a column of the
 * wrong type is refused by name, and a missing optional column is filled
 * as all-missing (then imputed by the pipeline's imputers, or left NaN for
 * estimators that handle it). It serialises to plain data (`toJSON`).
 *
 * @example
 * ```ts
 * const p = new Pipeline([new SimpleImputer({ strategy: 'median' }), new StandardScaler()]);
 * const trainX = p.fitTransform(train.drop(['y']), train.column('y'));
 * const json = JSON.stringify(p.toJSON());
 * const same = Pipeline.fromJSON(JSON.parse(json)).transform(test);
 * ```
 */
export class Pipeline {
  readonly steps: readonly Transformer[];
  readonly options: Readonly<PipelineOptions>;
  private fitted: Fitted | null = null;
  /** Intermediate arrays of one transform, reused by the next (they never reach the caller). */
  private readonly scratch = new RecyclingAllocator();
  private stats: PipelineStats = { unseen: {}, absent: [] };

  constructor(steps: readonly Transformer[], options: PipelineOptions = {}) {
    this.steps = Object.freeze([...steps]);
    this.options = Object.freeze({ ...options });
  }

  /** True once fitted or loaded. */
  get isFitted(): boolean {
    return this.fitted !== null;
  }

  /** Fits every step in order, each on the previous step's output. */
  fit(frame: Frame, target?: Column): this {
    this.fitTransform(frame, target);
    return this;
  }

  /**
   * Fits and returns the transformed training rows. Each step is fitted with
   * its own `fitTransform`, so a target encoder feeds later steps (and the
   * estimator) out-of-fold values, never values computed from a row's own target.
   */
  fitTransform(frame: Frame, target?: Column): Frame {
    if (frame.rows === 0) throw new LatheError('BAD_INPUT', 'cannot fit a pipeline on zero rows', { hint: 'check the dataset and the split; the training rows are empty' });
    // A fit that fails half-way must not leave a pipeline that looks fitted with half-refitted steps.
    this.fitted = null;
    const targets = [target?.name, this.options.target].filter((n): n is string => n !== undefined && frame.has(n));
    let x = targets.length > 0 ? frame.drop(targets) : frame;
    const inputs = checkInputs(x.schema(), this.options);
    for (const step of this.steps) x = step.fitTransform(x, target);
    this.fitted = { target: target?.name ?? this.options.target ?? null, inputs, outputs: x.columns.map((c) => ({ name: c.name, type: c.type })) };
    this.stats = { unseen: {}, absent: [] };
    return x;
  }

  /**
   * Applies the fitted steps to new rows. Input columns are checked against
   * the fitted schema first; columns the pipeline did not see at fit are
   * dropped, and the output has exactly {@link outputColumns}, in order.
   * With `opts.pool`, output arrays are reused from the previous call with
   * that pool (see {@link BufferPool}).
   */
  transform(frame: Frame, opts: TransformOptions = {}): Frame {
    const f = this.requireFitted();
    opts.pool?.reset();
    const alloc = opts.pool ?? this.scratch.begin();
    const { frame: conformed, absent } = conformInputs(frame, f.inputs, alloc);
    let x = conformed;
    // Keyed by column names: a null prototype, so a column named "constructor" counts from 0.
    const unseen: Record<string, number> = Object.create(null);
    for (const step of this.steps) {
      x = step.transform(x, alloc);
      for (const [col, n] of Object.entries(step.lastStats().unseen)) unseen[col] = (unseen[col] ?? 0) + n;
    }
    this.stats = { unseen, absent };
    const out = x.select(f.outputs.map((o) => o.name));
    if (!opts.pool) this.scratch.recycle(out.columns.map((c) => ('values' in c ? c.values : c.codes)));
    return out;
  }

  /** Counters of the last transform: unseen categories per column, absent optional columns. */
  lastStats(): PipelineStats {
    return { unseen: { ...this.stats.unseen }, absent: [...this.stats.absent] };
  }

  /** The columns `transform` returns, in order. */
  outputColumns(): PipelineOutput[] {
    return this.requireFitted().outputs.map((o) => ({ ...o }));
  }

  /** The input columns seen at fit, with their types and whether they are required. */
  inputColumns(): PipelineInput[] {
    return this.requireFitted().inputs.map((i) => ({ ...i }));
  }

  /** Plain data: format version, schemas and each step's params and state. NOT_FITTED before fit. */
  toJSON(): PipelineJSON {
    const f = this.requireFitted();
    return { format: 1, target: f.target, inputs: this.inputColumns(), outputs: this.outputColumns(), steps: this.steps.map((s) => s.toJSON()) };
  }

  /**
   * Rebuilds a fitted pipeline from {@link toJSON} output (after
   * JSON.parse). Only kinds in `registry` can be built; anything malformed,
   * an unknown kind or format is BAD_INPUT.
   */
  static fromJSON(json: unknown, registry: TransformerRegistry = transformers): Pipeline {
    const data = readPipelineJSON(json);
    const p = new Pipeline(data.steps.map((s) => registry.fromJSON(s)), data.target === null ? {} : { target: data.target });
    p.fitted = { target: data.target, inputs: data.inputs, outputs: data.outputs };
    return p;
  }

  private requireFitted(): Fitted {
    if (!this.fitted) throw new LatheError('NOT_FITTED', 'the pipeline is not fitted', { hint: 'call fit() or fitTransform() on the training rows first, or load a fitted pipeline' });
    return this.fitted;
  }
}
