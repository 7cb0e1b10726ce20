import assert from 'node:assert/strict';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { isLatheError } from '../../errors.js';
import { Home } from '../../store/index.js';
import { tempDir } from '../../../test/helpers.js';
import { extractArrays, loadPackage, type ModelDocument, restoreArrays, writePackage } from './index.js';

function doc(): ModelDocument {
  return {
    format: 1,
    task: 'binary',
    created: new Date(0).toISOString(),
    lathe_version: '0.1.0',
    signature: { inputs: [{ name: 'x', type: 'numeric', nullable: true, required: true }], outputs: [{ name: 'proba_yes', type: 'numeric' }] },
    pipeline: { format: 1, steps: [] },
    estimator: {
      kind: 'gbdt',
      format: 1,
      task: 'binary',
      params: { iterations: 2 },
      features: ['x'],
      classes: ['no', 'yes'],
      state: { thresholds: new Float64Array([0.5, NaN, -Infinity]), nodes: new Int32Array([1, -1, 2]), bits: new Uint8Array([255]) },
    },
    classes: ['no', 'yes'],
    target: 'y',
    metrics: { 'test.roc_auc': 0.9, odd: NaN },
    lineage: { dataset: { name: 'd', version: 1, hash: 'a'.repeat(64) }, run_id: 'r1' },
    reference: null,
  };
}

test('typed arrays go to the sidecar and come back exactly', () => {
  const { json, bin } = extractArrays(doc());
  assert.ok(!json.includes('thresholds":{"0"'));
  assert.equal(bin.byteLength % 8 === 0 || bin.byteLength > 0, true);
  const back = restoreArrays<ModelDocument>(json, bin);
  assert.deepEqual(back, doc());
  assert.throws(() => restoreArrays('{"a":{"$array":"Float64Array","offset":0,"length":999}}', bin), (e) => isLatheError(e, 'INTEGRITY'));
  assert.throws(() => restoreArrays('{"a":{"$array":"Function","offset":0,"length":1}}', bin), (e) => isLatheError(e, 'INTEGRITY'));
});

test('a package is written whole, verified on load, and refused when tampered', async () => {
  const dir = tempDir();
  const home = await Home.open({ dir });
  try {
    const run = await home.meta.createRun({
      id: 'r1', experiment: 'e', parent: null, kind: 'train', params: {}, lathe_version: '0', git_commit: null, host: 'h', pid: process.pid,
      lease_until: new Date(Date.now() + 60_000).toISOString(),
    });
    const pkg = await writePackage(home, doc(), async (p, pending) => {
      await home.meta.updateRun(run.id, { artifacts: [{ name: 'model', sha256: p.sha256, kind: 'package' }] });
      await home.meta.finishRun(run.id, 'FINISHED', null, pending);
      return p;
    });
    assert.deepEqual(readdirSync(pkg.path).sort(), ['arrays.bin', 'manifest.json', 'model.json']);
    assert.deepEqual(await home.meta.listPending(), []);
    assert.deepEqual(await loadPackage(home, pkg.sha256), doc());
    writeFileSync(join(pkg.path, 'model.json'), '{"format":1}');
    await assert.rejects(loadPackage(home, pkg.sha256), (e) => isLatheError(e, 'INTEGRITY'));
    // A commit that fails leaves no package behind.
    const other = { ...doc(), target: 'z' };
    await assert.rejects(writePackage(home, other, async () => { throw new Error('disk full'); }), /disk full/);
    assert.deepEqual(await home.meta.listPending(), []);
    assert.equal((await home.artifacts.list()).length, 1);
    assert.deepEqual(readdirSync(join(dir, 'tmp')), []);
  } finally {
    await home.close();
  }
});
