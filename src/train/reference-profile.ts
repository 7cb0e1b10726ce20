import type { Frame } from '../core/index.js';
import { percentiles } from './metrics/index.js';

/** A compact distribution of one column, for drift checks later. */
export type ReferenceColumn =
  | { name: string; kind: 'numeric'; count: number; missing: number; edges: number[]; fractions: number[] }
  | { name: string; kind: 'categorical'; count: number; missing: number; values: string[]; fractions: number[]; other: number };

/** The reference profile stored in a model package. */
export interface ReferenceProfile {
  rows: number;
  features: ReferenceColumn[];
  prediction: ReferenceColumn | null;
}

const BINS = 10;
const TOP = 50;

/**
 * Summarises the training rows' raw input columns and the model's
 * predictions on them: decile edges and bin fractions for numbers, value
 * frequencies for categories. Monitoring compares live traffic to this.
 */
export function referenceProfile(frame: Frame, prediction: Float64Array | null, classes: readonly string[] | null): ReferenceProfile {
  const features = frame.columns.map((c): ReferenceColumn => {
    if ('codes' in c) return categorical(c.name, c.codes, c.dictionary);
    return numeric(c.name, c.values);
  });
  let pred: ReferenceColumn | null = null;
  if (prediction) {
    pred = classes ? categorical('prediction', Int32Array.from(prediction), classes) : numeric('prediction', prediction);
  }
  return { rows: frame.rows, features, prediction: pred };
}

function numeric(name: string, values: Float64Array): ReferenceColumn {
  const present = values.filter((v) => !Number.isNaN(v));
  const qs = present.length ? percentiles(present, Array.from({ length: BINS - 1 }, (_, i) => ((i + 1) * 100) / BINS)) : [];
  const edges = [...new Set(Array.from(qs))];
  const counts = new Array(edges.length + 1).fill(0);
  for (const v of present) {
    let b = 0;
    while (b < edges.length && v > edges[b]) b++;
    counts[b]++;
  }
  return { name, kind: 'numeric', count: values.length, missing: values.length - present.length, edges, fractions: counts.map((n) => (present.length ? n / present.length : 0)) };
}

function categorical(name: string, codes: Int32Array, dictionary: readonly string[]): ReferenceColumn {
  const counts = new Float64Array(dictionary.length);
  let missing = 0;
  for (const c of codes) if (c < 0) missing++; else counts[c]++;
  const present = codes.length - missing;
  const order = Array.from(dictionary.keys()).filter((i) => counts[i] > 0).sort((a, b) => counts[b] - counts[a]).slice(0, TOP);
  const kept = order.reduce((s, i) => s + counts[i], 0);
  return {
    name,
    kind: 'categorical',
    count: codes.length,
    missing,
    values: order.map((i) => dictionary[i]),
    fractions: order.map((i) => (present ? counts[i] / present : 0)),
    other: present ? (present - kept) / present : 0,
  };
}
