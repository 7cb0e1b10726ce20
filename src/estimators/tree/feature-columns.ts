import type { Frame } from '../../core/index.js';
import { LatheError } from '../../errors.js';
import { checkPredictFrame } from '../target.js';
import type { FeatureBins } from './bin-mapper.js';

/** What a fitted tree model knows of one input column. */
export interface FeatureSpec {
  name: string;
  categorical: boolean;
  /** The training dictionary of a categorical feature; the trees' bitsets index it. */
  dictionary: string[] | null;
}

/** The specs of the fitted features. */
export function featureSpecs(bins: FeatureBins[]): FeatureSpec[] {
  return bins.map((b) => ({ name: b.name, categorical: b.categorical, dictionary: b.categorical ? [...b.dictionary] : null }));
}

const lookups = new WeakMap<FeatureSpec, Map<string, number>>();

/**
 * The columns a tree ensemble reads, one Float64Array per feature: numeric
 * values as they are (the frame's own array, not a copy), and categorical
 * labels as training codes, NaN for missing and the training dictionary's
 * length for a label training never saw (it goes right at every categorical
 * split: no bitset has that bit).
 */
export function encodeColumns(kind: string, frame: Frame, specs: FeatureSpec[]): Float64Array[] {
  checkPredictFrame(kind, frame, specs.map((s) => s.name));
  return specs.map((s) => {
    const col = frame.column(s.name);
    if (!s.categorical) {
      if ('codes' in col) throw typeMismatch(kind, s.name, 'numeric', col.type);
      return col.values;
    }
    if (!('codes' in col)) throw typeMismatch(kind, s.name, 'categorical', col.type);
    let lookup = lookups.get(s);
    if (!lookup) {
      lookup = new Map(s.dictionary!.map((label, code) => [label, code]));
      lookups.set(s, lookup);
    }
    const remap = new Float64Array(col.dictionary.length);
    const unknown = s.dictionary!.length;
    for (let c = 0; c < remap.length; c++) remap[c] = lookup.get(col.dictionary[c]) ?? unknown;
    const out = new Float64Array(col.codes.length);
    for (let i = 0; i < out.length; i++) out[i] = col.codes[i] < 0 ? NaN : remap[col.codes[i]];
    return out;
  });
}

function typeMismatch(kind: string, name: string, want: string, got: string): LatheError {
  return new LatheError('BAD_INPUT', `${kind}: column "${name}" is ${got}, but the model was fitted on a ${want} column`, {
    hint: 'predict on data with the same column types as the training data',
  });
}
