import { FrequentItems, HyperLogLog, KllSketch, Moments } from '../sketches/index.js';

/** Up to this many values a window keeps the raw values and its tests are exact; beyond, the sketches answer. */
export const RAW_LIMIT = 100_000;

/** A value as the prediction log holds it. */
export type WindowValue = number | string | boolean | null;

/**
 * One column of one window: bounded-memory sketches of everything seen, plus
 * the raw values while there are at most {@link RAW_LIMIT} of them. Numbers
 * feed moments and a KLL sketch; strings and booleans (as text) feed frequent
 * items and a HyperLogLog. Memory is O(1) in the traffic once past the raw
 * limit, and two accumulators of the same column merge (windows from two
 * server processes).
 */
export class ColumnAccumulator {
  rows = 0;
  missing = 0;
  readonly moments = new Moments();
  readonly quantiles = new KllSketch();
  readonly items = new FrequentItems();
  readonly distinct = new HyperLogLog();
  /** Raw present values while the window is small, else null. */
  raw: WindowValue[] | null = [];

  /**
   * @example
   * ```ts
   * const a = new ColumnAccumulator(); a.add(3); a.add('x'); a.add(null); a.rows; // 3
   * ```
   */
  add(v: WindowValue): void {
    this.rows++;
    if (v === null || (typeof v === 'number' && v - v !== 0)) {
      this.missing++;
      this.moments.add(null);
      return;
    }
    if (typeof v === 'number') {
      this.moments.add(v);
      this.quantiles.add(v);
    } else {
      const label = String(v);
      this.items.add(label);
      this.distinct.add(label);
    }
    if (this.raw) {
      this.raw.push(v);
      if (this.raw.length > RAW_LIMIT) this.raw = null;
    }
  }

  /** Folds another accumulator of the same column in. */
  merge(o: ColumnAccumulator): this {
    this.rows += o.rows;
    this.missing += o.missing;
    this.moments.merge(o.moments);
    this.quantiles.merge(o.quantiles);
    this.items.merge(o.items);
    this.distinct.merge(o.distinct);
    this.raw = this.raw && o.raw && this.raw.length + o.raw.length <= RAW_LIMIT ? [...this.raw, ...o.raw] : null;
    return this;
  }

  /** Numbers when every present value was a number (and there was one). */
  get numeric(): boolean {
    return this.moments.count > 0 && this.items.n === 0;
  }

  /** The present values as numbers, when raw values are kept and all are numbers. */
  rawNumbers(): Float64Array | null {
    if (!this.raw || !this.numeric) return null;
    return Float64Array.from(this.raw as number[]);
  }

  /** The present values as labels, when raw values are kept. */
  rawLabels(): string[] | null {
    return this.raw ? this.raw.map(String) : null;
  }
}
