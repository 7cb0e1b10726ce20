import { LatheError } from '../../errors.js';
import { DataType } from './onnx-proto.js';
import { attr, doubleTensor, type GraphBuilder } from './graph-builder.js';

/** A missing label (code -1 in a Frame; the empty string in an ONNX string tensor). */
export const MISSING = Symbol('missing');
/** Any label no step has seen: every step treats all such labels alike. */
export const UNKNOWN = Symbol('unknown');
/** A label as steps see it: a string, missing, or unknown. */
export type Label = string | typeof MISSING | typeof UNKNOWN;

/** The string an ONNX input carries for a missing categorical value. */
export const MISSING_STRING = '';

/** A numeric column of the graph: a double tensor of shape [N, 1]. */
export interface NumValue {
  kind: 'num';
  value: string;
}

/**
 * A categorical column: the raw string input it comes from and what the
 * steps so far did to its labels. The mapping is kept as a function of the
 * raw label and applied at export time, so a chain of imputers and encoders
 * becomes one lookup table in the graph ({@link lookupColumn}).
 */
export interface CatValue {
  kind: 'cat';
  /** The graph value of the raw input: a string tensor [N, 1]. */
  value: string;
  /** The raw input's name, for error messages. */
  source: string;
  /** Raw label → current label. */
  map: (raw: Label) => Label;
  /** Every label some step compares against; any other raw label behaves as UNKNOWN. */
  labels: Set<string>;
}

/** A column while the pipeline is being exported. */
export type ColValue = NumValue | CatValue;

/** The columns of the frame between two steps, by name, in frame order. */
export type Columns = Map<string, ColValue>;

/** A categorical column after one more label mapping; `known` are the labels the step compares against. */
export function mapLabels(c: CatValue, f: (l: Label) => Label, known: Iterable<string>): CatValue {
  const labels = new Set(c.labels);
  for (const k of known) labels.add(k);
  const prev = c.map;
  return { ...c, map: (raw) => f(prev(raw)), labels };
}

/**
 * Turns a categorical column into numbers: `valueOf` says what each current
 * label becomes. In the graph it is a LabelEncoder from the raw strings to a
 * slot, then a Gather from a table of doubles, so any value (NaN included)
 * is carried exactly.
 */
export function lookupColumn(g: GraphBuilder, c: CatValue, valueOf: (l: Label) => number, hint: string): string {
  const { keys, slots, table } = lookupTable(c, valueOf);
  const slot = g.ml('LabelEncoder', [c.value], [attr.strings('keys_strings', keys), attr.ints('values_int64s', slots), attr.int('default_int64', table.length - 1)]);
  const t = g.constant(`${hint}_table`, doubleTensor(table));
  return g.node('Gather', [t, slot], [attr.int('axis', 0)]);
}

/** A categorical column as int64 slots (for one-hot): LabelEncoder straight to `slotOf`. */
export function slotColumn(g: GraphBuilder, c: CatValue, slotOf: (l: Label) => number): string {
  const keys = [...c.labels];
  checkNoEmptyLabel(c, keys);
  const all = [...keys, MISSING_STRING];
  const values = [...keys.map((k) => slotOf(c.map(k))), slotOf(c.map(MISSING))];
  return g.ml('LabelEncoder', [c.value], [attr.strings('keys_strings', all), attr.ints('values_int64s', values), attr.int('default_int64', slotOf(c.map(UNKNOWN)))]);
}

function lookupTable(c: CatValue, valueOf: (l: Label) => number): { keys: string[]; slots: number[]; table: number[] } {
  const keys = [...c.labels];
  checkNoEmptyLabel(c, keys);
  const table = [...keys.map((k) => valueOf(c.map(k))), valueOf(c.map(MISSING)), valueOf(c.map(UNKNOWN))];
  return { keys: [...keys, MISSING_STRING], slots: Array.from({ length: keys.length + 1 }, (_, i) => i), table };
}

function checkNoEmptyLabel(c: CatValue, keys: string[]): void {
  if (keys.includes(MISSING_STRING)) {
    throw new LatheError('UNSUPPORTED_FORMAT', `column "${c.source}" has the empty string as a category, which ONNX export uses for a missing value`, {
      hint: 'recode the empty label (e.g. to "(empty)") in the data and retrain, then export again',
    });
  }
}

/** The numeric value of a column, or an error naming the step that needed a number. */
export function numOf(cols: Columns, name: string, step: string): string {
  const c = cols.get(name);
  if (!c) throw internal(`${step}: column "${name}" is not in the frame`);
  if (c.kind !== 'num') throw internal(`${step}: column "${name}" is categorical where a number was expected`);
  return c.value;
}

/** The categorical value of a column. */
export function catOf(cols: Columns, name: string, step: string): CatValue {
  const c = cols.get(name);
  if (!c) throw internal(`${step}: column "${name}" is not in the frame`);
  if (c.kind !== 'cat') throw internal(`${step}: column "${name}" is numeric where a category was expected`);
  return c;
}

/**
 * Replaces column `name` in place by `outs` (keeping frame order), as the
 * transformers' replaceColumns does.
 */
export function replaceColumn(cols: Columns, name: string, outs: [string, ColValue][]): Columns {
  const next: Columns = new Map();
  for (const [k, v] of cols) {
    if (k === name) for (const [n, o] of outs) next.set(n, o);
    else next.set(k, v);
  }
  return next;
}

/** A double scalar constant. */
export function scalar(g: GraphBuilder, hint: string, v: number): string {
  return g.constant(hint, doubleTensor([v], []));
}

/** bool → double. */
export function toDouble(g: GraphBuilder, v: string): string {
  return g.node('Cast', [v], [attr.int('to', DataType.DOUBLE)]);
}

function internal(msg: string): LatheError {
  return new LatheError('INTERNAL', `ONNX export: ${msg}`, { hint: 'the model package is inconsistent; report this with the package' });
}
