import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluate } from './metrics/index.js';
import { evaluationFiles } from './run-artifacts.js';

test('binary: evaluation.json plus ROC, PR, calibration and confusion plots; long curves are thinned in plots only', () => {
  const n = 5000;
  const yTrue = Int32Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 1 : 0));
  const p1 = Float64Array.from({ length: n }, (_, i) => ((i * 7919) % n) / n * 0.5 + (yTrue[i] ? 0.4 : 0));
  const proba = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    proba[2 * i] = 1 - p1[i];
    proba[2 * i + 1] = p1[i];
  }
  const yPred = Int32Array.from(p1, (p) => (p > 0.5 ? 1 : 0));
  const result = evaluate('binary', { yTrue, yPred, proba, k: 2 });
  const files = evaluationFiles(result, ['no', 'yes']);
  assert.deepEqual(files.map((f) => f.name), ['evaluation.json', 'plots/roc.svg', 'plots/pr.svg', 'plots/calibration.svg', 'plots/confusion.svg']);
  const json = JSON.parse(files[0].text);
  assert.equal(json.metrics.roc_auc, result.metrics.roc_auc);
  assert.equal(json.curves.roc.fpr.length, result.curves!.roc.fpr.length);
  assert.deepEqual(json.labels, ['no', 'yes']);
  const roc = files[1].text;
  assert.match(roc, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  assert.match(roc, new RegExp(`AUC ${result.metrics.roc_auc.toFixed(3)}`));
  const points = /points="([^"]*)"/.exec(roc)![1].split(' ');
  assert.ok(result.curves!.roc.fpr.length > 401 ? points.length <= 402 : points.length === result.curves!.roc.fpr.length);
  assert.match(files[4].text, /true yes, predicted no: \d+/);
});

test('regression keeps evaluation.json only; NaN metrics are null, labels are escaped in plots', () => {
  const reg = evaluate('regression', { yTrue: Float64Array.of(1, 2, 3), yPred: Float64Array.of(1, 2, 4) });
  const files = evaluationFiles({ ...reg, metrics: { ...reg.metrics, mape: NaN } }, null);
  assert.deepEqual(files.map((f) => f.name), ['evaluation.json']);
  assert.equal(JSON.parse(files[0].text).metrics.mape, null);
  const clf = evaluate('multiclass', { yTrue: Int32Array.of(0, 1, 2), yPred: Int32Array.of(0, 1, 1), k: 3 });
  const svg = evaluationFiles(clf, ['<a>', 'b&c', 'd'])[1].text;
  assert.ok(!svg.includes('<a>'));
  assert.match(svg, /&lt;a&gt;/);
  assert.match(svg, /b&amp;c/);
});
