import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Rng } from '../../core/index.js';
import { BlockExecutor, reduceBlocks } from './executor.js';
import { lloyd, sameClustering } from './lloyd.js';
import { kmeansPlusPlus } from './plusplus.js';
import { BLOCK_ROWS, columnMeans, sampleWeights, toPoints } from './points.js';

/** Uniform noise: no cluster structure, so Lloyd takes many iterations and every pass matters. */
function columns(rows: number, dims: number, seed: number): Float64Array[] {
  const rng = new Rng(seed);
  return Array.from({ length: dims }, () => Float64Array.from({ length: rows }, () => rng.next() * 10));
}

async function run(cols: Float64Array[], rows: number, workers: number, weighted: boolean) {
  const names = cols.map((_, j) => `x${j}`);
  const points = toPoints('kmeans', names, cols, rows, columnMeans(cols, rows), workers > 0);
  const given = weighted ? Float64Array.from({ length: rows }, (_, i) => (i % 5) / 2) : undefined;
  const weights = sampleWeights('kmeans', rows, given, workers > 0);
  const ex = await BlockExecutor.open(points, weights, 5, workers);
  try {
    const init = await kmeansPlusPlus(ex, 5, new Rng(9));
    const res = await lloyd(ex, init, { k: 5, maxIter: 20, tol: 0, weightedNorms: 0 });
    return { init, ...res, labels: ex.labels.slice() };
  } finally {
    await ex.close();
  }
}

test('worker threads give the same bits as one thread', async () => {
  // An odd row count over several blocks exercises the paired-row tails.
  const rows = 2 * BLOCK_ROWS + 4321;
  const cols = columns(rows, 3, 4);
  for (const weighted of [false, true]) {
    const one = await run(cols, rows, 0, weighted);
    const many = await run(cols, rows, 2, weighted);
    assert.deepEqual(many.init, one.init);
    assert.deepEqual(many.centres, one.centres);
    assert.equal(many.inertia, one.inertia);
    assert.equal(many.nIter, one.nIter);
    assert.deepEqual(many.labels, one.labels);
    assert.ok(one.nIter > 2, 'the run iterated');
  }
});

test('threads need shared buffers', async () => {
  const cols = columns(10, 2, 1);
  const points = toPoints('kmeans', ['a', 'b'], cols, 10, columnMeans(cols, 10));
  await assert.rejects(BlockExecutor.open(points, sampleWeights('kmeans', 10, undefined), 2, 1), /SharedArrayBuffer/);
});

test('reduceBlocks adds block results in order', () => {
  assert.deepEqual(reduceBlocks(new Float64Array([1, 2, 3, 4, 5, 6]), 3, 2), new Float64Array([9, 12]));
});

test('sameClustering sees a renaming, not a different partition', () => {
  assert.equal(sameClustering(new Int32Array([0, 0, 1, 2]), new Int32Array([2, 2, 0, 1]), 3), true);
  assert.equal(sameClustering(new Int32Array([0, 0, 1, 2]), new Int32Array([2, 1, 0, 1]), 3), false);
});
