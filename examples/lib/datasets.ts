import { derive, ingest } from '../../src/ingest/index.js';
import type { Home } from '../../src/store/index.js';

/**
 * Ingests a file as `<name>`, then, with `rows`, derives `<name>-sample`: a
 * seeded uniform sample of that many rows (DuckDB reservoir sampling, so a
 * rerun picks the same rows). Returns the ref to work on.
 */
export async function ingestSample(home: Home, file: string, name: string, rows?: number): Promise<{ ref: string; rows: number }> {
  const { record } = await ingest(home, file, name);
  if (rows === undefined || rows >= record.rows) return { ref: `${name}@${record.version}`, rows: record.rows };
  const s = await derive(home, `${name}@${record.version}`, `SELECT * FROM data USING SAMPLE reservoir(${rows} ROWS) REPEATABLE (42)`, `${name}-sample`);
  return { ref: `${s.record.name}@${s.record.version}`, rows: s.record.rows };
}

/**
 * Splits a version into `<name>-train` and `<name>-test` by a hash of the
 * given columns: deterministic, the same row always on the same side, and
 * independent of row order — so every algorithm is compared on the same rows.
 */
export async function hashSplit(home: Home, ref: string, name: string, columns: readonly string[], testPercent = 20): Promise<{ train: string; test: string }> {
  const key = `hash(${columns.map((c) => `"${c}"`).join(', ')}) % 100`;
  const train = await derive(home, ref, `SELECT * FROM data WHERE ${key} >= ${testPercent}`, `${name}-train`);
  const test = await derive(home, ref, `SELECT * FROM data WHERE ${key} < ${testPercent}`, `${name}-test`);
  return { train: `${train.record.name}@${train.record.version}`, test: `${test.record.name}@${test.record.version}` };
}
