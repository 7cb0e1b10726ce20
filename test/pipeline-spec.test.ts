import assert from 'node:assert/strict';
import { test } from 'node:test';
import { autoPipeline, autoSpec, pipelineFromSpec, transformers } from '../src/data/pipeline/index.js';
import { assertLathe, cat, frame, num } from '../src/data/pipeline/test-helpers.js';
import type { ColumnSchema } from '../src/core/index.js';

const SCHEMA: ColumnSchema[] = [
  { name: 'age', type: 'numeric', nullable: true },
  { name: 'visits', type: 'integer', nullable: false },
  { name: 'member', type: 'boolean', nullable: true },
  { name: 'city', type: 'categorical', nullable: true },
  { name: 'signup', type: 'datetime', nullable: false },
  { name: 'note', type: 'text', nullable: false },
  { name: 'spend', type: 'numeric', nullable: false },
];
const PARTS = ['year', 'month', 'day', 'dayofweek', 'hour', 'epoch'].map((p) => `signup__${p}`);

test('auto preset: per-type steps for a mixed schema, target left out', () => {
  assert.deepEqual(autoSpec(SCHEMA, { target: 'spend' }), {
    steps: [
      { kind: 'impute', columns: ['age'], strategy: 'median', add_indicator: true },
      { kind: 'impute', columns: ['visits', 'signup'], strategy: 'median' },
      { kind: 'impute', columns: ['member', 'city'], strategy: 'most_frequent' },
      { kind: 'datetime_expand', columns: ['signup'] },
      { kind: 'standard_scale', columns: ['age', 'visits', ...PARTS] },
      { kind: 'one_hot', columns: ['city'], max_categories: 20 },
      { kind: 'hash_text', columns: ['note'], n_features: 32 },
    ],
    target: 'spend',
  });
});

test('auto preset for trees (nativeCategorical): no imputation, scaling or one-hot', () => {
  assert.deepEqual(autoSpec(SCHEMA, { target: 'spend', nativeCategorical: true }), {
    steps: [
      { kind: 'ordinal', columns: ['city'], output: 'categorical' },
      { kind: 'datetime_expand', columns: ['signup'] },
      { kind: 'hash_text', columns: ['note'], n_features: 32 },
    ],
    target: 'spend',
  });
  assert.deepEqual(autoSpec(SCHEMA.slice(0, 3), { nativeCategorical: true }), { steps: [] });
});

test('auto preset: fitted output has no NaN for linear models; the tree preset keeps NaN and categorical codes', () => {
  const f = frame(
    num('x', [1, null, 3, 4]),
    cat('c', ['a', 'b', null, 'a']),
    num('b', [1, 0, null, 1], 'boolean'),
    num('y', [0, 1, 0, 1]),
  );
  const linear = autoPipeline(f.schema(), { target: 'y' });
  const out = linear.fitTransform(f, f.column('y'));
  assert.deepEqual(out.names, ['x', 'x__missing', 'c=a', 'c=b', 'b']);
  for (const c of out.columns) assert.ok('values' in c && c.values.every((v) => !Number.isNaN(v)), c.name);
  const trees = autoPipeline(f.schema(), { target: 'y', nativeCategorical: true });
  const t = trees.fitTransform(f, f.column('y'));
  assert.deepEqual(trees.outputColumns(), [
    { name: 'x', type: 'numeric' },
    { name: 'c', type: 'categorical' },
    { name: 'b', type: 'boolean' },
  ]);
  assert.ok(Number.isNaN((t.column('x') as { values: Float64Array }).values[1]));
  // The target never becomes a feature, even when fit is called without it.
  const forgetful = autoPipeline(f.schema(), { target: 'y' }).fit(f);
  assert.ok(!forgetful.inputColumns().some((i) => i.name === 'y'));
  assert.ok(!forgetful.outputColumns().some((o) => o.name === 'y'));
  assert.equal(forgetful.toJSON().target, 'y');
  assertLathe(() => autoSpec(SCHEMA, { target: 'price' }), 'BAD_INPUT', '"price"');
});

test('spec: CLI-style strings are converted: numbers, booleans and comma-separated lists', () => {
  const p = pipelineFromSpec({
    steps: [
      { kind: 'quantile_bin', columns: 'a, b', n_bins: '4' },
      { kind: 'impute', strategy: 'median', add_indicator: 'true' },
    ],
  });
  assert.deepEqual(p.steps[0].params, { columns: ['a', 'b'], n_bins: 4 });
  assert.equal(p.steps[1].params.add_indicator, true);
});

test('spec: unknown keys, kinds and params are BAD_PARAM naming them and what is allowed', () => {
  assertLathe(() => pipelineFromSpec({ stages: [] }), 'BAD_PARAM', '"stages"', 'steps, required, optional, target');
  assertLathe(() => pipelineFromSpec([]), 'BAD_PARAM', 'object');
  assertLathe(() => pipelineFromSpec({ steps: {} }), 'BAD_PARAM', 'steps');
  assertLathe(() => pipelineFromSpec({ steps: [{ columns: ['a'] }] }), 'BAD_PARAM', 'step 1', 'kind');
  assertLathe(() => pipelineFromSpec({ steps: [{ kind: 'impute' }, { kind: 'scale' }] }), 'BAD_PARAM', 'step 2', '"scale"', 'standard_scale');
  assertLathe(() => pipelineFromSpec({ steps: [{ kind: 'impute', strat: 'mean' }] }), 'BAD_PARAM', 'step 1', '"strat"', 'strategy, fill_value');
  assertLathe(() => pipelineFromSpec({ steps: [{ kind: 'impute', strategy: 'avg' }] }), 'BAD_PARAM', 'strategy=avg', 'mean, median, most_frequent, constant');
  assertLathe(() => pipelineFromSpec({ steps: [{ kind: 'one_hot', max_categories: 0 }] }), 'BAD_PARAM', 'max_categories=0', 'an integer in [2, ∞)');
  assertLathe(() => pipelineFromSpec({ steps: [{ kind: 'hash_text', n_features: 'lots' }] }), 'BAD_PARAM', 'n_features', '[1, 4096]');
  assertLathe(() => pipelineFromSpec({ steps: [{ kind: 'standard_scale', columns: ['a', 'a'] }] }), 'BAD_PARAM', 'columns');
  assertLathe(() => pipelineFromSpec({ steps: [{ kind: 'standard_scale', with_mean: 'maybe' }] }), 'BAD_PARAM', 'with_mean', 'true or false');
  assertLathe(() => pipelineFromSpec({ steps: [], required: 'a' }), 'BAD_PARAM', 'required');
});

test('registry: every built-in kind is registered and refuses unknown params', () => {
  assert.deepEqual(transformers.kinds(), [
    'clip', 'datetime_expand', 'hash_text', 'impute', 'log1p', 'minmax_scale',
    'one_hot', 'ordinal', 'quantile_bin', 'robust_scale', 'standard_scale', 'target_encode',
  ]);
  for (const kind of transformers.kinds()) {
    const params = kind === 'clip' ? { lower: 0 } : {};
    assert.equal(transformers.create(kind, params).kind, kind);
    assertLathe(() => transformers.create(kind, { ...params, no_such_param: 1 }), 'BAD_PARAM', '"no_such_param"');
  }
});
