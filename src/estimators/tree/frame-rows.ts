import { Frame, type Column, Rng } from '../../core/index.js';

/** A frame with only the given rows, in order (columns are copied). */
export function takeRows(frame: Frame, rows: Int32Array): Frame {
  const cols: Column[] = frame.columns.map((c) =>
    'codes' in c ? { ...c, codes: Int32Array.from(rows, (r) => c.codes[r]) } : { ...c, values: Float64Array.from(rows, (r) => c.values[r]) },
  );
  return Frame.of(cols, rows.length);
}

/** Gathers a typed array at the given rows. */
export function takeValues(values: Float64Array, rows: Int32Array): Float64Array {
  return Float64Array.from(rows, (r) => values[r]);
}

/**
 * Splits rows 0..n-1 into training and held-out rows: a seeded random
 * `fraction` (at least one row, never all) is held out. Both lists ascend.
 */
export function holdOut(n: number, fraction: number, seed: number): { train: Int32Array; valid: Int32Array } {
  const rng = new Rng(seed ^ 0x2545f491);
  const order = rng.shuffle(Int32Array.from({ length: n }, (_, i) => i));
  const nv = Math.min(n - 1, Math.max(1, Math.round(n * fraction)));
  return { valid: order.slice(0, nv).sort(), train: order.slice(nv).sort() };
}
