import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isLatheError } from '../errors.js';
import type { MetadataStore } from './metadata-store.js';
import type { NewModelVersion } from './model-record.js';

const A1 = '1'.repeat(64);
const A2 = '2'.repeat(64);
const A3 = '3'.repeat(64);

/** A registry version row for tests; `artifact` decides identity. */
export function sampleModelVersion(model: string, artifact: string): NewModelVersion {
  return {
    model,
    artifact,
    format: 'lathe',
    task: 'binary',
    signature: { inputs: [{ name: 'x', type: 'numeric' }], outputs: [{ name: 'prediction', type: 'categorical' }] },
    metrics: { 'test.roc_auc': 0.9, 'test.odd': NaN },
    lineage: { run_id: 'r1', dataset: { name: 'd', version: 2, hash: 'h' }, parents: [{ name: 'raw', version: 1, parents: [] }] },
    source: { kind: 'run', location: 'r1' },
    created_by: 'tester',
  };
}

const move = (model: string, alias: string, version: number | null) =>
  ({ model, alias, version, action: version === null ? 'remove' : 'set', actor: 'tester', message: 'why' }) as const;

/** The registry behaviour every MetadataStore must have; called from {@link metadataStoreCase}. */
export function registryStoreCase(label: string, fresh: () => Promise<MetadataStore>): void {
  test(`${label}: model versions are numbered from 1, never reused, and a re-registration is the same version`, async () => {
    const s = await fresh();
    try {
      const a = await s.addModelVersion(sampleModelVersion('m', A1), { description: 'churn', tags: { team: 'a' } });
      const b = await s.addModelVersion(sampleModelVersion('m', A2), { tags: { tier: '1' } });
      assert.deepEqual([a.record.version, b.record.version, a.created, b.created], [1, 2, true, true]);
      const again = await s.addModelVersion(sampleModelVersion('m', A1));
      assert.deepEqual([again.record.version, again.created], [1, false]);
      assert.deepEqual(again.record, a.record);
      assert.ok(Number.isNaN(a.record.metrics['test.odd']));
      assert.deepEqual(a.record.lineage.parents, [{ name: 'raw', version: 1, parents: [] }]);
      assert.equal(a.record.status, 'READY');
      const m = await s.getModel('m');
      assert.deepEqual([m?.description, m?.tags, m?.versions, m?.latest], ['churn', { team: 'a', tier: '1' }, 2, 2]);
      await s.deleteModelVersion('m', 2);
      const c = await s.addModelVersion(sampleModelVersion('m', A3));
      assert.equal(c.record.version, 3, 'a deleted number is never given again');
      assert.deepEqual((await s.listModelVersions('m')).map((v) => v.version), [1, 3]);
      assert.deepEqual((await s.listModels()).map((x) => x.name), ['m']);
      assert.equal(await s.getModel('nope'), undefined);
      assert.equal(await s.getModelVersion('m', 2), undefined);
    } finally {
      await s.close();
    }
  });

  test(`${label}: aliases move with an audit line each; archived versions refuse them`, async () => {
    const s = await fresh();
    try {
      await s.addModelVersion(sampleModelVersion('m', A1));
      await s.addModelVersion(sampleModelVersion('m', A2));
      const e1 = await s.moveAlias(move('m', 'production', 1));
      const e2 = await s.moveAlias({ ...move('m', 'production', 2), action: 'promote', decision: { passed: true }, expect: 1 });
      assert.deepEqual([e1.old_version, e1.new_version, e2.old_version, e2.new_version], [null, 1, 1, 2]);
      assert.ok(e2.seq > e1.seq);
      await assert.rejects(s.moveAlias({ ...move('m', 'production', 1), expect: 1 }), (e) => isLatheError(e, 'CONFLICT'));
      await s.recordAliasDecision({ model: 'm', alias: 'production', candidate: 1, actor: 'tester', message: null, decision: { passed: false } });
      // Alias tables are null-prototype objects (user names index them), so compare own entries.
      assert.deepEqual({ ...(await s.getModel('m'))?.aliases }, { production: 2 });
      await assert.rejects(s.setModelVersionStatus('m', 2, 'ARCHIVED'), (e) => isLatheError(e, 'CONFLICT') && /production/.test(e.message));
      await s.setModelVersionStatus('m', 1, 'ARCHIVED');
      await assert.rejects(s.moveAlias(move('m', 'staging', 1)), (e) => isLatheError(e, 'CONFLICT') && /archived/.test(e.message));
      await assert.rejects(s.moveAlias(move('m', 'staging', 9)), (e) => isLatheError(e, 'NOT_FOUND') && /no version 9/.test(e.message));
      await assert.rejects(s.moveAlias(move('x', 'staging', 1)), (e) => isLatheError(e, 'NOT_FOUND') && /model "x"/.test(e.message));
      await assert.rejects(s.moveAlias(move('m', 'staging', null)), (e) => isLatheError(e, 'NOT_FOUND'));
      await s.moveAlias(move('m', 'production', null));
      const trail = await s.listAliasAudit('m');
      assert.deepEqual(trail.map((t) => [t.action, t.old_version, t.new_version]), [
        ['set', null, 1], ['promote', 1, 2], ['promote_refused', 2, 2], ['remove', 2, null],
      ]);
      assert.deepEqual(trail[1].decision, { passed: true });
      assert.equal(trail[0].actor, 'tester');
      assert.equal(trail[0].message, 'why');
      assert.equal((await s.listAliasAudit('m', 'staging')).length, 0);
      assert.deepEqual({ ...(await s.getModel('m'))?.aliases }, {});
    } finally {
      await s.close();
    }
  });

  test(`${label}: a version an alias points at cannot be deleted; registry rows reference artifacts`, async () => {
    const s = await fresh();
    try {
      await s.addModelVersion(sampleModelVersion('m', A1));
      assert.equal(await s.isArtifactReferenced(A1), true);
      await s.moveAlias(move('m', 'staging', 1));
      await assert.rejects(s.deleteModelVersion('m', 1), (e) => isLatheError(e, 'CONFLICT') && /m@staging/.test(e.message));
      await s.moveAlias(move('m', 'staging', null));
      const gone = await s.deleteModelVersion('m', 1);
      assert.equal(gone.artifact, A1);
      assert.equal(await s.isArtifactReferenced(A1), false);
      await assert.rejects(s.deleteModelVersion('m', 1), (e) => isLatheError(e, 'NOT_FOUND'));
    } finally {
      await s.close();
    }
  });

  test(`${label}: registering clears its pending write in the same transaction`, async () => {
    const s = await fresh();
    try {
      await s.addPending({ id: 'p1', artifact: A1, pid: 1, host: 'h', created: new Date().toISOString() });
      await s.addModelVersion(sampleModelVersion('m', A1), {}, 'p1');
      assert.deepEqual(await s.listPending(), []);
    } finally {
      await s.close();
    }
  });
}
