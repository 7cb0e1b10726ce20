/**
 * Ingest benchmark (issue 2): rows/s and peak RSS of Lathe's ingest against
 * DuckDB's bare CREATE TABLE AS on flights-3m (Parquet and CSV), and the
 * time to load the 3M × 5 Frame. Each job runs in its own process, three
 * times; the median is reported. Run: npm run bench:ingest
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBEngine, quoteLiteral } from '../src/engine/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const parquet = join(here, '..', 'node_modules', 'vega-datasets', 'data', 'flights-3m.parquet');
const out = join(here, 'out');
mkdirSync(out, { recursive: true });
const csv = join(out, 'flights-3m.csv');
if (!existsSync(csv)) {
  const e = await DuckDBEngine.open();
  await e.run(`COPY (SELECT * FROM read_parquet(${quoteLiteral(parquet)})) TO ${quoteLiteral(csv)} (HEADER)`);
  e.close();
}

interface Sample { seconds: number; rows: number; maxRssMiB: number }

function run(job: string, file: string, home: string): Sample {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(here, 'ingest-worker.ts'), job, file, home], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${job} failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as Sample;
}

function median(job: string, file: string, fresh: boolean, reps = 3): Sample {
  const samples: Sample[] = [];
  for (let i = 0; i < reps; i++) {
    const home = fresh ? mkdtempSync(join(tmpdir(), 'lathe-bench-')) : sharedHome;
    samples.push(run(job, file, home));
    if (fresh) rmSync(home, { recursive: true, force: true });
  }
  samples.sort((a, b) => a.seconds - b.seconds);
  return samples[Math.floor(reps / 2)];
}

const sharedHome = mkdtempSync(join(tmpdir(), 'lathe-bench-frame-'));
const lines: string[] = [];
const fmt = (s: Sample) => `${s.seconds.toFixed(3)} s, ${(s.rows / s.seconds / 1e6).toFixed(2)} M rows/s, peak RSS ${s.maxRssMiB.toFixed(0)} MiB`;
for (const [label, file] of [['parquet', parquet], ['csv', csv]] as const) {
  const peer = median('duckdb-ctas', file, true);
  const lathe = median('lathe-ingest', file, true);
  const ratio = (lathe.rows / lathe.seconds) / (peer.rows / peer.seconds);
  lines.push(`| ${label} | DuckDB CTAS | ${fmt(peer)} |`);
  lines.push(`| ${label} | lathe ingest | ${fmt(lathe)} | ${ratio.toFixed(2)}× DuckDB |`);
}
run('lathe-ingest', parquet, sharedHome);
const frame = median('lathe-frame', parquet, false);
lines.push(`| 3M × 5 Frame | loadFrame | ${frame.seconds.toFixed(3)} s, peak RSS ${frame.maxRssMiB.toFixed(0)} MiB |`);
rmSync(sharedHome, { recursive: true, force: true });
console.log(`machine: ${cpus().length} × ${cpus()[0].model}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}, ${new Date().toISOString()}`);
console.log(lines.join('\n'));
