import { open as openFileHandle } from 'node:fs/promises';
import type { DataType, Field, RecordBatch, Schema, Vector } from 'apache-arrow';
import { LatheError, firstLine } from '../../errors.js';
import type { LoadContext, OpenedSource } from '../source.js';
import { type Cell, type ColumnKind, TableWriter } from './table-writer.js';

const TABLE = '__arrow';
const MS_PER_DAY = 86_400_000;

type Arrow = typeof import('apache-arrow');
/** Reads row `r` of a column of the current batch as a cell. */
type Getter = (r: number) => Cell;

/**
 * Copies Arrow IPC files (file or stream format) into the DuckDB table
 * `__arrow`, one record batch at a time, so a file larger than memory still
 * loads. Several files must share one schema.
 *
 * Types: Int/Uint → BIGINT (Uint64 → UBIGINT), Float and Decimal → DOUBLE,
 * Bool → BOOLEAN, Utf8 and dictionaries of strings → VARCHAR, Date → DATE,
 * Timestamp → TIMESTAMP (TIMESTAMPTZ when it has a time zone), anything else
 * → VARCHAR as text or JSON.
 */
export async function openArrowFile(paths: string[], ctx: LoadContext, label: string): Promise<OpenedSource> {
  const arrow = await import('apache-arrow');
  let writer: TableWriter | undefined;
  let first: { names: string[]; kinds: ColumnKind[] } | undefined;
  try {
    for (const path of paths) {
      // A FileHandle gives the reader random access: the file format's footer is read and then one
      // batch at a time. From a plain stream, apache-arrow buffers a whole file-format file in memory.
      const fh = await openFileHandle(path, 'r');
      try {
        const reader = await arrow.RecordBatchReader.from(fh);
        await reader.open();
        const schema = reader.schema as Schema | undefined;
        if (!schema || schema.fields.length === 0) throw new Error('no schema found');
        const plan = { names: schema.fields.map((f) => f.name), kinds: schema.fields.map((f) => kindOf(arrow, f.type)) };
        if (!first) {
          first = plan;
          writer = await TableWriter.create(ctx.engine, TABLE, plan.names.map((name, i) => ({ name, kind: plan.kinds[i] })));
        } else if (JSON.stringify(plan) !== JSON.stringify(first)) {
          throw new LatheError('PARSE_ERROR', `${path}: its columns differ from those of ${paths[0]}`, {
            hint: 'ingest files with the same columns and types together, or one at a time',
          });
        }
        for await (const batch of reader as AsyncIterable<RecordBatch>) {
          const getters = schema.fields.map((f, i) => getterOf(arrow, f, batch.getChildAt(i)!));
          writer!.write(batch.numRows, (r, c) => getters[c](r));
          ctx.progress.update({ rows: writer!.rows });
        }
      } finally {
        await fh.close().catch(() => {});
      }
    }
    return { relation: TABLE, rawColumns: first!.names };
  } catch (e) {
    if (e instanceof LatheError) throw e;
    const msg = firstLine(e instanceof Error ? e.message : String(e));
    throw new LatheError('PARSE_ERROR', `${label}: not a readable Arrow IPC file (${msg})`, {
      hint: 'check the file is Arrow IPC (file or stream format), or set --format to its real format',
      cause: e,
    });
  } finally {
    writer?.close();
  }
}

/** The value type of a column: dictionaries are read through to what they encode. */
function valueType(arrow: Arrow, t: DataType): DataType {
  return arrow.DataType.isDictionary(t) ? t.dictionary : t;
}

function kindOf(arrow: Arrow, type: DataType): ColumnKind {
  const t = valueType(arrow, type);
  const { DataType: D } = arrow;
  if (D.isInt(t)) return t.bitWidth === 64 && !t.isSigned ? 'UBIGINT' : 'BIGINT';
  if (D.isFloat(t) || D.isDecimal(t)) return 'DOUBLE';
  if (D.isBool(t)) return 'BOOLEAN';
  if (D.isDate(t)) return 'DATE';
  if (D.isTimestamp(t)) return t.timezone ? 'TIMESTAMPTZ' : 'TIMESTAMP';
  return 'VARCHAR';
}

/** Microseconds per unit of arrow's TimeUnit (SECOND, MILLISECOND, MICROSECOND); NANOSECOND divides. */
const MICROS_PER_UNIT = [1_000_000n, 1_000n, 1n];

function getterOf(arrow: Arrow, field: Field, vector: Vector): Getter {
  const { DataType: D } = arrow;
  const t = field.type as DataType;
  const v = valueType(arrow, t);
  const valid = vector.nullCount === 0 ? () => true : (r: number) => vector.isValid(r);
  if (D.isTimestamp(t)) {
    // vector.get() gives milliseconds as a double; the raw int64 values keep every microsecond.
    const values = vector.data[0].values as BigInt64Array;
    const unit = t.unit as number;
    if (unit === 3) return (r) => (valid(r) ? floorDiv(values[r], 1000n) : null);
    const mul = MICROS_PER_UNIT[unit];
    return (r) => (valid(r) ? values[r] * mul : null);
  }
  const get = (r: number): unknown => (valid(r) ? vector.get(r) : null);
  if (D.isInt(v)) return (r) => toBig(get(r));
  if (D.isDecimal(v)) {
    const scale = v.scale;
    return (r) => {
      const x = get(r);
      return x == null ? null : arrow.util.bigNumToNumber(x as never, scale);
    };
  }
  if (D.isFloat(v) || D.isBool(v) || D.isUtf8(v) || D.isLargeUtf8(v)) return (r) => get(r) as Cell;
  if (D.isDate(v)) {
    return (r) => {
      const ms = get(r) as number | null;
      return ms == null ? null : Math.floor(ms / MS_PER_DAY);
    };
  }
  if (D.isTimestamp(v)) {
    // A dictionary of timestamps only offers milliseconds.
    return (r) => {
      const ms = get(r) as number | null;
      return ms == null ? null : BigInt(Math.round(ms)) * 1000n;
    };
  }
  return (r) => toText(get(r));
}

function toBig(x: unknown): bigint | null {
  if (x == null) return null;
  return typeof x === 'bigint' ? x : BigInt(x as number);
}

/** Floor division, so instants before 1970 round down as DuckDB does. */
function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n ? q - 1n : q;
}

/** Text for types DuckDB gets as VARCHAR: binary as `\x` hex, nested values as JSON. */
function toText(x: unknown): string | null {
  if (x == null) return null;
  if (typeof x === 'string') return x;
  if (x instanceof Uint8Array) return `\\x${Buffer.from(x.buffer, x.byteOffset, x.byteLength).toString('hex')}`;
  if (typeof x === 'object') return JSON.stringify(x, (_k, val: unknown) => (typeof val === 'bigint' ? val.toString() : val));
  return String(x);
}
