import { LatheError } from '../../errors.js';

/** Rows of each class, grouped: class `c` is `order[start[c]] … order[start[c + 1] - 1]`, in row order. */
export interface ClassIndex {
  classes: number;
  counts: Int32Array;
  start: Int32Array;
  order: Int32Array;
}

/**
 * Groups row indices by label code with a counting sort: two passes, no
 * per-row objects. Missing labels (-1) are refused, because a row with no
 * class cannot be stratified and silently dropping it would change sizes.
 */
export function classIndex(labels: Int32Array): ClassIndex {
  let classes = 0;
  let missing = 0;
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] < 0) missing++;
    else if (labels[i] >= classes) classes = labels[i] + 1;
  }
  if (missing > 0) {
    throw new LatheError('BAD_INPUT', `${missing} row${missing === 1 ? ' has' : 's have'} no label; a stratified split needs a class for every row`, {
      hint: 'drop the rows with a missing target first, or use a random split',
    });
  }
  const counts = new Int32Array(classes);
  for (let i = 0; i < labels.length; i++) counts[labels[i]]++;
  const start = new Int32Array(classes + 1);
  for (let c = 0; c < classes; c++) start[c + 1] = start[c] + counts[c];
  const fill = start.slice(0, classes);
  const order = new Int32Array(labels.length);
  for (let i = 0; i < labels.length; i++) order[fill[labels[i]]++] = i;
  return { classes, counts, start, order };
}

/** The class's name for messages: its dictionary entry, or its code. */
export function className(code: number, names?: readonly string[]): string {
  return names && code < names.length ? `"${names[code]}"` : `code ${code}`;
}

/** Throws BAD_INPUT naming the first class (present at all) with fewer than `min` rows. */
export function requireClassSize(idx: ClassIndex, min: number, why: string, names?: readonly string[]): void {
  for (let c = 0; c < idx.classes; c++) {
    const m = idx.counts[c];
    if (m === 0 || m >= min) continue;
    throw new LatheError('BAD_INPUT', `class ${className(c, names)} has ${m} row${m === 1 ? '' : 's'}; ${why} needs at least ${min} rows of every class`, {
      hint: 'merge or drop rare classes, collect more rows, or use a random split',
    });
  }
}
