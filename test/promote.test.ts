import assert from 'node:assert/strict';
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { isLatheError } from '../src/errors.js';
import { ingest } from '../src/ingest/index.js';
import { archiveVersion, registerModel } from '../src/registry/index.js';
import { promote } from '../src/registry/promote/index.js';
import type { Home } from '../src/store/index.js';
import { tempDir, VEGA } from './helpers.js';
import { penguinHome, trainRun } from './registry-helpers.js';

describe('promote (API)', () => {
  let home: Home;
  let good: string;
  before(async () => {
    ({ home } = await penguinHome());
    good = await trainRun(home, 'pen2', 'Species', 'logistic');
    await registerModel(home, good, { name: 'pen' });
    await registerModel(home, await trainRun(home, 'pen2', 'Species', 'baseline'), { name: 'pen' });
    await registerModel(home, await trainRun(home, 'pen2', 'Species', 'logistic', { seed: 3, split: { method: 'auto', test_size: 0.3, seed: 3 } }), { name: 'pen' });
  });
  after(() => home.close());

  test('with no champion only the baseline gate applies; the test split is made again exactly', async () => {
    const r = await promote(home, { ref: 'pen:1', message: 'first launch', actor: 'ana' });
    assert.deepEqual([r.passed, r.moved, r.champion, r.primary_metric], [true, true, null, 'roc_auc']);
    assert.deepEqual(r.gates.map((g) => [g.gate, g.passed, g.note]), [['roc_auc >= champion', true, 'no champion yet'], ['roc_auc > baseline', true, undefined]]);
    // The candidate scores on its own test split exactly as training recorded it.
    const run = await home.meta.getRun(good);
    for (const [k, v] of Object.entries(r.scores.candidate)) assert.equal(v, run!.metrics[`test.${k}`], k);
    assert.equal(r.dataset.rows, (run!.split as { sizes: { test: number } }).sizes.test);
    assert.equal(r.scores.baseline!.roc_auc, 0.5);
    assert.deepEqual([r.audit?.action, r.audit?.actor, r.audit?.message, r.audit?.new_version], ['promote', 'ana', 'first launch', 1]);
    const stored = (await home.meta.listAliasAudit('pen', 'production'))[0].decision as { passed: boolean; scores: { candidate: object; champion: null } };
    assert.equal(stored.passed, true);
    assert.deepEqual(Object.keys(stored.scores.candidate), Object.keys(r.scores.candidate));
  });

  test('a worse candidate is refused: the alias stays, and the decision with both score sets is audited', async () => {
    const r = await promote(home, { ref: 'pen:2', actor: 'bob' });
    assert.deepEqual([r.passed, r.moved, r.champion], [false, false, 1]);
    assert.deepEqual(r.gates.map((g) => g.passed), [false, false]);
    assert.ok(r.scores.champion!.roc_auc > r.scores.candidate.roc_auc);
    assert.equal((await home.meta.getModel('pen'))?.aliases.production, 1);
    const last = (await home.meta.listAliasAudit('pen')).at(-1)!;
    assert.deepEqual([last.action, last.old_version, last.new_version, last.actor], ['promote_refused', 1, 1, 'bob']);
    const d = last.decision as { candidate: number; scores: { candidate: { roc_auc: number }; champion: { roc_auc: number } } };
    assert.equal(d.candidate, 2);
    assert.equal(d.scores.champion.roc_auc, r.scores.champion!.roc_auc);
  });

  test('a custom gate with an offset, scored on the candidate\'s own split; an unchanged champion is a no-op', async () => {
    const r = await promote(home, { ref: 'pen:3', gate: 'auc >= champion - 0.005 and acc > 0.9' });
    assert.equal(r.passed, true, JSON.stringify(r.gates));
    assert.equal(r.gates[0].threshold, r.scores.champion!.roc_auc - 0.005);
    assert.match(r.dataset.label, /seed 3, 30%/);
    assert.equal((await home.meta.getModel('pen'))?.aliases.production, 3);
    const lines = (await home.meta.listAliasAudit('pen')).length;
    const again = await promote(home, { ref: 'pen:3' });
    assert.deepEqual([again.passed, again.moved], [true, false]);
    assert.equal((await home.meta.listAliasAudit('pen')).length, lines);
  });

  test('a bad gate, an archived candidate and a missing ref stop before anything moves', async () => {
    await assert.rejects(promote(home, { ref: 'pen:1', gate: 'auc >= champ' }), (e) => isLatheError(e, 'BAD_USAGE') && /champ/.test(e.message));
    await assert.rejects(promote(home, { ref: 'pen:1', gate: 'rmse < 3' }), (e) => isLatheError(e, 'BAD_USAGE') && /not computed/.test(e.message));
    await archiveVersion(home, 'pen:2');
    await assert.rejects(promote(home, { ref: 'pen:2', alias: 'staging' }), (e) => isLatheError(e, 'CONFLICT') && /archived/.test(e.message));
    await assert.rejects(promote(home, { ref: 'pen:9' }), (e) => isLatheError(e, 'NOT_FOUND'));
    assert.equal((await home.meta.getModel('pen'))?.aliases.production, 3);
  });

  test('regression: lower is better, and --dataset scores both on that dataset', async () => {
    await ingest(home, join(VEGA, 'cars.json'), 'cars');
    const fit = await trainRun(home, 'cars', 'Miles_per_Gallon', 'linear', { params: { alpha: 0.1 } });
    const flat = await trainRun(home, 'cars', 'Miles_per_Gallon', 'linear', { params: { alpha: 1e7 } });
    await registerModel(home, fit, { name: 'mpg' });
    await registerModel(home, flat, { name: 'mpg' });
    const first = await promote(home, { ref: 'mpg:1', dataset: 'cars@1' });
    assert.equal(first.passed, true);
    assert.deepEqual(first.gates.map((g) => g.gate), ['rmse <= champion', 'rmse < baseline']);
    assert.equal(first.dataset.rows, 398, 'every row of cars with a target');
    const second = await promote(home, { ref: 'mpg:2', dataset: 'cars@1' });
    assert.equal(second.passed, false);
    assert.ok(second.scores.candidate.rmse > second.scores.champion!.rmse);
    assert.equal(second.gates[0].passed, false);
    // A model of another target cannot be the champion's rival.
    await registerModel(home, await trainRun(home, 'cars', 'Horsepower', 'linear'), { name: 'mpg' });
    await assert.rejects(promote(home, { ref: 'mpg:3' }), (e) => isLatheError(e, 'BAD_INPUT') && /"Horsepower"/.test(e.message));
  });

  test('a package brought from another home has no run here: it needs --dataset, and its baseline fits on those rows', async () => {
    const other = await penguinHome();
    try {
      const src = tempDir('lathe-pkgdir-');
      cpSync(await home.artifacts.localPath((await home.meta.getRun(good))!.artifacts.find((a) => a.kind === 'package')!.sha256), src, { recursive: true });
      await registerModel(other.home, src, { name: 'pen' });
      await assert.rejects(promote(other.home, { ref: 'pen:1' }), (e) => isLatheError(e, 'BAD_USAGE') && /--dataset/.test(e.hint ?? ''));
      const r = await promote(other.home, { ref: 'pen:1', dataset: 'pen2' });
      assert.equal(r.passed, true);
      assert.equal(r.dataset.rows, 220);
      assert.match(r.warnings.join('\n'), /baseline was fitted on the evaluation rows/);
    } finally {
      await other.home.close();
    }
  });
});
