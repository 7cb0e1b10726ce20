/**
 * One measured job in its own process, so its peak RSS is its own.
 * Usage: node --import tsx bench/ingest-worker.ts <job> <file> <home>
 * Prints {"seconds","rows","maxRssMiB"} on stdout.
 */
import '../src/ingest/builtins.js';
import { DuckDBEngine, quoteLiteral } from '../src/engine/index.js';
import { ingest, loadFrame } from '../src/ingest/index.js';
import { Home } from '../src/store/index.js';

const [job, file, homeDir] = process.argv.slice(2);
const reader = file.endsWith('.parquet') ? 'read_parquet' : 'read_csv';
let rows = 0;
const t0 = performance.now();
if (job === 'duckdb-ctas') {
  const e = await DuckDBEngine.open();
  await e.run(`CREATE TABLE t AS SELECT * FROM ${reader}(${quoteLiteral(file)})`);
  rows = Number((await e.rows<{ n: bigint }>('SELECT count(*) AS n FROM t'))[0].n);
  e.close();
} else if (job === 'lathe-ingest') {
  const home = await Home.open({ dir: homeDir });
  rows = (await ingest(home, file, 'bench')).record.rows;
  await home.close();
} else if (job === 'lathe-frame') {
  const home = await Home.open({ dir: homeDir });
  const t = performance.now();
  rows = (await loadFrame(home, 'bench')).rows;
  const seconds = (performance.now() - t) / 1000;
  await home.close();
  process.stdout.write(JSON.stringify({ seconds, rows, maxRssMiB: process.resourceUsage().maxRSS / 1024 }));
  process.exit(0);
} else {
  throw new Error(`unknown job ${job}`);
}
const seconds = (performance.now() - t0) / 1000;
process.stdout.write(JSON.stringify({ seconds, rows, maxRssMiB: process.resourceUsage().maxRSS / 1024 }));
