import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { LatheError } from '../errors.js';
import { Home } from '../store/index.js';
import { ROOT, tempDir } from '../../test/helpers.js';
import { RunTracker, latheVersion } from './index.js';

/** Starts the hold-run script and resolves with its run id once the run exists. */
function holdRun(home: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'test', 'scripts', 'hold-run.ts'), home], { cwd: ROOT });
  const id = new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      if (out.includes('\n')) resolve(out.trim());
    });
    child.on('exit', () => reject(new Error('hold-run exited early')));
  });
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return { child, id, exited };
}

test('a run records provenance, logs and finishes', async () => {
  const home = await Home.open({ dir: tempDir() });
  try {
    const run = await RunTracker.start(home, { kind: 'train', experiment: 'exp', params: { algo: 'gbdt' } });
    await run.log({ metrics: { 'test.rmse': 1.5 }, split: { method: 'random', seed: 0 } });
    await run.logSteps('valid.l2', [[0, 2], [1, 1.5]]);
    const done = await run.finish();
    assert.equal(done.status, 'FINISHED');
    assert.equal(done.experiment, 'exp');
    assert.equal(done.lathe_version, latheVersion());
    assert.equal(done.pid, process.pid);
    assert.deepEqual(done.metrics, { 'test.rmse': 1.5 });
    assert.equal((await home.meta.getRunSteps(run.id)).length, 2);
    const failed = await RunTracker.start(home, { kind: 'train' });
    const rec = await failed.fail(new LatheError('CHECK_FAILED', 'data is invalid'), [{ column: 'x', reason: 'OUT_OF_RANGE' }]);
    assert.equal(rec.status, 'FAILED');
    assert.deepEqual(rec.error, { code: 'CHECK_FAILED', message: 'data is invalid', details: [{ column: 'x', reason: 'OUT_OF_RANGE' }] });
  } finally {
    await home.close();
  }
});

test('kill -9 leaves a run that the next sweep marks KILLED', async () => {
  const dir = tempDir();
  const h = holdRun(dir);
  const id = await h.id;
  h.child.kill('SIGKILL');
  await h.exited;
  const home = await Home.open({ dir });
  try {
    const run = await home.meta.getRun(id);
    assert.equal(run?.status, 'KILLED');
    assert.equal(run?.error?.code, 'KILLED');
    assert.deepEqual(readdirSync(join(dir, 'tmp')), []);
  } finally {
    await home.close();
  }
});

test('Ctrl-C marks the run KILLED at once and runs its cleanups', async () => {
  const dir = tempDir();
  const h = holdRun(dir);
  const id = await h.id;
  h.child.kill('SIGINT');
  assert.equal(await h.exited, 130);
  assert.deepEqual(readdirSync(join(dir, 'tmp')), []);
  const home = await Home.open({ dir });
  try {
    const run = await home.meta.getRun(id);
    assert.equal(run?.status, 'KILLED');
    assert.match(run?.error?.message ?? '', /SIGINT/);
  } finally {
    await home.close();
  }
});
