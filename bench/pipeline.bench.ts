/**
 * Pipeline benchmark (issue 3): transform throughput of the fitted `auto`
 * pipeline on a 1M-row, 10-column Frame (6 numeric with ~5% NaN, 3
 * categorical with 50 values and ~2% missing, 1 datetime), median of 5
 * runs after one warm-up, once with fresh output arrays (the default) and
 * once with a BufferPool (outputs reused across calls, as chunked batch
 * scoring does). Target: ≥ 2M rows/s.
 *
 * Peer: scikit-learn's ColumnTransformer (median SimpleImputer with
 * indicators + StandardScaler on the numerics, most-frequent SimpleImputer +
 * OneHotEncoder(max_categories=20) on the categoricals, dense output) on
 * data of the same shape generated in NumPy, transform only, timed twice:
 * categoricals as float codes (sklearn's fastest path) and as strings
 * (the usual one). Run: node --import tsx bench/pipeline.bench.ts [rows]
 */
import { spawnSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import { Frame, Rng, type Column } from '../src/core/index.js';
import { BufferPool, autoPipeline } from '../src/data/pipeline/index.js';

const ROWS = Number(process.argv[2] ?? 1_000_000);
const REPS = 5;

function buildFrame(rows: number): Frame {
  const rng = new Rng(42);
  const cols: Column[] = [];
  for (let j = 0; j < 6; j++) {
    const v = new Float64Array(rows);
    for (let i = 0; i < rows; i++) v[i] = rng.next() < 0.05 ? NaN : rng.normal() * (j + 1) + j * 10;
    cols.push({ name: `x${j}`, type: 'numeric', values: v });
  }
  const dictionary = Array.from({ length: 50 }, (_, k) => `v${k}`);
  for (let j = 0; j < 3; j++) {
    const codes = new Int32Array(rows);
    // Skewed like real categories: a few common values and a long tail.
    for (let i = 0; i < rows; i++) codes[i] = rng.next() < 0.02 ? -1 : Math.floor(50 * rng.next() ** 2);
    cols.push({ name: `c${j}`, type: 'categorical', codes, dictionary });
  }
  const t = new Float64Array(rows);
  const start = Date.UTC(2015, 0, 1);
  for (let i = 0; i < rows; i++) t[i] = start + Math.floor(rng.next() * 10 * 365.25 * 86_400_000);
  cols.push({ name: 'ts', type: 'datetime', values: t });
  return Frame.of(cols);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Wall-clock and CPU (user + system, all threads) seconds of one run. */
interface Sample { wall: number; cpu: number }
interface LatheResult { fitSeconds: number; fresh: Sample[]; pooled: Sample[]; outputs: number }

/** Times `fn`: CPU time is reported too because other processes share this machine's cores. */
function sample(fn: () => void): Sample {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  fn();
  const wall = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  return { wall, cpu: (c.user + c.system) / 1e6 };
}

function timeLathe(frame: Frame): LatheResult {
  const p = autoPipeline(frame.schema());
  const t0 = performance.now();
  p.fit(frame);
  const fitSeconds = (performance.now() - t0) / 1000;
  const pool = new BufferPool();
  const runs = (opts: { pool?: BufferPool }) => {
    p.transform(frame, opts);
    return Array.from({ length: REPS }, () => sample(() => p.transform(frame, opts)));
  };
  return { fitSeconds, fresh: runs({}), pooled: runs({ pool }), outputs: p.outputColumns().length };
}

const PEER = String.raw`
import json, sys, time
import numpy as np, sklearn
from sklearn.compose import ColumnTransformer
from sklearn.pipeline import make_pipeline
from sklearn.impute import SimpleImputer
from sklearn.preprocessing import StandardScaler, OneHotEncoder
rows, reps = int(sys.argv[1]), int(sys.argv[2])
rng = np.random.default_rng(42)
num = rng.normal(size=(rows, 6)) * np.arange(1, 7) + np.arange(6) * 10
num[rng.random((rows, 6)) < 0.05] = np.nan
codes = np.floor(50 * rng.random((rows, 3)) ** 2)
codes[rng.random((rows, 3)) < 0.02] = np.nan
def run(X, cat_missing):
    ct = ColumnTransformer([
        ('num', make_pipeline(SimpleImputer(strategy='median', add_indicator=True), StandardScaler()), list(range(6))),
        ('cat', make_pipeline(SimpleImputer(strategy='most_frequent', missing_values=cat_missing),
                              OneHotEncoder(max_categories=20, handle_unknown='infrequent_if_exist', sparse_output=False)), [6, 7, 8]),
    ], sparse_threshold=0)
    ct.fit(X)
    ct.transform(X)
    out = []
    for _ in range(reps):
        t0, c0 = time.perf_counter(), time.process_time()
        Y = ct.transform(X)
        out.append({'wall': time.perf_counter() - t0, 'cpu': time.process_time() - c0})
    return out, Y.shape[1]
codes_x, width = run(np.hstack([num, codes]), np.nan)
strs = np.where(np.isnan(codes), None, np.char.add('v', np.nan_to_num(codes).astype(int).astype(str)).astype(object))
mixed = np.empty((rows, 9), dtype=object); mixed[:, :6] = num; mixed[:, 6:] = strs
strings_x, _ = run(mixed, None)
print(json.dumps({'codes': codes_x, 'strings': strings_x, 'outputs': width, 'sklearn': sklearn.__version__, 'numpy': np.__version__}))
`;

interface PeerResult { codes: Sample[]; strings: Sample[]; outputs: number; sklearn: string; numpy: string }

function timePeer(rows: number): PeerResult | string {
  const probe = spawnSync('/usr/bin/python3', ['-c', 'import sklearn, numpy'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) return 'scikit-learn is not installed (apt-get install -y python3-sklearn)';
  const r = spawnSync('/usr/bin/python3', ['-c', PEER, String(rows), String(REPS)], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) return `the peer failed: ${r.stderr.trim().split('\n').pop()}`;
  return JSON.parse(r.stdout) as PeerResult;
}

const loadBefore = loadavg()[0];
const frame = buildFrame(ROWS);
const lathe = timeLathe(frame);
const peer = timePeer(ROWS);
const rate = (s: number) => `${(ROWS / s / 1e6).toFixed(2)} M rows/s`;
const med = (xs: Sample[], k: keyof Sample) => median(xs.map((x) => x[k]));
const row = (label: string, outputs: number, xs: Sample[], extra: string) =>
  `| ${label} | ${outputs} | ${med(xs, 'wall').toFixed(3)} s | ${rate(med(xs, 'wall'))} | ${med(xs, 'cpu').toFixed(3)} s | ${rate(med(xs, 'cpu'))} | ${extra} |`;
const cpu = cpus();
console.log(`machine: ${cpu.length} × ${cpu[0]?.model ?? 'unknown'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, node ${process.version}, ${new Date().toISOString()}`);
console.log(`1-min load average: ${loadBefore.toFixed(1)} before, ${loadavg()[0].toFixed(1)} after (other processes share the CPUs)`);
console.log(`data: ${ROWS} rows × 10 columns (6 numeric ~5% NaN, 3 categorical × 50 values ~2% missing, 1 datetime); transform only, median of ${REPS}; lathe fit ${lathe.fitSeconds.toFixed(3)} s`);
console.log('| run | outputs | wall | wall rate | CPU | CPU rate | note |');
console.log('|---|---|---|---|---|---|---|');
const lt = med(lathe.fresh, 'wall');
const target = (xs: Sample[]) => `target ≥ 2 M rows/s: wall ${ROWS / med(xs, 'wall') >= 2e6 ? 'met' : 'NOT met'}, CPU ${ROWS / med(xs, 'cpu') >= 2e6 ? 'met' : 'NOT met'}`;
console.log(row('lathe auto pipeline, fresh outputs', lathe.outputs, lathe.fresh, target(lathe.fresh)));
console.log(row('lathe auto pipeline, BufferPool', lathe.outputs, lathe.pooled, target(lathe.pooled)));
if (typeof peer === 'string') console.log(`| scikit-learn peer | unavailable: ${peer} |`);
else {
  for (const [label, xs] of [['float codes', peer.codes], ['string categories', peer.strings]] as const) {
    console.log(row(`scikit-learn ${peer.sklearn} ColumnTransformer, ${label}`, peer.outputs, xs, `lathe (fresh) ${(med(xs, 'wall') / lt).toFixed(1)}× faster wall, ${(med(xs, 'cpu') / med(lathe.fresh, 'cpu')).toFixed(1)}× CPU`));
  }
  console.log(`(the peer has no datetime column: scikit-learn has no datetime expander; numpy ${peer.numpy})`);
}
const runs = (xs: Sample[]) => xs.map((x) => `${x.wall.toFixed(3)}/${x.cpu.toFixed(3)}`).join(' ');
console.log(`all runs, wall/CPU s: fresh ${runs(lathe.fresh)}; pooled ${runs(lathe.pooled)}`);
if (typeof peer !== 'string') console.log(`peer runs, wall/CPU s: codes ${runs(peer.codes)}; strings ${runs(peer.strings)}`);
