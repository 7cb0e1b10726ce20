import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Rng } from '../../core/index.js';
import { TargetEncoder } from './target-encoder.js';
import { assertLathe, cat, frame, num, values } from './test-helpers.js';

const train = frame(cat('c', ['a', 'a', 'b', 'b', 'b', 'c']));
const y = num('y', [1, 0, 1, 1, 0, 1]);

test('target_encode: transform of new data uses full-data m-estimates; unseen → prior, counted', () => {
  // prior 4/6; a: 1 of 2; b: 2 of 3; c: 1 of 1
  const te0 = new TargetEncoder({ smoothing: 0 }).fit(train, y);
  const out0 = te0.transform(frame(cat('c', ['a', 'b', 'c', 'd', null])));
  assert.deepEqual(values(out0, 'c'), [1 / 2, 2 / 3, 1, 4 / 6, 4 / 6]);
  assert.deepEqual(te0.lastStats(), { unseen: { c: 1 } });
  const te = new TargetEncoder({ smoothing: 3 }).fit(train, y);
  const prior = 4 / 6;
  assert.deepEqual(values(te.transform(frame(cat('c', ['a', 'c']))), 'c'), [(1 + 3 * prior) / (2 + 3), (1 + 3 * prior) / (1 + 3)]);
});

test('target_encode: a missing category value is its own slot', () => {
  const te = new TargetEncoder({ smoothing: 0 }).fit(frame(cat('c', ['a', null, null, 'a'])), num('y', [1, 0, 0, 1]));
  assert.deepEqual(values(te.transform(frame(cat('c', [null, 'a']))), 'c'), [0, 1]);
});

test('target_encode: fitTransform is out-of-fold: a row never sees its own target', () => {
  const n = 200;
  const rng = new Rng(7);
  const c = cat('c', Array.from({ length: n }, (_, i) => `k${i % 40}`));
  const yv = Array.from({ length: n }, () => rng.normal());
  const te = new TargetEncoder({ smoothing: 0, cv: 5, seed: 3 });
  const oof = values(te.fitTransform(frame(c), num('y', yv)), 'c');
  for (const i of [0, 17, 199]) {
    const changed = [...yv];
    changed[i] += 1000;
    const again = values(new TargetEncoder({ smoothing: 0, cv: 5, seed: 3 }).fitTransform(frame(c), num('y', changed)), 'c');
    assert.equal(again[i], oof[i], `row ${i}'s encoding must not depend on its own target`);
  }
});

test('target_encode does not leak: on pure-noise targets out-of-fold encodings do not track the target, in-sample ones do', () => {
  const n = 1000;
  const rng = new Rng(11);
  // Each row its own category: the in-sample mean of a row's category is its own target.
  const c = cat('c', Array.from({ length: n }, (_, i) => `id${i}`));
  const noise = num('y', Array.from({ length: n }, () => rng.normal()));
  const naive = values(new TargetEncoder({ smoothing: 0 }).fit(frame(c), noise).transform(frame(c)), 'c');
  assert.ok(corr(naive, Array.from(noise.values)) > 0.999, 'in-sample encoding is the target itself');
  // Shared categories (5 rows each): in-sample still leaks, out-of-fold does not.
  const shared = cat('c', Array.from({ length: n }, (_, i) => `g${i % 200}`));
  const inSample = values(new TargetEncoder({ smoothing: 1 }).fit(frame(shared), noise).transform(frame(shared)), 'c');
  const oof = values(new TargetEncoder({ smoothing: 1 }).fitTransform(frame(shared), noise), 'c');
  const y = Array.from(noise.values);
  assert.ok(corr(inSample, y) > 0.3, `in-sample corr ${corr(inSample, y)}`);
  assert.ok(Math.abs(corr(oof, y)) < 0.1, `out-of-fold corr ${corr(oof, y)}`);
});

test('target_encode: a two-class label encodes the rate of the second class in sorted order', () => {
  const te = new TargetEncoder({ smoothing: 0 }).fit(frame(cat('c', ['a', 'a', 'b'])), cat('y', ['yes', 'no', 'no']));
  assert.deepEqual(values(te.transform(frame(cat('c', ['a', 'b']))), 'c'), [0.5, 0]);
});

test('target_encode: more than two classes give one column per class, each row summing to 1', () => {
  const te = new TargetEncoder({ smoothing: 2 });
  const out = te.fitTransform(frame(cat('c', ['a', 'a', 'b', 'b', 'a', 'b'])), cat('y', ['x', 'y', 'z', 'x', 'x', 'z']));
  assert.deepEqual(out.names, ['c__te=x', 'c__te=y', 'c__te=z']);
  const later = te.transform(frame(cat('c', ['a', 'q'])));
  assert.deepEqual(values(later, 'c__te=x'), [(2 + 2 * 0.5) / (3 + 2), 0.5]);
  for (const f of [out, later]) {
    for (let i = 0; i < f.rows; i++) {
      const sum = f.columns.reduce((s, col) => s + ('values' in col ? col.values[i] : 0), 0);
      assert.ok(Math.abs(sum - 1) < 1e-12);
    }
  }
  const back = new TargetEncoder(te.params).restore(JSON.parse(JSON.stringify(te.toJSON())).state);
  assert.deepEqual(values(back.transform(frame(cat('c', ['a', 'q']))), 'c__te=y'), values(later, 'c__te=y'));
});

test('target_encode: needs a target of a usable type, and categorical columns', () => {
  assertLathe(() => new TargetEncoder().fit(train), 'BAD_INPUT', 'target');
  assertLathe(() => new TargetEncoder().fit(train, num('t', [0, 0, 0, 0, 0, 0], 'datetime')), 'BAD_INPUT', 'datetime');
  assertLathe(() => new TargetEncoder().fit(train, num('t', [1])), 'BAD_INPUT', 'rows');
  assertLathe(() => new TargetEncoder({ columns: ['x'] }).fit(frame(num('x', [1])), num('y', [1])), 'BAD_INPUT', '"x"', 'numeric', 'categorical');
  assertLathe(() => new TargetEncoder({ cv: 1 }), 'BAD_PARAM', 'cv', '[2, 100]');
  assertLathe(() => new TargetEncoder({ smoothing: -1 }), 'BAD_PARAM', 'smoothing');
});

function corr(a: number[], b: number[]): number {
  const n = a.length;
  const ma = a.reduce((s, v) => s + v, 0) / n;
  const mb = b.reduce((s, v) => s + v, 0) / n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}
