import { LatheError } from '../../errors.js';
import { greaterIsBetter, isMetricKey, METRIC_KEYS, type MetricKey } from '../../train/metrics/index.js';

/** A comparison operator of a gate. */
export type GateOp = '>=' | '>' | '<=' | '<';

/** One clause: `<metric> <op> <champion|baseline|number> [± offset]`. */
export interface Gate {
  metric: MetricKey;
  op: GateOp;
  against: 'champion' | 'baseline' | number;
  offset: number;
  /** The clause in canonical form, e.g. `roc_auc >= champion - 0.005`. */
  text: string;
}

/** Short names users type for metric keys. */
export const METRIC_ALIASES: Readonly<Record<string, MetricKey>> = Object.freeze({
  auc: 'roc_auc',
  acc: 'accuracy',
  ap: 'average_precision',
  logloss: 'log_loss',
  bacc: 'balanced_accuracy',
});

const MAX_LENGTH = 1000;

type Token = { kind: 'word' | 'number' | 'op' | 'sign'; text: string; at: number };

/**
 * Parses a gate expression: clauses `<metric> (>=|>|<=|<) (champion|baseline|<number>) [(+|-) <number>]`
 * joined by `and`. It is a small grammar read by a tokenizer and a
 * recursive-descent parser; nothing is evaluated as code. Errors are
 * BAD_USAGE and say where the expression went wrong.
 *
 * @example
 * ```ts
 * parseGate('auc >= champion - 0.005 and acc > 0.9');
 * // [{ metric: 'roc_auc', op: '>=', against: 'champion', offset: -0.005, … }, { metric: 'accuracy', op: '>', against: 0.9, offset: 0, … }]
 * ```
 */
export function parseGate(expr: string): Gate[] {
  if (expr.length > MAX_LENGTH) throw gateError(expr, 0, `is longer than ${MAX_LENGTH} characters`);
  const tokens = tokenize(expr);
  if (tokens.length === 0) throw gateError(expr, 0, 'is empty');
  const gates: Gate[] = [];
  let i = 0;
  const next = (want: string): Token => {
    const t = tokens[i++];
    if (!t) throw gateError(expr, expr.length, `ends early: expected ${want}`);
    return t;
  };
  for (;;) {
    const m = next('a metric name');
    if (m.kind !== 'word') throw gateError(expr, m.at, `expected a metric name, found "${m.text}"`);
    const metric = metricKey(expr, m);
    const op = next('a comparison (>=, >, <=, <)');
    if (op.kind !== 'op') throw gateError(expr, op.at, `expected a comparison (>=, >, <=, <) after "${m.text}", found "${op.text}"`);
    const [against, after] = parseOperand(expr, tokens, i);
    let offset = 0;
    i = after;
    if (tokens[i]?.kind === 'sign') {
      const sign = tokens[i++];
      const n = next('a number');
      if (n.kind !== 'number') throw gateError(expr, n.at, `expected a number after "${sign.text}", found "${n.text}"`);
      offset = (sign.text === '-' ? -1 : 1) * Number(n.text);
    }
    gates.push(makeGate(metric, op.text as GateOp, against, offset));
    if (i === tokens.length) return gates;
    const and = tokens[i++];
    if (and.kind !== 'word' || and.text.toLowerCase() !== 'and') throw gateError(expr, and.at, `expected "and" or the end, found "${and.text}"`);
  }
}

/**
 * The default gates for a primary metric: not worse than the champion, and
 * strictly better than the baseline model, each in the metric's direction.
 */
export function defaultGates(primary: MetricKey): Gate[] {
  const up = greaterIsBetter(primary);
  return [makeGate(primary, up ? '>=' : '<=', 'champion', 0), makeGate(primary, up ? '>' : '<', 'baseline', 0)];
}

function makeGate(metric: MetricKey, op: GateOp, against: Gate['against'], offset: number): Gate {
  const rhs = typeof against === 'number' ? String(against) : against;
  const tail = offset === 0 ? '' : ` ${offset < 0 ? '-' : '+'} ${Math.abs(offset)}`;
  return { metric, op, against, offset, text: `${metric} ${op} ${rhs}${tail}` };
}

function parseOperand(expr: string, tokens: Token[], i: number): [Gate['against'], number] {
  let t = tokens[i];
  if (!t) throw gateError(expr, expr.length, 'ends early: expected champion, baseline or a number');
  if (t.kind === 'word' && (t.text === 'champion' || t.text === 'baseline')) return [t.text, i + 1];
  let sign = 1;
  if (t.kind === 'sign') {
    sign = t.text === '-' ? -1 : 1;
    t = tokens[++i];
    if (!t) throw gateError(expr, expr.length, 'ends early: expected a number');
  }
  if (t.kind !== 'number') throw gateError(expr, t.at, `expected champion, baseline or a number, found "${t.text}"`);
  return [sign * Number(t.text), i + 1];
}

function metricKey(expr: string, t: Token): MetricKey {
  // `test.roc_auc` is how runs name the same metric; accept it.
  const name = t.text.replace(/^test\./, '');
  const key = METRIC_ALIASES[name.toLowerCase()] ?? name;
  if (isMetricKey(key)) return key;
  throw new LatheError('BAD_USAGE', `--gate: unknown metric "${t.text}" at column ${t.at + 1} of "${expr}"`, {
    hint: `use a metric key (${METRIC_KEYS.join(', ')}) or a short name (${Object.keys(METRIC_ALIASES).join(', ')})`,
  });
}

function tokenize(expr: string): Token[] {
  const out: Token[] = [];
  const re = /\s*(?:([A-Za-z_][A-Za-z0-9_.]*)|((?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)|(>=|<=|>|<)|([+-]))/y;
  let at = 0;
  while (at < expr.length) {
    if (/^\s*$/.test(expr.slice(at))) break;
    re.lastIndex = at;
    const m = re.exec(expr);
    if (!m) {
      const pos = at + (expr.slice(at).length - expr.slice(at).trimStart().length);
      throw gateError(expr, pos, `has an unexpected character "${expr[pos]}"`);
    }
    const start = re.lastIndex - m[0].trimStart().length;
    const kind = m[1] !== undefined ? 'word' : m[2] !== undefined ? 'number' : m[3] !== undefined ? 'op' : 'sign';
    out.push({ kind, text: m[0].trim(), at: start });
    at = re.lastIndex;
  }
  return out;
}

function gateError(expr: string, at: number, what: string): LatheError {
  return new LatheError('BAD_USAGE', `--gate "${expr.slice(0, 200)}" ${what} (column ${at + 1})`, {
    hint: "write clauses like 'auc >= champion - 0.005', 'rmse < baseline' or 'acc > 0.9', joined by 'and'",
  });
}
