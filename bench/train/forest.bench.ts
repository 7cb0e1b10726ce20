/**
 * The forest part of the issue 4 benchmark, run from gbdt.bench.ts: Lathe's
 * forest against scikit-learn's RandomForestClassifier (100 trees, default
 * depth and leaf size, sqrt features per split, all cores) on the first
 * `rows` training rows of the flights task, scored on all test rows.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Frame } from '../../src/core/index.js';
import { ForestEstimator } from '../../src/estimators/forest/forest.js';
import { FEATURES, type FlightsTask, rocAuc } from './gbdt-data.js';

const here = dirname(fileURLToPath(import.meta.url));

interface Result {
  name: string;
  trainSeconds: number;
  auc: number;
  predictRowsPerS: number | null;
  note?: string;
}

function head(task: FlightsTask, rows: number): { frame: Frame; y: Float64Array } {
  const cols = FEATURES.map((f) => {
    const c = task.train.column(f);
    return 'codes' in c ? { ...c, codes: c.codes.slice(0, rows) } : { ...c, values: c.values.slice(0, rows) };
  });
  return { frame: Frame.of(cols, rows), y: task.yTrain.slice(0, rows) };
}

async function ours(task: FlightsTask, rows: number): Promise<Result> {
  const { frame, y } = head(task, rows);
  const rf = new ForestEstimator('binary', { n_estimators: 100, seed: 0 });
  const t0 = performance.now();
  await rf.fit(frame, { name: 'delayed', type: 'numeric', values: y });
  const trainSeconds = (performance.now() - t0) / 1000;
  const t1 = performance.now();
  const proba = rf.predictProba!(task.test);
  const s = (performance.now() - t1) / 1000;
  const p1 = Float64Array.from({ length: task.test.rows }, (_, i) => proba[2 * i + 1]);
  return { name: 'Lathe forest', trainSeconds, auc: rocAuc(task.yTest, p1), predictRowsPerS: task.test.rows / s };
}

function sklearn(dir: string, rows: number): Result {
  const name = 'sklearn RandomForest';
  const r = spawnSync('/usr/bin/python3', [join(here, 'gbdt_peer.py'), dir, 'sklearn-rf', String(rows)], { encoding: 'utf8' });
  if (r.error || r.status !== 0) return { name, trainSeconds: NaN, auc: NaN, predictRowsPerS: null, note: `failed: ${(r.stderr || String(r.error)).trim().split('\n').pop()}` };
  const j = JSON.parse(r.stdout.trim().split('\n').pop()!);
  if (j.missing) return { name, trainSeconds: NaN, auc: NaN, predictRowsPerS: null, note: `missing: ${j.missing}` };
  return { name: `${name} ${j.version}`, trainSeconds: j.train_seconds, auc: j.auc, predictRowsPerS: j.rows_per_s };
}

/** Runs Lathe's forest and, when `dir` is given, scikit-learn's. */
export async function forestBench(task: FlightsTask, rows: number, dir: string | null): Promise<Result[]> {
  const out = [await ours(task, rows)];
  if (dir) out.push(sklearn(dir, rows));
  return out;
}
