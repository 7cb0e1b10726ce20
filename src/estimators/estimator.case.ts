import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Column, Frame } from '../core/index.js';
import { isLatheError } from '../errors.js';
import type { ParamValue, Task } from './estimator.js';
import { fromPortableJSON, toPortableJSON } from './portable-json.js';
import { createEstimator, estimatorFromJSON } from './registry.js';

/** A problem for the shared suite. */
export interface CaseData {
  train: Frame;
  target: Column | null;
  test: Frame;
}

/** What the shared suite needs to exercise one estimator on one task. */
export interface EstimatorCase {
  kind: string;
  task: Task;
  params: Record<string, ParamValue>;
  data: () => CaseData;
  /** Parameter values that must be refused, with the parameter name the error must mention. */
  badParams: { params: Record<string, ParamValue>; names: string }[];
}

/**
 * The suite every estimator passes (DESIGN.md): JSON round-trip with
 * identical predictions, determinism for a seed, NOT_FITTED before fit,
 * and bad parameters refused naming the parameter and its range.
 */
export function estimatorCase(c: EstimatorCase): void {
  const label = `${c.kind}/${c.task}`;

  test(`${label}: round-trips through JSON with identical predictions`, async () => {
    const d = c.data();
    const est = createEstimator(c.kind, c.task, c.params);
    await est.fit(d.train, d.target);
    assert.equal(est.fitted, true);
    const back = estimatorFromJSON(fromPortableJSON(toPortableJSON(est.toJSON())));
    assert.equal(back.fitted, true);
    assert.deepEqual(back.predict(d.test), est.predict(d.test));
    if (est.predictProba) assert.deepEqual(back.predictProba!(d.test), est.predictProba(d.test));
    assert.deepEqual(back.classes(), est.classes());
  });

  test(`${label}: the same seed gives the same model`, async () => {
    const d = c.data();
    const a = createEstimator(c.kind, c.task, c.params);
    const b = createEstimator(c.kind, c.task, c.params);
    await a.fit(d.train, d.target);
    await b.fit(d.train, d.target);
    assert.equal(toPortableJSON(a.toJSON().state), toPortableJSON(b.toJSON().state));
    assert.deepEqual(a.predict(d.test), b.predict(d.test));
  });

  test(`${label}: using it before fit throws NOT_FITTED`, () => {
    const d = c.data();
    const est = createEstimator(c.kind, c.task, c.params);
    assert.equal(est.fitted, false);
    assert.throws(() => est.predict(d.test), (e) => isLatheError(e, 'NOT_FITTED'));
    if (est.predictProba) assert.throws(() => est.predictProba!(d.test), (e) => isLatheError(e, 'NOT_FITTED'));
    assert.throws(() => est.toJSON(), (e) => isLatheError(e, 'NOT_FITTED'));
  });

  test(`${label}: bad parameters name the parameter and its range`, () => {
    assert.throws(() => createEstimator(c.kind, c.task, { ...c.params, no_such_param: 1 }), (e) => isLatheError(e, 'BAD_PARAM') && /no_such_param/.test(e.message));
    for (const b of c.badParams) {
      assert.throws(
        () => createEstimator(c.kind, c.task, { ...c.params, ...b.params }),
        (e) => isLatheError(e, 'BAD_PARAM') && e.message.includes(b.names) && /must be/.test(e.hint ?? ''),
        JSON.stringify(b.params),
      );
    }
  });
}
