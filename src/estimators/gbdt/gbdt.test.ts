import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Frame, type Column, Rng } from '../../core/index.js';
import { isLatheError } from '../../errors.js';
import { estimatorCase } from '../estimator.case.js';
import type { ParamValue } from '../estimator.js';
import { createEstimator, registerEstimator } from '../registry.js';
import { accuracy, caseData, classify, r2, synthetic } from '../tree/test-data.js';
import { gbdtFactory } from './gbdt.js';

registerEstimator(gbdtFactory);

const small = { iterations: 20, num_leaves: 8, min_data_in_leaf: 5, seed: 3 };
const badParams: { params: Record<string, ParamValue>; names: string }[] = [
  { params: { num_leaves: 1 }, names: 'num_leaves' },
  { params: { learning_rate: 0 }, names: 'learning_rate' },
  { params: { learning_rate: -0.1 }, names: 'learning_rate' },
  { params: { max_bins: 256 }, names: 'max_bins' },
  { params: { subsample: 0 }, names: 'subsample' },
  { params: { colsample: 1.5 }, names: 'colsample' },
  { params: { min_data_in_leaf: 0 }, names: 'min_data_in_leaf' },
  { params: { validation_fraction: 1 }, names: 'validation_fraction' },
  { params: { iterations: 2.5 }, names: 'iterations' },
];
estimatorCase({ kind: 'gbdt', task: 'regression', params: small, data: caseData('regression'), badParams: [...badParams, { params: { objective: 'binary' }, names: 'objective' }] });
estimatorCase({ kind: 'gbdt', task: 'binary', params: { ...small, subsample: 0.8, colsample: 0.7 }, data: caseData('binary'), badParams: [...badParams, { params: { objective: 'l2' }, names: 'objective' }] });
estimatorCase({ kind: 'gbdt', task: 'multiclass', params: small, data: caseData('multiclass'), badParams });

const num = (name: string, values: ArrayLike<number>): Column => ({ name, type: 'numeric', values: Float64Array.from(values) });

/** XOR of two 0/1 features with unequal quadrants, so the first split has a positive gain. */
function xor(): { frame: Frame; y: number[] } {
  const sizes = [40, 10, 25, 25];
  const a: number[] = [];
  const b: number[] = [];
  const y: number[] = [];
  sizes.forEach((size, q) => {
    for (let i = 0; i < size; i++) {
      a.push(q >> 1);
      b.push(q & 1);
      y.push((q >> 1) ^ (q & 1));
    }
  });
  return { frame: Frame.of([num('a', a), num('b', b)]), y };
}

test('gbdt: a single tree learns an XOR split exactly', async () => {
  const { frame, y } = xor();
  const one = { iterations: 1, learning_rate: 1, num_leaves: 4, min_data_in_leaf: 1 };
  const reg = createEstimator('gbdt', 'regression', one);
  await reg.fit(frame, num('y', y));
  assert.deepEqual([...reg.predict(frame)].map((v) => Math.round(v * 1e9) / 1e9), y);
  const clf = createEstimator('gbdt', 'binary', one);
  await clf.fit(frame, num('y', y));
  assert.equal(accuracy(clf.predict(frame), y), 1);
});

test('gbdt: regression objectives fit held-out data; absolute error resists outliers', async () => {
  const tr = synthetic(2000, 11);
  const te = synthetic(500, 12);
  const dirty = Float64Array.from(tr.y, (v, i) => (i % 20 === 0 ? v + 50 : v));
  const scores: Record<string, number> = {};
  for (const objective of ['l2', 'l1', 'huber']) {
    const est = createEstimator('gbdt', 'regression', { objective, iterations: 100, seed: 1 });
    await est.fit(tr.frame, num('y', dirty));
    scores[objective] = r2(est.predict(te.frame), te.y);
  }
  assert.ok(scores.l1 > 0.9, `l1 r2 ${scores.l1}`);
  assert.ok(scores.huber > 0.9, `huber r2 ${scores.huber}`);
  assert.ok(scores.l1 > scores.l2 && scores.huber > scores.l2, JSON.stringify(scores));
});

test('gbdt: binary and multiclass reach high accuracy; probabilities sum to 1', async () => {
  const tr = synthetic(3000, 21);
  const te = synthetic(1000, 22);
  for (const k of [2, 3]) {
    const est = createEstimator('gbdt', k === 2 ? 'binary' : 'multiclass', { iterations: 100, seed: 1 });
    await est.fit(tr.frame, classify(tr.y, k));
    const truth = (classify(te.y, k) as { codes: Int32Array }).codes;
    const acc = accuracy(est.predict(te.frame), truth);
    assert.ok(acc > (k === 2 ? 0.93 : 0.88), `k=${k} accuracy ${acc}`);
    const p = est.predictProba!(te.frame);
    for (let i = 0; i < te.frame.rows; i++) {
      let s = 0;
      for (let c = 0; c < k; c++) s += p[i * k + c];
      assert.ok(Math.abs(s - 1) < 1e-12);
    }
  }
});

test('gbdt: native categorical splits find a category-only signal', async () => {
  const rng = new Rng(5);
  const n = 4000;
  const levels = Array.from({ length: 40 }, (_, i) => `level${i}`);
  const positive = new Set(rng.shuffle(Array.from({ length: 40 }, (_, i) => i)).slice(0, 20));
  const codes = Int32Array.from({ length: n }, () => rng.int(40));
  const y = Float64Array.from(codes, (c) => (positive.has(c) ? 1 : 0));
  const noise = Float64Array.from({ length: n }, () => rng.next());
  const asCat = Frame.of([{ name: 'c', type: 'categorical', codes, dictionary: levels }, num('z', noise)]);
  const asNum = Frame.of([num('c', codes), num('z', noise)]);
  const params = { iterations: 3, num_leaves: 4, seed: 1 };
  const cat = createEstimator('gbdt', 'binary', params);
  await cat.fit(asCat, num('y', y));
  const plain = createEstimator('gbdt', 'binary', params);
  await plain.fit(asNum, num('y', y));
  const accCat = accuracy(cat.predict(asCat), y);
  const accNum = accuracy(plain.predict(asNum), y);
  assert.equal(accCat, 1);
  assert.ok(accNum < 0.85, `numeric codes reached ${accNum}`);
  const imp = cat.featureImportance!();
  assert.ok(imp[0].gain > imp[1].gain && imp[0].split > 0);
});

test('gbdt: categories unseen in training go right; other dictionaries are remapped by label', async () => {
  const codes = Int32Array.from({ length: 200 }, (_, i) => i % 4);
  const y = Float64Array.from(codes, (c) => (c === 1 || c === 3 ? 10 : 0));
  const est = createEstimator('gbdt', 'regression', { iterations: 30, num_leaves: 2, min_data_in_leaf: 5 });
  await est.fit(Frame.of([{ name: 'c', type: 'categorical', codes, dictionary: ['w', 'x', 'y', 'z'] }]), num('y', y));
  const other = Frame.of([{ name: 'c', type: 'categorical', codes: Int32Array.of(0, 1, 2, 3), dictionary: ['x', 'z', 'w', 'new'] }]);
  const p = est.predict(other);
  assert.ok(p[0] > 9 && p[1] > 9 && p[2] < 1, String(p));
  assert.ok(Math.abs(p[3] - p[0]) < 1e-9 || Math.abs(p[3] - p[2]) < 1e-9);
});

test('gbdt: missing values take the direction learned for them', async () => {
  for (const missingLike of [0.9, 0.1]) {
    const rng = new Rng(9);
    const x = Float64Array.from({ length: 1000 }, () => rng.next());
    const y = Float64Array.from(x, (v) => (v > 0.5 ? 1 : 0));
    for (let i = 0; i < 1000; i += 5) {
      y[i] = missingLike > 0.5 ? 1 : 0;
      x[i] = NaN;
    }
    const est = createEstimator('gbdt', 'regression', { iterations: 10, num_leaves: 2, min_data_in_leaf: 5 });
    await est.fit(Frame.of([num('x', x)]), num('y', y));
    const p = est.predict(Frame.of([num('x', [NaN, missingLike, 1 - missingLike])]));
    assert.equal(p[0], p[1], `NaN should follow x=${missingLike}`);
    assert.notEqual(p[0], p[2]);
  }
});

test('gbdt: sample weights of 0 remove rows from the fit', async () => {
  const tr = synthetic(1000, 31);
  const y = Float64Array.from(tr.y, (v, i) => (i % 4 === 0 ? 1000 : v));
  const w = Float64Array.from(y, (v) => (v === 1000 ? 0 : 1));
  const weighted = createEstimator('gbdt', 'regression', { iterations: 50 });
  await weighted.fit(tr.frame, num('y', y), { sampleWeight: w });
  const plain = createEstimator('gbdt', 'regression', { iterations: 50 });
  await plain.fit(tr.frame, num('y', y));
  const te = synthetic(300, 32);
  assert.ok(Math.max(...weighted.predict(te.frame)) < 10);
  assert.ok(Math.max(...plain.predict(te.frame)) > 100);
  assert.ok(r2(weighted.predict(te.frame), te.y) > 0.9);
});

test('gbdt: early stopping on a held-out fraction and on a validation set', async () => {
  const tr = synthetic(2000, 41);
  const noisy = Float64Array.from(tr.y, (v, i) => v + (i % 2 ? 3 : -3));
  const est = createEstimator('gbdt', 'regression', { iterations: 500, learning_rate: 0.3, n_iter_no_change: 5, seed: 2 });
  const seen: number[] = [];
  await est.fit(tr.frame, num('y', noisy), { onIteration: (i) => seen.push(i.validLoss!) });
  const rounds = (est.toJSON().state as { rounds: number }).rounds;
  assert.ok(rounds < 100 && seen.length === rounds + 5, `rounds ${rounds}, iterations ${seen.length}`);
  const va = synthetic(500, 42);
  const est2 = createEstimator('gbdt', 'regression', { iterations: 500, learning_rate: 0.3, n_iter_no_change: 5 });
  await est2.fit(tr.frame, num('y', noisy), { validation: { frame: va.frame, target: num('y', va.y) } });
  assert.ok((est2.toJSON().state as { rounds: number }).rounds < 100);
  const off = createEstimator('gbdt', 'regression', { iterations: 30, learning_rate: 0.3 });
  await off.fit(tr.frame, num('y', noisy));
  assert.equal((off.toJSON().state as { rounds: number }).rounds, 30);
});

test('gbdt: bad input is refused with clear errors', async () => {
  const { frame, y } = synthetic(100, 51);
  const bad = (code: string, re: RegExp) => (e: unknown) => isLatheError(e, code as 'BAD_INPUT') && re.test((e as Error).message);
  const nanY = Float64Array.from(y, (v, i) => (i === 3 ? NaN : v));
  await assert.rejects(createEstimator('gbdt', 'regression').fit(frame, num('y', nanY)), bad('BAD_INPUT', /missing/));
  const one: Column = { name: 'y', type: 'categorical', codes: new Int32Array(100), dictionary: ['only'] };
  await assert.rejects(createEstimator('gbdt', 'binary').fit(frame, one), bad('BAD_INPUT', /single class/));
  await assert.rejects(createEstimator('gbdt', 'binary').fit(frame, classify(y, 3)), bad('BAD_INPUT', /binary needs 2/));
  await assert.rejects(createEstimator('gbdt', 'regression').fit(Frame.of([], 100), num('y', y)), bad('BAD_INPUT', /no feature columns/));
  const est = createEstimator('gbdt', 'regression', { iterations: 5 });
  await est.fit(frame, num('y', y));
  assert.throws(() => est.predict(frame.drop(['x2'])), bad('BAD_INPUT', /"x2" is missing/));
  assert.throws(() => est.predict(Frame.of([...frame.drop(['c']).columns, num('c', new Float64Array(100))])), bad('BAD_INPUT', /categorical/));
  assert.throws(() => createEstimator('gbdt', 'clustering'), (e) => isLatheError(e, 'BAD_PARAM'));
});
