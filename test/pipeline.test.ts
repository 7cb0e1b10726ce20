import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Frame } from '../src/core/index.js';
import { BufferPool, Pipeline, autoPipeline, pipelineFromSpec, transformers, type Transformer } from '../src/data/pipeline/index.js';
import { assertLathe, assertSameFrame, cat, frame, num, values } from '../src/data/pipeline/test-helpers.js';

const DAY = 86_400_000;
const CITIES = ['Oslo', 'Lima', 'Pune', 'Kyiv', 'Nice'];
const NOTES = ['great service', 'slow, slow delivery', 'ok', 'Great value great price'];

/** A mixed frame: nullable numeric, integer, boolean, categorical, datetime, text, and a numeric target. */
function mixed(n: number, seed = 0): Frame {
  const gen = <T>(f: (i: number) => T) => Array.from({ length: n }, (_, i) => f(i));
  return Frame.of([
    num('age', gen((i) => (i % 5 === 0 ? null : 20 + ((i * 13 + seed) % 50)))),
    num('visits', gen((i) => (i * 3 + seed) % 11), 'integer'),
    num('member', gen((i) => (i % 7 === 0 ? null : (i + seed) % 2)), 'boolean'),
    cat('city', gen((i) => (i % 9 === 0 ? null : CITIES[(i * 7 + seed) % (seed > 0 ? 5 : 4)]))),
    num('signup', gen((i) => Date.UTC(2020, 0, 1) + ((i * 37 + seed) % 900) * DAY + (i % 24) * 3_600_000), 'datetime'),
    cat('note', gen((i) => NOTES[(i + seed) % 4]), undefined, 'text'),
    num('spend', gen((i) => (i * 17 + seed) % 100)),
  ]);
}

test('pipeline: fitted on one frame and applied to another gives exactly the expected numbers', () => {
  const p = pipelineFromSpec({
    steps: [
      { kind: 'impute', columns: ['a'], strategy: 'median', add_indicator: true },
      { kind: 'standard_scale', columns: ['a'] },
      { kind: 'one_hot', columns: ['c'] },
    ],
  });
  // a: median of 1, 3, 5, 7 is 4 → [1, 4, 3, 5, 7]: mean 4, variance (9+0+1+1+9)/5 = 4, std 2
  p.fit(frame(num('a', [1, null, 3, 5, 7]), cat('c', ['x', 'y', 'x', 'y', 'y'])));
  const out = p.transform(frame(cat('c', ['y', 'q', 'x']), num('a', [null, 8, 0]), num('extra', [1, 2, 3])));
  assert.deepEqual(out.names, ['a', 'a__missing', 'c=x', 'c=y']);
  assert.deepEqual(values(out, 'a'), [0, 2, -2]);
  assert.deepEqual(values(out, 'a__missing'), [1, 0, 0]);
  assert.deepEqual(values(out, 'c=x'), [0, 0, 1]);
  assert.deepEqual(values(out, 'c=y'), [1, 0, 0]);
  assert.deepEqual(p.lastStats(), { unseen: { c: 1 }, absent: [] });
  assert.deepEqual(p.outputColumns(), [
    { name: 'a', type: 'numeric' },
    { name: 'a__missing', type: 'boolean' },
    { name: 'c=x', type: 'boolean' },
    { name: 'c=y', type: 'boolean' },
  ]);
});

test('pipeline: round-trips through JSON.stringify/parse with bit-identical outputs', () => {
  const train = mixed(300);
  const target = train.column('spend');
  const steps = [
    ...autoPipeline(train.schema(), { target: 'spend' }).steps,
    transformers.create('quantile_bin', { columns: ['visits'], n_bins: 3 }),
  ];
  const specs: Transformer[][] = [steps, [...autoPipeline(train.schema(), { target: 'spend', nativeCategorical: true }).steps]];
  specs.push([
    transformers.create('robust_scale', { columns: ['visits'] }),
    transformers.create('clip', { columns: ['age'], lower_quantile: 0.05, upper_quantile: 0.95 }),
    transformers.create('log1p', { columns: ['age'] }),
    transformers.create('minmax_scale', { columns: ['age'] }),
    transformers.create('target_encode', { columns: ['city'], smoothing: 2 }),
    transformers.create('hash_text', { n_features: 8, binary: true }),
  ]);
  for (const s of specs) {
    const p = new Pipeline(s);
    p.fit(train, target);
    const text = JSON.stringify(p.toJSON());
    const back = Pipeline.fromJSON(JSON.parse(text));
    assert.equal(JSON.stringify(back.toJSON()), text, 'JSON is stable');
    const test_ = mixed(120, 3);
    assertSameFrame(back.transform(test_), p.transform(test_));
    assert.deepEqual(back.lastStats(), p.lastStats());
  }
});

test('pipeline JSON: format 1, data only, inputs with required flags, outputs and steps', () => {
  const p = pipelineFromSpec({ steps: [{ kind: 'impute', strategy: 'mean' }] }).fit(frame(num('a', [1, null]), num('b', [2, 3])));
  assert.deepEqual(JSON.parse(JSON.stringify(p.toJSON())), {
    format: 1,
    target: null,
    inputs: [
      { name: 'a', type: 'numeric', nullable: true, required: false },
      { name: 'b', type: 'numeric', nullable: false, required: true },
    ],
    outputs: [
      { name: 'a', type: 'numeric' },
      { name: 'b', type: 'numeric' },
    ],
    steps: [{ kind: 'impute', params: { strategy: 'mean', add_indicator: false }, state: { columns: ['a', 'b'], types: ['numeric', 'numeric'], fills: [1, 2.5] } }],
  });
});

test('pipeline: a missing optional column is imputed; a missing required one is BAD_INPUT naming it', () => {
  const train = mixed(100);
  const p = autoPipeline(train.schema(), { target: 'spend' });
  p.fit(train.drop(['spend']), train.column('spend'));
  const full = p.transform(train);
  const without = p.transform(mixed(100).drop(['age', 'spend']));
  assert.deepEqual(p.lastStats().absent, ['age']);
  // every row now has the training median, scaled, and the indicator set
  const scaledMedian = values(full, 'age')[values(full, 'age__missing').indexOf(1)];
  assert.ok(values(without, 'age').every((v) => v === scaledMedian));
  assert.ok(values(without, 'age__missing').every((v) => v === 1));
  assert.deepEqual(without.names, full.names);
  assertLathe(() => p.transform(mixed(10).drop(['visits', 'signup'])), 'BAD_INPUT', 'required column "visits"', 'required column "signup"');
});

test('pipeline: a column of the wrong type at prediction is BAD_INPUT naming column and types', () => {
  const train = mixed(50);
  const p = autoPipeline(train.schema()).fit(train);
  const bad = Frame.of(train.columns.map((c) => (c.name === 'city' ? num('city', Array(50).fill(1)) : c)));
  assertLathe(() => p.transform(bad), 'BAD_INPUT', '"city"', 'numeric', 'categorical');
  // integer where numeric was fitted is fine: both are plain numbers
  const asInt = Frame.of(train.columns.map((c) => (c.name === 'spend' && 'values' in c ? { ...c, type: 'integer' as const } : c)));
  assert.equal(p.transform(asInt).rows, 50);
});

test('pipeline: required/optional overrides; unknown names refused', () => {
  const f = frame(num('a', [1, null]), num('b', [1, 2]));
  const p = pipelineFromSpec({ steps: [{ kind: 'impute', columns: ['a', 'b'] }], required: ['a'], optional: ['b'] }).fit(f);
  assert.deepEqual(p.inputColumns().map((i) => [i.name, i.required]), [['a', true], ['b', false]]);
  assert.deepEqual(values(p.transform(frame(num('a', [5]))), 'b'), [1.5]);
  assertLathe(() => pipelineFromSpec({ steps: [], required: ['zz'] }).fit(f), 'BAD_INPUT', '"zz"');
});

test('pipeline: NOT_FITTED before fit, zero rows refused, transform of zero rows works', () => {
  const p = pipelineFromSpec({ steps: [{ kind: 'standard_scale' }] });
  assertLathe(() => p.transform(frame(num('a', [1]))), 'NOT_FITTED');
  assertLathe(() => p.toJSON(), 'NOT_FITTED');
  assertLathe(() => p.outputColumns(), 'NOT_FITTED');
  assertLathe(() => p.fit(frame(num('a', []))), 'BAD_INPUT', 'zero rows');
  p.fit(frame(num('a', [1, 2])));
  assert.equal(p.transform(frame(num('a', []))).rows, 0);
});

test('pipeline: a wrong-type step fails at fit naming the column, its type and the allowed types', () => {
  const f = mixed(20);
  assertLathe(() => pipelineFromSpec({ steps: [{ kind: 'standard_scale', columns: ['city'] }] }).fit(f), 'BAD_INPUT', '"city"', 'categorical', 'numeric, integer, boolean');
  assertLathe(() => pipelineFromSpec({ steps: [{ kind: 'one_hot', columns: ['age'] }] }).fit(f), 'BAD_INPUT', '"age"', 'numeric', 'categorical');
  assertLathe(() => pipelineFromSpec({ steps: [{ kind: 'datetime_expand', columns: ['note'] }] }).fit(f), 'BAD_INPUT', '"note"', 'text', 'datetime');
});

test('pipeline.fromJSON: unknown kind, unknown format and damaged state are clear BAD_INPUT errors', () => {
  const p = pipelineFromSpec({ steps: [{ kind: 'standard_scale' }] }).fit(frame(num('a', [1, 2])));
  const json = JSON.parse(JSON.stringify(p.toJSON()));
  assertLathe(() => Pipeline.fromJSON({ ...json, steps: [{ ...json.steps[0], kind: 'eval_js' }] }), 'BAD_INPUT', '"eval_js"', 'standard_scale');
  assertLathe(() => Pipeline.fromJSON({ ...json, format: 2 }), 'BAD_INPUT', 'format 2');
  assertLathe(() => Pipeline.fromJSON({ ...json, steps: [{ ...json.steps[0], state: { columns: ['a'], mean: [] } }] }), 'BAD_INPUT', 'mean');
  assertLathe(() => Pipeline.fromJSON({ ...json, steps: [{ ...json.steps[0], params: { with_mean: 'maybe' } }] }), 'BAD_PARAM', 'with_mean');
  assertLathe(() => Pipeline.fromJSON('nope'), 'BAD_INPUT');
});

test('pipeline with a BufferPool gives the same values, reusing memory across calls', () => {
  const train = mixed(200);
  const p = autoPipeline(train.schema()).fit(train);
  const pool = new BufferPool();
  const a = mixed(200, 1);
  const expected = p.transform(a);
  assertSameFrame(p.transform(a, { pool }), expected);
  const bytes = pool.bytes;
  assertSameFrame(p.transform(a, { pool }), expected);
  assert.equal(pool.bytes, bytes, 'second pass allocates nothing new');
  assertSameFrame(p.transform(mixed(150, 1), { pool }), p.transform(mixed(150, 1)));
  assert.equal(pool.bytes, bytes, 'a shorter chunk uses views of the same buffers');
});

test('pipeline: outputs of earlier transforms are never overwritten by later ones', () => {
  const train = mixed(200);
  const p = autoPipeline(train.schema()).fit(train);
  const first = p.transform(mixed(200, 1));
  const copy = Frame.of(first.columns.map((c) => ('values' in c ? { ...c, values: c.values.slice() } : { ...c, codes: c.codes.slice() })));
  for (let k = 2; k < 5; k++) p.transform(mixed(200, k));
  assertSameFrame(first, copy);
});

test('pipeline: the target is left out of the inputs, and fitTransform feeds out-of-fold encodings forward', () => {
  const train = mixed(200);
  const p = pipelineFromSpec({ steps: [{ kind: 'target_encode', columns: ['city'], smoothing: 0 }] });
  const out = p.fitTransform(train, train.column('spend'));
  assert.ok(!p.inputColumns().some((i) => i.name === 'spend'));
  assert.ok(!out.has('spend'));
  const inSample = p.transform(train);
  assert.notDeepEqual(values(out, 'city'), values(inSample, 'city'), 'training rows are encoded out-of-fold');
});
