/**
 * Sketches: exact answers where the sketch must be exact (moments, small
 * streams, merges of moments), and the documented error bounds on large
 * streams, split across sketches and merged as server processes would.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Rng } from '../../core/index.js';
import { FrequentItems } from './frequent-items.js';
import { HyperLogLog } from './hyperloglog.js';
import { KllSketch } from './kll.js';
import { Moments } from './moments.js';

describe('Moments', () => {
  test('mean, population variance, min, max and missing by hand', () => {
    const m = new Moments();
    for (const x of [2, 4, 4, 4, 5, 5, 7, 9, Number.NaN, null]) m.add(x);
    assert.deepEqual([m.count, m.missing, m.mean, m.variance(), m.min, m.max], [8, 2, 5, 4, 2, 9]);
  });

  test('merging equals adding everything to one', () => {
    const a = new Moments();
    const b = new Moments();
    const all = new Moments();
    for (let i = 0; i < 1000; i++) {
      const x = Math.sin(i) * 100 + i / 10;
      (i % 3 ? a : b).add(x);
      all.add(x);
    }
    a.merge(b);
    assert.equal(a.count, all.count);
    assert.ok(Math.abs(a.mean - all.mean) < 1e-12);
    assert.ok(Math.abs(a.variance() - all.variance()) / all.variance() < 1e-12);
    assert.deepEqual([a.min, a.max], [all.min, all.max]);
    assert.deepEqual(Moments.fromJSON(JSON.parse(JSON.stringify(a))).toJSON(), a.toJSON());
  });
});

describe('KLL quantile sketch', () => {
  test('small streams are kept whole: exact ranks and quantiles', () => {
    const s = new KllSketch(200);
    for (let i = 1; i <= 100; i++) s.add(i);
    assert.equal(s.retained, 100);
    assert.equal(s.quantile(0.5), 50);
    assert.equal(s.rank(25), 0.25);
    assert.deepEqual([s.quantile(0), s.quantile(1)], [1, 100]);
  });

  test('rank error stays within 1.65% of n on a million values, and memory stays bounded', () => {
    const n = 1_000_000;
    const rng = new Rng(7);
    const values = new Float64Array(n);
    const s = new KllSketch(200);
    for (let i = 0; i < n; i++) {
      values[i] = Math.exp(3 * rng.next()) * (rng.next() < 0.5 ? -1 : 1);
      s.add(values[i]);
    }
    const sorted = values.slice().sort();
    assert.ok(s.retained < 3 * 200 + 64, `retained ${s.retained}`);
    assert.ok(maxRankError(s, sorted) < 0.0165);
  });

  test('ten sketches merged (ten server processes) keep the same bound', () => {
    const rng = new Rng(11);
    const all: number[] = [];
    const parts = Array.from({ length: 10 }, () => new KllSketch(200, rng.nextU32()));
    for (let i = 0; i < 500_000; i++) {
      const x = rng.next() * 1000 + (i % 10) * 50;
      parts[i % 10].add(x);
      all.push(x);
    }
    const merged = parts.reduce((a, b) => a.merge(b));
    assert.equal(merged.n, 500_000);
    assert.ok(maxRankError(merged, Float64Array.from(all).sort()) < 0.0165);
    const copy = KllSketch.fromJSON(JSON.parse(JSON.stringify(merged)));
    assert.equal(copy.quantile(0.37), merged.quantile(0.37));
  });

  test('NaN is ignored; bad k is refused', () => {
    const s = new KllSketch();
    s.add(Number.NaN);
    assert.equal(s.n, 0);
    assert.ok(Number.isNaN(s.quantile(0.5)));
    assert.throws(() => new KllSketch(3), /k must be/);
  });
});

/** Largest |estimated rank − true rank| over 99 evenly spaced probe values. */
function maxRankError(s: KllSketch, sorted: Float64Array): number {
  let worst = 0;
  for (let q = 1; q < 100; q++) {
    const x = sorted[Math.floor((q / 100) * sorted.length)];
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid] <= x) lo = mid + 1;
      else hi = mid;
    }
    worst = Math.max(worst, Math.abs(s.rank(x) - lo / sorted.length));
  }
  return worst;
}

describe('frequent items (Misra–Gries)', () => {
  test('by hand: with 2 counters, a:3 b:1 c:1 d:1 keeps a with an error of at most n/3', () => {
    const f = new FrequentItems(2);
    for (const x of ['a', 'b', 'a', 'c', 'a', 'd']) f.add(x);
    const top = f.top();
    assert.equal(top[0][0], 'a');
    assert.ok(top[0][1] <= 3 && top[0][1] >= 3 - f.maxError());
    assert.ok(f.maxError() <= 6 / 3);
  });

  test('counts undershoot by at most maxError ≤ n/(capacity+1); heavy items always kept; merge keeps the bound', () => {
    const rng = new Rng(3);
    const truth = new Map<string, number>();
    const parts = [new FrequentItems(32), new FrequentItems(32), new FrequentItems(32)];
    const n = 200_000;
    for (let i = 0; i < n; i++) {
      // A Zipf-like stream over 5,000 labels.
      const label = `v${Math.floor(5000 * rng.next() ** 4)}`;
      truth.set(label, (truth.get(label) ?? 0) + 1);
      parts[i % 3].add(label);
    }
    const f = parts.reduce((a, b) => a.merge(b));
    assert.ok(f.maxError() <= n / 33, `error ${f.maxError()}`);
    for (const [label, count] of truth) {
      const est = f.estimate(label);
      assert.ok(est <= count && est >= count - f.maxError(), `${label}: ${est} vs ${count}`);
      if (count > n / 33) assert.ok(est > 0, `${label} (${count}) lost`);
    }
    assert.deepEqual(FrequentItems.fromJSON(JSON.parse(JSON.stringify(f))).top(), f.top());
  });
});

describe('HyperLogLog', () => {
  test('exact-ish for small counts (linear counting), duplicates ignored', () => {
    const h = new HyperLogLog();
    for (let r = 0; r < 3; r++) for (let i = 0; i < 100; i++) h.add(`item-${i}`);
    assert.ok(Math.abs(h.estimate() - 100) <= 2, `estimate ${h.estimate()}`);
  });

  test('within 3 standard errors (4.9%) at 10k, 100k and 1M distinct, and merges are unions', () => {
    for (const n of [10_000, 100_000, 1_000_000]) {
      const a = new HyperLogLog();
      const b = new HyperLogLog();
      // Overlapping halves: the union has n distinct items.
      for (let i = 0; i < n * 0.6; i++) a.add(`id-${i}`);
      for (let i = Math.floor(n * 0.4); i < n; i++) b.add(`id-${i}`);
      const est = a.merge(b).estimate();
      assert.ok(Math.abs(est - n) / n < 3 * 0.01625, `n = ${n}: ${est}`);
    }
    const h = new HyperLogLog(10);
    assert.throws(() => h.merge(new HyperLogLog(12)), /p 10 and 12/);
    assert.equal(HyperLogLog.fromJSON(JSON.parse(JSON.stringify(h))).estimate(), h.estimate());
  });
});
