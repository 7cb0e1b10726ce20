import type { Frame } from '../../core/index.js';
import { LatheError } from '../../errors.js';

/**
 * The feature columns of a frame as numbers, in `names` order (default: the
 * frame's order). Linear models need a numeric design matrix, so a
 * categorical or text column, or a missing or infinite value, is BAD_INPUT
 * naming the column: the feature pipeline imputes and encodes before.
 * The arrays are the frame's own (column-major, not copied).
 */
export function numericFeatures(kind: string, frame: Frame, names: readonly string[] = frame.names): Float64Array[] {
  return names.map((name) => {
    const col = frame.column(name);
    if ('codes' in col) {
      throw new LatheError('BAD_INPUT', `${kind}: feature "${name}" is ${col.type}, and ${kind} needs numeric features`, {
        hint: 'one-hot or ordinal-encode it in the feature pipeline, or drop it',
      });
    }
    const v = col.values;
    for (let i = 0; i < v.length; i++) {
      if (!Number.isFinite(v[i])) {
        throw new LatheError('BAD_INPUT', `${kind}: feature "${name}" has a missing or infinite value at row ${i}`, {
          hint: 'impute missing values in the feature pipeline (e.g. a SimpleImputer) before a linear model',
        });
      }
    }
    return v;
  });
}

/**
 * Checks sample weights: one finite, non-negative number per row with a
 * positive sum. Returns null when no weights were given (all 1).
 */
export function checkSampleWeight(kind: string, rows: number, sw: Float64Array | undefined): Float64Array | null {
  if (sw === undefined) return null;
  if (sw.length !== rows) {
    throw new LatheError('BAD_INPUT', `${kind}: ${sw.length} sample weights for ${rows} rows`, { hint: 'give one weight per training row' });
  }
  let sum = 0;
  for (let i = 0; i < rows; i++) {
    if (!(sw[i] >= 0) || !Number.isFinite(sw[i])) {
      throw new LatheError('BAD_INPUT', `${kind}: sample weight ${sw[i]} at row ${i} is not a finite number ≥ 0`, { hint: 'use finite, non-negative weights' });
    }
    sum += sw[i];
  }
  if (!(sum > 0)) throw new LatheError('BAD_INPUT', `${kind}: the sample weights sum to 0`, { hint: 'give at least one row a positive weight' });
  return sw;
}

/** Σ a·b. */
export function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** The weighted mean of `v` (plain mean when `sw` is null). */
export function weightedMean(v: Float64Array, sw: Float64Array | null): number {
  let s = 0;
  let w = 0;
  for (let i = 0; i < v.length; i++) {
    const wi = sw ? sw[i] : 1;
    s += wi * v[i];
    w += wi;
  }
  return s / w;
}

/**
 * out[i] = intercept + Σ_j coef[offset + j] · cols[j][i]: the linear
 * predictor, one column at a time so the inner loop runs over contiguous
 * memory. `out` is overwritten.
 */
export function linearPredictor(cols: readonly Float64Array[], coef: Float64Array, offset: number, intercept: number, out: Float64Array): Float64Array {
  out.fill(intercept);
  for (let j = 0; j < cols.length; j++) {
    const w = coef[offset + j];
    if (w === 0) continue;
    const x = cols[j];
    for (let i = 0; i < out.length; i++) out[i] += w * x[i];
  }
  return out;
}

/**
 * The Gram matrix XᵀX (p×p, row-major) of column-major X, or XᵀDX with
 * D = diag(d) when weights `d` are given. Rows are taken in blocks small
 * enough to stay in cache, because p separate passes over long columns per
 * entry would be bound by memory bandwidth.
 */
export function gram(cols: readonly Float64Array[], d?: Float64Array): Float64Array {
  const p = cols.length;
  const n = p > 0 ? cols[0].length : 0;
  const g = new Float64Array(p * p);
  const block = 2048;
  const dx = new Float64Array(block);
  for (let start = 0; start < n; start += block) {
    const end = Math.min(n, start + block);
    for (let a = 0; a < p; a++) {
      const xa = cols[a];
      for (let i = start; i < end; i++) dx[i - start] = d ? d[i] * xa[i] : xa[i];
      for (let b = 0; b <= a; b++) {
        const xb = cols[b];
        let s = 0;
        for (let i = start; i < end; i++) s += dx[i - start] * xb[i];
        g[a * p + b] += s;
      }
    }
  }
  for (let a = 0; a < p; a++) for (let b = 0; b < a; b++) g[b * p + a] = g[a * p + b];
  return g;
}
