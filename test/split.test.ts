import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { Frame, Rng } from '../src/core/index.js';
import {
  type Split,
  foldFrame,
  groupSplit,
  kFold,
  randomSplit,
  splitFrame,
  stratifiedKFold,
  stratifiedSplit,
  timeSplit,
} from '../src/data/split/index.js';
import { isLatheError } from '../src/errors.js';
import { ingest, loadFrame } from '../src/ingest/index.js';
import { Home } from '../src/store/index.js';
import { tempDir, VEGA } from './helpers.js';

/** Asserts train and test are ascending, disjoint and together cover 0 … n-1. */
function assertPartition(s: { train: Int32Array; test: Int32Array }, n: number): void {
  assert.equal(s.train.length + s.test.length, n);
  const seen = new Uint8Array(n);
  for (const arr of [s.train, s.test]) {
    for (let i = 0; i < arr.length; i++) {
      if (i > 0) assert.ok(arr[i] > arr[i - 1], 'indices ascend');
      assert.equal(seen[arr[i]], 0, `row ${arr[i]} is on both sides`);
      seen[arr[i]] = 1;
    }
  }
}

function throwsLathe(fn: () => unknown, code: string, pattern: RegExp): void {
  assert.throws(fn, (e: unknown) => isLatheError(e, code as never) && pattern.test(e.message));
}

/** Labels with class sizes `sizes`, shuffled by a fixed seed so classes interleave. */
function labels(sizes: number[]): Int32Array {
  const out: number[] = [];
  sizes.forEach((m, c) => out.push(...Array(m).fill(c)));
  return new Rng(99).shuffle(Int32Array.from(out));
}

function countIn(idx: Int32Array, y: Int32Array, c: number): number {
  let k = 0;
  for (const i of idx) if (y[i] === c) k++;
  return k;
}

describe('randomSplit', () => {
  test('deterministic for a seed, different for another, a partition of the rows', () => {
    const a = randomSplit(1000, 0.2, 42);
    assert.deepEqual(randomSplit(1000, 0.2, 42), a);
    assert.notDeepEqual(randomSplit(1000, 0.2, 43).test, a.test);
    assertPartition(a, 1000);
    assert.deepEqual(a.record, { method: 'random', seed: 42, test_fraction: 0.2, sizes: { train: 800, test: 200 } });
  });

  test('never leaves a side empty', () => {
    assert.deepEqual(randomSplit(2, 0.01, 1).record.sizes, { train: 1, test: 1 });
    assert.deepEqual(randomSplit(3, 0.99, 1).record.sizes, { train: 1, test: 2 });
  });

  test('bad input names the problem', () => {
    throwsLathe(() => randomSplit(10, 0, 1), 'BAD_PARAM', /test fraction must be between 0 and 1/);
    throwsLathe(() => randomSplit(10, 1.5, 1), 'BAD_PARAM', /got 1\.5/);
    throwsLathe(() => randomSplit(10, 0.2, 1.5), 'BAD_PARAM', /seed must be an integer/);
    throwsLathe(() => randomSplit(0, 0.2, 1), 'BAD_INPUT', /cannot split 0 rows/);
  });
});

describe('stratifiedSplit', () => {
  test('keeps every class within one row of its share', () => {
    const y = labels([500, 301, 97, 13, 2]);
    for (const f of [0.1, 0.25, 0.5, 0.9]) {
      const s = stratifiedSplit(y, f, 7);
      assertPartition(s, y.length);
      [500, 301, 97, 13, 2].forEach((m, c) => assert.ok(Math.abs(countIn(s.test, y, c) - m * f) < 1, `class ${c} at ${f}`));
      assert.equal(s.test.length, Math.round(y.length * f));
    }
  });

  test('deterministic for a seed, different for another', () => {
    const y = labels([50, 50]);
    assert.deepEqual(stratifiedSplit(y, 0.3, 1), stratifiedSplit(y, 0.3, 1));
    assert.notDeepEqual(stratifiedSplit(y, 0.3, 1).test, stratifiedSplit(y, 0.3, 2).test);
    assert.equal(stratifiedSplit(y, 0.3, 1).record.method, 'stratified');
  });

  test('a class too small to split is named', () => {
    throwsLathe(() => stratifiedSplit(Int32Array.from([0, 0, 1, 2, 2]), 0.4, 1, ['a', 'b', 'c']), 'BAD_INPUT', /class "b" has 1 row; a stratified split needs at least 2/);
    throwsLathe(() => stratifiedSplit(Int32Array.from([0, 0, -1]), 0.4, 1), 'BAD_INPUT', /1 row has no label/);
  });
});

describe('groupSplit', () => {
  test('no group is on both sides; missing groups are rows of their own', () => {
    const g = new Int32Array(1000);
    const rng = new Rng(5);
    for (let i = 0; i < g.length; i++) g[i] = i % 97 === 0 ? -1 : rng.int(40);
    for (const seed of [1, 2, 3]) {
      const s = groupSplit(g, 0.25, seed);
      assertPartition(s, g.length);
      const trainGroups = new Set([...s.train].map((i) => g[i]).filter((v) => v >= 0));
      for (const i of s.test) if (g[i] >= 0) assert.ok(!trainGroups.has(g[i]), `group ${g[i]} crosses`);
      assert.ok(Math.abs(s.test.length - 250) < 60, `test size ${s.test.length} near 250`);
    }
    assert.deepEqual(groupSplit(g, 0.25, 1), groupSplit(g, 0.25, 1));
    assert.notDeepEqual(groupSplit(g, 0.25, 1).test, groupSplit(g, 0.25, 2).test);
  });

  test('one group cannot be split', () => {
    throwsLathe(() => groupSplit(new Int32Array(10), 0.2, 1), 'BAD_INPUT', /needs at least 2 groups, the column has 1/);
  });
});

describe('timeSplit', () => {
  const day = 86_400_000;

  test('train strictly before test; the latest rows are the test set', () => {
    const t = new Rng(3).shuffle(Float64Array.from({ length: 100 }, (_, i) => i * day));
    const s = timeSplit(t, 0.2);
    assertPartition(s, 100);
    assert.equal(s.test.length, 20);
    assert.ok(Math.max(...[...s.train].map((i) => t[i])) < Math.min(...[...s.test].map((i) => t[i])));
    assert.equal(s.record.seed, null);
    assert.equal(s.record.cutoff, new Date(80 * day).toISOString());
  });

  test('ties at the boundary go wholly to one side', () => {
    // 6 rows at day 0, then 4 rows at day 1: a 0.3 split would cut through
    // the day-0 rows, so they stay together.
    const t = Float64Array.from([0, 0, 0, 0, 0, 0, day, day, day, day]);
    const s = timeSplit(t, 0.3);
    assert.deepEqual([...s.test], [6, 7, 8, 9]);
    const ties = Float64Array.from([0, day, day, day, day, 2 * day]);
    const s2 = timeSplit(ties, 0.5);
    assert.ok(Math.max(...[...s2.train].map((i) => ties[i])) < Math.min(...[...s2.test].map((i) => ties[i])));
    assert.deepEqual([...s2.test], [1, 2, 3, 4, 5]);
  });

  test('a column that is not a datetime, missing times or one time are refused', () => {
    const num = { name: 'price', type: 'numeric' as const, values: Float64Array.from([1, 2, 3]) };
    throwsLathe(() => timeSplit(num, 0.2), 'BAD_INPUT', /column "price" is numeric, not datetime/);
    const when = { name: 'when', type: 'datetime' as const, values: Float64Array.from([1, NaN, 3]) };
    throwsLathe(() => timeSplit(when, 0.2), 'BAD_INPUT', /1 row has no time in column "when"/);
    throwsLathe(() => timeSplit(Float64Array.from([5, 5, 5]), 0.5), 'BAD_INPUT', /every row has the same time/);
  });
});

describe('kFold and stratifiedKFold', () => {
  function assertFolds(folds: { train: Int32Array; test: Int32Array }[], n: number): void {
    const hits = new Uint8Array(n);
    for (const f of folds) {
      assertPartition(f, n);
      for (const i of f.test) hits[i]++;
    }
    assert.ok(hits.every((h) => h === 1), 'every row is tested exactly once');
    const sizes = folds.map((f) => f.test.length);
    assert.ok(Math.max(...sizes) - Math.min(...sizes) <= 1);
  }

  test('k-fold folds partition the rows, deterministically', () => {
    const f = kFold(103, 5, 9);
    assertFolds(f.folds, 103);
    assert.deepEqual(kFold(103, 5, 9), f);
    assert.notDeepEqual(kFold(103, 5, 10).folds[0].test, f.folds[0].test);
    assert.deepEqual(f.record.sizes.map((s) => s.test), [21, 21, 21, 20, 20]);
    assert.equal(f.record.method, 'kfold');
  });

  test('stratified k-fold keeps each class within one row of its share per fold', () => {
    const sizes = [40, 23, 7, 5];
    const y = labels(sizes);
    const f = stratifiedKFold(y, 5, 3);
    assertFolds(f.folds, y.length);
    for (const fold of f.folds) sizes.forEach((m, c) => assert.ok(Math.abs(countIn(fold.test, y, c) - m / 5) < 1));
    assert.deepEqual(stratifiedKFold(y, 5, 3), f);
  });

  test('bad k and small classes are named', () => {
    throwsLathe(() => kFold(10, 1, 1), 'BAD_PARAM', /k must be an integer from 2 to the number of rows \(10\), got 1/);
    throwsLathe(() => kFold(3, 4, 1), 'BAD_PARAM', /got 4/);
    throwsLathe(() => stratifiedKFold(labels([10, 3]), 4, 1, ['big', 'small']), 'BAD_INPUT', /class "small" has 3 rows; stratified 4-fold needs at least 4/);
  });
});

describe('splits of a frame', () => {
  test('penguins by species: named columns, class shares kept, unknown columns refused', async () => {
    const home = await Home.open({ dir: tempDir() });
    try {
      await ingest(home, join(VEGA, 'penguins.json'), 'penguins');
      const frame = await loadFrame(home, 'penguins');
      const s: Split = splitFrame(frame, { method: 'stratified', column: 'Species', testFraction: 0.2, seed: 42 });
      assertPartition(s, frame.rows);
      assert.equal(s.record.column, 'Species');
      assert.equal(s.record.sizes.test, Math.round(frame.rows * 0.2));
      const folds = foldFrame(frame, { method: 'stratified_kfold', column: 'Island', k: 5, seed: 1 });
      assert.equal(folds.record.column, 'Island');
      throwsLathe(() => splitFrame(frame, { method: 'stratified', column: 'species', testFraction: 0.2, seed: 1 }), 'NOT_FOUND', /column "species" to stratify on does not exist/);
      throwsLathe(() => splitFrame(frame, { method: 'time', column: 'Body Mass (g)', testFraction: 0.2 }), 'BAD_INPUT', /"Body Mass \(g\)" is integer, not datetime/);
      const g = splitFrame(frame, { method: 'group', column: 'Island', testFraction: 0.3, seed: 2 });
      const islands = new Set([...g.test].map((i) => frame.value('Island', i)));
      for (const i of g.train) assert.ok(!islands.has(frame.value('Island', i)));
    } finally {
      await home.close();
    }
  });

  test('a time split on a datetime frame column', () => {
    const frame = Frame.of([{ name: 'at', type: 'datetime', values: Float64Array.from([3, 1, 2, 4, 5]) }]);
    const s = splitFrame(frame, { method: 'time', column: 'at', testFraction: 0.4 });
    assert.deepEqual([...s.test], [3, 4]);
    assert.equal(s.record.column, 'at');
  });
});
