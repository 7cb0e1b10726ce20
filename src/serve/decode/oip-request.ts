import { Frame, type Column } from '../../core/index.js';
import type { SignatureInput } from '../../train/package/index.js';
import { buildColumn, type ValueKind } from './column-builder.js';
import { SIGNATURE_HINT, inputError, shownName } from './issues.js';

/** A decoded OIP inference request. */
export interface OipRequest {
  /** The request's `id`, when it gave one. */
  id: string | null;
  frame: Frame;
  /** Requested output names, or null for all. */
  outputs: string[] | null;
}

const DATATYPES: Record<string, ValueKind> = {
  BOOL: 'bool',
  UINT8: 'integer', UINT16: 'integer', UINT32: 'integer', UINT64: 'integer',
  INT8: 'integer', INT16: 'integer', INT32: 'integer', INT64: 'integer',
  FP16: 'number', FP32: 'number', FP64: 'number',
  BYTES: 'string',
};

/**
 * The values each integer datatype holds. INT64 and UINT64 stop at 2^53 − 1:
 * a JSON number beyond it has already lost digits when parsed, so it is
 * refused rather than silently rounded.
 */
const INT_RANGES: Record<string, readonly [number, number]> = {
  INT8: [-128, 127], INT16: [-32768, 32767], INT32: [-2147483648, 2147483647], INT64: [-Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  UINT8: [0, 255], UINT16: [0, 65535], UINT32: [0, 4294967295], UINT64: [0, Number.MAX_SAFE_INTEGER],
};

/** The largest finite magnitude of each floating-point datatype. */
const FP_MAX: Record<string, number> = { FP16: 65504, FP32: 3.4028234663852886e38, FP64: Number.MAX_VALUE };

/** Tensor data may be nested as the shape, but never deeper than this. */
const MAX_DEPTH = 8;
const HINT = SIGNATURE_HINT;

interface Tensor {
  name: string;
  shape: number[];
  kind: ValueKind;
  datatype: string;
  data: unknown[];
}

/**
 * Decodes `$inference_request` against a model's signature. Two layouts:
 * one tensor per input column (shape [N] or [N, 1]), or a single 2-D tensor
 * [N, inputs] of numbers in signature order. Every problem is reported at
 * once, as one BAD_INPUT error naming the inputs.
 */
export function decodeOipRequest(body: unknown, inputs: readonly SignatureInput[]): OipRequest {
  if (!isObject(body)) throw inputError(['the body is not a JSON object'], 'send {"inputs": [{"name", "shape", "datatype", "data"}, ...]}');
  const id = body.id === undefined ? null : body.id;
  if (id !== null && (typeof id !== 'string' || id.length > 256)) throw inputError(['"id" is not a string of at most 256 characters'], 'send a string id, or none');
  if (body.parameters !== undefined && !isObject(body.parameters)) throw inputError(['"parameters" is not an object'], 'send parameters as {"key": value}');
  const outputs = decodeOutputs(body.outputs);
  if (!Array.isArray(body.inputs) || body.inputs.length === 0) throw inputError(['"inputs" is not a non-empty array'], 'send {"inputs": [{"name", "shape", "datatype", "data"}, ...]}');
  const issues: string[] = [];
  const tensors = body.inputs.map((t, i) => readTensor(t, i, issues));
  if (issues.length > 0) throw inputError(issues, HINT);
  const ts = tensors as Tensor[];
  const byName = new Set(inputs.map((i) => i.name));
  const frame = ts.length === 1 && !byName.has(ts[0].name) ? matrixFrame(ts[0], inputs) : columnsFrame(ts, inputs);
  return { id, frame, outputs };
}

function decodeOutputs(outputs: unknown): string[] | null {
  if (outputs === undefined) return null;
  if (!Array.isArray(outputs) || !outputs.every((o) => isObject(o) && typeof o.name === 'string')) {
    throw inputError(['"outputs" is not an array of {"name": ...}'], 'ask for outputs as [{"name": "predict"}], or leave "outputs" out for all');
  }
  return outputs.map((o) => (o as { name: string }).name);
}

function readTensor(t: unknown, i: number, issues: string[]): Tensor | null {
  if (!isObject(t)) return fail(issues, `inputs[${i}] is not an object`);
  const label = typeof t.name === 'string' ? `input ${shownName(t.name)}` : `inputs[${i}]`;
  if (typeof t.name !== 'string') issues.push(`inputs[${i}] has no "name"`);
  const kind = typeof t.datatype === 'string' ? DATATYPES[t.datatype] : undefined;
  if (!kind) issues.push(`${label} has datatype ${typeof t.datatype === 'string' ? shownName(t.datatype) : '(none)'}, not one of ${Object.keys(DATATYPES).join(', ')}`);
  const shape = Array.isArray(t.shape) && t.shape.length >= 1 && t.shape.length <= 2 && t.shape.every((d) => Number.isSafeInteger(d) && (d as number) >= 0) ? (t.shape as number[]) : null;
  if (!shape) issues.push(`${label} has a "shape" that is not [N] or [N, M] of whole numbers`);
  if (!Array.isArray(t.data)) issues.push(`${label} has no "data" array`);
  if (!kind || !shape || !Array.isArray(t.data) || typeof t.name !== 'string') return null;
  const data = flatten(t.data);
  if (data === null) return fail(issues, `${label} has "data" nested deeper than ${MAX_DEPTH} levels`);
  const size = shape.reduce((a, b) => a * b, 1);
  if (data.length !== size) return fail(issues, `${label} has ${data.length} values, but its shape [${shape.join(', ')}] needs ${size}`);
  const bad = checkValues(t.datatype as string, data, shape);
  if (bad) return fail(issues, `${label} holds ${bad}`);
  return { name: t.name, shape, kind, datatype: t.datatype as string, data };
}

/**
 * The first value that its datatype cannot hold, described without quoting
 * it, or null: integers in their type's range, finite floats within their
 * width, booleans for BOOL. `null` is a missing value in every datatype.
 */
function checkValues(datatype: string, data: readonly unknown[], shape: readonly number[]): string | null {
  const width = shape.length === 2 ? shape[1] : 1;
  const at = (i: number) => (width === 1 ? `row ${i}` : `row ${Math.floor(i / width)}, column ${i % width}`);
  const range = INT_RANGES[datatype];
  const fpMax = FP_MAX[datatype];
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (v === null) continue;
    if (range) {
      if (typeof v !== 'number' || !Number.isInteger(v)) return `a value that is not a whole number (${at(i)}), as ${datatype} needs`;
      if (v < range[0] || v > range[1]) return `a value outside ${datatype}'s range ${range[0]}…${range[1]} (${at(i)})`;
    } else if (fpMax !== undefined) {
      if (typeof v !== 'number') return `a value that is not a number (${at(i)}), as ${datatype} needs`;
      if (Math.abs(v) > fpMax) return `a value outside ${datatype}'s range ±${fpMax} (${at(i)})`;
    } else if (datatype === 'BOOL' && typeof v !== 'boolean') return `a value that is not true or false (${at(i)}), as BOOL needs`;
    // BYTES is checked against the input's type when its column is built.
  }
  return null;
}

/** Row-major flattening of nested arrays; null when nested too deep. */
function flatten(data: unknown[]): unknown[] | null {
  if (!data.some(Array.isArray)) return data;
  const out: unknown[] = [];
  const walk = (a: unknown[], depth: number): boolean => {
    if (depth > MAX_DEPTH) return false;
    for (const v of a) {
      if (Array.isArray(v)) {
        if (!walk(v, depth + 1)) return false;
      } else out.push(v);
    }
    return true;
  };
  return walk(data, 1) ? out : null;
}

function columnsFrame(ts: Tensor[], inputs: readonly SignatureInput[]): Frame {
  const issues: string[] = [];
  const given = new Map<string, Tensor>();
  for (const t of ts) {
    if (given.has(t.name)) issues.push(`input ${shownName(t.name)} is given twice`);
    given.set(t.name, t);
    if (t.shape.length === 2 && t.shape[1] !== 1) issues.push(`input ${shownName(t.name)} has shape [${t.shape.join(', ')}]; a column tensor is [N] or [N, 1]`);
  }
  const known = new Set(inputs.map((i) => i.name));
  const extra = ts.filter((t) => !known.has(t.name)).map((t) => shownName(t.name));
  if (extra.length > 0) issues.push(`unknown input(s) ${extra.join(', ')}: the model has no such column`);
  const rows = ts[0].shape[0];
  if (ts.some((t) => t.shape[0] !== rows)) issues.push(`the inputs disagree on the number of rows (${[...new Set(ts.map((t) => t.shape[0]))].join(' vs ')})`);
  // As V1 refuses an empty "instances": a zero-row request has nothing to score, and every row-wise step downstream assumes one.
  if (rows === 0) issues.push('the inputs hold no rows (shape [0]); send at least one row');
  const columns: Column[] = [];
  for (const input of inputs) {
    const t = given.get(input.name);
    if (!t) {
      if (input.required) issues.push(`required input "${input.name}" is missing`);
      continue;
    }
    const c = buildColumn(input, t.data, t.kind, issues);
    if (c) columns.push(c);
  }
  if (issues.length > 0) throw inputError(issues, HINT);
  return Frame.of(columns, rows);
}

function matrixFrame(t: Tensor, inputs: readonly SignatureInput[]): Frame {
  const width = inputs.length;
  if (t.shape.length !== 2 || t.shape[1] !== width) {
    throw inputError([`input ${shownName(t.name)} is not a model input, and not a 2-D tensor of shape [N, ${width}] with one column per input`], HINT);
  }
  if (t.kind !== 'number' && t.kind !== 'integer') throw inputError([`the 2-D input ${shownName(t.name)} has datatype ${t.datatype}; it must be FP64, FP32 or INT*`], HINT);
  const dict = inputs.filter((i) => i.type === 'categorical' || i.type === 'text').map((i) => `"${i.name}"`);
  if (dict.length > 0) throw inputError([`the 2-D layout holds numbers only, but input(s) ${dict.join(', ')} are text`], 'send one tensor per input column instead');
  const rows = t.shape[0];
  if (rows === 0) throw inputError([`input ${shownName(t.name)} holds no rows (shape [0, ${width}]); send at least one row`], HINT);
  const issues: string[] = [];
  const columns: Column[] = [];
  inputs.forEach((input, j) => {
    const values = new Array<unknown>(rows);
    for (let r = 0; r < rows; r++) values[r] = t.data[r * width + j];
    const c = buildColumn(input, values, t.kind, issues);
    if (c) columns.push(c);
  });
  if (issues.length > 0) throw inputError(issues, HINT);
  return Frame.of(columns, rows);
}

function fail(issues: string[], issue: string): null {
  issues.push(issue);
  return null;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
