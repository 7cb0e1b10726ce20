/**
 * Batch prediction benchmark (issue 6): score all 3,000,000 rows of
 * flights-3m.parquet with the flights task model and report rows/s and peak
 * RSS of Lathe's native predictor, of the same model exported to ONNX and
 * run by onnxruntime-node, and of XGBoost's `predict` on a model of the
 * same shape (100 trees, 31 leaves) fitted on the same rows and features.
 * Each job runs in its own child process, so its `maxRSS` (workers
 * included) is its own. Peak RSS is checked against a documented bound;
 * time is reported, never asserted.
 *
 * The model: the issue's gbdt (100 trees, 31 leaves) when `gbdt` is a
 * registered estimator, else logistic regression on the same features (and
 * the output says so). Training data: the first 1.5M rows in file order,
 * target `delay > 15`, features date (expanded by the pipeline), distance,
 * origin, destination. The job scores the Parquet file itself, as a user
 * would: `lathe predict --model <run> --input flights-3m.parquet --output …`.
 *
 * Two comparisons: whole `lathe predict` jobs (read Parquet, check,
 * score, write), native vs ONNX; and scoring alone on the 3M rows already
 * in memory (pipeline + trees), native vs ONNX vs XGBoost (DMatrix +
 * predict, from the same feature matrix Lathe's pipeline produces).
 *
 * Run: node --import tsx bench/predict.bench.ts [--fresh] [--only-scoring]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { estimatorKinds } from '../src/estimators/index.js';
import '../src/estimators/builtins.js';
import '../src/ingest/builtins.js';
import { derive, ingest, loadFrame } from '../src/ingest/index.js';
import { batchPredict, loadOnnxPredictor, Predictor, resolveModelPackage } from '../src/predict/index.js';
import { registerModel } from '../src/registry/index.js';
import { exportedSignature, exportOnnx } from '../src/registry/onnx/index.js';
import { Home } from '../src/store/index.js';
import { defaultConfig, loadPackage, train } from '../src/train/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const PARQUET = join(here, '..', 'node_modules', 'vega-datasets', 'data', 'flights-3m.parquet');
const OUT = join(here, 'out', 'predict');
const HOME = join(OUT, 'home');
/** Peak RSS bound of one 3M-row scoring job (documented in BENCHMARKS.md). */
const RSS_BOUND_MIB = 2048;

interface Sample {
  rows: number;
  seconds: number;
  maxRssMiB: number;
  warnings: string[];
}

/** The child: one scoring job, then its numbers as JSON on stdout. */
async function child(args: string[]): Promise<void> {
  const [run, output, threads, keep] = args;
  const home = await Home.open({ dir: HOME });
  try {
    const r = await batchPredict(home, { model: run, input: PARQUET, output, threads: threads === 'default' ? undefined : Number(threads), keep: keep ? keep.split(',') : [] });
    const sample: Sample = { rows: r.rows, seconds: r.seconds, maxRssMiB: process.resourceUsage().maxRSS / 1024, warnings: r.warnings };
    process.stdout.write(JSON.stringify(sample));
  } finally {
    await home.close();
  }
}

/** Trains the model once and caches its run id in bench/out. */
async function model(fresh: boolean): Promise<{ run: string; algo: string; trainSeconds: number }> {
  const marker = join(OUT, 'model.json');
  if (!fresh && existsSync(marker)) return JSON.parse(readFileSync(marker, 'utf8'));
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  const home = await Home.open({ dir: HOME });
  try {
    await ingest(home, PARQUET, 'flights');
    await derive(
      home,
      'flights',
      `SELECT date, distance, origin, destination, CASE WHEN delay > 15 THEN 'delayed' ELSE 'on_time' END AS status FROM data LIMIT 1500000`,
      'flights_train',
    );
    const gbdt = estimatorKinds().includes('gbdt');
    const params: Record<string, number> = gbdt ? { iterations: 100, num_leaves: 31 } : {};
    const cfg = { ...defaultConfig('flights_train', 'status'), algo: gbdt ? 'gbdt' : 'logistic', params };
    const t = await train(home, cfg);
    const m = { run: t.run_id, algo: cfg.algo, trainSeconds: t.train_seconds };
    writeFileSync(marker, JSON.stringify(m));
    return m;
  } finally {
    await home.close();
  }
}

/** The ONNX export of the run's package, registered once as `flights-onnx` (cached beside the model marker). */
async function onnxModel(run: string): Promise<{ ref: string; bytes: number; exportSeconds: number }> {
  const marker = join(OUT, 'onnx.json');
  if (existsSync(marker)) {
    const cached = JSON.parse(readFileSync(marker, 'utf8'));
    if (cached.run === run) return cached;
  }
  const home = await Home.open({ dir: HOME });
  try {
    const rec = await home.meta.getRun(run);
    const doc = await loadPackage(home, rec!.artifacts.find((a) => a.kind === 'package')!.sha256);
    const t0 = performance.now();
    const bytes = exportOnnx(doc);
    const exportSeconds = (performance.now() - t0) / 1000;
    const file = join(OUT, 'flights.onnx');
    writeFileSync(file, bytes);
    const { record } = await registerModel(home, file, { name: 'flights-onnx', signature: exportedSignature(doc) });
    const m = { run, ref: `flights-onnx:${record.version}`, bytes: bytes.length, exportSeconds };
    writeFileSync(marker, JSON.stringify(m));
    return m;
  } finally {
    await home.close();
  }
}

/** The child of an in-memory scoring job: the 3M rows loaded, then scored three times; the median time. */
async function scoreChild(kind: string, ref: string): Promise<void> {
  const home = await Home.open({ dir: HOME });
  try {
    const frame = await loadFrame(home, 'flights', { columns: ['date', 'distance', 'origin', 'destination'] });
    const resolved = await resolveModelPackage(home, ref);
    const times: number[] = [];
    if (kind === 'native') {
      const p = Predictor.fromDocument(await loadPackage(home, resolved.sha256));
      for (let r = 0; r < 3; r++) {
        const t0 = performance.now();
        p.predict(frame);
        times.push((performance.now() - t0) / 1000);
      }
    } else {
      const p = await loadOnnxPredictor(home, resolved, { chunkRows: 1 << 18 });
      for (let r = 0; r < 3; r++) {
        const t0 = performance.now();
        await p.predict(frame);
        times.push((performance.now() - t0) / 1000);
      }
      await p.close();
    }
    const sample: Sample = { rows: frame.rows, seconds: times.sort((a, b) => a - b)[1], maxRssMiB: process.resourceUsage().maxRSS / 1024, warnings: [] };
    process.stdout.write(JSON.stringify(sample));
  } finally {
    await home.close();
  }
}

function scoreJob(kind: 'native' | 'onnx', ref: string): Sample {
  const r = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--score', kind, ref], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`${kind} scoring failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as Sample;
}

/**
 * The XGBoost peer's inputs: the features Lathe's pipeline gives the trees
 * for all 3M rows (date parts, distance, origin and destination codes), and
 * the labels of the 1.5M training rows; written once as raw doubles.
 */
async function xgboostData(run: string): Promise<string> {
  const dir = join(OUT, 'xgboost');
  if (existsSync(join(dir, 'meta.json'))) return dir;
  mkdirSync(dir, { recursive: true });
  const home = await Home.open({ dir: HOME });
  try {
    const rec = await home.meta.getRun(run);
    const doc = await loadPackage(home, rec!.artifacts.find((a) => a.kind === 'package')!.sha256);
    const frame = await loadFrame(home, 'flights', { columns: ['date', 'distance', 'origin', 'destination', 'delay'] });
    const features = Predictor.fromDocument(doc).pipeline.transform(frame);
    const f = features.columns.length;
    const x = new Float64Array(frame.rows * f);
    features.columns.forEach((c, j) => {
      for (let i = 0; i < frame.rows; i++) x[i * f + j] = 'codes' in c ? (c.codes[i] < 0 ? NaN : c.codes[i]) : c.values[i];
    });
    const delay = (frame.column('delay') as { values: Float64Array }).values;
    const trainRows = 1_500_000;
    const y = Float64Array.from({ length: trainRows }, (_, i) => (delay[i] > 15 ? 1 : 0));
    writeFileSync(join(dir, 'x.f64'), new Uint8Array(x.buffer));
    writeFileSync(join(dir, 'y.f64'), new Uint8Array(y.buffer));
    const categorical = features.columns.map((c, j) => ('codes' in c ? j : -1)).filter((j) => j >= 0);
    writeFileSync(join(dir, 'meta.json'), JSON.stringify({ rows: frame.rows, train_rows: trainRows, features: f, categorical, names: features.names }));
    return dir;
  } finally {
    await home.close();
  }
}

function python(script: string, args: string[]): Record<string, number> {
  const r = spawnSync('/usr/bin/python3', [join(here, script), ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${script} ${args.join(' ')} failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

function row(label: string, s: Sample): string {
  return `| ${label} | ${s.seconds.toFixed(2)} | ${(s.rows / s.seconds / 1e6).toFixed(2)} M | ${s.maxRssMiB.toFixed(0)} MiB |`;
}

/** Scoring alone, the 3M rows in memory: native, ONNX, and XGBoost on a model of the same shape. */
async function scoringOnly(run: string, onnxRef: string): Promise<void> {
  const dir = await xgboostData(run);
  if (!existsSync(join(dir, 'model.json'))) console.log(`xgboost fit: ${python('predict_xgboost.py', [dir, 'train']).train_seconds.toFixed(1)} s on 1.5M rows`);
  console.log('\nscoring only, 3M rows in memory (median of 3 in one process; peak RSS includes loading the rows)\n');
  console.log('| scorer | seconds | rows/s | peak RSS |\n|---|---|---|---|');
  console.log(row('Lathe native Predictor (pipeline + trees, this thread)', scoreJob('native', run)));
  console.log(row(`Lathe ONNX export in onnxruntime-node (${availableParallelism()} intra-op threads)`, scoreJob('onnx', onnxRef)));
  const x = python('predict_xgboost.py', [dir, 'predict']);
  console.log(row(`XGBoost 1.7 DMatrix + predict (${availableParallelism()} threads)`, { rows: x.rows, seconds: x.seconds, maxRssMiB: x.max_rss_mib, warnings: [] }));
}

function job(run: string, threads: number | 'default', ext: string, keep = ''): Sample {
  const output = join(OUT, `scores.${ext}`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', run, output, String(threads), keep], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`scoring failed: ${r.stderr}`);
  const s = JSON.parse(r.stdout) as Sample;
  if (s.rows !== 3_000_000) throw new Error(`scored ${s.rows} rows, expected 3,000,000`);
  return { ...s, warnings: [...s.warnings, `output ${(statSync(output).size / 2 ** 20).toFixed(0)} MiB`] };
}

function median(samples: Sample[]): Sample {
  return [...samples].sort((a, b) => a.seconds - b.seconds)[Math.floor(samples.length / 2)];
}

async function main(): Promise<void> {
  const fresh = process.argv.includes('--fresh');
  const cores = availableParallelism();
  console.log(`machine: ${cores} × ${cpus()[0].model}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}, ${new Date().toISOString()}`);
  console.log(`load average before: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  const m = await model(fresh);
  console.log(`model: ${m.algo}${m.algo === 'gbdt' ? ' (100 trees, 31 leaves)' : ' (gbdt is not registered yet: logistic on the same features)'}, run ${m.run}, fit ${m.trainSeconds.toFixed(1)} s on 1.5M rows`);
  const onnx = await onnxModel(m.run);
  console.log(`ONNX export: ${(onnx.bytes / 2 ** 20).toFixed(1)} MiB in ${onnx.exportSeconds.toFixed(2)} s, registered as ${onnx.ref}`);
  if (process.argv.includes('--only-scoring')) return scoringOnly(m.run, onnx.ref);
  const configs: { label: string; threads: number | 'default'; ext: string; keep?: string; reps: number; model?: string }[] = [
    { label: `parquet out, default (${Math.max(1, cores - 1)} worker)`, threads: 'default', ext: 'parquet', reps: 3 },
    { label: 'parquet out, on the main thread (--threads 0)', threads: 0, ext: 'parquet', reps: 1 },
    { label: `parquet out, ${cores} workers`, threads: cores, ext: 'parquet', reps: 1 },
    { label: 'csv out, --keep date,origin,destination, default', threads: 'default', ext: 'csv', keep: 'date,origin,destination', reps: 1 },
    { label: 'ndjson out, default', threads: 'default', ext: 'ndjson', reps: 1 },
    { label: `ONNX via onnxruntime-node, parquet out, default (1 scoring thread, ${Math.max(1, cores - 1)} intra-op)`, threads: 'default', ext: 'parquet', reps: 3, model: onnx.ref },
    { label: `ONNX via onnxruntime-node, parquet out, ${cores} intra-op threads`, threads: cores, ext: 'parquet', reps: 1, model: onnx.ref },
  ];
  let worst = 0;
  console.log('| job | seconds | rows/s | peak RSS |\n|---|---|---|---|');
  for (const c of configs) {
    const s = median(Array.from({ length: c.reps }, () => job(c.model ?? m.run, c.threads, c.ext, c.keep)));
    worst = Math.max(worst, s.maxRssMiB);
    console.log(`| ${c.label}${c.reps > 1 ? ` (median of ${c.reps})` : ''} | ${s.seconds.toFixed(2)} | ${(s.rows / s.seconds / 1e6).toFixed(2)} M | ${s.maxRssMiB.toFixed(0)} MiB |`);
  }
  console.log(`peak RSS bound ${RSS_BOUND_MIB} MiB: ${worst <= RSS_BOUND_MIB ? 'PASS' : 'FAIL'} (worst ${worst.toFixed(0)} MiB)`);
  await scoringOnly(m.run, onnx.ref);
  console.log(`load average after: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  if (worst > RSS_BOUND_MIB) process.exitCode = 1;
}

if (process.argv[2] === '--child') await child(process.argv.slice(3));
else if (process.argv[2] === '--score') await scoreChild(process.argv[3], process.argv[4]);
else await main();
