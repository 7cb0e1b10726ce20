/**
 * Count, missing count, mean, variance, min and max of a stream, mergeable
 * exactly (Chan, Golub and LeVeque's pairwise update), in O(1) memory.
 */
export class Moments {
  count = 0;
  missing = 0;
  mean = 0;
  /** Sum of squared deviations from the mean. */
  m2 = 0;
  min = Number.POSITIVE_INFINITY;
  max = Number.NEGATIVE_INFINITY;

  /**
   * Adds one value; NaN, ±Infinity and null count as missing.
   *
   * @example
   * ```ts
   * const m = new Moments(); m.add(1); m.add(3); m.variance(); // 1
   * ```
   */
  add(x: number | null): void {
    if (x === null || x - x !== 0) {
      this.missing++;
      return;
    }
    this.count++;
    const d = x - this.mean;
    this.mean += d / this.count;
    this.m2 += d * (x - this.mean);
    if (x < this.min) this.min = x;
    if (x > this.max) this.max = x;
  }

  /** Folds another stream's moments into these, as if its values had been added here. */
  merge(o: Moments): this {
    this.missing += o.missing;
    if (o.count === 0) return this;
    const n = this.count + o.count;
    const d = o.mean - this.mean;
    this.m2 += o.m2 + (d * d * this.count * o.count) / n;
    this.mean += (d * o.count) / n;
    this.count = n;
    this.min = Math.min(this.min, o.min);
    this.max = Math.max(this.max, o.max);
    return this;
  }

  /** Population variance (ddof = 0); NaN when empty. */
  variance(): number {
    return this.count === 0 ? Number.NaN : this.m2 / this.count;
  }

  toJSON(): MomentsJSON {
    return { count: this.count, missing: this.missing, mean: this.mean, m2: this.m2, min: this.count ? this.min : null, max: this.count ? this.max : null };
  }

  static fromJSON(j: MomentsJSON): Moments {
    const m = new Moments();
    Object.assign(m, { count: j.count, missing: j.missing, mean: j.mean, m2: j.m2 });
    m.min = j.min ?? Number.POSITIVE_INFINITY;
    m.max = j.max ?? Number.NEGATIVE_INFINITY;
    return m;
  }
}

/** The JSON form of {@link Moments}. */
export interface MomentsJSON {
  count: number;
  missing: number;
  mean: number;
  m2: number;
  min: number | null;
  max: number | null;
}
