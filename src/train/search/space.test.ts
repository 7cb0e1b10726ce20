import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Frame, Rng } from '../../core/index.js';
import { isLatheError } from '../../errors.js';
import '../fit-model.js';
import { checkBudget } from './budget.js';
import { frameFromShared, shareFrame } from './shared-frame.js';
import { type Dimension, DEFAULT_SPACES, sampleDimension, sampleSpace, spaceFor } from './space.js';
import { maxRungs, planHalving } from './successive-halving.js';

test('built-in spaces keep only what the estimator declares', () => {
  assert.deepEqual(Object.keys(spaceFor('linear')!), ['alpha', 'l1_ratio']);
  assert.deepEqual(spaceFor('logistic')!.penalty, { type: 'choice', values: ['l2', 'l1'] });
  assert.equal(spaceFor('no-such-algo'), null);
  assert.ok(DEFAULT_SPACES.gbdt.learning_rate && DEFAULT_SPACES.kmeans.k);
});

test('a space entry the estimator does not declare, or that is fixed, is dropped', () => {
  const s = spaceFor('linear', { alpha: { type: 'float', low: 1, high: 2, scale: 'log' }, gamma: { type: 'float', low: 0, high: 1, scale: 'linear' } }, {});
  assert.deepEqual(Object.keys(s!), ['alpha']);
  assert.deepEqual(Object.keys(spaceFor('linear', undefined, { alpha: 1 })!), ['l1_ratio']);
});

test('ranges are clipped to the declared range, choices to the declared values, ints stay ints', () => {
  const s = spaceFor('logistic', {
    C: { type: 'float', low: -5, high: 10, scale: 'linear' },
    penalty: { type: 'choice', values: ['l2', 'elasticnet'] },
    max_iter: { type: 'float', low: 10.5, high: 200.5, scale: 'log' },
    solver: { type: 'choice', values: ['sag'] },
  })!;
  assert.deepEqual(s.C, { type: 'float', low: 0, high: 10, scale: 'linear' });
  assert.deepEqual(s.penalty, { type: 'choice', values: ['l2'] });
  assert.deepEqual(s.max_iter, { type: 'int', low: 11, high: 200, scale: 'log' });
  assert.equal(s.solver, undefined);
});

test('sampling stays in range, is log-uniform on a log scale, and reaches both ends of an int range', () => {
  const rng = new Rng(1);
  const logDim: Dimension = { type: 'float', low: 1e-4, high: 10, scale: 'log' };
  const xs = Array.from({ length: 4000 }, () => sampleDimension(logDim, rng) as number);
  assert.ok(xs.every((x) => x >= 1e-4 && x <= 10));
  // The median of log-uniform(1e-4, 10) is 10^-1.5; a linear draw would put it near 5.
  const below = xs.filter((x) => x < 10 ** -1.5).length / xs.length;
  assert.ok(Math.abs(below - 0.5) < 0.04, `share below the log-midpoint: ${below}`);
  const ints = new Set(Array.from({ length: 500 }, () => sampleDimension({ type: 'int', low: 2, high: 5, scale: 'linear' }, rng)));
  assert.deepEqual([...ints].sort(), [2, 3, 4, 5]);
  const logInts = Array.from({ length: 500 }, () => sampleDimension({ type: 'int', low: 8, high: 128, scale: 'log' }, rng) as number);
  assert.ok(logInts.every((v) => Number.isInteger(v) && v >= 8 && v <= 128));
});

test('sampling is deterministic for a seed', () => {
  const space = spaceFor('logistic')!;
  const draw = (seed: number) => {
    const rng = new Rng(seed);
    return Array.from({ length: 5 }, () => sampleSpace(space, rng));
  };
  assert.deepEqual(draw(7), draw(7));
  assert.notDeepEqual(draw(7), draw(8));
});

test('a zero or negative budget is BAD_USAGE', () => {
  for (const b of [{ trials: 0, seconds: 0 }, { trials: -1, seconds: 5 }, { trials: 3, seconds: -1 }, { trials: 1.5, seconds: 0 }, { trials: 0, seconds: NaN }]) {
    assert.throws(() => checkBudget(b), (e) => isLatheError(e, 'BAD_USAGE'), JSON.stringify(b));
  }
  checkBudget({ trials: 0, seconds: 1 });
  checkBudget({ trials: 1, seconds: 0 });
});

test('halving plans fit the trial count with factor 3', () => {
  assert.deepEqual(planHalving(20, 3), { rungs: 3, n0: 13 }); // 13 + 5 + 2 = 20
  assert.deepEqual(planHalving(13, 3), { rungs: 3, n0: 9 }); // 9 + 3 + 1
  assert.deepEqual(planHalving(5, 3), { rungs: 2, n0: 3 }); // too few for 3 rungs: 3 + 1
  assert.deepEqual(planHalving(2, 3), { rungs: 1, n0: 2 });
  assert.deepEqual(planHalving(0, 5), { rungs: 3, n0: 27 });
  assert.equal(maxRungs({ kind: 'rounds', param: 'iterations', max: 90 }), 3); // 10, 30, 90
  assert.equal(maxRungs({ kind: 'rows', max: 150 }), 1);
  assert.equal(maxRungs({ kind: 'rows', max: 1800 }), 3); // 200, 600, 1800
});

test('a shared frame has the same values on shared memory', () => {
  const f = Frame.of([
    { name: 'x', type: 'numeric', values: new Float64Array([1, NaN, 3]) },
    { name: 'c', type: 'categorical', codes: new Int32Array([0, -1, 1]), dictionary: ['a', 'b'] },
  ]);
  const s = shareFrame(f);
  assert.ok(s.columns.every((c) => ('codes' in c ? c.codes : c.values) instanceof SharedArrayBuffer));
  const g = frameFromShared(s);
  assert.deepEqual([g.value('x', 0), g.value('x', 1), g.value('c', 1), g.value('c', 2)], [1, null, null, 'b']);
});
