import type { Column } from '../core/index.js';

/**
 * Maps a target column onto a model's class labels (as toClassTarget names
 * them: dictionary strings, numbers as strings, booleans as true/false).
 * Rows whose label the model never saw, or that are missing, get -1.
 */
export function classIndices(col: Column, classes: readonly string[]): { y: Int32Array; unknown: number } {
  const index = new Map(classes.map((c, i) => [c, i]));
  const n = 'codes' in col ? col.codes.length : col.values.length;
  const y = new Int32Array(n);
  let unknown = 0;
  for (let i = 0; i < n; i++) {
    let label: string | undefined;
    if ('codes' in col) label = col.codes[i] < 0 ? undefined : col.dictionary[col.codes[i]];
    else if (!Number.isNaN(col.values[i])) label = col.type === 'boolean' ? String(col.values[i] === 1) : String(col.values[i]);
    const k = label === undefined ? undefined : index.get(label);
    y[i] = k ?? -1;
    if (k === undefined) unknown++;
  }
  return { y, unknown };
}
