import { type Column, Frame } from '../core/index.js';
import { LatheError } from '../errors.js';
import type { FeedType, OnnxInputColumn, OnnxSignature, Ort } from '../registry/onnx/index.js';
import { MISSING_STRING } from '../registry/onnx/index.js';

type OrtTensor = InstanceType<Ort['Tensor']>;

const TEXT = new Set(['categorical', 'text']);

/**
 * The frame's columns in signature order, checked: every required input
 * present, categorical inputs dictionary-encoded and numeric ones numeric.
 * An absent optional input becomes all missing. All problems are reported
 * in one BAD_INPUT error, as the pipeline does for Lathe models.
 */
export function conformOnnxInputs(frame: Frame, inputs: readonly OnnxInputColumn[]): Frame {
  const problems: string[] = [];
  const columns: Column[] = inputs.map((input) => {
    if (!frame.has(input.name)) {
      if (input.required) problems.push(`required column "${input.name}" (${input.type}) is missing`);
      return TEXT.has(input.type)
        ? { name: input.name, type: 'categorical', codes: new Int32Array(frame.rows).fill(-1), dictionary: [] }
        : { name: input.name, type: 'numeric', values: new Float64Array(frame.rows).fill(NaN) };
    }
    const col = frame.column(input.name);
    if (TEXT.has(input.type) !== 'codes' in col) problems.push(`column "${input.name}" is ${col.type}, but the model takes ${input.type}`);
    return col;
  });
  if (problems.length > 0) {
    throw new LatheError('BAD_INPUT', problems.join('; '), {
      hint: `the model needs: ${inputs.map((i) => `${i.name} (${i.type}${i.required ? '' : ', optional'})`).join(', ')}`,
    });
  }
  return Frame.of(columns, frame.rows);
}

/** The graph feeds for rows [start, end) of a conformed frame. */
export function buildFeeds(ort: Ort, sig: OnnxSignature, frame: Frame, start: number, end: number): Record<string, OrtTensor> {
  const n = end - start;
  const w = sig.onnx;
  if (w.layout === 'matrix') {
    const f = frame.columns.length;
    const data = w.feeds[0].elem === 'float' ? new Float32Array(n * f) : new Float64Array(n * f);
    frame.columns.forEach((c, j) => {
      const v = (c as Extract<Column, { values: Float64Array }>).values;
      for (let i = 0; i < n; i++) data[i * f + j] = v[start + i];
    });
    return { [w.feeds[0].name]: new ort.Tensor(data, [n, f]) };
  }
  const feeds: Record<string, OrtTensor> = {};
  w.feeds.forEach((feed, j) => {
    const dims = feed.rank === 1 ? [n] : [n, 1];
    feeds[feed.name] = new ort.Tensor(feed.elem === 'string' ? 'string' : ORT_TYPE[feed.elem], columnData(frame.columns[j], feed.elem, start, end), dims);
  });
  return feeds;
}

const ORT_TYPE: Record<Exclude<FeedType, 'string'>, 'float64' | 'float32' | 'int64' | 'int32' | 'bool'> = {
  double: 'float64',
  float: 'float32',
  int64: 'int64',
  int32: 'int32',
  bool: 'bool',
};

function columnData(c: Column, elem: FeedType, start: number, end: number): Float64Array | Float32Array | BigInt64Array | Int32Array | Uint8Array | string[] {
  if ('codes' in c) {
    const out = new Array<string>(end - start);
    for (let i = start; i < end; i++) out[i - start] = c.codes[i] < 0 ? MISSING_STRING : c.dictionary[c.codes[i]];
    return out;
  }
  const v = c.values;
  if (elem === 'double') return v.slice(start, end);
  if (elem === 'float') return Float32Array.from(v.subarray(start, end));
  for (let i = start; i < end; i++) {
    if (!Number.isInteger(v[i])) {
      throw new LatheError('BAD_INPUT', `column "${c.name}" has ${Number.isNaN(v[i]) ? 'a missing value' : `the value ${v[i]}`} at row ${i}, but the model takes whole numbers (${elem})`, {
        hint: 'fill or drop those rows before scoring',
      });
    }
  }
  if (elem === 'int64') return BigInt64Array.from(v.subarray(start, end), (x) => BigInt(x));
  if (elem === 'int32') return Int32Array.from(v.subarray(start, end));
  return Uint8Array.from(v.subarray(start, end), (x) => (x !== 0 ? 1 : 0));
}
