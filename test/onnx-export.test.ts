import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Frame } from '../src/core/index.js';
import { isLatheError } from '../src/errors.js';
import '../src/ingest/builtins.js';
import { ingest, loadFrame } from '../src/ingest/index.js';
import { decodeModel, exportOnnx } from '../src/registry/onnx/index.js';
import { Home } from '../src/store/index.js';
import { defaultConfig, loadPackage, train } from '../src/train/index.js';
import { tempDir, VEGA } from './helpers.js';
import { fit, roundTrip, withHoles } from './onnx-helpers.js';

/** The bound: ONNX outputs within 1e-6 of Lathe's, for probabilities and values. */
const TOL = 1e-6;

describe('ONNX export: every exportable model kind scores in onnxruntime as Lathe does', () => {
  let dir: string;
  let home: Home;
  let penguins: Frame;
  let penguinsBinary: Frame;
  let cars: Frame;
  let weather: Frame;

  before(async () => {
    dir = tempDir('lathe-onnx-export-');
    home = await Home.open({ dir: join(dir, 'home') });
    await ingest(home, join(VEGA, 'penguins.json'), 'penguins');
    await ingest(home, join(VEGA, 'cars.json'), 'cars');
    await ingest(home, join(VEGA, 'seattle-weather.csv'), 'weather');
    penguins = await loadFrame(home, 'penguins', { sql: 'SELECT * FROM data WHERE "Species" IS NOT NULL' });
    penguinsBinary = await loadFrame(home, 'penguins', { sql: `SELECT * FROM data WHERE "Sex" IN ('MALE', 'FEMALE')` });
    cars = await loadFrame(home, 'cars', { sql: 'SELECT * FROM data WHERE "Miles_per_Gallon" IS NOT NULL' });
    weather = await loadFrame(home, 'weather');
  });

  after(async () => {
    await home.close();
  });

  const cases: { name: string; data: () => Frame; target: string | null; task: 'regression' | 'binary' | 'multiclass' | 'clustering'; algo: string; params: Record<string, number> }[] = [
    { name: 'gbdt multiclass (penguins, native categoricals)', data: () => penguins, target: 'Species', task: 'multiclass', algo: 'gbdt', params: { iterations: 25, num_leaves: 7 } },
    { name: 'gbdt binary (penguins Sex)', data: () => penguinsBinary, target: 'Sex', task: 'binary', algo: 'gbdt', params: { iterations: 25 } },
    { name: 'gbdt regression (cars, datetime parts)', data: () => cars, target: 'Miles_per_Gallon', task: 'regression', algo: 'gbdt', params: { iterations: 30 } },
    { name: 'gbdt multiclass (seattle-weather, datetime parts)', data: () => weather, target: 'weather', task: 'multiclass', algo: 'gbdt', params: { iterations: 15 } },
    { name: 'forest multiclass (class distributions per leaf)', data: () => penguins, target: 'Species', task: 'multiclass', algo: 'forest', params: { n_estimators: 12 } },
    { name: 'forest binary', data: () => penguinsBinary, target: 'Sex', task: 'binary', algo: 'forest', params: { n_estimators: 12 } },
    { name: 'forest regression', data: () => cars, target: 'Miles_per_Gallon', task: 'regression', algo: 'forest', params: { n_estimators: 12 } },
    { name: 'linear regression (impute + indicators, scale, one-hot)', data: () => cars, target: 'Miles_per_Gallon', task: 'regression', algo: 'linear', params: {} },
    { name: 'ridge regression', data: () => weather, target: 'precipitation', task: 'regression', algo: 'linear', params: { alpha: 2 } },
    { name: 'logistic multiclass', data: () => penguins, target: 'Species', task: 'multiclass', algo: 'logistic', params: {} },
    { name: 'logistic binary', data: () => penguinsBinary, target: 'Sex', task: 'binary', algo: 'logistic', params: { C: 0.5 } },
    { name: 'k-means', data: () => penguins, target: null, task: 'clustering', algo: 'kmeans', params: { k: 4 } },
    { name: 'baseline classifier', data: () => penguins, target: 'Species', task: 'multiclass', algo: 'baseline', params: {} },
    { name: 'baseline regressor', data: () => cars, target: 'Miles_per_Gallon', task: 'regression', algo: 'baseline', params: {} },
  ];

  for (const c of cases) {
    test(c.name, async () => {
      const frame = c.data();
      const f = await fit(frame, c.target, c.task, c.algo, c.params);
      // Training rows, then the same rows with missing values and unseen labels.
      for (const [label, rows] of [['train', frame], ['holes', withHoles(frame, c.target ? [c.target] : [])]] as const) {
        if (c.algo === 'kmeans' && label === 'holes') continue; // k-means refuses missing values by design
        const a = await roundTrip(f, rows, dir, `${c.algo}-${c.task}-${label}`);
        assert.ok(a.values <= TOL, `${label}: values differ by ${a.values}`);
        assert.ok(a.proba <= TOL, `${label}: probabilities differ by ${a.proba}`);
        assert.equal(a.labels, 0, `${label}: ${a.labels} rows get another class or cluster`);
        if (c.task !== 'regression') assert.deepEqual(a.onnx.classes, a.native.classes);
        // Sanity: the models are not degenerate, so agreement means something.
        if (c.task === 'regression' && c.algo !== 'baseline') assert.ok(new Set(a.native.prediction).size > 10, 'varied predictions');
      }
    });
  }

  test('every pipeline step kind but hash_text exports: clip, log1p, robust/min-max/standard scale, quantile bins, target encoding, imputers, one-hot with __other, ordinal', async () => {
    const spec = {
      steps: [
        { kind: 'impute', columns: ['Sex'], strategy: 'constant', fill_value: 'UNKNOWN', add_indicator: true },
        { kind: 'impute', columns: ['Beak Length (mm)', 'Beak Depth (mm)'], strategy: 'median', add_indicator: true },
        { kind: 'impute', columns: ['Flipper Length (mm)', 'Body Mass (g)'], strategy: 'mean' },
        { kind: 'clip', columns: ['Beak Length (mm)'], lower_quantile: 0.05, upper_quantile: 0.9 },
        { kind: 'log1p', columns: ['Body Mass (g)'] },
        { kind: 'robust_scale', columns: ['Beak Length (mm)'] },
        { kind: 'minmax_scale', columns: ['Body Mass (g)'], min: -1, max: 2 },
        { kind: 'quantile_bin', columns: ['Flipper Length (mm)'], n_bins: 6 },
        { kind: 'standard_scale', columns: ['Beak Depth (mm)', 'Flipper Length (mm)'] },
        { kind: 'target_encode', columns: ['Island'] },
        { kind: 'one_hot', columns: ['Sex'], max_categories: 2 },
      ],
    };
    for (const algo of ['logistic', 'gbdt']) {
      const f = await fit(penguins, 'Species', 'multiclass', algo, algo === 'gbdt' ? { iterations: 10 } : {}, spec);
      const a = await roundTrip(f, withHoles(penguins, ['Species']), dir, `spec-${algo}`);
      assert.ok(a.proba <= TOL, `${algo}: probabilities differ by ${a.proba}`);
      assert.equal(a.labels, 0);
    }
    const small = cars.select(['Cylinders', 'Origin', 'Horsepower', 'Miles_per_Gallon']);
    const f = await fit(small, 'Miles_per_Gallon', 'regression', 'linear', {}, {
      steps: [{ kind: 'ordinal', columns: ['Origin'] }, { kind: 'log1p', columns: ['Horsepower'], signed: true }, { kind: 'impute', strategy: 'median' }],
    });
    const a = await roundTrip(f, withHoles(small, ['Miles_per_Gallon']), dir, 'ordinal-linear');
    assert.ok(a.values <= TOL, `values differ by ${a.values}`);
  });

  test('trees on raw categorical columns: unseen labels take the unseen code (right at every set split), missing ones the default side', async () => {
    // Missing c1 behaves as "a" and missing c2 as "b", so some set splits send missing values left: unseen and missing differ.
    const n = 400;
    const dict = ['a', 'b', 'c'];
    const c1 = Int32Array.from({ length: n }, (_, i) => (i % 4 === 3 ? -1 : i % 3));
    const c2 = Int32Array.from({ length: n }, (_, i) => (i % 5 === 4 ? -1 : (i * 7) % 3));
    const y = Float64Array.from({ length: n }, (_, i) => (c1[i] <= 0 ? 0 : 10) + (c2[i] === 1 || c2[i] === -1 ? 0 : 100) + (i % 2));
    const frame = Frame.of([
      { name: 'c1', type: 'categorical', codes: c1, dictionary: dict },
      { name: 'c2', type: 'categorical', codes: c2, dictionary: dict },
      { name: 'y', type: 'numeric', values: y },
    ]);
    const f = await fit(frame, 'y', 'regression', 'gbdt', { iterations: 5, min_data_in_leaf: 5 }, { steps: [] });
    const trees = f.doc.estimator.state.trees as { catStart: Int32Array; defaultLeft: Uint8Array };
    assert.ok(trees.catStart.some((s, i) => s >= 0 && trees.defaultLeft[i] === 1), 'a set split sends missing values left');
    const a = await roundTrip(f, withHoles(frame, ['y']), dir, 'raw-categorical-gbdt');
    assert.ok(a.values <= TOL, `values differ by ${a.values}`);
    const p = await fit(penguins, 'Species', 'multiclass', 'forest', { n_estimators: 8 }, { steps: [] });
    const b = await roundTrip(p, withHoles(penguins, ['Species']), dir, 'raw-categorical-forest');
    assert.ok(b.proba <= TOL, `probabilities differ by ${b.proba}`);
    assert.equal(b.labels, 0);
  });

  test('a model trained by lathe train round-trips from its stored package (typed arrays through the sidecar)', async () => {
    const t = await train(home, { ...defaultConfig('penguins', 'Species'), algo: 'gbdt', params: { iterations: 10 } });
    const run = await home.meta.getRun(t.run_id);
    const doc = await loadPackage(home, run!.artifacts.find((x) => x.kind === 'package')!.sha256);
    const bytes = exportOnnx(doc);
    const m = decodeModel(bytes, 'export');
    assert.deepEqual(m.opsets, { '': 21, 'ai.onnx.ml': 5 });
    assert.ok(m.nodes.some((n) => n.opType === 'TreeEnsemble' && n.domain === 'ai.onnx.ml'));
    assert.deepEqual(m.outputs, ['prediction', 'probabilities']);
    assert.deepEqual(m.inputs, doc.signature.inputs.map((i) => i.name));
    assert.equal(m.metadata['lathe.task'], 'multiclass');
    assert.deepEqual(JSON.parse(m.metadata['lathe.classes']), ['Adelie', 'Chinstrap', 'Gentoo']);
  });

  test('a step with no ONNX form is refused by name (hash_text)', async () => {
    const frame = Frame.of([
      { name: 't', type: 'text', codes: Int32Array.from({ length: 40 }, (_, i) => i % 4), dictionary: ['red fox', 'blue fox', 'red hen', 'old hen'] },
      { name: 'y', type: 'numeric', values: Float64Array.from({ length: 40 }, (_, i) => (i % 4) * 2 + 1) },
    ]);
    const f = await fit(frame, 'y', 'regression', 'linear', {}, { steps: [{ kind: 'hash_text', columns: ['t'], n_features: 4 }] });
    assert.throws(
      () => exportOnnx(f.doc),
      (e) => isLatheError(e, 'UNSUPPORTED_FORMAT') && /pipeline step 1 \(hash_text\) cannot be expressed in ONNX/.test(e.message) && /drop the hash_text step/.test(e.hint ?? ''),
    );
  });

  test('a category that is the empty string is refused: it would read as missing', async () => {
    const frame = Frame.of([
      { name: 'c', type: 'categorical', codes: Int32Array.from({ length: 30 }, (_, i) => i % 3), dictionary: ['', 'a', 'b'] },
      { name: 'y', type: 'numeric', values: Float64Array.from({ length: 30 }, (_, i) => i % 3) },
    ]);
    const f = await fit(frame, 'y', 'regression', 'gbdt', { iterations: 3 });
    assert.throws(() => exportOnnx(f.doc), (e) => isLatheError(e, 'UNSUPPORTED_FORMAT') && /column "c" has the empty string as a category/.test(e.message));
  });
});
