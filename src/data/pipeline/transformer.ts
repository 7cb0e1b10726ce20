import type { Column, Frame } from '../../core/index.js';
import { LatheError } from '../../errors.js';
import { freshAllocator, type ColumnAllocator } from './allocator.js';
import { parseParams, type ParamDefs, type ParamValue } from './params.js';

/** Counters from the last `transform`: rows per column whose category was not seen at fit. */
export interface TransformStats {
  unseen: Record<string, number>;
}

/** The serialised form of a fitted transformer: plain data, never code. */
export interface TransformerJSON {
  /** The registry key, e.g. `standard_scale`. */
  kind: string;
  /** Parameters as given (after checking and defaults). */
  params: Record<string, ParamValue>;
  /** Learned state: strings, numbers and lists (see `state-json.ts` for non-finite numbers). */
  state: Record<string, unknown>;
}

/**
 * One step of a feature pipeline. It is fitted on training rows and then
 * applied unchanged to any frame; it reads typed arrays and returns a new
 * Frame in which the columns it works on are replaced (in place) by its
 * outputs, and every other column is passed through by reference.
 *
 * @example
 * ```ts
 * const s = new StandardScaler({ columns: ['age'] });
 * const out = s.fitTransform(train);
 * const later = s.transform(test); // same mean and scale as train
 * ```
 */
export interface Transformer {
  /** The registry key. */
  readonly kind: string;
  /** Parameters only (never learned state); plain data; frozen. */
  readonly params: Readonly<Record<string, ParamValue | undefined>>;
  /** True after fit or when loaded from JSON. */
  readonly fitted: boolean;
  /** Learns state from `frame` (and `target`, for supervised encoders). */
  fit(frame: Frame, target?: Column): this;
  /**
   * Applies the fitted state; NOT_FITTED before fit. Output arrays come
   * from `alloc` (default: fresh arrays).
   */
  transform(frame: Frame, alloc?: ColumnAllocator): Frame;
  /**
   * Fits and returns the transformed training rows. For most transformers
   * this is fit then transform; a target encoder returns out-of-fold values
   * so that no training row sees its own target.
   */
  fitTransform(frame: Frame, target?: Column): Frame;
  /** Counters of the last transform. */
  lastStats(): TransformStats;
  /** Params plus learned state as JSON-safe data; NOT_FITTED before fit. */
  toJSON(): TransformerJSON;
}

/**
 * The shared mechanics of the built-in transformers: parameter checking,
 * the fitted/not-fitted state machine, unseen counters and the JSON shape.
 * Subclasses implement `learn`, `apply`, `saveState` and `loadState`.
 */
export abstract class BaseTransformer<P extends Record<string, ParamValue | undefined>, S> implements Transformer {
  readonly kind: string;
  readonly params: Readonly<P>;
  private learned: S | null = null;
  // Keyed by column names, which users choose: no prototype to collide with ("constructor", "__proto__").
  private unseen: Record<string, number> = Object.create(null);

  protected constructor(kind: string, defs: ParamDefs, params: unknown) {
    this.kind = kind;
    this.params = parseParams(kind, defs, params) as P;
  }

  get fitted(): boolean {
    return this.learned !== null;
  }

  fit(frame: Frame, target?: Column): this {
    if (target !== undefined) checkTargetLength(this.kind, frame, target);
    this.learned = this.learn(frame, target);
    return this;
  }

  transform(frame: Frame, alloc: ColumnAllocator = freshAllocator): Frame {
    const state = this.state();
    this.unseen = Object.create(null);
    return this.apply(frame, state, alloc);
  }

  fitTransform(frame: Frame, target?: Column): Frame {
    return this.fit(frame, target).transform(frame);
  }

  lastStats(): TransformStats {
    return { unseen: { ...this.unseen } };
  }

  toJSON(): TransformerJSON {
    return { kind: this.kind, params: plainParams(this.params), state: this.saveState(this.state()) };
  }

  /** Loads learned state saved by {@link toJSON}; used by the registry's `fromJSON`. */
  restore(state: unknown): this {
    this.learned = this.loadState(state);
    return this;
  }

  /** The learned state, or NOT_FITTED. */
  protected state(): S {
    if (this.learned === null) {
      throw new LatheError('NOT_FITTED', `${this.kind} is not fitted`, { hint: 'call fit() or fitTransform() first, or load a fitted pipeline' });
    }
    return this.learned;
  }

  /** Sets the learned state, for subclasses that fit in their own `fitTransform`. */
  protected setState(state: S): void {
    this.learned = state;
  }

  /** Clears the counters, for subclasses that transform outside {@link transform}. */
  protected resetStats(): void {
    this.unseen = Object.create(null);
  }

  /** Adds rows with an unseen category for a column to the counters. */
  protected countUnseen(column: string, rows: number): void {
    if (rows > 0) this.unseen[column] = (this.unseen[column] ?? 0) + rows;
  }

  protected abstract learn(frame: Frame, target: Column | undefined): S;
  protected abstract apply(frame: Frame, state: S, alloc: ColumnAllocator): Frame;
  protected abstract saveState(state: S): Record<string, unknown>;
  protected abstract loadState(state: unknown): S;
}

function plainParams(p: Readonly<Record<string, ParamValue | undefined>>): Record<string, ParamValue> {
  const out: Record<string, ParamValue> = {};
  for (const [k, v] of Object.entries(p)) if (v !== undefined) out[k] = Array.isArray(v) ? [...v] : v;
  return out;
}

/** Length of any column. */
export function columnLength(c: Column): number {
  return 'codes' in c ? c.codes.length : c.values.length;
}

function checkTargetLength(kind: string, frame: Frame, target: Column): void {
  if (columnLength(target) !== frame.rows) {
    throw new LatheError('BAD_INPUT', `${kind}: target "${target.name}" has ${columnLength(target)} rows, the frame ${frame.rows}`, {
      hint: 'pass the target column of the same rows as the frame',
    });
  }
}
