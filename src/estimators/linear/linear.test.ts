import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Frame, Rng, type Column } from '../../core/index.js';
import { isLatheError } from '../../errors.js';
import { estimatorCase } from '../estimator.case.js';
import { registerEstimator } from '../registry.js';
import { LinearRegression, linearFactory } from './index.js';

// The lead registers estimators in the builtins file; the suite needs it here too.
registerEstimator(linearFactory);

const num = (name: string, values: ArrayLike<number>): Column => ({ name, type: 'numeric', values: Float64Array.from(values) });

/** A frame of numeric columns x0..x{p-1} from row-major rows. */
function frameOf(rows: number[][]): Frame {
  const p = rows[0].length;
  return Frame.of(Array.from({ length: p }, (_, j) => num(`x${j}`, rows.map((r) => r[j]))));
}

// A small fixed dataset; the expected numbers below were produced once with
// /usr/bin/python3, scikit-learn 1.2.1 (numpy RandomState(0), values rounded to 2 places).
const X = [
  [1.76, 0.8, 0.49], [2.24, 3.74, -0.49], [0.95, -0.3, -0.05], [0.41, 0.29, 0.73], [0.76, 0.24, 0.22], [0.33, 2.99, -0.1],
  [0.31, -1.71, -1.28], [0.65, 1.73, -0.37], [2.27, -2.91, 0.02], [-0.19, 3.07, 0.73], [0.15, 0.76, -0.44], [-1.98, -0.7, 0.08],
  [1.23, 2.4, -0.19], [-0.3, -2.1, -0.71], [-1.71, 3.9, -0.25], [-0.44, -2.51, 0.39],
];
const Y = [4.32, 3.59, 4.18, 3.68, 3.74, 0.8, 4.52, 2.94, 8.48, 0.79, 2.33, 0.35, 2.81, 3.77, -2.73, 3.27];
const SW = [0.6, 1.5, 1.3, 0.9, 1.3, 0.6, 1.4, 1.9, 1.0, 1.5, 0.7, 1.6, 0.9, 0.8, 1.4, 0.5];

// name → params, sklearn call, then coef_ and intercept_ as sklearn printed them.
const SKLEARN: { name: string; params: Record<string, number | boolean>; weighted?: boolean; coef: number[]; intercept: number }[] = [
  { name: 'LinearRegression()', params: {}, coef: [1.5182246221515994, -0.6916324818012, 0.015834059872341655], intercept: 2.7364918584400995 },
  { name: 'Ridge(alpha=2)', params: { alpha: 2 }, coef: [1.3899463250843753, -0.6736069629403588, 0.004250843429016039], intercept: 2.7763239478957566 },
  { name: 'Ridge(alpha=2) weighted', params: { alpha: 2 }, weighted: true, coef: [1.4181637832639087, -0.6761286966205815, 0.02745082543543983], intercept: 2.8292946931971836 },
  { name: 'Lasso(alpha=0.3)', params: { alpha: 0.3, l1_ratio: 1 }, coef: [1.2970321720822864, -0.6273922025827822, 0], intercept: 2.7854089534260775 },
  { name: 'Lasso(alpha=1)', params: { alpha: 1, l1_ratio: 1 }, coef: [0.7810421149469872, -0.4783416215673306, 0], intercept: 2.9028261932955526 },
  { name: 'ElasticNet(alpha=0.2, l1_ratio=0.5)', params: { alpha: 0.2, l1_ratio: 0.5 }, coef: [1.3451723173226018, -0.6561360957887536, 0], intercept: 2.783440565289717 },
  { name: 'ElasticNet(alpha=0.2, l1_ratio=0.5) weighted', params: { alpha: 0.2, l1_ratio: 0.5 }, weighted: true, coef: [1.3666208270400546, -0.6556140063244864, 0], intercept: 2.826623565235 },
  { name: 'ElasticNet(alpha=0.2, l1_ratio=0.7, fit_intercept=False)', params: { alpha: 0.2, l1_ratio: 0.7, fit_intercept: false }, coef: [2.0154810769440754, -0.349936927120761, -0.20305847320255666], intercept: 0 },
];

estimatorCase({
  kind: 'linear',
  task: 'regression',
  params: { alpha: 0.1, l1_ratio: 0.5 },
  data: () => ({ train: frameOf(X), target: num('y', Y), test: frameOf(X.slice(0, 5)) }),
  badParams: [
    { params: { alpha: -1 }, names: 'alpha' },
    { params: { l1_ratio: 1.5 }, names: 'l1_ratio' },
    { params: { max_iter: 0 }, names: 'max_iter' },
    { params: { tol: 0 }, names: 'tol' },
  ],
});

test('linear: OLS recovers an exact linear relation', async () => {
  const rng = new Rng(7);
  const rows = Array.from({ length: 60 }, () => [rng.next() * 10 - 5, rng.next() * 1000, rng.next() * 0.01, rng.next()]);
  const truth = [2.5, -0.003, 120, 0];
  const y = rows.map((r) => -4 + r.reduce((s, v, j) => s + v * truth[j], 0));
  const est = new LinearRegression();
  await est.fit(frameOf(rows), num('y', y));
  const { coef, intercept } = est.coefficients();
  truth.forEach((t, j) => assert.ok(Math.abs(coef[j] - t) < 1e-8, `coef ${j}: ${coef[j]} vs ${t}`));
  assert.ok(Math.abs(intercept + 4) < 1e-8, `intercept ${intercept}`);
});

test('linear: OLS on collinear columns gives the minimum-norm solution', async () => {
  // x1 = 2·x0, so y = 3·x0 is met by any w0 + 2·w1 = 3; the minimum-norm one is (0.6, 1.2).
  const x0 = [1, 2, 3, 4, 5, 6];
  const f = Frame.of([num('x0', x0), num('x1', x0.map((v) => 2 * v))]);
  const est = new LinearRegression();
  await est.fit(f, num('y', x0.map((v) => 3 * v + 1)));
  const { coef, intercept } = est.coefficients();
  assert.ok(Math.abs(coef[0] - 0.6) < 1e-8 && Math.abs(coef[1] - 1.2) < 1e-8, `${coef}`);
  assert.ok(Math.abs(intercept - 1) < 1e-8);
});

for (const c of SKLEARN) {
  test(`linear: matches scikit-learn ${c.name}`, async () => {
    const est = new LinearRegression(c.params);
    await est.fit(frameOf(X), num('y', Y), c.weighted ? { sampleWeight: Float64Array.from(SW) } : {});
    const { coef, intercept } = est.coefficients();
    c.coef.forEach((want, j) => assert.ok(Math.abs(coef[j] - want) < 1e-5, `coef ${j}: ${coef[j]} vs ${want}`));
    assert.ok(Math.abs(intercept - c.intercept) < 1e-5, `intercept ${intercept} vs ${c.intercept}`);
  });
}

test('linear: integer sample weights equal repeating rows', async () => {
  const w = [1, 3, 0, 2, 1, 1, 2, 1, 1, 3, 1, 1, 2, 1, 1, 1];
  const repX = X.flatMap((r, i) => Array.from({ length: w[i] }, () => r));
  const repY = Y.flatMap((v, i) => Array.from({ length: w[i] }, () => v));
  for (const params of [{}, { alpha: 3 }, { alpha: 0.2, l1_ratio: 0.5, tol: 1e-10 }, { alpha: 0.5, l1_ratio: 1, tol: 1e-10 }]) {
    const a = new LinearRegression(params);
    const b = new LinearRegression(params);
    await a.fit(frameOf(X), num('y', Y), { sampleWeight: Float64Array.from(w) });
    await b.fit(frameOf(repX), num('y', repY));
    const ca = a.coefficients();
    const cb = b.coefficients();
    ca.coef.forEach((v, j) => assert.ok(Math.abs(v - cb.coef[j]) < 1e-8, `${JSON.stringify(params)} coef ${j}: ${v} vs ${cb.coef[j]}`));
    assert.ok(Math.abs(ca.intercept - cb.intercept) < 1e-8);
  }
});

test('linear: lasso zeroes coefficients and reports importance as |coef|', async () => {
  const est = new LinearRegression({ alpha: 1, l1_ratio: 1 });
  await est.fit(frameOf(X), num('y', Y));
  const imp = est.featureImportance();
  assert.deepEqual(imp.map((i) => i.feature), ['x0', 'x1', 'x2']);
  assert.equal(imp[2].gain, 0);
  assert.ok(imp[0].gain > imp[1].gain && imp[1].gain > 0);
  assert.ok(imp.every((i) => i.split === 0));
});

test('linear: bad inputs are refused with a clear error', async () => {
  const good = frameOf(X);
  const expect = async (f: Frame, y: Column, re: RegExp, opts = {}) =>
    assert.rejects(new LinearRegression().fit(f, y, opts), (e) => isLatheError(e, 'BAD_INPUT') && re.test(e.message));
  await expect(good, num('y', Y.map((v, i) => (i === 3 ? NaN : v))), /target "y" has missing values/);
  await expect(Frame.of([], 16), num('y', Y), /no feature columns/);
  const cat: Column = { name: 'city', type: 'categorical', codes: new Int32Array(16), dictionary: ['a'] };
  await expect(Frame.of([...good.columns, cat]), num('y', Y), /feature "city" is categorical/);
  await expect(Frame.of([num('x0', X.map((r, i) => (i === 2 ? NaN : r[0])))]), num('y', Y), /feature "x0" has a missing/);
  await expect(good, num('y', Y), /sample weight -1/, { sampleWeight: new Float64Array(16).fill(-1) });
  assert.throws(() => new LinearRegression({ alpha: -0.5 }), (e) => isLatheError(e, 'BAD_PARAM') && /alpha/.test(e.message) && /\[0, ∞\)/.test(e.hint ?? ''));
  const est = new LinearRegression();
  await est.fit(good, num('y', Y));
  assert.throws(() => est.predict(Frame.of([num('x0', [1])])), (e) => isLatheError(e, 'BAD_INPUT') && /"x1" is missing/.test(e.message));
});
