/**
 * Column and dataset drift on small frames whose answers follow from the
 * definitions: which test `auto` picks, the scores, the verdict, and every
 * bad input the issue lists.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type Column, Frame } from '../../core/index.js';
import { LatheError } from '../../errors.js';
import { datasetDrift } from './dataset-drift.js';
import { jensenShannon } from './divergences.js';
import { ksTwoSample } from './ks.js';

const num = (name: string, values: number[]): Column => ({ name, type: 'numeric', values: Float64Array.from(values) });
const cat = (name: string, labels: (string | null)[], dictionary: string[]): Column => ({
  name,
  type: 'categorical',
  codes: Int32Array.from(labels.map((l) => (l === null ? -1 : dictionary.indexOf(l)))),
  dictionary,
});
const range = <T = number>(n: number, f: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => f(i));

function lathe(code: string, fn: () => unknown): void {
  assert.throws(fn, (e: unknown) => e instanceof LatheError && e.code === code && typeof e.hint === 'string' && e.hint.length > 0);
}

describe('datasetDrift: automatic test choice', () => {
  test('small numeric reference → KS with its p-value; threshold 0.05', () => {
    const ref = Frame.of([num('x', range(100, (i) => i))]);
    const cur = Frame.of([num('x', range(80, (i) => i + 30))]);
    const [c] = datasetDrift(ref, cur).columns;
    const expected = ksTwoSample(Float64Array.from(range(100, (i) => i)), Float64Array.from(range(80, (i) => i + 30)));
    assert.equal(c.test, 'ks');
    assert.equal(c.kind, 'numeric');
    assert.equal(c.statistic, expected.statistic);
    assert.equal(c.p_value, expected.pValue);
    assert.equal(c.score, expected.pValue);
    assert.equal(c.threshold, 0.05);
    assert.equal(c.drift, expected.pValue < 0.05);
    assert.equal(c.method, 'exact');
  });

  test('large numeric reference → Wasserstein over the reference std', () => {
    // Reference 0…1999 (population std √((2000²−1)/12)); current shifted by 100: W₁ = 100.
    const ref = Frame.of([num('x', range(2000, (i) => i))]);
    const cur = Frame.of([num('x', range(2000, (i) => i + 100))]);
    const [c] = datasetDrift(ref, cur).columns;
    assert.equal(c.test, 'wasserstein');
    assert.ok(Math.abs((c.statistic ?? 0) - 100) < 1e-9);
    const std = Math.sqrt((2000 * 2000 - 1) / 12);
    assert.ok(Math.abs((c.score ?? 0) - 100 / std) < 1e-12);
    assert.equal(c.p_value, null);
    assert.equal(c.drift, 100 / std > 0.1);
    assert.ok(Math.abs((c.range_violation_rate ?? 0) - 0.05) < 1e-15, 'values 2000…2099 are above the reference max');
  });

  test('small categorical reference → chi-square; dictionaries matched by label, not code', () => {
    // Same counts, dictionaries in opposite order: no drift at all.
    const ref = Frame.of([cat('c', [...Array(30).fill('a'), ...Array(10).fill('b')], ['a', 'b'])]);
    const cur = Frame.of([cat('c', [...Array(10).fill('b'), ...Array(30).fill('a')], ['b', 'a'])]);
    const [c] = datasetDrift(ref, cur).columns;
    assert.equal(c.test, 'chi2');
    assert.equal(c.statistic, 0);
    assert.equal(c.p_value, 1);
    assert.equal(c.drift, false);
    assert.equal(c.unseen_rate, 0);
  });

  test('large categorical reference → Jensen–Shannon on category shares; unseen categories reported', () => {
    const ref = Frame.of([cat('c', range(2000, (i) => (i % 2 ? 'a' : 'b')), ['a', 'b'])]);
    const cur = Frame.of([cat('c', range(1000, (i) => (i % 4 === 0 ? 'z' : i % 4 === 1 ? 'a' : 'b')), ['z', 'b', 'a'])]);
    const [c] = datasetDrift(ref, cur).columns;
    assert.equal(c.test, 'js');
    // Labels in order a, b, z: reference ½, ½, 0; current ¼, ½, ¼ (i%4: 0 → z, 1 → a, 2 and 3 → b).
    assert.ok(Math.abs((c.statistic ?? 0) - jensenShannon([1, 1, 0], [1, 2, 1])) < 1e-15);
    assert.equal(c.unseen_rate, 0.25);
    assert.equal(c.drift, true);
  });

  test('a numeric column with at most 5 distinct values is compared as categories', () => {
    const ref = Frame.of([num('b', range(500, (i) => i % 2))]);
    const cur = Frame.of([num('b', range(500, (i) => (i % 5 === 0 ? 2 : i % 2)))]);
    const [c] = datasetDrift(ref, cur).columns;
    assert.equal(c.test, 'chi2');
    assert.equal(c.kind, 'categorical');
    assert.equal(c.unseen_rate, 0.2);
    assert.equal(c.range_violation_rate, 0.2);
    assert.equal(c.drift, true);
  });
});

describe('datasetDrift: forced tests and options', () => {
  test('PSI on reference deciles, Hellinger on the same bins', () => {
    const ref = Frame.of([num('x', range(1000, (i) => i))]);
    const cur = Frame.of([num('x', range(1000, (i) => i))]);
    const psi = datasetDrift(ref, cur, { test: 'psi' }).columns[0];
    assert.equal(psi.test, 'psi');
    assert.equal(psi.statistic, 0);
    assert.equal(psi.threshold, 0.1);
    const h = datasetDrift(ref, Frame.of([num('x', range(1000, (i) => i + 2000))]), { test: 'hellinger' }).columns[0];
    // Every current value lands in the open top bin: disjoint from the reference's first nine deciles.
    assert.ok(Math.abs((h.statistic ?? 0) - Math.sqrt(1 - Math.sqrt(0.1))) < 1e-12);
    assert.equal(h.drift, true);
  });

  test('thresholds can be overridden', () => {
    const ref = Frame.of([num('x', range(2000, (i) => i))]);
    const cur = Frame.of([num('x', range(2000, (i) => i + 100))]);
    assert.equal(datasetDrift(ref, cur, { thresholds: { wasserstein: 0.5 } }).columns[0].drift, false);
  });

  test('a numbers-only test on a label column is a usage error naming the column', () => {
    const f = Frame.of([cat('c', ['a', 'b'], ['a', 'b'])]);
    assert.throws(() => datasetDrift(f, f, { test: 'ks' }), (e: unknown) => e instanceof LatheError && e.code === 'BAD_USAGE' && /"c"/.test(e.message));
  });

  test('bad options are usage errors naming the option', () => {
    const f = Frame.of([num('x', [1, 2])]);
    assert.throws(() => datasetDrift(f, f, { bins: 1 }), /bins must be/);
    assert.throws(() => datasetDrift(f, f, { driftShare: 0 }), /driftShare/);
    assert.throws(() => datasetDrift(f, f, { test: 'tt' as 'ks' }), /test must be/);
  });

  test('Benjamini–Hochberg turns a p just under 0.05 among others into no drift', () => {
    // Three KS columns; BH multiplies the smallest p by 3.
    const base = range(40, (i) => i);
    const ref = Frame.of(['a', 'b', 'c'].map((n) => num(n, base)));
    const cur = Frame.of([num('a', range(40, (i) => i + 13)), num('b', base), num('c', base)]);
    const plain = datasetDrift(ref, cur).columns[0];
    assert.ok(plain.p_value! < 0.05 && plain.p_value! * 3 > 0.05, `p = ${plain.p_value}`);
    assert.equal(plain.drift, true);
    const bh = datasetDrift(ref, cur, { correction: 'bh' }).columns[0];
    assert.equal(bh.p_value, plain.p_value);
    assert.ok(Math.abs(bh.p_value_adjusted! - plain.p_value! * 3) < 1e-15);
    assert.equal(bh.drift, false);
  });
});

describe('datasetDrift: large columns', () => {
  test('above sampleSize the distances use a seeded sample, close to the exact value; KS never samples', () => {
    const n = 250_000;
    const ref = Frame.of([num('x', range(n, (i) => ((i * 7919) % n) / n))]);
    const cur = Frame.of([num('x', range(n, (i) => ((i * 104729) % n) / n + 0.05))]);
    const exact = datasetDrift(ref, cur, { sampleSize: Number.POSITIVE_INFINITY }).columns[0];
    const sampled = datasetDrift(ref, cur).columns[0];
    assert.equal(exact.sampled, undefined);
    assert.equal(sampled.sampled, true);
    // Uniform on [0, 1) shifted by 0.05: W₁ = 0.05 exactly (up to the grid).
    assert.ok(Math.abs(exact.statistic! - 0.05) < 1e-5);
    assert.ok(Math.abs(sampled.statistic! - exact.statistic!) < 0.005, `${sampled.statistic} vs ${exact.statistic}`);
    assert.deepEqual(datasetDrift(ref, cur).columns[0], sampled, 'the sample is seeded: same report twice');
    const ks = datasetDrift(ref, cur, { test: 'ks' }).columns[0];
    assert.equal(ks.sampled, undefined);
    assert.equal(ks.method, 'asymp');
    assert.ok(Math.abs(ks.statistic! - 0.05) < 1e-5);
    assert.throws(() => datasetDrift(ref, cur, { sampleSize: 10 }), /sampleSize must be at least 1000/);
  });
});

describe('datasetDrift: verdict and data quality', () => {
  test('the dataset drifts when at least half the tested columns drift', () => {
    const same = range(50, (i) => i);
    const ref = Frame.of([num('a', same), num('b', same)]);
    const oneOfTwo = datasetDrift(ref, Frame.of([num('a', range(50, (i) => i + 100)), num('b', same)]));
    assert.equal(oneOfTwo.drift_share, 0.5);
    assert.equal(oneOfTwo.dataset_drift, true);
    assert.equal(datasetDrift(ref, ref).dataset_drift, false);
    assert.equal(datasetDrift(ref, ref).drift_share, 0);
    assert.equal(datasetDrift(ref, Frame.of([num('a', range(50, (i) => i + 100)), num('b', same)]), { driftShare: 0.6 }).dataset_drift, false);
  });

  test('missing rates on both sides and their delta', () => {
    const ref = Frame.of([num('x', [1, 2, 3, Number.NaN])]);
    const cur = Frame.of([num('x', [1, Number.NaN, Number.NaN, Number.NaN, 2])]);
    const [c] = datasetDrift(ref, cur).columns;
    assert.equal(c.reference.missing_rate, 0.25);
    assert.equal(c.current.missing_rate, 0.6);
    assert.ok(Math.abs(c.missing_rate_delta! - 0.35) < 1e-15);
  });

  test('no common columns: a clear error listing both sides', () => {
    lathe('BAD_INPUT', () => datasetDrift(Frame.of([num('a', [1])]), Frame.of([num('b', [1])])));
    assert.throws(() => datasetDrift(Frame.of([num('a', [1])]), Frame.of([num('b', [1])])), /no column in common/);
  });

  test('a named column missing on one side is NOT_FOUND', () => {
    const f = Frame.of([num('a', [1])]);
    lathe('NOT_FOUND', () => datasetDrift(f, Frame.of([num('a', [1]), num('b', [2])]), { columns: ['b'] }));
  });

  test('an all-null column is "no data", left out of the share — never NaN', () => {
    const ref = Frame.of([num('a', [1, 2, 3]), num('b', [1, 2, 3])]);
    const cur = Frame.of([num('a', [Number.NaN, Number.NaN]), num('b', [1, 2])]);
    const r = datasetDrift(ref, cur);
    const a = r.columns[0];
    assert.equal(a.status, 'no_data');
    assert.equal(a.reason, 'every current value is missing');
    assert.equal(a.statistic, null);
    assert.equal(a.score, null);
    assert.equal(a.drift, false);
    assert.equal(a.current.missing_rate, 1);
    assert.equal(r.tested_columns, 1);
    assert.equal(r.drift_share, 0);
    assert.equal(JSON.stringify(r).includes('NaN'), false);
  });

  test('zero rows: the whole report is "no data", drift_share null', () => {
    const ref = Frame.of([num('a', [1, 2, 3]), cat('c', ['x', 'y', 'x'], ['x', 'y'])]);
    const cur = Frame.of([num('a', []), cat('c', [], ['x', 'y'])]);
    const r = datasetDrift(ref, cur);
    assert.equal(r.status, 'no_data');
    assert.equal(r.drift_share, null);
    assert.equal(r.dataset_drift, false);
    assert.equal(r.columns[0].reason, 'the current has no rows');
    assert.equal(r.columns[0].current.missing_rate, null);
    assert.equal(r.columns[0].missing_rate_delta, null);
    assert.match(JSON.stringify(r), /"drift_share":null/);
  });
});
