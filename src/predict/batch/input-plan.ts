import type { LogicalType } from '../../core/index.js';
import { logicalTypeOf, quoteIdent, quoteLiteral } from '../../engine/index.js';
import type { SignatureInput } from '../../train/package/index.js';

/** A column of the input as DuckDB describes it. */
export interface InputColumn {
  name: string;
  /** The DuckDB type, e.g. `VARCHAR`, `BIGINT`. */
  type: string;
}

/** A signature input present in the input: how to read it into a chunk's frame. */
export interface ReadColumn {
  name: string;
  /** The type the model was trained on; the frame column gets this type. */
  type: LogicalType;
  /** SQL producing a value `readFrame` can read as `type`. */
  expr: string;
}

/** A per-row check: `sql` is a non-null boolean, true when the row is bad. */
export interface RowCheck {
  sql: string;
  reason: string;
}

/** How an input is checked against a model's signature and read, chunk by chunk. */
export interface InputPlan {
  reads: ReadColumn[];
  checks: RowCheck[];
  /** Columns passed through to the output, in order. */
  keep: string[];
  /** Column-level mismatches: any one of them refuses the whole input. */
  problems: string[];
  warnings: string[];
}

/** How a value of one DuckDB type becomes the model's type, or why it cannot. */
type Conversion = { select: string; check?: string; reason?: string; warning?: string } | { error: string };

const NUMBER: readonly LogicalType[] = ['numeric', 'integer'];
const DICTIONARY: readonly LogicalType[] = ['categorical', 'text'];

/** Strings (and JSON) may hold a valid value in any row, so they are converted row by row. */
function isStringy(duckType: string): boolean {
  const t = duckType.toUpperCase();
  return t === 'VARCHAR' || t === 'JSON' || t.startsWith('ENUM');
}

function convert(input: SignatureInput, duckType: string): Conversion {
  const q = quoteIdent(input.name);
  const given = logicalTypeOf(duckType);
  const target = input.type;
  const parse = (sqlType: string, what: string): Conversion => {
    const cast = `TRY_CAST(CAST(${q} AS VARCHAR) AS ${sqlType})`;
    return { select: cast, check: `(${q} IS NOT NULL AND ${cast} IS NULL)`, reason: `column "${input.name}" is not ${what}` };
  };
  if (NUMBER.includes(target)) {
    if (NUMBER.includes(given)) return { select: q };
    if (isStringy(duckType)) return parse('DOUBLE', 'a number');
  } else if (target === 'boolean') {
    if (given === 'boolean') return { select: q };
    if (isStringy(duckType)) return parse('BOOLEAN', 'a boolean');
  } else if (target === 'datetime') {
    if (given === 'datetime') return { select: q };
    if (isStringy(duckType)) return parse('TIMESTAMP', 'a date or time');
  } else if (DICTIONARY.includes(target)) {
    if (DICTIONARY.includes(given)) return { select: q };
    // CSV readers infer codes such as zip codes as integers; their text is the category.
    if (given === 'integer') return { select: q, warning: `column "${input.name}" is ${duckType} in the input and is read as text, as the model was trained on` };
  }
  return { error: `column "${input.name}" is ${given} (${duckType}), but the model needs ${target}` };
}

/**
 * Compares the input's columns with the model's signature, once, before any
 * row is read: absent required columns, columns of a type that cannot hold
 * the model's type, and `--keep` columns that are not there are problems (all
 * of them reported together); unused columns and absent optional ones are
 * warnings. Columns that can be converted value by value (strings holding
 * numbers, booleans or dates) get per-row checks instead, as do required
 * columns whose signature says they never had a missing value.
 */
export function planInput(signature: readonly SignatureInput[], columns: readonly InputColumn[], keep: readonly string[]): InputPlan {
  const byName = new Map(columns.map((c) => [c.name, c]));
  const plan: InputPlan = { reads: [], checks: [], keep: [...keep], problems: [], warnings: [] };
  for (const input of signature) {
    const col = byName.get(input.name);
    if (!col) {
      if (input.required) plan.problems.push(`required column "${input.name}" (${input.type}) is missing`);
      else plan.warnings.push(`optional column "${input.name}" is absent; the model treats every value as missing`);
      continue;
    }
    const c = convert(input, col.type);
    if ('error' in c) {
      plan.problems.push(c.error);
      continue;
    }
    plan.reads.push({ name: input.name, type: input.type, expr: c.select });
    if (c.check && c.reason) plan.checks.push({ sql: c.check, reason: c.reason });
    if (c.warning) plan.warnings.push(c.warning);
    if (input.required && !input.nullable) {
      plan.checks.push({ sql: `(${quoteIdent(input.name)} IS NULL)`, reason: `column "${input.name}" has no value, and the model needs one` });
    }
  }
  for (const k of keep) if (!byName.has(k)) plan.problems.push(`--keep column "${k}" is not in the input`);
  const used = new Set([...signature.map((s) => s.name), ...keep]);
  const extra = columns.map((c) => c.name).filter((n) => !used.has(n));
  if (extra.length > 0) {
    const list = extra.map((n) => `"${n}"`).join(', ');
    if (plan.problems.length > 0) plan.problems.push(`extra columns the model does not use: ${list}`);
    else plan.warnings.push(`ignored ${extra.length} input column${extra.length === 1 ? '' : 's'} the model does not use: ${list}`);
  }
  return plan;
}

/** SQL true when any check fails for the row; `false` when there are no checks. */
export function anyCheckFails(plan: InputPlan): string {
  return plan.checks.length === 0 ? 'false' : plan.checks.map((c) => c.sql).join(' OR ');
}

/** SQL for the list of reasons a row fails (empty when it passes). */
export function reasonsList(plan: InputPlan): string {
  if (plan.checks.length === 0) return 'CAST([] AS VARCHAR[])';
  const items = plan.checks.map((c) => `CASE WHEN ${c.sql} THEN ${quoteLiteral(c.reason)} END`);
  return `list_filter([${items.join(', ')}], x -> x IS NOT NULL)`;
}

/** The columns a row of the input is shown with in the rejects file: signature inputs present, then keep columns. */
export function shownColumns(plan: InputPlan): string[] {
  return [...new Set([...plan.reads.map((r) => r.name), ...plan.keep])];
}
