import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isLatheError } from '../errors.js';
import type { MetadataStore, NewDatasetVersion } from './metadata-store.js';

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
