import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isLatheError } from '../errors.js';
import type { MetadataStore, NewDatasetVersion } from './metadata-store.js';
import { registryStoreCase } from './registry-store.case.js';

/** A version row for tests; `hash` decides identity. */
export function sampleVersion(name: string, hash: string): NewDatasetVersion {
  return {
    name,
    artifact: hash,
    bytes: 10,
    rows: 3,
    columns: [{ name: 'x', type: 'numeric', nullable: false }],
    hash,
    source: { kind: 'file', location: '/data/x.csv', format: 'csv' },
    lineage: null,
  };
}

const H1 = 'a'.repeat(64);
const H2 = 'b'.repeat(64);

/**
 * The behaviour every MetadataStore must have. Call it from an
 * implementation's test file with a factory of fresh, empty stores.
 */
export function metadataStoreCase(label: string, fresh: () => Promise<MetadataStore>): void {
  test(`${label}: versions are numbered per dataset from 1`, async () => {
    const s = await fresh();
    try {
      const a = await s.addDatasetVersion(sampleVersion('d', H1));
      const b = await s.addDatasetVersion(sampleVersion('d', H2));
      const c = await s.addDatasetVersion(sampleVersion('e', H1));
      assert.deepEqual([a.record.version, b.record.version, c.record.version], [1, 2, 1]);
      assert.equal(a.created && b.created && c.created, true);
      assert.equal((await s.getDatasetVersion('d'))?.version, 2);
      assert.equal((await s.getDatasetVersion('d', 1))?.hash, H1);
      assert.equal(await s.getDatasetVersion('d', 3), undefined);
      assert.equal(await s.getDatasetVersion('nope'), undefined);
    } finally {
      await s.close();
    }
  });

  test(`${label}: identical content under one name is one version`, async () => {
    const s = await fresh();
    try {
      await s.addDatasetVersion(sampleVersion('d', H1));
      const again = await s.addDatasetVersion(sampleVersion('d', H1));
      assert.equal(again.created, false);
      assert.equal(again.record.version, 1);
      assert.equal((await s.listDatasetVersions('d')).length, 1);
      assert.equal((await s.findDatasetVersionByHash('d', H1))?.version, 1);
    } finally {
      await s.close();
    }
  });

  test(`${label}: records round-trip with schema, source and lineage`, async () => {
    const s = await fresh();
    try {
      const v = { ...sampleVersion('d', H1), lineage: { parents: [{ name: 'p', version: 2 }], sql: 'SELECT 1' } };
      const { record } = await s.addDatasetVersion(v);
      const got = await s.getDatasetVersion('d', 1);
      assert.deepEqual(got, record);
      assert.deepEqual(got?.columns, v.columns);
      assert.deepEqual(got?.lineage, v.lineage);
      assert.ok(!Number.isNaN(Date.parse(got!.created)));
      const list = await s.listDatasets();
      assert.deepEqual(list.map((d) => [d.name, d.latest, d.versions, d.rows]), [['d', 1, 1, 3]]);
    } finally {
      await s.close();
    }
  });

  test(`${label}: a profile is linked once`, async () => {
    const s = await fresh();
    try {
      await s.addDatasetVersion(sampleVersion('d', H1));
      assert.equal((await s.getDatasetVersion('d', 1))?.profile, null);
      await s.setDatasetProfile('d', 1, H2);
      await s.setDatasetProfile('d', 1, H2);
      assert.equal((await s.getDatasetVersion('d', 1))?.profile, H2);
      assert.equal(await s.isArtifactReferenced(H2), true);
      await assert.rejects(s.setDatasetProfile('d', 1, H1), (e) => isLatheError(e, 'CONFLICT'));
      await assert.rejects(s.setDatasetProfile('d', 9, H1), (e) => isLatheError(e, 'NOT_FOUND'));
    } finally {
      await s.close();
    }
  });

  test(`${label}: runs are recorded, patched, stepped and finished once`, async () => {
    const s = await fresh();
    try {
      const lease = new Date(Date.now() + 60_000).toISOString();
      const base = { experiment: 'e', kind: 'train', lathe_version: '0.1.0', git_commit: null, host: 'h', pid: 1, lease_until: lease };
      const parent = await s.createRun({ ...base, id: 'r1', parent: null, params: { algo: 'gbdt' } });
      assert.equal(parent.status, 'RUNNING');
      assert.deepEqual(parent.metrics, {});
      await s.createRun({ ...base, id: 'r2', parent: 'r1', kind: 'trial', params: { lr: 0.1 } });
      await assert.rejects(s.createRun({ ...base, id: 'r3', parent: 'nope', params: {} }), (e) => isLatheError(e, 'NOT_FOUND'));
      await s.updateRun('r1', { metrics: { 'test.auc': 0.9 }, tags: { a: 'b' } });
      const up = await s.updateRun('r1', {
        metrics: { 'test.acc': 0.8 },
        params: { seed: 1 },
        artifacts: [{ name: 'model', sha256: H1, kind: 'package' }],
        dataset: { name: 'd', version: 1, hash: H2 },
        split: { method: 'random', seed: 1 },
      });
      assert.deepEqual(up.metrics, { 'test.auc': 0.9, 'test.acc': 0.8 });
      assert.deepEqual(up.params, { algo: 'gbdt', seed: 1 });
      assert.equal(await s.isArtifactReferenced(H1), true);
      await s.logRunSteps('r1', 'valid.loss', [[0, 0.7], [1, 0.6], [2, NaN]]);
      const steps = await s.getRunSteps('r1', 'valid.loss');
      assert.deepEqual(steps.slice(0, 2).map((x) => [x.step, x.value]), [[0, 0.7], [1, 0.6]]);
      assert.ok(Number.isNaN(steps[2].value));
      const done = await s.finishRun('r1', 'FINISHED');
      assert.equal(done.status, 'FINISHED');
      assert.ok(done.ended);
      assert.equal((await s.finishRun('r1', 'KILLED')).status, 'FINISHED');
      await assert.rejects(s.updateRun('r1', { metrics: { x: 1 } }), (e) => isLatheError(e, 'CONFLICT'));
      assert.deepEqual((await s.listRuns({ parent: 'r1' })).map((r) => r.id), ['r2']);
      assert.deepEqual((await s.runningRuns()).map((r) => r.id), ['r2']);
      assert.equal((await s.listRuns({ experiment: 'e' })).length, 2);
      assert.equal((await s.listRuns({ experiment: 'other' })).length, 0);
      const failed = await s.finishRun('r2', 'FAILED', { code: 'CHECK_FAILED', message: 'invalid data', details: [{ column: 'x' }] });
      assert.deepEqual(failed.error?.details, [{ column: 'x' }]);
    } finally {
      await s.close();
    }
  });

  registryStoreCase(label, fresh);

  test(`${label}: pending writes are listed, cleared by the commit, and removable`, async () => {
    const s = await fresh();
    try {
      const p = { id: 'p1', artifact: H1, pid: 123, host: 'h', created: new Date().toISOString() };
      await s.addPending(p);
      await s.addPending({ ...p, id: 'p2', artifact: H2 });
      assert.deepEqual((await s.listPending()).map((x) => x.id).sort(), ['p1', 'p2']);
      assert.equal(await s.isArtifactReferenced(H1), false);
      await s.addDatasetVersion(sampleVersion('d', H1), 'p1');
      assert.equal(await s.isArtifactReferenced(H1), true);
      assert.deepEqual((await s.listPending()).map((x) => x.id), ['p2']);
      await s.removePending('p2');
      assert.deepEqual(await s.listPending(), []);
    } finally {
      await s.close();
    }
  });
}
