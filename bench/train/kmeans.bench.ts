/**
 * k-means benchmark (issue 4): Lathe's kmeans against scikit-learn's
 * KMeans(algorithm="lloyd") on 1M points in 10 dimensions with k = 8, the
 * same data file, n_init = 1 and the same max_iter and tol, all cores for both.
 * Two cases:
 * - well-separated blobs (std 1) with scikit-learn's defaults (max_iter 300,
 *   tol 1e-4): both converge in 2 iterations, so k-means++ seeding dominates;
 * - overlapping blobs (std 8) with max_iter 20 and tol 0: both need ~40
 *   iterations to converge, so both run exactly 20 and the Lloyd loop
 *   dominates (random seedings would otherwise give each side different work).
 * Each side fits REPS times with seeds s, s+1, …, the two sides taking turns
 * so that both see the same background load; the best and the median fit
 * times are reported.
 *
 * Run: node --import tsx bench/train/kmeans.bench.ts
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { cpus, endianness, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Frame, Rng } from '../../src/core/index.js';
import { workerCount } from '../../src/estimators/kmeans/executor.js';
import { KMeans } from '../../src/estimators/kmeans/kmeans.js';

const here = dirname(fileURLToPath(import.meta.url));
const ROWS = 1_000_000;
const DIMS = 10;
const K = 8;
const N_INIT = 1;
const SEED = 42;
const REPS = 5;
const CASES = [
  { label: 'separated blobs (std 1), max_iter 300, tol 1e-4', std: 1, max_iter: 300, tol: 1e-4 },
  { label: 'overlapping blobs (std 8), max_iter 20, tol 0', std: 8, max_iter: 20, tol: 0 },
];
type Case = (typeof CASES)[number];

interface Run { seconds: number; inertia: number; n_iter: number }

/**
 * K centres uniform in [-10, 10]^DIMS, row i drawn around centre i mod K
 * with the given std (scikit-learn's make_blobs defaults), written once as
 * little-endian float64, row-major, so numpy reads the same doubles.
 */
function blobsFile(std: number): string {
  if (endianness() !== 'LE') throw new Error('the data file is written little-endian; this machine is not');
  const dir = join(tmpdir(), 'lathe-bench');
  const path = join(dir, `kmeans-blobs-${ROWS}x${DIMS}-k${K}-std${std}-seed${SEED}.f64`);
  if (existsSync(path)) return path;
  mkdirSync(dir, { recursive: true });
  const rng = new Rng(SEED);
  const centres = Float64Array.from({ length: K * DIMS }, () => rng.next() * 20 - 10);
  const X = new Float64Array(ROWS * DIMS);
  for (let i = 0; i < ROWS; i++) for (let j = 0; j < DIMS; j++) X[i * DIMS + j] = centres[(i % K) * DIMS + j] + std * rng.normal();
  writeFileSync(`${path}.tmp`, new Uint8Array(X.buffer));
  renameSync(`${path}.tmp`, path);
  return path;
}

/** The file as a Frame of DIMS numeric columns (not timed: loading is not fitting). */
function loadFrame(path: string): Frame {
  const buf = readFileSync(path);
  const X = new Float64Array(buf.buffer, buf.byteOffset, buf.byteLength / 8);
  const cols = Array.from({ length: DIMS }, () => new Float64Array(ROWS));
  for (let i = 0; i < ROWS; i++) for (let j = 0; j < DIMS; j++) cols[j][i] = X[i * DIMS + j];
  return Frame.of(cols.map((values, j) => ({ name: `x${j}`, type: 'numeric' as const, values })));
}

async function lathe(frame: Frame, c: Case, seed: number): Promise<Run> {
  const km = new KMeans({ k: K, n_init: N_INIT, max_iter: c.max_iter, tol: c.tol, seed });
  const t = performance.now();
  await km.fit(frame, null);
  return { seconds: (performance.now() - t) / 1000, inertia: km.inertia(), n_iter: km.nIter() };
}

interface Peer { sklearn?: string; numpy?: string; threads?: number; runs?: Run[]; missing?: string }

/** One scikit-learn fit in its own process (reading the file is not timed). */
function sklearn(path: string, c: Case, seed: number): Peer {
  const args = [join(here, 'kmeans-sklearn.py'), path, ROWS, DIMS, K, N_INIT, c.max_iter, c.tol, seed, 1].map(String);
  const r = spawnSync('/usr/bin/python3', args, { encoding: 'utf8' });
  if (r.error) return { missing: `/usr/bin/python3: ${r.error.message}` };
  if (r.status !== 0) throw new Error(`scikit-learn run failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as Peer;
}

/** The median fit time. */
function median(runs: Run[]): number {
  return [...runs].sort((a, b) => a.seconds - b.seconds)[Math.floor(runs.length / 2)].seconds;
}

function best(runs: Run[]): number {
  return Math.min(...runs.map((r) => r.seconds));
}

const fmtRuns = (runs: Run[]) => runs.map((r) => r.seconds.toFixed(2)).join(', ');
const fmtIters = (runs: Run[]) => runs.map((r) => r.n_iter).join(', ');
const fmtInertia = (runs: Run[]) => runs.map((r) => r.inertia.toExponential(9)).join(', ');

const loadBefore = loadavg()[0];
let maxLoad = loadBefore;
const lines = [
  '| data | contender | fit s (best) | fit s (median) | fit s (runs) | n_iter (runs) | inertia (runs) | time vs scikit-learn (best / median) |',
  '|---|---|---|---|---|---|---|---|',
];
let peerInfo = 'scikit-learn: missing';
for (const d of CASES) {
  const path = blobsFile(d.std);
  const frame = loadFrame(path);
  const ours: Run[] = [];
  const theirs: Run[] = [];
  for (let r = 0; r < REPS; r++) {
    const peer = sklearn(path, d, SEED + r);
    if (peer.runs) {
      peerInfo = `scikit-learn ${peer.sklearn} (numpy ${peer.numpy}, ${peer.threads} OpenMP threads)`;
      theirs.push(...peer.runs);
    } else {
      peerInfo = `scikit-learn missing (${peer.missing}); install with apt-get install -y python3-sklearn`;
    }
    ours.push(await lathe(frame, d, SEED + r));
    maxLoad = Math.max(maxLoad, loadavg()[0]);
  }
  const row = (who: string, runs: Run[], vs: string) =>
    `| ${d.label} | ${who} | ${best(runs).toFixed(3)} | ${median(runs).toFixed(3)} | ${fmtRuns(runs)} | ${fmtIters(runs)} | ${fmtInertia(runs)} | ${vs} |`;
  if (theirs.length > 0) {
    lines.push(row('scikit-learn KMeans lloyd', theirs, '1.00×'));
    lines.push(row('lathe kmeans', ours, `${(best(ours) / best(theirs)).toFixed(2)}× / ${(median(ours) / median(theirs)).toFixed(2)}×`));
  } else {
    lines.push(row('lathe kmeans', ours, 'n/a'));
  }
}
const loadAfter = loadavg()[0];
const cores = cpus().length;
const workers = workerCount(ROWS, DIMS, K);
console.log(`machine: ${cores} × ${cpus()[0].model}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}, ${new Date().toISOString()}`);
console.log(`peer: ${peerInfo}; lathe: main thread + ${workers} worker thread${workers === 1 ? '' : 's'}`);
console.log(`data: ${ROWS} × ${DIMS}, k = ${K}, n_init = ${N_INIT}; seeds ${SEED}..${SEED + REPS - 1}, sides taking turns; fit time excludes loading the file`);
const busy = maxLoad > cores * 0.5;
console.log(`1-min load average: ${loadBefore.toFixed(2)} before, ${maxLoad.toFixed(2)} at most, ${loadAfter.toFixed(2)} after${busy ? ' — other processes were using the CPU: the times are noisy' : ''}`);
console.log(lines.join('\n'));
