/**
 * The model of the serving benchmark: gbdt with 100 trees on the flights
 * task of bench/train/gbdt-data.ts (1.5M rows, delayed = delay > 15, month,
 * day of week, hour, distance, origin, destination), trained once through
 * the real ingest → derive → train → register path and kept in
 * bench/out/serve-home (git-ignored) for later runs.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import '../../src/ingest/builtins.js';
import { derive, ingest } from '../../src/ingest/index.js';
import { setAlias } from '../../src/registry/index.js';
import { Home } from '../../src/store/index.js';
import { defaultConfig, train } from '../../src/train/index.js';
import { PARQUET } from '../train/gbdt-data.js';

const here = dirname(fileURLToPath(import.meta.url));
/** The benchmark's home folder. */
export const BENCH_HOME = join(here, '..', 'out', 'serve-home');

const TASK_SQL = `SELECT
  CAST(month(date) AS DOUBLE) AS month, CAST(dayofweek(date) AS DOUBLE) AS dow, CAST(hour(date) AS DOUBLE) AS hour,
  CAST(distance AS DOUBLE) AS distance, origin, destination, CAST(delay > 15 AS VARCHAR) AS delayed
FROM data LIMIT 1500000`;

/** Makes sure `flights@production` exists in the bench home; returns the training seconds (0 when reused). */
export async function ensureFlightsModel(log: (s: string) => void): Promise<number> {
  const home = await Home.open({ dir: BENCH_HOME });
  try {
    const m = await home.meta.getModel('flights');
    if (m && m.aliases.production !== undefined) return 0;
    if (!existsSync(PARQUET)) throw new Error(`missing ${PARQUET}: run npm install (vega-datasets)`);
    log('training the flights gbdt (100 trees) once; later runs reuse it');
    if (!(await home.meta.getDatasetVersion('flights'))) await ingest(home, PARQUET, 'flights');
    if (!(await home.meta.getDatasetVersion('flights_task'))) await derive(home, 'flights', TASK_SQL, 'flights_task');
    const t0 = performance.now();
    const cfg = { ...defaultConfig('flights_task', 'delayed'), algo: 'gbdt', params: { iterations: 100, num_leaves: 31, learning_rate: 0.1 }, register: 'flights' };
    await train(home, cfg);
    const seconds = (performance.now() - t0) / 1000;
    await setAlias(home, 'flights', 'production', 1, { actor: 'bench' });
    return seconds;
  } finally {
    await home.close();
  }
}

/** One flight, as OIP column tensors, repeated `rows` times. */
export function flightTensors(rows: number): unknown[] {
  const rep = <T>(f: (i: number) => T) => Array.from({ length: rows }, (_, i) => f(i));
  const airports = ['ORD', 'ATL', 'DFW', 'LAX', 'DEN', 'SFO'];
  return [
    { name: 'month', datatype: 'FP64', shape: [rows], data: rep((i) => 1 + (i % 12)) },
    { name: 'dow', datatype: 'FP64', shape: [rows], data: rep((i) => i % 7) },
    { name: 'hour', datatype: 'FP64', shape: [rows], data: rep((i) => (6 + i) % 24) },
    { name: 'distance', datatype: 'FP64', shape: [rows], data: rep((i) => 300 + ((i * 37) % 2000)) },
    { name: 'origin', datatype: 'BYTES', shape: [rows], data: rep((i) => airports[i % 6]) },
    { name: 'destination', datatype: 'BYTES', shape: [rows], data: rep((i) => airports[(i + 3) % 6]) },
  ];
}
