import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { homeState, ROOT, tempDir } from './helpers.js';
import { RunTracker } from '../src/tracking/index.js';
import { cli, penguinHome, trainRun } from './registry-helpers.js';

describe('lathe models, model, alias', () => {
  let dir: string;
  let runA: string;
  let runB: string;
  let pkgA: string;
  let trial: string;

  before(async () => {
    const setup = await penguinHome();
    dir = setup.dir;
    try {
      runA = await trainRun(setup.home, 'pen2', 'Species', 'logistic');
      runB = await trainRun(setup.home, 'pen2', 'Species', 'baseline');
      pkgA = await setup.home.artifacts.localPath((await setup.home.meta.getRun(runA))!.artifacts.find((a) => a.kind === 'package')!.sha256);
      const t = await RunTracker.start(setup.home, { kind: 'trial', experiment: 'default', parent: runA, params: { algo: 'logistic' } });
      await t.log({ metrics: { 'valid.log_loss': 0.2 } });
      await t.finish();
      trial = t.id;
    } finally {
      await setup.home.close();
    }
  });

  test('register, list and show, with lineage and the audit trail', () => {
    const r = cli(dir, ['model', 'register', runA, '--name', 'pen', '--description', 'two species', '--tags', 'team=zoo,tier=1', '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.json.model, 'pen');
    assert.equal(r.json.version, 1);
    assert.equal(r.json.already_registered, false);
    assert.deepEqual(r.json.lineage.parents, [{ name: 'penguins', version: 1, parents: [] }]);
    assert.equal(cli(dir, ['model', 'register', runB, '--name', 'pen']).code, 0);
    const set = cli(dir, ['alias', 'set', 'pen', 'production', '1', '--message', 'launch', '--json'], { LATHE_ACTOR: 'ci-bot' });
    assert.equal(set.code, 0, set.stderr);
    assert.deepEqual([set.json.actor, set.json.message, set.json.old_version, set.json.new_version], ['ci-bot', 'launch', null, 1]);
    const models = cli(dir, ['models', '--json']).json.models;
    assert.deepEqual(models.map((m: { name: string; versions: number; aliases: object; tags: object }) => [m.name, m.versions, m.aliases, m.tags]), [
      ['pen', 2, { production: 1 }, { team: 'zoo', tier: '1' }],
    ]);
    const show = cli(dir, ['model', 'show', 'pen', '--json']).json;
    assert.deepEqual(show.versions.map((v: { version: number; lineage: { run_id: string } }) => [v.version, v.lineage.run_id]), [[1, runA], [2, runB]]);
    assert.equal(show.audit.length, 1);
    const text = cli(dir, ['model', 'show', 'pen']);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /pen2@1 ← penguins@1/);
    assert.match(text.stdout, /production\s+set\s+-\s+1\s+ci-bot\s+launch/);
  });

  test('refs to a missing model, version or alias exit 2 with a clear error', () => {
    const cases: [string[], RegExp][] = [
      [['alias', 'set', 'nope', 'production', '1'], /model "nope" does not exist/],
      [['alias', 'set', 'pen', 'production', '9'], /model "pen" has no version 9/],
      [['alias', 'rm', 'pen', 'canary'], /model "pen" has no alias "canary"/],
      [['evaluate', '--model', 'pen@canary', '--dataset', 'pen2'], /model "pen" has no alias "canary"/],
      [['evaluate', '--model', 'pen:7', '--dataset', 'pen2'], /its versions are 1, 2/],
      [['model', 'show', 'nope'], /model "nope" does not exist/],
      [['alias', 'set', 'pen', '3', '1'], /alias "3" is all digits/],
      [['alias', 'set', 'pen', 'staging', 'two'], /version "two" is not a version number/],
    ];
    for (const [args, re] of cases) {
      const r = cli(dir, [...args, '--json']);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stdout}`);
      assert.match(`${r.json.error.message} — ${r.json.error.hint}`, re, args.join(' '));
    }
  });

  test('a registry ref works wherever a model ref does', () => {
    const r = cli(dir, ['evaluate', '--model', 'pen', '--dataset', 'pen2', '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.json.model, cli(dir, ['model', 'show', 'pen', '--json']).json.versions[0].artifact);
  });

  test('archive and delete are refused while an alias points at the version', () => {
    const archive = cli(dir, ['model', 'archive', 'pen:1', '--json']);
    assert.equal(archive.code, 2);
    assert.match(archive.json.error.message, /cannot be archived while pen@production points at it/);
    const del = cli(dir, ['model', 'delete', 'pen:1', '--json']);
    assert.equal(del.code, 2);
    assert.match(del.json.error.message, /cannot be deleted while pen@production points at it/);
    assert.match(del.json.error.hint, /lathe alias set pen production <version>/);
    assert.equal(cli(dir, ['model', 'archive', 'pen:2']).code, 0);
    const onArchived = cli(dir, ['alias', 'set', 'pen', 'staging', '2', '--json']);
    assert.equal(onArchived.code, 2);
    assert.match(onArchived.json.error.message, /pen:2 is archived/);
    const gone = cli(dir, ['model', 'delete', 'pen:2', '--json']);
    assert.equal(gone.code, 0, gone.stderr);
    assert.equal(gone.json.artifact_removed, false, "the run still holds its package");
    const rm = cli(dir, ['alias', 'rm', 'pen', 'production', '-m', 'retire', '--json']);
    assert.deepEqual([rm.code, rm.json.old_version, rm.json.new_version], [0, 1, null]);
  });

  test('a corrupt package folder is refused naming the file (exit 3); ONNX needs a signature', () => {
    const src = tempDir('lathe-pkgdir-');
    cpSync(pkgA, src, { recursive: true });
    writeFileSync(join(src, 'arrays.bin'), Buffer.concat([readFileSync(join(src, 'arrays.bin')), Buffer.from([1])]));
    const bad = cli(dir, ['model', 'register', src, '--name', 'copy', '--json']);
    assert.equal(bad.code, 3);
    assert.match(bad.json.error.message, /arrays\.bin does not match its sha256 in the manifest/);
    const onnx = join(src, 'm.onnx');
    // A real graph: ONNX imports are checked against their signature (see test/onnx-import.test.ts).
    cpSync(join(ROOT, 'test', 'fixtures', 'onnx', 'linear_regressor.onnx'), onnx);
    const noSig = cli(dir, ['model', 'register', onnx, '--name', 'o', '--json']);
    assert.equal(noSig.code, 2);
    assert.match(noSig.json.error.hint, /--signature/);
    const sig = join(src, 'sig.yaml');
    writeFileSync(sig, 'inputs:\n  - {name: a, type: numeric}\n  - {name: color, type: categorical}\noutputs:\n  - {name: variable, type: numeric}\n');
    const ok = cli(dir, ['model', 'register', onnx, '--name', 'o', '--signature', sig, '--json']);
    assert.equal(ok.code, 0, ok.stderr);
    assert.equal(ok.json.format, 'onnx');
    writeFileSync(sig, 'inputs: 3\n');
    assert.match(cli(dir, ['model', 'register', onnx, '--name', 'o', '--signature', sig, '--json']).json.error.message, /"inputs" must be a non-empty list/);
    assert.equal(cli(dir, ['model', 'register', runA, '--name', 'o', '--signature', sig]).code, 2);
  });

  test('a search trial is refused naming its parent train run', () => {
    const before = cli(dir, ['models', '--json']).json;
    const r = cli(dir, ['model', 'register', trial, '--name', 'trialmodel', '--json']);
    assert.equal(r.code, 2, r.stdout);
    assert.match(r.json.error.message, new RegExp(`run ${trial} is a search trial of train run ${runA}`));
    assert.ok(r.json.error.hint.includes(`lathe model register ${runA}`));
    assert.deepEqual(cli(dir, ['models', '--json']).json, before);
  });

  test('a forged package folder is registered as imported; one that cannot load is refused', () => {
    const forge = (edit: (doc: any) => void) => {
      const src = tempDir('lathe-forge-');
      cpSync(pkgA, src, { recursive: true });
      const doc = JSON.parse(readFileSync(join(src, 'model.json'), 'utf8'));
      edit(doc);
      const text = JSON.stringify(doc);
      writeFileSync(join(src, 'model.json'), text);
      const manifest = JSON.parse(readFileSync(join(src, 'manifest.json'), 'utf8'));
      manifest.files['model.json'] = createHash('sha256').update(text).digest('hex');
      writeFileSync(join(src, 'manifest.json'), JSON.stringify(manifest));
      return src;
    };
    // The untouched package keeps its run's lineage: that run stored the same sha256.
    const same = cli(dir, ['model', 'register', pkgA, '--name', 'genuine', '--json']);
    assert.equal(same.code, 0, same.stderr);
    assert.equal(same.json.lineage.run_id, runA);
    const forged = forge((d) => { d.metrics['test.accuracy'] = 1; });
    const r = cli(dir, ['model', 'register', forged, '--name', 'forged', '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.json.lineage.run_id, null);
    assert.deepEqual(r.json.lineage.imported, { claimed_run_id: runA });
    const show = cli(dir, ['model', 'show', 'forged', '--json']).json;
    assert.deepEqual(show.versions[0].lineage.imported, { claimed_run_id: runA });
    const state = homeState(dir);
    const before = cli(dir, ['models', '--json']).json;
    const broken = forge((d) => { d.estimator.kind = 'nosuch'; });
    const bad = cli(dir, ['model', 'register', broken, '--name', 'broken', '--json']);
    assert.equal(bad.code, 2, bad.stdout);
    assert.match(bad.json.error.message, /the model package does not load: unknown algorithm "nosuch"/);
    assert.deepEqual(cli(dir, ['models', '--json']).json, before);
    assert.deepEqual(homeState(dir), state);
  });
});
