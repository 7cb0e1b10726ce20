import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { registerModel } from '../src/registry/index.js';
import { cli, penguinHome, trainRun } from './registry-helpers.js';

describe('lathe promote', () => {
  let dir: string;
  before(async () => {
    const setup = await penguinHome();
    dir = setup.dir;
    try {
      await registerModel(setup.home, await trainRun(setup.home, 'pen2', 'Species', 'logistic'), { name: 'pen' });
      await registerModel(setup.home, await trainRun(setup.home, 'pen2', 'Species', 'baseline'), { name: 'pen' });
    } finally {
      await setup.home.close();
    }
  });

  test('a passing gate moves the alias (exit 0); a refused one prints both models side by side (exit 1)', () => {
    const ok = cli(dir, ['promote', 'pen:1', '--alias', 'production', '-m', 'launch']);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /pass\s+roc_auc > baseline/);
    assert.match(ok.stdout, /promoted: pen@production \(none\) → pen:1/);
    const no = cli(dir, ['promote', 'pen:2', '--message', 'try the prior']);
    assert.equal(no.code, 1, no.stderr);
    assert.match(no.stdout, /metric\s+candidate :2\s+champion :1\s+baseline/);
    assert.match(no.stdout, /roc_auc \*\s+0\.5\s+1\s+0\.5/);
    assert.match(no.stdout, /FAIL\s+roc_auc >= champion\s+\(0\.5 vs 1\)/);
    assert.match(no.stdout, /refused: pen@production stays at pen:1/);
    const json = cli(dir, ['promote', 'pen:2', '--gate', 'acc >= champion - 0.5', '--json']);
    assert.equal(json.code, 0, json.stdout);
    assert.equal(json.json.moved, true);
    const show = cli(dir, ['model', 'show', 'pen', '--json']).json;
    assert.deepEqual(show.audit.map((e: { action: string; old_version: number; new_version: number }) => [e.action, e.old_version, e.new_version]), [
      ['promote', null, 1], ['promote_refused', 1, 1], ['promote', 1, 2],
    ]);
    assert.equal(show.audit[1].message, 'try the prior');
  });

  test('--json refusals are one document and exit 1; a bad gate exits 2; a damaged package exits 3 naming the file', () => {
    const no = cli(dir, ['promote', 'pen:1', '--gate', 'auc > 1', '--json']);
    assert.equal(no.code, 1);
    assert.equal(no.json.passed, false);
    assert.deepEqual(Object.keys(no.json.scores), ['candidate', 'champion', 'baseline']);
    const bad = cli(dir, ['promote', 'pen:1', '--gate', 'auc >= champion -', '--json']);
    assert.equal(bad.code, 2);
    assert.match(bad.json.error.message, /ends early: expected a number/);
    const pkg = cli(dir, ['model', 'show', 'pen', '--json']).json.versions[0].artifact as string;
    writeFileSync(join(dir, 'artifacts', pkg.slice(0, 2), pkg, 'model.json'), '{}');
    const broken = cli(dir, ['promote', 'pen:1', '--json']);
    assert.equal(broken.code, 3);
    assert.match(broken.json.error.message, /pen:1 failed verification: model\.json does not match its sha256/);
  });
});
