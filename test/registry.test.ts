import assert from 'node:assert/strict';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { isLatheError } from '../src/errors.js';
import { Predictor, resolveModelPackage } from '../src/predict/index.js';
import {
  archiveVersion,
  deleteVersion,
  loadVerifiedPackage,
  registerModel,
  removeAlias,
  resolveModelVersion,
  setAlias,
  setOnnxInspector,
  unarchiveVersion,
} from '../src/registry/index.js';
import { Home } from '../src/store/index.js';
import { tempDir } from './helpers.js';
import { penguinHome, trainRun } from './registry-helpers.js';

describe('model registry', () => {
  let home: Home;
  let runA: string;
  let runB: string;
  const signature = { inputs: [{ name: 'x', type: 'numeric' }], outputs: [{ name: 'y', type: 'numeric' }], task: 'regression' };

  before(async () => {
    ({ home } = await penguinHome());
    runA = await trainRun(home, 'pen2', 'Species', 'logistic');
    runB = await trainRun(home, 'pen2', 'Species', 'baseline');
  });
  after(() => home.close());

  test('a run registers as version 1 with its lineage: run, dataset version, parent datasets', async () => {
    const { record, created } = await registerModel(home, runA, { name: 'pen', description: 'Adelie or Chinstrap', tags: { team: 'zoo' } });
    assert.equal(created, true);
    assert.equal(record.version, 1);
    assert.equal(record.format, 'lathe');
    assert.equal(record.task, 'binary');
    const run = await home.meta.getRun(runA);
    assert.equal(record.artifact, run?.artifacts.find((a) => a.kind === 'package')?.sha256);
    assert.deepEqual(record.lineage, { run_id: runA, dataset: run?.dataset, parents: [{ name: 'penguins', version: 1, parents: [] }] });
    assert.equal(record.metrics['test.roc_auc'], run?.metrics['test.roc_auc']);
    assert.deepEqual(record.source, { kind: 'run', location: runA });
    // A retry, by a prefix of the run id, is the same version.
    const again = await registerModel(home, runA.slice(0, 12), { name: 'pen' });
    assert.deepEqual([again.record.version, again.created], [1, false]);
    assert.equal((await registerModel(home, runB, { name: 'pen' })).record.version, 2);
    const m = await home.meta.getModel('pen');
    assert.deepEqual([m?.description, m?.tags, m?.versions], ['Adelie or Chinstrap', { team: 'zoo' }, 2]);
  });

  test('refs resolve: name:N, name@alias, a bare name (= @production), run ids and sha256s', async () => {
    await setAlias(home, 'pen', 'production', 1, { message: 'first', actor: 'ana' });
    await setAlias(home, 'pen', 'staging', 2);
    const sha1 = (await home.meta.getModelVersion('pen', 1))!.artifact;
    const sha2 = (await home.meta.getModelVersion('pen', 2))!.artifact;
    for (const [ref, sha] of [['pen:1', sha1], ['pen@production', sha1], ['pen', sha1], ['pen@staging', sha2], [runB, sha2], [sha1, sha1]]) {
      assert.equal((await resolveModelPackage(home, ref)).sha256, sha, ref);
    }
    const r = await resolveModelPackage(home, 'pen@staging');
    assert.equal(r.format, 'lathe');
    assert.equal(r.run?.id, runB);
    assert.equal(r.version?.version, 2);
    assert.equal((await resolveModelPackage(home, runA)).version, null);
    // The resolved package loads and predicts.
    const doc = await loadVerifiedPackage(home, r.sha256);
    assert.equal(Predictor.fromDocument(doc).task, 'binary');
  });

  test('refs to a missing model, version or alias are NOT_FOUND with what exists', async () => {
    const cases: [string, RegExp, RegExp][] = [
      ['nope:1', /model "nope" does not exist/, /lathe models/],
      ['pen:9', /model "pen" has no version 9/, /versions are 1, 2/],
      ['pen@canary', /model "pen" has no alias "canary"/, /production → 1, staging → 2/],
      ['nothing-here', /no model or run "nothing-here"/, /name@alias/],
    ];
    for (const [ref, msg, hint] of cases) {
      await assert.rejects(resolveModelPackage(home, ref), (e) => isLatheError(e, 'NOT_FOUND') && msg.test(e.message) && hint.test(e.hint ?? ''), ref);
    }
    await assert.rejects(resolveModelVersion(home, 'pen@7'), (e) => isLatheError(e, 'BAD_NAME'));
  });

  test('archived versions take no alias; a version an alias points at cannot be archived or deleted', async () => {
    await assert.rejects(archiveVersion(home, 'pen:1'), (e) => isLatheError(e, 'CONFLICT') && /pen@production/.test(e.message));
    await assert.rejects(deleteVersion(home, 'pen:1'), (e) => isLatheError(e, 'CONFLICT') && /pen@production/.test(e.message));
    await assert.rejects(deleteVersion(home, 'pen@production'), (e) => isLatheError(e, 'BAD_REF'));
    await removeAlias(home, 'pen', 'staging', { message: 'done' });
    assert.equal((await archiveVersion(home, 'pen:2')).status, 'ARCHIVED');
    await assert.rejects(setAlias(home, 'pen', 'staging', 2), (e) => isLatheError(e, 'CONFLICT') && /archived/.test(e.message));
    assert.equal((await unarchiveVersion(home, 'pen:2')).status, 'READY');
    await setAlias(home, 'pen', 'staging', 2);
    const trail = await home.meta.listAliasAudit('pen');
    assert.deepEqual(trail.map((e) => [e.alias, e.action, e.old_version, e.new_version]), [
      ['production', 'set', null, 1], ['staging', 'set', null, 2], ['staging', 'remove', 2, null], ['staging', 'set', null, 2],
    ]);
    assert.deepEqual([trail[0].actor, trail[0].message, trail[2].message], ['ana', 'first', 'done']);
  });

  test('a package folder is copied in with every hash checked, into another home, and deleted with its files', async () => {
    const src = tempDir('lathe-pkgdir-');
    cpSync(await home.artifacts.localPath((await home.meta.getModelVersion('pen', 1))!.artifact), src, { recursive: true });
    writeFileSync(join(src, 'notes.txt'), 'not in the manifest: left behind');
    const other = await Home.open({ dir: tempDir() });
    try {
      const { record } = await registerModel(other, src, { name: 'imported' });
      // The claimed run is not in this home, so the version is an import that records the claim, not the run.
      assert.deepEqual([record.version, record.source.kind, record.lineage.run_id, record.lineage.imported?.claimed_run_id], [1, 'package', null, runA]);
      assert.deepEqual(record.lineage.parents, [], 'the dataset is not in this home');
      assert.equal(await other.artifacts.verify(record.artifact), true);
      assert.ok(existsSync(join(src, 'model.json')), 'the source folder is left as it was');
      // A live writer about to use the same package keeps it; once it gives up, nothing does.
      const pending = await other.beginPending(record.artifact);
      assert.equal((await deleteVersion(other, 'imported:1')).artifactRemoved, false);
      assert.equal(await other.artifacts.has(record.artifact), true);
      await other.abandon(pending, record.artifact);
      assert.equal(await other.artifacts.has(record.artifact), false);
      const again = await registerModel(other, src, { name: 'imported' });
      assert.equal(again.record.version, 2);
      assert.equal((await deleteVersion(other, 'imported:2')).artifactRemoved, true);
      assert.equal(await other.artifacts.has(record.artifact), false);
      assert.deepEqual(await other.meta.listPending(), []);
    } finally {
      await other.close();
    }
  });

  test('a corrupt package folder is refused naming the file, and nothing is stored', async () => {
    const src = tempDir('lathe-pkgdir-');
    cpSync(await home.artifacts.localPath((await home.meta.getModelVersion('pen', 1))!.artifact), src, { recursive: true });
    const model = join(src, 'model.json');
    writeFileSync(model, readFileSync(model, 'utf8').replace('"binary"', '"regression"'));
    const before = await home.artifacts.list();
    await assert.rejects(registerModel(home, src, { name: 'bad' }), (e) => isLatheError(e, 'INTEGRITY') && /model\.json does not match its sha256/.test(e.message));
    assert.deepEqual(await home.artifacts.list(), before);
    assert.equal(await home.meta.getModel('bad'), undefined);
  });

  test('an ONNX file is stored as bytes with its signature and format; an inspector can refuse it', async () => {
    const dir = tempDir('lathe-onnx-');
    const file = join(dir, 'm.onnx');
    writeFileSync(file, Buffer.from([0x08, 0x07, 0x12, 0x04, 0x74, 0x65, 0x73, 0x74]));
    await assert.rejects(registerModel(home, file, { name: 'onx' }), (e) => isLatheError(e, 'BAD_USAGE') && /signature/.test(e.message));
    setOnnxInspector(async () => {
      throw new Error('not an ONNX graph');
    });
    try {
      await assert.rejects(registerModel(home, file, { name: 'onx', signature }), /not an ONNX graph/);
    } finally {
      setOnnxInspector(null);
    }
    assert.equal(await home.meta.getModel('onx'), undefined);
    const { record } = await registerModel(home, file, { name: 'onx', signature });
    assert.deepEqual([record.format, record.task, record.signature], ['onnx', 'regression', signature]);
    await setAlias(home, 'onx', 'production', 1);
    const r = await resolveModelPackage(home, 'onx');
    assert.deepEqual([r.format, r.run, r.version?.signature], ['onnx', null, signature]);
    assert.deepEqual(readFileSync(await home.artifacts.localPath(r.sha256)), readFileSync(file));
  });

  test('deleting a version keeps its package while its run (or another version) still uses it', async () => {
    const { record } = await registerModel(home, runB, { name: 'pen-copy' });
    assert.equal((await deleteVersion(home, 'pen-copy:1')).artifactRemoved, false);
    assert.equal(await home.artifacts.verify(record.artifact), true);
    assert.equal((await registerModel(home, runB, { name: 'pen-copy' })).record.version, 2, 'numbers are not reused');
  });

  test('a damaged stored package is refused on load, naming the file', async () => {
    const { version } = await resolveModelVersion(home, 'pen-copy:2');
    const path = await home.artifacts.localPath(version.artifact);
    writeFileSync(join(path, 'arrays.bin'), 'garbage');
    await assert.rejects(loadVerifiedPackage(home, version.artifact), (e) => isLatheError(e, 'INTEGRITY') && /arrays\.bin does not match/.test(e.message));
  });
});
