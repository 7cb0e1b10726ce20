import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Column, Frame } from '../../core/index.js';
import { isLatheError } from '../../errors.js';
import { estimatorCase } from '../estimator.case.js';
import { createEstimator, registerEstimator } from '../registry.js';
import { BaselineClassifier, BaselineRegressor, baselineFactory } from './baseline.js';

registerEstimator(baselineFactory);

const num = (name: string, values: number[]): Column => ({ name, type: 'numeric', values: Float64Array.from(values) });
const cat = (name: string, labels: string[], dictionary: string[]): Column => ({
  name, type: 'categorical', dictionary, codes: Int32Array.from(labels, (l) => dictionary.indexOf(l)),
});
const features = (n: number) => Frame.of([num('x', Array.from({ length: n }, (_, i) => i))]);

const bad = [{ params: { seed: -1 }, names: 'seed' }];
estimatorCase({ kind: 'baseline', task: 'regression', params: { seed: 1 }, badParams: bad, data: () => ({ train: features(5), target: num('y', [1, 2, 3, 4, 10]), test: features(3) }) });
estimatorCase({ kind: 'baseline', task: 'binary', params: { seed: 1 }, badParams: bad, data: () => ({ train: features(4), target: cat('y', ['a', 'b', 'b', 'b'], ['a', 'b']), test: features(2) }) });
estimatorCase({
  kind: 'baseline', task: 'multiclass', params: {}, badParams: bad,
  data: () => ({ train: features(6), target: cat('y', ['c', 'a', 'c', 'b', 'c', 'a'], ['a', 'b', 'c']), test: features(2) }),
});

test('baseline regression predicts the (weighted) mean exactly', async () => {
  const est = new BaselineRegressor();
  await est.fit(features(4), num('y', [1, 2, 3, 10]));
  assert.deepEqual(est.predict(features(2)), new Float64Array([4, 4]));
  await est.fit(features(4), num('y', [1, 2, 3, 10]), { sampleWeight: new Float64Array([1, 1, 1, 3]) });
  assert.deepEqual(est.predict(features(1)), new Float64Array([36 / 6]));
  assert.equal(est.classes(), null);
  assert.equal('predictProba' in est, false);
});

test('baseline classification predicts the majority class with the class frequencies', async () => {
  const est = new BaselineClassifier('multiclass');
  await est.fit(features(6), cat('y', ['c', 'a', 'c', 'b', 'c', 'a'], ['a', 'b', 'c']));
  assert.deepEqual(est.classes(), ['a', 'b', 'c']);
  assert.deepEqual(est.predict(features(2)), new Float64Array([2, 2]));
  assert.deepEqual(est.predictProba(features(2)), new Float64Array([2 / 6, 1 / 6, 3 / 6, 2 / 6, 1 / 6, 3 / 6]));
  // Weights move the majority: 'a' rows weigh 3 each.
  await est.fit(features(6), cat('y', ['c', 'a', 'c', 'b', 'c', 'a'], ['a', 'b', 'c']), { sampleWeight: new Float64Array([1, 3, 1, 1, 1, 3]) });
  assert.deepEqual(est.predict(features(1)), new Float64Array([0]));
  assert.deepEqual(est.predictProba(features(1)), new Float64Array([6 / 10, 1 / 10, 3 / 10]));
});

test('baseline binary on a boolean target; ties go to the first class', async () => {
  const est = new BaselineClassifier('binary');
  await est.fit(features(4), { name: 'y', type: 'boolean', values: new Float64Array([1, 0, 1, 0]) });
  assert.deepEqual(est.classes(), ['false', 'true']);
  assert.deepEqual(est.predict(features(1)), new Float64Array([0]));
  assert.deepEqual(est.predictProba(features(1)), new Float64Array([0.5, 0.5]));
});

test('baseline refuses bad input', async () => {
  const isBad = (re: RegExp) => (e: unknown) => isLatheError(e, 'BAD_INPUT') && re.test(e.message);
  await assert.rejects(new BaselineClassifier('binary').fit(features(3), cat('y', ['a', 'b', 'c'], ['a', 'b', 'c'])), isBad(/3 classes, not 2/));
  await assert.rejects(new BaselineClassifier('binary').fit(features(2), cat('y', ['a', 'a'], ['a', 'b'])), isBad(/single class/));
  await assert.rejects(new BaselineRegressor().fit(features(2), num('y', [1, NaN])), isBad(/missing values/));
  await assert.rejects(new BaselineRegressor().fit(features(2), null), isBad(/needs a target/));
  await assert.rejects(new BaselineRegressor().fit(features(2).drop(['x']), num('y', [1, 2])), isBad(/no feature columns/));
  await assert.rejects(new BaselineRegressor().fit(features(2), num('y', [1, 2]), { sampleWeight: new Float64Array([0, 0]) }), isBad(/every sample weight is 0/));
  assert.throws(() => createEstimator('baseline', 'clustering'), (e) => isLatheError(e, 'BAD_PARAM') && /does not do clustering/.test(e.message));
});
