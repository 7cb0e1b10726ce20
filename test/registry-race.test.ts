import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { Home } from '../src/store/index.js';
import { sampleModelVersion } from '../src/store/registry-store.case.js';
import { ROOT, tempDir } from './helpers.js';

const MOVES = 60;

function racer(dir: string, version: number, actor: string, startAt: number): Promise<number> {
  const script = join(ROOT, 'test', 'scripts', 'alias-race.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', script, dir, 'm', String(version), String(MOVES), String(startAt)], {
    cwd: ROOT,
    env: { ...process.env, LATHE_ACTOR: actor },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return new Promise((resolve) => child.on('exit', (code) => resolve(code ?? -1)));
}

test('two processes racing alias moves: the last writer wins and the audit trail is complete', async () => {
  const dir = tempDir('lathe-race-');
  const home = await Home.open({ dir });
  try {
    await home.meta.addModelVersion(sampleModelVersion('m', '1'.repeat(64)));
    await home.meta.addModelVersion(sampleModelVersion('m', '2'.repeat(64)));
    // Both start at the same instant, after their (slower) module loading.
    const startAt = Date.now() + 2500;
    const codes = await Promise.all([racer(dir, 1, 'p1', startAt), racer(dir, 2, 'p2', startAt)]);
    assert.deepEqual(codes, [0, 0]);
    const trail = await home.meta.listAliasAudit('m', 'production');
    assert.equal(trail.length, 2 * MOVES);
    assert.equal(trail.filter((e) => e.actor === 'p1').length, MOVES);
    assert.equal(trail.filter((e) => e.actor === 'p2').length, MOVES);
    // Each line starts where the one before ended: no move was lost or reordered.
    assert.equal(trail[0].old_version, null);
    for (let i = 1; i < trail.length; i++) assert.equal(trail[i].old_version, trail[i - 1].new_version, `line ${i}`);
    assert.equal((await home.meta.getModel('m'))?.aliases.production, trail[trail.length - 1].new_version);
    // The two really interleaved, so the test tested a race.
    const switches = trail.filter((e, i) => i > 0 && e.actor !== trail[i - 1].actor).length;
    assert.ok(switches >= 5, `the processes did not overlap (${switches} switches)`);
  } finally {
    await home.close();
  }
});
