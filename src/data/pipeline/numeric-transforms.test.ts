import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Rng } from '../../core/index.js';
import { Clipper } from './clipper.js';
import { DatetimeExpander } from './datetime-expander.js';
import { HashingVectorizer } from './hashing-vectorizer.js';
import { Log1p } from './log1p.js';
import { murmur3 } from './murmur3.js';
import { QuantileBinner } from './quantile-binner.js';
import { assertLathe, cat, frame, num, values } from './test-helpers.js';

test('log1p: log(1 + x); NaN stays NaN; values ≤ -1 refused at fit unless signed', () => {
  assert.deepEqual(values(new Log1p().fitTransform(frame(num('x', [0, 1, 3, null]))), 'x'), [0, Math.LN2, Math.log(4), NaN]);
  assert.deepEqual(values(new Log1p({ signed: true }).fitTransform(frame(num('x', [-1, -3, 1]))), 'x'), [-Math.LN2, -Math.log(4), Math.LN2]);
  assertLathe(() => new Log1p().fit(frame(num('debt', [5, -2]))), 'BAD_INPUT', '"debt"', 'signed=true');
  assertLathe(() => new Log1p({ columns: ['c'] }).fit(frame(cat('c', ['a']))), 'BAD_INPUT', '"c"', 'categorical', 'numeric, integer');
});

test('clip: fixed bounds, or bounds fitted as quantiles and applied to new data', () => {
  assert.deepEqual(values(new Clipper({ lower: 0, upper: 10 }).fitTransform(frame(num('x', [-5, 5, 15, null]))), 'x'), [0, 5, 10, NaN]);
  assert.deepEqual(values(new Clipper({ upper: 1 }).fitTransform(frame(num('x', [-5, 5]))), 'x'), [-5, 1]);
  const c = new Clipper({ lower_quantile: 0.1, upper_quantile: 0.9 }).fit(frame(num('x', Array.from({ length: 101 }, (_, i) => i))));
  assert.deepEqual(values(c.transform(frame(num('x', [-1, 50, 200]))), 'x'), [10, 50, 90]);
  assert.deepEqual(JSON.parse(JSON.stringify(new Clipper({ lower: 0 }).fit(frame(num('x', [1]))).toJSON())).state, { columns: ['x'], lower: [0], upper: ['Infinity'] });
});

test('clip: bad bound combinations are BAD_PARAM naming the params', () => {
  assertLathe(() => new Clipper({}), 'BAD_PARAM', 'lower', 'upper_quantile');
  assertLathe(() => new Clipper({ lower: 5, upper: 1 }), 'BAD_PARAM', 'lower=5', 'upper=1');
  assertLathe(() => new Clipper({ lower: 0, lower_quantile: 0.1 }), 'BAD_PARAM', 'lower_quantile');
  assertLathe(() => new Clipper({ upper_quantile: 1.5 }), 'BAD_PARAM', 'upper_quantile', '[0, 1]');
});

test('quantile_bin: edges at linear percentiles, inner edges decide the bin (right-closed), as KBinsDiscretizer', () => {
  const b = new QuantileBinner({ n_bins: 4 }).fit(frame(num('x', Array.from({ length: 13 }, (_, i) => i))));
  assert.deepEqual(Array.from(b.edges('x')), [0, 3, 6, 9, 12]);
  assert.deepEqual(values(b.transform(frame(num('x', [-5, 2.9, 3, 6, 8.99, 11, 100, null]))), 'x'), [0, 0, 1, 2, 2, 3, 3, NaN]);
});

test('quantile_bin: coinciding edges merge into fewer bins; scikit-learn 1.2.1 edges for n_bins=3', () => {
  const b = new QuantileBinner({ n_bins: 4 }).fit(frame(num('x', [0, 0, 0, 0, 0, 0, 0, 1, 2, 3])));
  assert.deepEqual(Array.from(b.edges('x')), [0, 0.75, 3]);
  assert.deepEqual(values(b.transform(frame(num('x', [0, 0.5, 1, 3]))), 'x'), [0, 0, 1, 1]);
  // KBinsDiscretizer(n_bins=3, strategy='quantile').fit([[1],…,[9]]).bin_edges_ → [1, 3.666666666666667, 6.333333333333334, 9]
  const k = new QuantileBinner({ n_bins: 3 }).fit(frame(num('x', [1, 2, 3, 4, 5, 6, 7, 8, 9])));
  assert.deepEqual(Array.from(k.edges('x')), [1, 3.666666666666667, 6.333333333333334, 9]);
  assertLathe(() => new QuantileBinner({ n_bins: 1 }), 'BAD_PARAM', 'n_bins', '[2, 1000]');
});

test('datetime_expand: UTC parts with Monday = 0, NaN for a missing date, epoch in ms', () => {
  const ts = [Date.UTC(2024, 1, 29, 13, 45), Date.UTC(1969, 11, 31, 23, 59), Date.UTC(1900, 0, 1), null];
  const out = new DatetimeExpander().fitTransform(frame(num('t', ts, 'datetime'), num('k', [1, 2, 3, 4])));
  assert.deepEqual(out.names, ['t__year', 't__month', 't__day', 't__dayofweek', 't__hour', 't__epoch', 'k']);
  assert.deepEqual(values(out, 't__year'), [2024, 1969, 1900, NaN]);
  assert.deepEqual(values(out, 't__month'), [2, 12, 1, NaN]);
  assert.deepEqual(values(out, 't__day'), [29, 31, 1, NaN]);
  assert.deepEqual(values(out, 't__dayofweek'), [3, 2, 0, NaN]);
  assert.deepEqual(values(out, 't__hour'), [13, 23, 0, NaN]);
  assert.deepEqual(values(out, 't__epoch'), [ts[0], ts[1], ts[2], NaN]);
});

test('datetime_expand: agrees with Date on 20,000 random instants from 1600 to 2400; feature subset', () => {
  const rng = new Rng(5);
  const lo = Date.UTC(1600, 0, 1);
  const hi = Date.UTC(2400, 0, 1);
  const ts = Array.from({ length: 20_000 }, () => lo + Math.floor(rng.next() * (hi - lo)));
  const out = new DatetimeExpander().fitTransform(frame(num('t', ts, 'datetime')));
  const [y, m, d, w, h] = ['year', 'month', 'day', 'dayofweek', 'hour'].map((p) => values(out, `t__${p}`));
  ts.forEach((ms, i) => {
    const dt = new Date(ms);
    assert.deepEqual([y[i], m[i], d[i], w[i], h[i]], [dt.getUTCFullYear(), dt.getUTCMonth() + 1, dt.getUTCDate(), (dt.getUTCDay() + 6) % 7, dt.getUTCHours()], dt.toISOString());
  });
  assert.deepEqual(new DatetimeExpander({ features: ['hour', 'year'] }).fitTransform(frame(num('t', ts.slice(0, 2), 'datetime'))).names, ['t__hour', 't__year']);
  assertLathe(() => new DatetimeExpander({ features: ['minute' as 'hour'] }), 'BAD_PARAM', 'features', 'year, month, day, dayofweek, hour, epoch');
  assertLathe(() => new DatetimeExpander({ columns: ['x'] }).fit(frame(num('x', [1]))), 'BAD_INPUT', '"x"', 'numeric', 'datetime');
});

test('murmur3 matches scikit-learn murmurhash3_32', () => {
  const enc = new TextEncoder();
  // sklearn.utils.murmurhash3_32(s, 0) for each string
  assert.equal(murmur3(enc.encode('hello'), 0), 613153351);
  assert.equal(murmur3(enc.encode('héllo wörld'), 0), -1745358220);
  assert.equal(murmur3(enc.encode('abcde'), 0), -392455434);
  assert.equal(murmur3(enc.encode(''), 0), 0);
});

test('hash_text: matches scikit-learn HashingVectorizer(n_features=16, alternate_sign=False, norm=None, token_pattern=\\w+)', () => {
  const texts = ['Hello world, hello!', 'a b c', '', 'Ünïcode wörds_and 42 numbers'];
  const out = new HashingVectorizer({ columns: ['t'], n_features: 16 }).fitTransform(frame(cat('t', [...texts, null], texts, 'text')));
  assert.equal(out.columns.length, 16);
  assert.equal(out.names[0], 't__h0');
  const row = (i: number) => out.columns.map((c) => ('values' in c ? c.values[i] : NaN));
  const sparse = (pairs: [number, number][]) => Array.from({ length: 16 }, (_, k) => pairs.find((p) => p[0] === k)?.[1] ?? 0);
  assert.deepEqual(row(0), sparse([[5, 1], [7, 2]]));
  assert.deepEqual(row(1), sparse([[1, 1], [2, 1], [13, 1]]));
  assert.deepEqual(row(2), sparse([]));
  assert.deepEqual(row(3), sparse([[4, 1], [5, 1], [10, 1], [14, 1]]));
  assert.deepEqual(row(4), sparse([]), 'missing text is all zeros');
  const bin = new HashingVectorizer({ n_features: 16, binary: true }).fitTransform(frame(cat('t', texts, texts, 'text')));
  assert.equal(values(bin, 't__h7')[0], 1);
});
