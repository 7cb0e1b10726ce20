import { decodeNumber, type TransformerJSON } from '../../data/pipeline/index.js';
import { DataType } from './onnx-proto.js';
import { attr, int64Tensor, type GraphBuilder } from './graph-builder.js';
import { type CatValue, type Columns, type Label, MISSING, UNKNOWN, catOf, lookupColumn, mapLabels, numOf, replaceColumn, scalar, slotColumn, toDouble } from './export-columns.js';

/**
 * `impute`: numeric columns become Where(IsNaN(x), fill, x) in doubles (the
 * ai.onnx.ml Imputer works in float32 and would round); categorical columns
 * map a missing label to the fill label. `add_indicator` adds
 * `<col>__missing` = IsNaN(x) (or label missing) as 0/1 after the column.
 */
export function exportImpute(g: GraphBuilder, cols: Columns, step: TransformerJSON): Columns {
  const names = step.state.columns as string[];
  const types = step.state.types as string[];
  const fills = step.state.fills as unknown[];
  const indicator = step.params.add_indicator === true;
  let out = cols;
  names.forEach((name, j) => {
    const c = out.get(name);
    const categorical = types[j] === 'categorical' || types[j] === 'text';
    if (categorical && c?.kind === 'cat') {
      const fill = String(fills[j]);
      const filled = mapLabels(c, (l) => (l === MISSING ? fill : l), [fill]);
      const parts: [string, CatValue | { kind: 'num'; value: string }][] = [[name, filled]];
      if (indicator) parts.push([`${name}__missing`, { kind: 'num', value: lookupColumn(g, c, (l) => (l === MISSING ? 1 : 0), `${name}_missing`) }]);
      out = replaceColumn(out, name, parts);
      return;
    }
    const v = numOf(out, name, step.kind);
    const nan = g.node('IsNaN', [v]);
    const filled = g.node('Where', [nan, scalar(g, 'fill', decodeNumber(fills[j], 'impute fill')), v]);
    const parts: [string, { kind: 'num'; value: string }][] = [[name, { kind: 'num', value: filled }]];
    if (indicator) parts.push([`${name}__missing`, { kind: 'num', value: toDouble(g, nan) }]);
    out = replaceColumn(out, name, parts);
  });
  return out;
}

/**
 * `one_hot`: a LabelEncoder to the column's slot (kept categories in order,
 * then `__other` for infrequent and unseen labels when the encoder has it;
 * -1 for none), then the ai.onnx.ml OneHotEncoder, split into one 0/1
 * double column per output.
 */
export function exportOneHot(g: GraphBuilder, cols: Columns, step: TransformerJSON): Columns {
  const names = step.state.columns as string[];
  const categories = step.state.categories as string[][];
  const infrequent = step.state.infrequent as string[][];
  let out = cols;
  names.forEach((name, j) => {
    const c = catOf(out, name, step.kind);
    const cats = categories[j];
    const hasOther = infrequent[j].length > 0;
    const width = cats.length + (hasOther ? 1 : 0);
    const index = new Map(cats.map((v, k) => [v, k]));
    const slotOf = (l: Label) => (l === MISSING ? -1 : typeof l === 'string' && index.has(l) ? index.get(l)! : hasOther ? cats.length : -1);
    const labels = [...cats.map((v) => `${name}=${v}`), ...(hasOther ? [`${name}__other`] : [])];
    if (width === 0) {
      out = replaceColumn(out, name, []);
      return;
    }
    const slot = slotColumn(g, mapLabels(c, (l) => l, [...cats, ...infrequent[j]]), slotOf);
    const hot = g.ml('OneHotEncoder', [slot], [attr.ints('cats_int64s', Array.from({ length: width }, (_, k) => k)), attr.int('zeros', 1)]);
    const flat = g.node('Cast', [g.node('Reshape', [hot, g.constant('shape', int64Tensor([-1, width]))])], [attr.int('to', DataType.DOUBLE)]);
    const parts = width === 1 ? [flat] : g.nodeN('Split', [flat], width, [attr.int('axis', 1), attr.int('num_outputs', width)]);
    out = replaceColumn(out, name, labels.map((label, k) => [label, { kind: 'num', value: parts[k] }]));
  });
  return out;
}

/** `ordinal`: numeric output is the category's index (NaN for missing or unseen); categorical output keeps the label when known, else missing. */
export function exportOrdinal(g: GraphBuilder, cols: Columns, step: TransformerJSON): Columns {
  const names = step.state.columns as string[];
  const categories = step.state.categories as string[][];
  const categorical = step.params.output === 'categorical';
  let out = cols;
  names.forEach((name, j) => {
    const c = catOf(out, name, step.kind);
    const index = new Map(categories[j].map((v, k) => [v, k]));
    const known = mapLabels(c, (l) => (typeof l === 'string' && index.has(l) ? l : MISSING), categories[j]);
    if (categorical) out = replaceColumn(out, name, [[name, known]]);
    else {
      const value = lookupColumn(g, known, (l) => (typeof l === 'string' ? index.get(l)! : NaN), `${name}_ordinal`);
      out = replaceColumn(out, name, [[name, { kind: 'num', value }]]);
    }
  });
  return out;
}

/** `target_encode`: each label's smoothed target mean(s), the prior for unseen labels, the last slot for missing. */
export function exportTargetEncode(g: GraphBuilder, cols: Columns, step: TransformerJSON): Columns {
  const names = step.state.columns as string[];
  const k = step.state.k as number;
  const classes = step.state.classes as string[] | null;
  const prior = (step.state.prior as unknown[]).map((x) => decodeNumber(x, 'target_encode prior'));
  const categories = step.state.categories as string[][];
  const enc = (step.state.enc as unknown[][]).map((e) => e.map((x) => decodeNumber(x, 'target_encode value')));
  let out = cols;
  names.forEach((name, j) => {
    const c = mapLabels(catOf(out, name, step.kind), (l) => l, categories[j]);
    const cats = categories[j];
    const index = new Map(cats.map((v, s) => [v, s]));
    const outNames = classes === null ? [name] : classes.map((cl) => `${name}__te=${cl}`);
    const parts = outNames.map((outName, t): [string, { kind: 'num'; value: string }] => {
      const valueOf = (l: Label) => {
        if (l === MISSING) return enc[j][cats.length * k + t];
        if (l === UNKNOWN || !index.has(l)) return prior[t];
        return enc[j][index.get(l)! * k + t];
      };
      return [outName, { kind: 'num', value: lookupColumn(g, c, valueOf, `${name}_te`) }];
    });
    out = replaceColumn(out, name, parts);
  });
  return out;
}
