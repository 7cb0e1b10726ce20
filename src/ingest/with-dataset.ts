import { dirname, join } from 'node:path';
import { DuckDBEngine, quoteLiteral } from '../engine/index.js';
import type { DatasetVersionRecord, Home } from '../store/index.js';

/**
 * Runs `fn` with a fresh engine in which the dataset version's snapshot is
 * the view `data`. The engine is sandboxed to the snapshot and a private
 * staging folder, so user SQL run inside it cannot reach other files.
 *
 * @example
 * ```ts
 * const n = await withDataset(home, rec, async (engine) => (await engine.rows('SELECT count(*) AS n FROM data'))[0].n);
 * ```
 */
export async function withDataset<T>(
  home: Home,
  record: DatasetVersionRecord,
  fn: (engine: DuckDBEngine, stagingDir: string) => Promise<T>,
): Promise<T> {
  const path = await home.artifacts.localPath(record.artifact);
  const staging = home.stagingDir();
  const engine = await DuckDBEngine.open({ tempDir: join(staging, 'spill') });
  try {
    await bindData(engine, path, staging);
    return await fn(engine, staging);
  } finally {
    engine.close();
    home.releaseStaging(staging);
  }
}

/** Exposes a snapshot as the view `data`, then locks the engine to it and the staging folder. */
export async function bindData(engine: DuckDBEngine, snapshot: string, staging: string): Promise<void> {
  await engine.run(`CREATE VIEW data AS SELECT * FROM read_parquet(${quoteLiteral(snapshot)})`);
  await engine.sandbox([dirname(snapshot), staging]);
}
