import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import duckdb from '@duckdb/node-bindings';
import { DOUBLE, DuckDBTableFunction } from '@duckdb/node-api';
import type { DuckDBEngine } from '../../engine/index.js';
import type { ChunkScores } from './score-frame.js';

/** Rows handed to DuckDB per call of the table function (DuckDB's vector size). */
const VECTOR = 2048;

/**
 * Holds the scores of every chunk until the output is written: each column
 * (row position, prediction, one per class probability) is appended as raw
 * doubles to its own file in the staging folder, so memory stays at one
 * chunk whatever the input's size. DuckDB reads them back through a table
 * function, `${name}()`, as the final COPY runs.
 *
 * Why not a DuckDB table and its appender: appending 3M rows × 4 doubles
 * took 1–5 s on the benchmark machine, as long as writing the output
 * itself; the raw files take ~60 ms and the table function streams them.
 */
export class ScoreSpill {
  readonly name = '__lathe_scores';
  rows = 0;
  private readonly fds: number[];
  private scratch = new Float64Array(0);

  /** @param width Probability columns per row (0 when the model gives none). */
  constructor(dir: string, private readonly width: number) {
    this.fds = Array.from({ length: 2 + width }, (_, i) => openSync(join(dir, `scores-${i}.f64`), 'w+'));
  }

  /** Appends one chunk's scores; `rowIds` are the rows' 0-based positions in the input. */
  append(rowIds: Float64Array, s: ChunkScores): void {
    const n = rowIds.length;
    write(this.fds[0], rowIds);
    write(this.fds[1], s.prediction.subarray(0, n));
    if (this.width > 0 && s.proba) {
      if (this.scratch.length < n) this.scratch = new Float64Array(n);
      const col = this.scratch.subarray(0, n);
      for (let c = 0; c < this.width; c++) {
        for (let i = 0; i < n; i++) col[i] = s.proba[i * this.width + c];
        write(this.fds[2 + c], col);
      }
    }
    this.rows += n;
  }

  /** Registers `${name}()` on the engine: columns `r`, `p`, `q0`…, in append order. */
  register(engine: DuckDBEngine): void {
    const total = this.rows;
    const buf = new Float64Array(VECTOR);
    let pos = 0;
    const fn = DuckDBTableFunction.create({
      name: this.name,
      bindFunction: (b) => {
        ['r', 'p', ...Array.from({ length: this.width }, (_, i) => `q${i}`)].forEach((c) => b.addResultColumn(c, DOUBLE));
        b.setCardinality(total, true);
      },
      initFunction: () => {},
      mainFunction: (info, out) => {
        try {
          const m = Math.min(VECTOR, total - pos);
          out.rowCount = m;
          for (let c = 0; c < this.fds.length && m > 0; c++) {
            readSync(this.fds[c], new Uint8Array(buf.buffer, 0, m * 8), 0, m * 8, pos * 8);
            duckdb.copy_data_to_vector(duckdb.data_chunk_get_vector(out.chunk, c), 0, buf.buffer, 0, m * 8);
          }
          pos += m;
        } catch (e) {
          info.setError(`reading the staged scores failed: ${(e as Error).message}`);
        }
      },
    });
    engine.conn.registerTableFunction(fn);
  }

  close(): void {
    for (const fd of this.fds) closeSync(fd);
  }
}

function write(fd: number, a: Float64Array): void {
  const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  for (let off = 0; off < bytes.length; ) off += writeSync(fd, bytes, off);
}
