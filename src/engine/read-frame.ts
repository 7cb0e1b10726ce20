import duckdb from '@duckdb/node-bindings';
import { Frame, type Column, type LogicalType, isDictionaryEncoded } from '../core/index.js';
import type { DuckDBEngine } from './duckdb-engine.js';
import { logicalTypeOf } from './duckdb-types.js';
import { quoteIdent } from './sql.js';

/** How to read one column; `type` overrides the type guessed from DuckDB. */
export interface ReadColumnSpec {
  name: string;
  type?: LogicalType;
}

/**
 * Reads the result of `relation` (a table, view or `(SELECT …)`) into a Frame,
 * chunk by chunk, straight from DuckDB's vectors into typed arrays. Every
 * column is cast in SQL to a fixed-width type first: DOUBLE for numbers,
 * booleans and datetimes (epoch ms), and INTEGER enum codes for strings, so no
 * per-row JS value is ever made.
 */
export async function readFrame(
  engine: DuckDBEngine,
  relation: string,
  specs?: readonly ReadColumnSpec[],
  rowsHint = 0,
): Promise<Frame> {
  const described = await engine.describe(relation);
  const wanted: readonly ReadColumnSpec[] = specs ?? described.map((d) => ({ name: d.name }));
  const cols = wanted.map((s) => {
    const d = described.find((x) => x.name === s.name);
    return { name: s.name, type: s.type ?? logicalTypeOf(d?.type ?? 'VARCHAR'), duck: d?.type ?? 'VARCHAR' };
  });
  await engine.run(`CREATE OR REPLACE TEMP VIEW __frame_src AS SELECT * FROM ${relation}`);
  const dictionaries: (string[] | null)[] = [];
  const exprs: string[] = [];
  for (let i = 0; i < cols.length; i++) {
    const c = cols[i];
    const q = quoteIdent(c.name);
    if (isDictionaryEncoded(c.type)) {
      const enumName = `__frame_enum_${i}`;
      await engine.run(`DROP TYPE IF EXISTS ${enumName}`);
      await engine.run(
        `CREATE TYPE ${enumName} AS ENUM (SELECT DISTINCT CAST(${q} AS VARCHAR) FROM __frame_src WHERE ${q} IS NOT NULL ORDER BY 1)`,
      );
      const dict = await engine.rows<{ v: string[] }>(`SELECT enum_range(NULL::${enumName}) AS v`);
      dictionaries.push(dict[0]?.v ?? []);
      exprs.push(`CAST(enum_code(CAST(CAST(${q} AS VARCHAR) AS ${enumName})) AS INTEGER)`);
    } else {
      dictionaries.push(null);
      exprs.push(`${numericExpr(q, c.type, c.duck)}`);
    }
  }
  const arrays = cols.map((_, i) => (dictionaries[i] ? new GrowableInt32(rowsHint) : new GrowableFloat64(rowsHint)));
  if (cols.length > 0) {
    const result = await engine.conn.stream(`SELECT ${exprs.join(', ')} FROM __frame_src`);
    for (;;) {
      const chunk = await result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) break;
      const n = chunk.rowCount;
      for (let c = 0; c < cols.length; c++) {
        const vec = duckdb.data_chunk_get_vector(chunk.chunk, c);
        const bytes = duckdb.vector_get_data(vec, n * (dictionaries[c] ? 4 : 8));
        const validity = duckdb.vector_get_validity(vec, Math.ceil(n / 64) * 8);
        arrays[c].append(bytes, n, validity);
      }
    }
  }
  const rows = cols.length > 0 ? arrays[0].length : 0;
  const columns: Column[] = cols.map((c, i) => {
    const dict = dictionaries[i];
    if (dict) return { name: c.name, type: c.type as 'categorical' | 'text', codes: (arrays[i] as GrowableInt32).done(), dictionary: dict };
    return { name: c.name, type: c.type as 'numeric', values: (arrays[i] as GrowableFloat64).done() };
  });
  return Frame.of(columns, rows);
}

function numericExpr(q: string, type: LogicalType, duck: string): string {
  if (type === 'datetime') {
    const t = duck.toUpperCase();
    const ts = t === 'DATE' ? `CAST(${q} AS TIMESTAMP)` : q;
    return `CAST(epoch_ms(${ts}) AS DOUBLE)`;
  }
  return `TRY_CAST(${q} AS DOUBLE)`;
}

/** True when bit `i` of a DuckDB validity mask is set (the row is valid). */
function isValid(validity: Uint8Array, i: number): boolean {
  return (validity[i >> 3] & (1 << (i & 7))) !== 0;
}

class GrowableFloat64 {
  private buf: Float64Array;
  length = 0;
  constructor(capacity: number) {
    this.buf = new Float64Array(Math.max(capacity, 2048));
  }
  append(bytes: Uint8Array, n: number, validity: Uint8Array | null): void {
    if (this.length + n > this.buf.length) {
      const next = new Float64Array(Math.max(this.buf.length * 2, this.length + n));
      next.set(this.buf.subarray(0, this.length));
      this.buf = next;
    }
    const src = new Float64Array(bytes.buffer, bytes.byteOffset, n);
    this.buf.set(src, this.length);
    if (validity && validity.byteLength > 0) {
      for (let i = 0; i < n; i++) if (!isValid(validity, i)) this.buf[this.length + i] = NaN;
    }
    this.length += n;
  }
  done(): Float64Array {
    return this.length === this.buf.length ? this.buf : this.buf.slice(0, this.length);
  }
}

class GrowableInt32 {
  private buf: Int32Array;
  length = 0;
  constructor(capacity: number) {
    this.buf = new Int32Array(Math.max(capacity, 2048));
  }
  append(bytes: Uint8Array, n: number, validity: Uint8Array | null): void {
    if (this.length + n > this.buf.length) {
      const next = new Int32Array(Math.max(this.buf.length * 2, this.length + n));
      next.set(this.buf.subarray(0, this.length));
      this.buf = next;
    }
    this.buf.set(new Int32Array(bytes.buffer, bytes.byteOffset, n), this.length);
    if (validity && validity.byteLength > 0) {
      for (let i = 0; i < n; i++) if (!isValid(validity, i)) this.buf[this.length + i] = -1;
    }
    this.length += n;
  }
  done(): Int32Array {
    return this.length === this.buf.length ? this.buf : this.buf.slice(0, this.length);
  }
}
