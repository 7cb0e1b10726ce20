import { type Column, Frame } from '../../core/index.js';
import { type DuckDBEngine, quoteIdent, quoteLiteral, type ReadColumnSpec, readFrame } from '../../engine/index.js';
import { anyCheckFails, type InputPlan, reasonsList, shownColumns } from './input-plan.js';
import type { InputFile } from './input-file.js';

/** Rows that fail one per-row check. */
export interface RejectReason {
  reason: string;
  count: number;
  /** The 1-based position of the first such row in the input. */
  firstRow: number;
}

/** The outcome of checking every row before any is scored. */
export interface RejectSummary {
  /** Rows failing at least one check. */
  rows: number;
  reasons: RejectReason[];
}

/** One chunk of rows that passed the checks. */
export interface Chunk {
  /** 0-based positions of the rows in the input, ascending. */
  rowIds: Float64Array;
  /** The signature inputs present, typed as the model was trained on. */
  frame: Frame;
}

/** The hidden column that carries each row's position through a chunk. */
const ROW = '__lathe_row';
/** Categorical columns with at most this many distinct values share one dictionary across chunks. */
const SHARED_DICTIONARY_MAX = 100_000;

/** A dictionary built once for the whole input, as a DuckDB ENUM type. */
interface SharedDictionary {
  enumType: string;
  values: string[];
}

/**
 * Reads the input file chunk by chunk by `file_row_number` range, which
 * DuckDB prunes to the row groups holding it, so each chunk costs the same
 * however far into the file it is. Rows failing the plan's checks are left
 * out of the chunks; {@link rejectsQuery} lists them with their reasons.
 */
export class ChunkReader {
  private readonly source: string;
  private readonly shared = new Map<string, SharedDictionary>();

  constructor(
    private readonly engine: DuckDBEngine,
    private readonly file: InputFile,
    private readonly plan: InputPlan,
    readonly chunkRows: number,
  ) {
    this.source = `read_parquet(${quoteLiteral(file.path)}, file_row_number = true)`;
  }

  /** How many chunks the input splits into. */
  get chunks(): number {
    return Math.ceil(this.file.rows / this.chunkRows);
  }

  /**
   * Runs every per-row check over the whole input in one scan (of only the
   * checked columns), so a bad row is found before anything is scored.
   */
  async check(): Promise<RejectSummary> {
    const checks = this.plan.checks;
    if (checks.length === 0 || this.file.rows === 0) return { rows: 0, reasons: [] };
    const aggs = checks.flatMap((c, i) => [`count(*) FILTER (WHERE ${c.sql}) AS n${i}`, `min(file_row_number) FILTER (WHERE ${c.sql}) AS f${i}`]);
    const [r] = await this.engine.rows<Record<string, bigint | number | null>>(
      `SELECT count(*) FILTER (WHERE ${anyCheckFails(this.plan)}) AS total, ${aggs.join(', ')} FROM ${this.source}`,
    );
    const reasons = checks
      .map((c, i) => ({ reason: c.reason, count: Number(r[`n${i}`] ?? 0), firstRow: Number(r[`f${i}`] ?? 0) + 1 }))
      .filter((x) => x.count > 0)
      .sort((a, b) => a.firstRow - b.firstRow);
    return { rows: Number(r.total ?? 0), reasons };
  }

  /**
   * Builds one dictionary per categorical column of modest cardinality, for
   * the whole input. Chunks then read such a column as ENUM codes, instead
   * of `readFrame` building a dictionary (a DISTINCT pass) for every chunk;
   * that was about 40% of the read time on flights-3m. Text columns, which
   * may have a value per row, keep per-chunk dictionaries so memory stays
   * bounded by the chunk.
   */
  async prepare(): Promise<void> {
    const cats = this.plan.reads.filter((r) => r.type === 'categorical');
    if (cats.length === 0 || this.file.rows === 0) return;
    const counts = cats.map((c, i) => `approx_count_distinct(${c.expr}) AS d${i}`).join(', ');
    const [d] = await this.engine.rows<Record<string, bigint | number>>(`SELECT ${counts} FROM ${this.source}`);
    for (const [i, c] of cats.entries()) {
      const distinct = Number(d[`d${i}`]);
      if (distinct === 0 || distinct > SHARED_DICTIONARY_MAX) continue;
      const enumType = `__lathe_dictionary_${i}`;
      const value = `CAST(${c.expr} AS VARCHAR)`;
      await this.engine.run(`DROP TYPE IF EXISTS ${enumType}`);
      await this.engine.run(`CREATE TYPE ${enumType} AS ENUM (SELECT DISTINCT ${value} FROM ${this.source} WHERE ${value} IS NOT NULL ORDER BY 1)`);
      const [r] = await this.engine.rows<{ v: string[] }>(`SELECT enum_range(NULL::${enumType}) AS v`);
      this.shared.set(c.name, { enumType, values: r.v });
    }
  }

  /** Chunk `k` (0-based): the passing rows among positions [k·chunkRows, (k+1)·chunkRows). */
  async read(k: number): Promise<Chunk> {
    const from = k * this.chunkRows;
    const to = from + this.chunkRows;
    const skip = this.plan.checks.length > 0 ? ` AND NOT (${anyCheckFails(this.plan)})` : '';
    const exprs = [`CAST(file_row_number AS DOUBLE) AS ${ROW}`];
    const specs: ReadColumnSpec[] = [{ name: ROW, type: 'numeric' }];
    for (const r of this.plan.reads) {
      const dict = this.shared.get(r.name);
      // Shared-dictionary columns travel as numeric codes and become categorical below.
      const expr = dict ? `CAST(enum_code(CAST(CAST(${r.expr} AS VARCHAR) AS ${dict.enumType})) AS DOUBLE)` : r.expr;
      exprs.push(`${expr} AS ${quoteIdent(r.name)}`);
      specs.push({ name: r.name, type: dict ? 'numeric' : r.type });
    }
    const relation = `(SELECT ${exprs.join(', ')} FROM ${this.source} WHERE file_row_number >= ${from} AND file_row_number < ${to}${skip})`;
    const all = await readFrame(this.engine, relation, specs, this.chunkRows);
    const columns = this.plan.reads.map((r) => this.toColumn(all.column(r.name), this.shared.get(r.name)));
    return { rowIds: (all.column(ROW) as { values: Float64Array }).values, frame: Frame.of(columns, all.rows) };
  }

  private toColumn(c: Column, dict: SharedDictionary | undefined): Column {
    if (!dict || !('values' in c)) return c;
    const codes = new Int32Array(c.values.length);
    for (let i = 0; i < codes.length; i++) codes[i] = Number.isNaN(c.values[i]) ? -1 : c.values[i];
    return { name: c.name, type: 'categorical', codes, dictionary: dict.values };
  }

  /** A SELECT of the rejected rows: `row` (1-based), `reasons`, and the row's `values`. */
  rejectsQuery(): string {
    const values = shownColumns(this.plan).map((n) => `${quoteLiteral(n)}: ${quoteIdent(n)}`);
    const struct = values.length > 0 ? `{${values.join(', ')}}` : 'NULL';
    return `SELECT file_row_number + 1 AS "row", ${reasonsList(this.plan)} AS reasons, ${struct} AS "values"
      FROM ${this.source} WHERE ${anyCheckFails(this.plan)} ORDER BY file_row_number`;
  }

  /** The passing rows in input order, with their 0-based position as `${ROW}` and the kept columns. */
  keepRelation(): string {
    const cols = this.plan.keep.map((n) => `, ${quoteIdent(n)}`).join('');
    const pass = this.plan.checks.length > 0 ? ` WHERE NOT (${anyCheckFails(this.plan)})` : '';
    return `(SELECT file_row_number AS ${ROW}${cols} FROM ${this.source}${pass})`;
  }
}

export { ROW as ROW_COLUMN };
