/**
 * Where transformers get their output arrays. The default allocates fresh
 * arrays, so every output is independent. A {@link BufferPool} hands out
 * the same buffers again on every pass: on machines where first-touching
 * new memory is slow (page faults dominate a dense one-hot of 1M rows),
 * chunked batch scoring transforms several times faster with one.
 */
export interface ColumnAllocator {
  /** A Float64Array of length n; all zeros when `zeroed`, else every entry is about to be written. */
  f64(n: number, zeroed: boolean): Float64Array;
  /** An Int32Array of length n whose every entry is about to be written. */
  i32(n: number): Int32Array;
}

/** Fresh, zeroed arrays every time: outputs never share memory. */
export const freshAllocator: ColumnAllocator = {
  f64: (n) => new Float64Array(n),
  i32: (n) => new Int32Array(n),
};

/**
 * Reuses output buffers across passes: the k-th array asked for in a pass
 * is the k-th array of the previous pass (or a view of its start, for a
 * shorter chunk). So the frame returned by a pass is only valid until the
 * next pass with the same pool: use it for scoring chunk after chunk, never
 * to keep results.
 *
 * @example
 * ```ts
 * const pool = new BufferPool();
 * for (const chunk of chunks) {
 *   const x = pipeline.transform(chunk, { pool }); // overwrites the previous x
 *   write(model.predict(x));
 * }
 * ```
 */
export class BufferPool implements ColumnAllocator {
  private readonly f64s: Float64Array[] = [];
  private readonly i32s: Int32Array[] = [];
  private nextF64 = 0;
  private nextI32 = 0;

  /** Starts a pass: buffers handed out before are handed out again. */
  reset(): void {
    this.nextF64 = 0;
    this.nextI32 = 0;
  }

  f64(n: number, zeroed: boolean): Float64Array {
    const k = this.nextF64++;
    const a = this.f64s[k];
    if (a === undefined || a.length < n) return (this.f64s[k] = new Float64Array(n));
    const view = a.length === n ? a : a.subarray(0, n);
    if (zeroed) view.fill(0);
    return view;
  }

  i32(n: number): Int32Array {
    const k = this.nextI32++;
    const a = this.i32s[k];
    if (a === undefined || a.length < n) return (this.i32s[k] = new Int32Array(n));
    return a.length === n ? a : a.subarray(0, n);
  }

  /** Bytes held by the pool. */
  get bytes(): number {
    let b = 0;
    for (const a of this.f64s) b += a.byteLength;
    for (const a of this.i32s) b += a.byteLength;
    return b;
  }
}

/**
 * Recycles the arrays of intermediate results between passes. Within one
 * `Pipeline.transform`, a step's output is often only the next step's input
 * (an imputed column that is then scaled); those arrays never reach the
 * caller, so the next pass can reuse them instead of faulting in fresh
 * memory. Arrays that end up in the returned frame are never reused.
 */
export class RecyclingAllocator implements ColumnAllocator {
  private readonly free = new Map<string, (Float64Array | Int32Array)[]>();
  private handed: (Float64Array | Int32Array)[] = [];
  private freeBytes = 0;

  /** @param maxBytes Most memory kept for reuse between passes. */
  constructor(private readonly maxBytes = 256 * 2 ** 20) {}

  /** Starts a pass. */
  begin(): this {
    this.handed = [];
    return this;
  }

  f64(n: number, zeroed: boolean): Float64Array {
    const reused = this.take(`f${n}`) as Float64Array | undefined;
    if (reused && zeroed) reused.fill(0);
    const a = reused ?? new Float64Array(n);
    this.handed.push(a);
    return a;
  }

  i32(n: number): Int32Array {
    const a = (this.take(`i${n}`) as Int32Array | undefined) ?? new Int32Array(n);
    this.handed.push(a);
    return a;
  }

  /** Ends a pass: arrays handed out in it and not in `kept` become reusable. */
  recycle(kept: Iterable<ArrayBufferView>): void {
    const keep = new Set<ArrayBufferView>(kept);
    for (const a of this.handed) {
      if (keep.has(a) || this.freeBytes + a.byteLength > this.maxBytes) continue;
      const key = `${a instanceof Float64Array ? 'f' : 'i'}${a.length}`;
      const list = this.free.get(key);
      if (list) list.push(a);
      else this.free.set(key, [a]);
      this.freeBytes += a.byteLength;
    }
    this.handed = [];
  }

  private take(key: string): Float64Array | Int32Array | undefined {
    const a = this.free.get(key)?.pop();
    if (a) this.freeBytes -= a.byteLength;
    return a;
  }
}
