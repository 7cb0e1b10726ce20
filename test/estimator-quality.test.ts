import assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { lathe, tempDir, VEGA } from './helpers.js';

/**
 * Issue 4's quality bar on real data, through `lathe train` with default
 * parameters: penguins species ≥ 0.95 accuracy, cars MPG R² ≥ 0.80. Each
 * estimator is judged by 5-fold CV on the training rows (mean over 5
 * held-out folds), which does not hinge on one lucky or unlucky 69-row test split.
 */
describe('estimator quality on vega-datasets', () => {
  let home: string;
  before(() => {
    home = tempDir('lathe-quality-');
    for (const [file, name] of [['penguins.json', 'penguins'], ['cars.json', 'cars']]) {
      assert.equal(lathe(home, ['ingest', join(VEGA, file), '--name', name]).code, 0);
    }
  });

  for (const algo of ['gbdt', 'forest', 'logistic']) {
    test(`penguins species with ${algo}: accuracy ≥ 0.95`, () => {
      const r = lathe(home, ['train', '--dataset', 'penguins', '--target', 'Species', '--algo', algo, '--cv', '5', '--json']);
      assert.equal(r.code, 0, r.stderr);
      assert.ok(r.json.metrics.cv.mean.accuracy >= 0.95, `${algo} CV accuracy ${r.json.metrics.cv.mean.accuracy}`);
      assert.ok(r.json.metrics.test.accuracy >= 0.9, `${algo} test accuracy ${r.json.metrics.test.accuracy}`);
    });
  }

  for (const algo of ['gbdt', 'forest', 'linear']) {
    test(`cars MPG with ${algo}: R² ≥ 0.80`, () => {
      const r = lathe(home, ['train', '--dataset', 'cars', '--target', 'Miles_per_Gallon', '--algo', algo, '--cv', '5', '--json']);
      assert.equal(r.code, 0, r.stderr);
      assert.ok(r.json.metrics.cv.mean.r2 >= 0.8, `${algo} CV R² ${r.json.metrics.cv.mean.r2}`);
      assert.ok(r.json.metrics.test.r2 >= 0.8, `${algo} test R² ${r.json.metrics.test.r2}`);
    });
  }
});
