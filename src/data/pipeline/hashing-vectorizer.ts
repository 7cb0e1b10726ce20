import type { Column, Frame } from '../../core/index.js';
import type { ColumnAllocator } from './allocator.js';
import { dictionaryOf, numericColumn, replaceColumns, resolveColumns } from './columns.js';
import { murmur3 } from './murmur3.js';
import type { ParamDefs } from './params.js';
import { StateReader } from './state-json.js';
import { BaseTransformer } from './transformer.js';

const KIND = 'hash_text';
const TYPES = ['text', 'categorical'] as const;
const DEFS: ParamDefs = {
  columns: { type: 'columns' },
  n_features: { type: 'number', integer: true, default: 32, min: 1, max: 4096 },
  binary: { type: 'boolean', default: false },
};

/** Parameters of {@link HashingVectorizer}. */
export type HashingVectorizerParams = {
  /** Columns to hash; default every text column. */
  columns?: readonly string[];
  /** Output columns per input, `<col>__h0` … (dense, so kept small); default 32. */
  n_features?: number;
  /** 1 when a bucket has any token instead of the count; default false. */
  binary?: boolean;
};

interface State {
  columns: string[];
}

/** Tokens are maximal runs of letters, digits and underscores, as Python's `\w+`. */
const TOKEN = /[\p{L}\p{N}_]+/gu;
const utf8 = new TextEncoder();

/**
 * Turns text into a hashed bag of words: lowercase, split into `\w+`
 * tokens, and count each token in bucket `|murmur3(token)| mod n_features`
 * (scikit-learn's HashingVectorizer with `alternate_sign=False, norm=None`).
 * Stateless, so there is no vocabulary to store and no unseen word; each
 * distinct string is tokenised once per frame, not once per row.
 *
 * @example
 * ```ts
 * new HashingVectorizer({ columns: ['title'], n_features: 16 }).fitTransform(frame);
 * // title → title__h0 … title__h15
 * ```
 */
export class HashingVectorizer extends BaseTransformer<HashingVectorizerParams, State> {
  /** The registry key of this transformer. */
  static readonly kind = KIND;

  constructor(params: HashingVectorizerParams = {}) {
    super(KIND, DEFS, params);
  }

  protected learn(frame: Frame): State {
    // With no columns named, only text: categoricals usually want one-hot, not hashing.
    return { columns: resolveColumns(KIND, frame, this.params.columns, this.params.columns ? TYPES : ['text']) };
  }

  protected apply(frame: Frame, s: State, alloc: ColumnAllocator): Frame {
    const nf = this.params.n_features!;
    const replaced = new Map<string, Column[]>();
    for (const name of s.columns) {
      const col = dictionaryOf(KIND, frame, name, TYPES);
      const table = hashDictionary(col.dictionary, nf, this.params.binary!);
      const outs = Array.from({ length: nf }, () => alloc.f64(frame.rows, true));
      const { start, bucket, count } = table;
      for (let i = 0; i < frame.rows; i++) {
        const c = col.codes[i];
        if (c < 0) continue;
        for (let p = start[c]; p < start[c + 1]; p++) outs[bucket[p]][i] = count[p];
      }
      replaced.set(name, outs.map((o, k) => numericColumn(`${name}__h${k}`, 'numeric', o)));
    }
    return replaceColumns(frame, replaced);
  }

  protected saveState(s: State): Record<string, unknown> {
    return { columns: s.columns };
  }

  protected loadState(state: unknown): State {
    return { columns: new StateReader(KIND, state).strings('columns') };
  }
}

/** Per dictionary entry, its non-empty buckets and counts, in CSR form. */
interface HashTable {
  start: Int32Array;
  bucket: Int32Array;
  count: Float64Array;
}

function hashDictionary(dictionary: readonly string[], nf: number, binary: boolean): HashTable {
  const start = new Int32Array(dictionary.length + 1);
  const buckets: number[] = [];
  const counts: number[] = [];
  for (let c = 0; c < dictionary.length; c++) {
    const bag = new Map<number, number>();
    for (const m of dictionary[c].toLowerCase().matchAll(TOKEN)) {
      const b = bucketOf(murmur3(utf8.encode(m[0]), 0), nf);
      bag.set(b, binary ? 1 : (bag.get(b) ?? 0) + 1);
    }
    for (const [b, n] of bag) {
      buckets.push(b);
      counts.push(n);
    }
    start[c + 1] = buckets.length;
  }
  return { start, bucket: Int32Array.from(buckets), count: Float64Array.from(counts) };
}

/** scikit-learn's bucket: |h| mod n, with its special case for -2^31 whose |h| overflows. */
function bucketOf(h: number, nf: number): number {
  return h === -2147483648 ? (2147483647 - (nf - 1)) % nf : Math.abs(h) % nf;
}
