import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Column, Frame, Rng } from '../../core/index.js';
import { isLatheError } from '../../errors.js';
import { estimatorCase } from '../estimator.case.js';
import { fromPortableJSON, toPortableJSON } from '../portable-json.js';
import { registerEstimator } from '../registry.js';
import { KMeans, kmeansFactory } from './kmeans.js';

registerEstimator(kmeansFactory);

const num = (name: string, values: number[] | Float64Array): Column => ({ name, type: 'numeric', values: Float64Array.from(values) });

/** Well-separated Gaussian blobs: `per` rows around each centre, row i from centre i mod k. */
function blobs(centres: number[][], per: number, std: number, seed: number): Frame {
  const rng = new Rng(seed);
  const k = centres.length;
  const d = centres[0].length;
  const cols = Array.from({ length: d }, () => new Float64Array(k * per));
  for (let i = 0; i < k * per; i++) for (let j = 0; j < d; j++) cols[j][i] = centres[i % k][j] + std * rng.normal();
  return Frame.of(cols.map((v, j) => num(`x${j}`, v)));
}

const CENTRES = [[0, 0, 0], [10, 0, 5], [0, 10, -5], [10, 10, 10]];

estimatorCase({
  kind: 'kmeans',
  task: 'clustering',
  params: { k: 4, n_init: 2, seed: 3 },
  data: () => ({ train: blobs(CENTRES, 50, 1, 1), target: null, test: blobs(CENTRES, 10, 1, 2) }),
  badParams: [
    { params: { k: 0 }, names: 'k' },
    { params: { n_init: 0 }, names: 'n_init' },
    { params: { max_iter: 0 }, names: 'max_iter' },
    { params: { tol: -1 }, names: 'tol' },
    { params: { k: 2.5 }, names: 'k' },
  ],
});

/** The centre (row of `centres`) each fitted centre is nearest to; a permutation when recovery worked. */
function matchCentres(km: KMeans, centres: number[][]): number[] {
  const d = centres[0].length;
  const got = km.centers();
  return centres.map((_, c) => {
    let best = -1;
    let bestDist = Infinity;
    centres.forEach((t, u) => {
      const dist = t.reduce((s, v, j) => s + (got[c * d + j] - v) ** 2, 0);
      if (dist < bestDist) [best, bestDist] = [u, dist];
    });
    return best;
  });
}

test('kmeans recovers the centres and labels of well-separated blobs', async () => {
  // std 0.05 around centres 10 apart, 2000 rows each: centre error ~ 0.05/√2000 ≈ 1e-3.
  const frame = blobs(CENTRES, 2000, 0.05, 7);
  const km = new KMeans({ k: 4, seed: 1 });
  await km.fit(frame, null);
  const match = matchCentres(km, CENTRES);
  assert.deepEqual([...match].sort(), [0, 1, 2, 3], 'each true centre is found once');
  const got = km.centers();
  match.forEach((t, c) => CENTRES[t].forEach((v, j) => assert.ok(Math.abs(got[c * 3 + j] - v) < 1e-2, `centre ${c} dim ${j}: ${got[c * 3 + j]} vs ${v}`)));
  const labels = km.predict(frame);
  for (let i = 0; i < frame.rows; i++) assert.equal(match[labels[i]], i % 4, `row ${i}`);
});

test('kmeans inertia equals a hand computation, with and without weights', async () => {
  const frame = Frame.of([num('a', [0, 0, 10, 10]), num('b', [0, 2, 0, 2])]);
  const km = new KMeans({ k: 2, seed: 0 });
  await km.fit(frame, null);
  // Centres (0, 1) and (10, 1): each row is 1 away.
  assert.equal(km.inertia(), 4);
  assert.equal(toPortableJSON(km.toJSON().state.inertia), '4');
  const w = new KMeans({ k: 2, seed: 0 });
  await w.fit(frame, null, { sampleWeight: new Float64Array([1, 3, 1, 1]) });
  // Left centre (0, 1.5): 1·1.5² + 3·0.5² = 3; right centre (10, 1): 1 + 1.
  assert.equal(w.inertia(), 5);
  const centres = w.centers();
  const left = centres[0] === 0 ? 0 : 1;
  assert.deepEqual([centres[left * 2], centres[left * 2 + 1]], [0, 1.5]);
});

/**
 * 3 blobs × 20 rows in 2-D with exact-decimal offsets, so Python builds the
 * same doubles:
 *   X = [[cx + ((i*7) % 11 - 5)/10, cy + ((i*3) % 13 - 6)/10] for (cx, cy) in
 *        [[0, 0], [6, 1], [2, 7]] for i in range(20)]
 *   w = [1 + (i % 3) for i in range(60)]
 * Expected values from scikit-learn 1.2.1, /usr/bin/python3:
 *   KMeans(k, n_init=10, random_state=0, algorithm='lloyd').fit(X[, sample_weight=w]).inertia_
 */
const SKLEARN = { k3: 14.9265, k3Weighted: 29.648863821138207, k2: 384.9265 };

function sklearnFrame(): Frame {
  const a: number[] = [];
  const b: number[] = [];
  for (const [cx, cy] of [[0, 0], [6, 1], [2, 7]]) {
    for (let i = 0; i < 20; i++) {
      a.push(cx + (((i * 7) % 11) - 5) / 10);
      b.push(cy + (((i * 3) % 13) - 6) / 10);
    }
  }
  return Frame.of([num('a', a), num('b', b)]);
}

test('kmeans matches scikit-learn inertia on a fixed dataset', async () => {
  const frame = sklearnFrame();
  const close = (got: number, want: number) => assert.ok(Math.abs(got - want) <= 1e-9 * want, `${got} vs scikit-learn ${want}`);
  for (const seed of [0, 1, 2]) {
    const k3 = new KMeans({ k: 3, n_init: 10, seed });
    await k3.fit(frame, null);
    close(k3.inertia(), SKLEARN.k3);
    const k2 = new KMeans({ k: 2, n_init: 10, seed });
    await k2.fit(frame, null);
    close(k2.inertia(), SKLEARN.k2);
    const w = new KMeans({ k: 3, n_init: 10, seed });
    await w.fit(frame, null, { sampleWeight: Float64Array.from({ length: 60 }, (_, i) => 1 + (i % 3)) });
    close(w.inertia(), SKLEARN.k3Weighted);
  }
});

test('kmeans is deterministic per seed and reports n_iter', async () => {
  const frame = blobs(CENTRES, 300, 3, 11);
  const fit = async (seed: number) => {
    const km = new KMeans({ k: 4, n_init: 3, seed });
    await km.fit(frame, null);
    return km;
  };
  const [a, b, c] = [await fit(5), await fit(5), await fit(6)];
  assert.deepEqual(a.centers(), b.centers());
  assert.equal(a.inertia(), b.inertia());
  assert.equal(a.nIter(), b.nIter());
  assert.ok(a.nIter() >= 1 && a.nIter() <= 300);
  // Overlapping blobs (std 3): another seed is allowed another local optimum, but not a worse-than-double one.
  assert.ok(c.inertia() < 2 * a.inertia() && a.inertia() < 2 * c.inertia());
});

test('kmeans stops at max_iter, reports progress and honours abort', async () => {
  const frame = blobs(CENTRES, 300, 4, 12);
  const seen: number[] = [];
  const km = new KMeans({ k: 4, max_iter: 2, tol: 0, seed: 1 });
  await km.fit(frame, null, { onIteration: (i) => seen.push(i.iteration) });
  assert.equal(km.nIter(), 2);
  assert.deepEqual(seen, [1, 2]);
  const ac = new AbortController();
  ac.abort();
  await assert.rejects(new KMeans({ k: 4 }).fit(frame, null, { signal: ac.signal }));
});

test('kmeans with more clusters than distinct points relocates empty clusters', async () => {
  // Two distinct points, three clusters: seeding repeats a point and a cluster starts empty.
  const frame = Frame.of([num('x', [0, 0, 0, 0, 0, 1, 1, 1, 1, 1])]);
  const km = new KMeans({ k: 3, seed: 0 });
  await km.fit(frame, null);
  assert.equal(km.inertia(), 0);
  assert.ok(km.centers().every((v) => v === 0 || v === 1));
  assert.deepEqual(new Set(km.predict(frame)).size, 2);
});

test('kmeans refuses bad input with the column or parameter named', async () => {
  const frame = blobs(CENTRES, 2, 1, 1);
  const fails = async (f: () => Promise<void>, code: string, re: RegExp) =>
    assert.rejects(f, (e) => isLatheError(e) && e.code === code && re.test(e.message) && (e.hint ?? '') !== '');
  await fails(() => new KMeans({ k: 9 }).fit(frame, null), 'BAD_PARAM', /k=9 is more than the 8 training rows/);
  await fails(() => new KMeans({ k: 1 }).fit(Frame.of([num('y', [1, 2])]).drop(['y']), null), 'BAD_INPUT', /no feature columns/);
  await fails(() => new KMeans({ k: 1 }).fit(Frame.of([num('a', [1, NaN, 2])]), null), 'BAD_INPUT', /column "a" has missing values/);
  await fails(() => new KMeans({ k: 1 }).fit(Frame.of([num('a', [1, Infinity])]), null), 'BAD_INPUT', /column "a" has infinite values/);
  const cat: Column = { name: 'colour', type: 'categorical', codes: new Int32Array([0, 1]), dictionary: ['red', 'blue'] };
  await fails(() => new KMeans({ k: 1 }).fit(Frame.of([num('a', [1, 2]), cat]), null), 'BAD_INPUT', /column "colour" is categorical/);
  await fails(() => new KMeans({ k: 1 }).fit(Frame.of([num('a', [1, 2])]), null, { sampleWeight: new Float64Array([1]) }), 'BAD_INPUT', /sampleWeight has 1 values for 2 rows/);
  await fails(() => new KMeans({ k: 1 }).fit(Frame.of([num('a', [1, 2])]), null, { sampleWeight: new Float64Array([1, -1]) }), 'BAD_INPUT', /sampleWeight\[1\]/);
  const km = new KMeans({ k: 2, seed: 1 });
  await km.fit(frame, null);
  assert.throws(() => km.predict(Frame.of([num('x0', [1])])), (e) => isLatheError(e, 'BAD_INPUT') && /column "x1" is missing/.test(e.message));
  assert.throws(() => new KMeans({ k: 0 }), (e) => isLatheError(e, 'BAD_PARAM') && /k=0/.test(e.message) && /k must be an integer in \[1, ∞\)/.test(e.hint ?? ''));
  assert.throws(() => new KMeans({ tol: -0.5 }), (e) => isLatheError(e, 'BAD_PARAM') && /tol must be a number in \[0, ∞\)/.test(e.hint ?? ''));
});

test('kmeans predict uses feature names, not column order, and survives JSON', async () => {
  const frame = blobs(CENTRES, 20, 0.5, 3);
  const km = new KMeans({ k: 4, seed: 2 });
  await km.fit(frame, null);
  const reordered = frame.select(['x2', 'x0', 'x1']);
  assert.deepEqual(km.predict(reordered), km.predict(frame));
  const back = kmeansFactory.fromJSON(fromPortableJSON(toPortableJSON(km.toJSON())));
  assert.deepEqual(back.predict(frame), km.predict(frame));
  assert.equal((back as KMeans).inertia(), km.inertia());
});
