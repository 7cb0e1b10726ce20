import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Frame, type Column } from '../../core/index.js';
import { isLatheError } from '../../errors.js';
import { estimatorCase } from '../estimator.case.js';
import type { ParamValue } from '../estimator.js';
import { createEstimator, registerEstimator } from '../registry.js';
import { accuracy, caseData, classify, r2, synthetic } from '../tree/test-data.js';
import { configureTreeThreads } from '../tree/executor.js';
import { forestFactory } from './forest.js';

registerEstimator(forestFactory);

const small = { n_estimators: 10, max_depth: 6, seed: 3 };
const badParams: { params: Record<string, ParamValue>; names: string }[] = [
  { params: { n_estimators: 0 }, names: 'n_estimators' },
  { params: { max_depth: 0 }, names: 'max_depth' },
  { params: { min_data_in_leaf: 0 }, names: 'min_data_in_leaf' },
  { params: { max_features: 'most' }, names: 'max_features' },
  { params: { max_features: 1.5 }, names: 'max_features' },
  { params: { max_bins: 300 }, names: 'max_bins' },
];
estimatorCase({ kind: 'forest', task: 'regression', params: small, data: caseData('regression'), badParams });
estimatorCase({ kind: 'forest', task: 'binary', params: small, data: caseData('binary'), badParams });
estimatorCase({ kind: 'forest', task: 'multiclass', params: small, data: caseData('multiclass'), badParams });

const num = (name: string, values: ArrayLike<number>): Column => ({ name, type: 'numeric', values: Float64Array.from(values) });

test('forest: regression and classification fit held-out data', async () => {
  const tr = synthetic(3000, 31);
  const te = synthetic(1000, 32);
  const reg = createEstimator('forest', 'regression', { n_estimators: 30, seed: 1 });
  await reg.fit(tr.frame, num('y', tr.y));
  const score = r2(reg.predict(te.frame), te.y);
  assert.ok(score > 0.8, `forest r2 ${score}`);
  for (const k of [2, 3]) {
    const clf = createEstimator('forest', k === 2 ? 'binary' : 'multiclass', { n_estimators: 30, seed: 1 });
    await clf.fit(tr.frame, classify(tr.y, k));
    const truth = (classify(te.y, k) as { codes: Int32Array }).codes;
    const acc = accuracy(clf.predict(te.frame), truth);
    assert.ok(acc > (k === 2 ? 0.85 : 0.75), `k=${k} accuracy ${acc}`);
    const p = clf.predictProba!(te.frame);
    for (let i = 0; i < te.frame.rows; i++) {
      let s = 0;
      for (let c = 0; c < k; c++) s += p[i * k + c];
      assert.ok(Math.abs(s - 1) < 1e-9);
    }
  }
  const imp = reg.featureImportance!();
  assert.ok(Object.values(imp).every((v) => typeof v === 'object' || Number.isFinite(v)));
});

test('forest: one tree without bootstrap on all features fits training data exactly', async () => {
  const x = Float64Array.from({ length: 64 }, (_, i) => i);
  const y = Float64Array.from(x, (v) => (v * 7919) % 13);
  const frame = Frame.of([num('x', x)]);
  const est = createEstimator('forest', 'regression', { n_estimators: 1, bootstrap: false, max_features: 'all', seed: 1 });
  await est.fit(frame, num('y', y));
  assert.deepEqual([...est.predict(frame)], [...y]);
});

test('forest: sample weights of 0 remove rows from the fit', async () => {
  const x = Float64Array.from({ length: 200 }, (_, i) => i % 2);
  const y = Float64Array.from(x, (v, i) => (i < 100 ? v : 1 - v));
  const w = Float64Array.from({ length: 200 }, (_, i) => (i < 100 ? 1 : 0));
  const frame = Frame.of([num('x', x)]);
  const est = createEstimator('forest', 'binary', { n_estimators: 5, bootstrap: false, max_features: 'all', seed: 1 });
  await est.fit(frame, num('y', y), { sampleWeight: w });
  assert.deepEqual([...est.predict(Frame.of([num('x', [0, 1])]))], [0, 1]);
});

test('forest: threaded and single-thread fits give identical models', async () => {
  const tr = synthetic(60_000, 41);
  const params = { n_estimators: 4, max_depth: 8, seed: 5 };
  configureTreeThreads({ threads: 1 });
  const a = createEstimator('forest', 'binary', params);
  await a.fit(tr.frame, classify(tr.y, 2));
  configureTreeThreads({ threads: 2, minRows: 1000 });
  const b = createEstimator('forest', 'binary', params);
  await b.fit(tr.frame, classify(tr.y, 2));
  assert.deepEqual([...b.predictProba!(tr.frame)], [...a.predictProba!(tr.frame)]);
});

test('forest: bad input is refused with clear errors', async () => {
  const frame = Frame.of([num('x', [1, 2, 3])]);
  await assert.rejects(createEstimator('forest', 'regression', {}).fit(frame, num('y', [1, 2])), (e) => isLatheError(e) && /rows/.test((e as Error).message));
  await assert.rejects(createEstimator('forest', 'regression', {}).fit(frame, num('y', [1, NaN, 3])), (e) => isLatheError(e));
  assert.throws(() => createEstimator('forest', 'regression', { oob_score: true, bootstrap: false }), (e) => isLatheError(e, 'BAD_PARAM'));
});
