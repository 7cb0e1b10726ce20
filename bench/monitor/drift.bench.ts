/**
 * Drift benchmark (issue 8): 1M current rows × 20 columns against a 1M-row
 * reference (15 numeric, 2 with 3 distinct values, 3 categorical with 4–50
 * labels and missing values; five numeric columns shifted), with the
 * automatic test choice (Wasserstein score and Jensen–Shannon at this size).
 * Timed: `datasetDrift` on Frames already in memory (three runs, median) in
 * both modes — the default, where numeric distances use a seeded 100k-value
 * sample per side above 100k values, and `sampleSize: Infinity` (exact, as
 * `lathe drift --exact`) — and the peak RSS of the process. The peer, bench/monitor/drift_peer.py,
 * reads the very same numbers (raw little-endian files written here) and
 * does the same tests with scipy, the way Evidently does them (sort-based
 * wasserstein_distance, np.histogram on reference deciles + jensenshannon);
 * the two reports are checked to agree.
 * Run: node --import tsx bench/monitor/drift.bench.ts
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Column, Frame, Rng } from '../../src/core/index.js';
import { datasetDrift } from '../../src/monitor/index.js';

const ROWS = Number(process.env.ROWS ?? 1_000_000);
const REPS = 3;
const here = dirname(fileURLToPath(import.meta.url));

function normal(rng: Rng): number {
  // Box–Muller; one value per call is enough here.
  return Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
}

/** Column i of a frame; `shift` moves the numeric ones (columns 0–4 drift in the current). */
function makeColumn(i: number, rows: number, rng: Rng, shift: number): Column {
  const name = `c${String(i).padStart(2, '0')}`;
  if (i < 15) {
    const v = new Float64Array(rows);
    const scale = 1 + i;
    for (let r = 0; r < rows; r++) v[r] = i % 3 === 0 ? Math.exp(normal(rng)) * scale + shift : (normal(rng) + shift) * scale;
    if (i === 7) for (let r = 0; r < rows; r += 50) v[r] = Number.NaN;
    return { name, type: 'numeric', values: v };
  }
  if (i < 17) {
    const v = new Float64Array(rows);
    for (let r = 0; r < rows; r++) v[r] = rng.int(3);
    return { name, type: 'numeric', values: v };
  }
  const k = [4, 12, 50][i - 17];
  const dictionary = Array.from({ length: k }, (_, j) => `label-${j}`);
  const codes = new Int32Array(rows);
  for (let r = 0; r < rows; r++) codes[r] = rng.next() < 0.02 ? -1 : Math.min(k - 1, Math.floor(k * rng.next() ** 1.5));
  return { name, type: 'categorical', codes, dictionary };
}

function makeFrame(rows: number, seed: number, drifted: boolean): Frame {
  const rng = new Rng(seed);
  return Frame.of(Array.from({ length: 20 }, (_, i) => makeColumn(i, rows, rng, drifted && i < 5 ? 0.25 : 0)));
}

function writeRaw(dir: string, prefix: string, f: Frame): void {
  for (const c of f.columns) {
    const arr = 'codes' in c ? c.codes : c.values;
    writeFileSync(join(dir, `${prefix}-${c.name}.${'codes' in c ? 'i32' : 'f64'}`), new Uint8Array(arr.buffer, arr.byteOffset, arr.byteLength));
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const load0 = loadavg()[0];
const reference = makeFrame(ROWS, 1, false);
const current = makeFrame(ROWS, 2, true);
const rssData = process.memoryUsage().rss;
function timeMode(sampleSize: number): { times: number[]; report: ReturnType<typeof datasetDrift> } {
  const times: number[] = [];
  let report = datasetDrift(reference, current, { sampleSize });
  for (let r = 0; r < REPS; r++) {
    const t0 = performance.now();
    report = datasetDrift(reference, current, { sampleSize });
    times.push((performance.now() - t0) / 1000);
  }
  return { times, report };
}
const sampledRun = timeMode(100_000);
const peakRssSampled = process.resourceUsage().maxRSS * 1024;
const exactRun = timeMode(Number.POSITIVE_INFINITY);
const peakRss = process.resourceUsage().maxRSS * 1024;
const report = exactRun.report;
const times = exactRun.times;

const dir = mkdtempSync(join(tmpdir(), 'lathe-bench-drift-'));
let peer: { seconds: number[]; peak_rss: number; columns: Record<string, { test: string; statistic: number }> } | null = null;
try {
  writeRaw(dir, 'ref', reference);
  writeRaw(dir, 'cur', current);
  const p = spawnSync('/usr/bin/python3', [join(here, 'drift_peer.py'), dir, String(ROWS), String(REPS)], { encoding: 'utf8' });
  if (p.status === 0) peer = JSON.parse(p.stdout);
  else process.stderr.write(`peer failed: ${p.stderr}\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

function worstDifference(r: ReturnType<typeof datasetDrift>): number {
  let worst = 0;
  for (const c of r.columns) {
    const q = peer!.columns[c.name];
    if (!q || q.test !== c.test) throw new Error(`peer chose ${q?.test} for ${c.name}, lathe ${c.test}`);
    worst = Math.max(worst, Math.abs((c.statistic ?? 0) - q.statistic) / Math.max(Math.abs(q.statistic), 1e-12));
  }
  return worst;
}
const worst = peer ? worstDifference(report) : 0;
// Sampling error in the units thresholds use: |score(sample) − score(exact)|, e.g. Wasserstein over the reference std.
const worstSampled = Math.max(...sampledRun.report.columns.map((c, i) => Math.abs((c.score ?? 0) - (report.columns[i].score ?? 0))));
const sameVerdicts = sampledRun.report.columns.every((c, i) => c.drift === report.columns[i].drift);
const ours = median(times);
const oursSampled = median(sampledRun.times);
console.log(JSON.stringify({
  rows: ROWS,
  columns: 20,
  machine: `${cpus().length} × ${cpus()[0]?.model.trim()}`,
  node: process.version,
  date: new Date().toISOString().slice(0, 10),
  load_average_start: Number(load0.toFixed(2)),
  load_average_end: Number(loadavg()[0].toFixed(2)),
  lathe_default_seconds: sampledRun.times.map((t) => Number(t.toFixed(3))),
  lathe_default_median_seconds: Number(oursSampled.toFixed(3)),
  lathe_default_peak_rss_mb: Math.round(peakRssSampled / 2 ** 20),
  lathe_exact_seconds: times.map((t) => Number(t.toFixed(3))),
  lathe_exact_median_seconds: Number(ours.toFixed(3)),
  lathe_peak_rss_mb: Math.round(peakRss / 2 ** 20),
  default_and_exact_verdicts_agree: sameVerdicts,
  default_max_score_difference_vs_exact: Number(worstSampled.toExponential(2)),
  data_rss_mb: Math.round(rssData / 2 ** 20),
  tests: [...new Set(report.columns.map((c) => c.test))],
  drifted: report.columns.filter((c) => c.drift).map((c) => c.name),
  peer_seconds: peer?.seconds.map((t) => Number(t.toFixed(3))),
  peer_median_seconds: peer ? Number(median(peer.seconds).toFixed(3)) : null,
  peer_peak_rss_mb: peer ? Math.round(peer.peak_rss / 2 ** 20) : null,
  speedup_exact: peer ? Number((median(peer.seconds) / ours).toFixed(2)) : null,
  speedup_default: peer ? Number((median(peer.seconds) / oursSampled).toFixed(2)) : null,
  exact_max_relative_statistic_difference_vs_peer: peer ? Number(worst.toExponential(2)) : null,
}, null, 2));
