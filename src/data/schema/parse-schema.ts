import { LOGICAL_TYPES, type LogicalType, parseYaml, readYamlText } from '../../core/index.js';
import { LatheError } from '../../errors.js';
import {
  type DatasetSchema,
  type SchemaColumn,
  type ValueRange,
  SCHEMA_VERSION,
  parseIsoUtc,
  takesRange,
} from './dataset-schema.js';

const TOP_KEYS = ['version', 'columns', 'categories_strict'];
const COLUMN_KEYS = ['name', 'type', 'nullable', 'required', 'max_missing_rate', 'range', 'categories', 'categories_strict'];
const RANGE_KEYS = ['min', 'max'];
/** Issues listed in one error message; the rest are counted. */
const MAX_LISTED = 5;

type Obj = Record<string, unknown>;

/**
 * Parses and checks a schema written as YAML (or JSON). Strict: a YAML
 * syntax error names its line, and every unknown key, wrong value type or
 * impossible value is reported by its path (`columns[2].range.min`), all at
 * once, as one BAD_INPUT error. Keys left out take their defaults:
 * `nullable: true`, `required: true`, `max_missing_rate: 1`.
 *
 * @example
 * ```ts
 * const schema = parseSchema(readFileSync('schema.yaml', 'utf8'), 'schema.yaml');
 * ```
 */
export function parseSchema(text: string, label: string): DatasetSchema {
  // The shared loader: size, alias and nesting limits, unknown tags refused, one-line errors.
  const raw = parseYaml(text, label);
  const issues: string[] = [];
  const schema = readSchema(raw, issues);
  if (issues.length > 0) {
    const more = issues.length > MAX_LISTED ? `; and ${issues.length - MAX_LISTED} more` : '';
    throw new LatheError('BAD_INPUT', `${label}: ${issues.slice(0, MAX_LISTED).join('; ')}${more}`, {
      hint: 'fix the schema file; `lathe schema infer <ref> -o schema.yaml` writes a valid one to start from',
    });
  }
  return schema;
}

/** Reads and parses a schema file; NOT_FOUND when it does not exist. */
export function readSchemaFile(path: string): DatasetSchema {
  const text = readYamlText(path, { what: 'schema file', missingHint: 'write one with `lathe schema infer <ref> -o schema.yaml`' });
  return parseSchema(text, path);
}

function readSchema(raw: unknown, issues: string[]): DatasetSchema {
  if (!isObject(raw)) {
    issues.push(`the schema must be a mapping with keys ${TOP_KEYS.join(', ')}, got ${describe(raw)}`);
    return { version: SCHEMA_VERSION, columns: [] };
  }
  checkKeys(raw, '', TOP_KEYS, issues);
  if (raw.version !== SCHEMA_VERSION) {
    issues.push(`version must be ${SCHEMA_VERSION}, got ${describe(raw.version)}`);
  }
  if (!Array.isArray(raw.columns)) {
    issues.push(`columns must be a list of columns, got ${describe(raw.columns)}`);
    return { version: SCHEMA_VERSION, columns: [] };
  }
  const columns = raw.columns.map((c, i) => readColumn(c, `columns[${i}]`, issues));
  const strict = readStrict(raw.categories_strict, 'categories_strict', issues);
  const seen = new Set<string>();
  columns.forEach((c, i) => {
    if (c.name !== '' && seen.has(c.name)) issues.push(`columns[${i}].name: column "${c.name}" is listed twice`);
    seen.add(c.name);
  });
  return strict === undefined ? { version: SCHEMA_VERSION, columns } : { version: SCHEMA_VERSION, categories_strict: strict, columns };
}

function readStrict(v: unknown, path: string, issues: string[]): boolean | undefined {
  if (v === undefined || typeof v === 'boolean') return v;
  issues.push(`${path}: expected true or false, got ${describe(v)}`);
  return undefined;
}

function readColumn(raw: unknown, path: string, issues: string[]): SchemaColumn {
  const col: SchemaColumn = { name: '', type: 'text', nullable: true, required: true, max_missing_rate: 1 };
  if (!isObject(raw)) {
    issues.push(`${path}: expected a mapping with keys ${COLUMN_KEYS.join(', ')}, got ${describe(raw)}`);
    return col;
  }
  checkKeys(raw, path, COLUMN_KEYS, issues);
  if (typeof raw.name === 'string' && raw.name !== '') col.name = raw.name;
  else issues.push(`${path}.name: expected a non-empty string, got ${describe(raw.name)}`);
  if (typeof raw.type === 'string' && (LOGICAL_TYPES as readonly string[]).includes(raw.type)) col.type = raw.type as LogicalType;
  else issues.push(`${path}.type: expected one of ${LOGICAL_TYPES.join(', ')}, got ${describe(raw.type)}`);
  for (const k of ['nullable', 'required'] as const) {
    if (raw[k] === undefined) continue;
    if (typeof raw[k] === 'boolean') col[k] = raw[k] as boolean;
    else issues.push(`${path}.${k}: expected true or false, got ${describe(raw[k])}`);
  }
  const rate = raw.max_missing_rate;
  if (rate !== undefined) {
    if (typeof rate === 'number' && rate >= 0 && rate <= 1) col.max_missing_rate = rate;
    else issues.push(`${path}.max_missing_rate: expected a number from 0 to 1, got ${describe(rate)}`);
  }
  if (raw.range !== undefined) col.range = readRange(raw.range, col.type, `${path}.range`, issues);
  if (raw.categories !== undefined) col.categories = readCategories(raw.categories, col.type, `${path}.categories`, issues);
  const strict = readStrict(raw.categories_strict, `${path}.categories_strict`, issues);
  if (strict !== undefined) col.categories_strict = strict;
  return col;
}

function readRange(raw: unknown, type: LogicalType, path: string, issues: string[]): ValueRange | undefined {
  if (!takesRange(type)) {
    issues.push(`${path}: only numeric, integer and datetime columns take a range, this column is ${type}`);
    return undefined;
  }
  if (!isObject(raw)) {
    issues.push(`${path}: expected a mapping with keys min and/or max, got ${describe(raw)}`);
    return undefined;
  }
  checkKeys(raw, path, RANGE_KEYS, issues);
  const range: ValueRange = {};
  const bounds: number[] = [];
  for (const k of ['min', 'max'] as const) {
    const v = raw[k];
    if (v === undefined) continue;
    if (type === 'datetime') {
      const ms = typeof v === 'string' ? parseIsoUtc(v) : NaN;
      if (Number.isNaN(ms)) issues.push(`${path}.${k}: expected an ISO 8601 date such as "2024-01-31T00:00:00Z", got ${describe(v)}`);
      else {
        range[k] = v as string;
        bounds.push(ms);
      }
    } else if (typeof v === 'number' && !Number.isNaN(v)) {
      range[k] = v;
      bounds.push(v);
    } else {
      issues.push(`${path}.${k}: expected a number, got ${describe(v)}`);
    }
  }
  if (raw.min === undefined && raw.max === undefined) issues.push(`${path}: give min, max or both (or delete the range)`);
  if (bounds.length === 2 && bounds[0] > bounds[1]) {
    issues.push(`${path}: min is greater than max`);
  }
  return range;
}

function readCategories(raw: unknown, type: LogicalType, path: string, issues: string[]): string[] | undefined {
  if (type !== 'categorical') {
    issues.push(`${path}: only categorical columns take categories, this column is ${type}`);
    return undefined;
  }
  if (!Array.isArray(raw)) {
    issues.push(`${path}: expected a list of strings, got ${describe(raw)}`);
    return undefined;
  }
  raw.forEach((v, i) => {
    // A bare 1 or yes in YAML is a number or boolean; asking for quotes keeps
    // the category set exactly what the person meant.
    if (typeof v !== 'string') issues.push(`${path}[${i}]: expected a string, got ${describe(v)} (quote it: "${String(v)}")`);
  });
  return raw.filter((v): v is string => typeof v === 'string');
}

function checkKeys(obj: Obj, path: string, allowed: string[], issues: string[]): void {
  const unknown = Object.keys(obj).filter((k) => !allowed.includes(k));
  if (unknown.length === 0) return;
  const names = unknown.map((k) => `"${k}"`).join(', ');
  issues.push(`${path || 'top level'}: unknown key${unknown.length === 1 ? '' : 's'} ${names} (allowed: ${allowed.join(', ')})`);
}

function isObject(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
}

/** A short description of a bad value for a message. */
function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  const s = JSON.stringify(v);
  const short = s.length > 40 ? `${s.slice(0, 40)}…` : s;
  return `${typeof v} ${short}`;
}
