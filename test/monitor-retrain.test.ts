/**
 * The closed loop through the CLI: drifted traffic fires an alert; `lathe
 * monitor run` retrains with the champion's recorded config, gates the
 * candidate against the champion, starts a canary (a rollout record the
 * server reads); once the canary has answered enough requests a later run
 * promotes it. Variants: a gate that fails leaves the champion serving with
 * no canary; `approve: manual` waits for `lathe approve <job>`.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { Home } from '../src/store/index.js';
import { registerModel, setAlias } from '../src/registry/index.js';
import { openServeStore } from '../src/serve/index.js';
import { latheAwait, VEGA } from './helpers.js';
import { penguinHome, trainRun } from './registry-helpers.js';

type Penguin = Record<string, string | number | null>;
const BEAK = 'Beak Length (mm)';
const penguins: Penguin[] = JSON.parse(readFileSync(join(VEGA, 'penguins.json'), 'utf8'));

/** Logs `n` answered requests of `model` version `version` as the server would. */
async function log(dir: string, model: string, version: number, n: number, o: { shift: number; atMs: number; prefix: string }): Promise<void> {
  const home = await Home.open({ dir });
  const store = openServeStore(home);
  try {
    await store.appendPredictions(
      Array.from({ length: n }, (_, i) => {
        const p = penguins[(i * 7) % penguins.length];
        const inputs: Penguin = { ...p };
        delete inputs.Species;
        if (typeof inputs[BEAK] === 'number') inputs[BEAK] = (inputs[BEAK] as number) + o.shift;
        return { request_id: `${o.prefix}-${i}`, model, version, role: 'primary' as const, at_ms: o.atMs + i, row_index: 0, inputs: JSON.stringify(inputs), outputs: JSON.stringify({ prediction: p.Species }), latency_ms: 3 };
      }),
    );
  } finally {
    await store.close();
    await home.close();
  }
}

async function aliasOf(dir: string, model: string): Promise<number | undefined> {
  const home = await Home.open({ dir });
  try {
    return (await home.meta.getModel(model))?.aliases.production;
  } finally {
    await home.close();
  }
}

async function rollouts(dir: string, model: string) {
  const home = await Home.open({ dir });
  const store = openServeStore(home);
  try {
    return await store.listRollouts(model);
  } finally {
    await store.close();
    await home.close();
  }
}

function config(dir: string, name: string, retrain: string[]): string {
  const file = join(dir, name);
  writeFileSync(file, ['monitor:', '  window: "1000"', '  rules:', '    - feature_drift: { share: 0.1 }', '  sinks: [log]', 'retrain:', ...retrain.map((l) => `  ${l}`)].join('\n'));
  return file;
}

describe('the closed loop: alert → retrain → gate → canary → promote', () => {
  let dir: string;

  before(async () => {
    const h = await penguinHome();
    dir = h.dir;
    const run = await trainRun(h.home, 'penguins', 'Species', 'logistic');
    for (const name of ['pen', 'pen-b', 'pen-c']) {
      await registerModel(h.home, run, { name });
      await setAlias(h.home, name, 'production', 1);
    }
    await h.home.close();
    // Every model gets 2,000 requests with beak length +20 mm: two windows, both drifted.
    for (const name of ['pen', 'pen-b', 'pen-c']) await log(dir, name, 1, 2000, { shift: 20, atMs: 1_700_000_000_000, prefix: `${name}-drift` });
  });

  test('drift retrains, gates and starts a canary; enough canary requests promote it', async () => {
    const cfg = config(dir, 'loop.yaml', ['on: [drift]', 'canary: { percent: 20, requests: 50 }', 'approve: auto']);
    const first = await latheAwait(dir, ['monitor', 'run', 'pen', '--config', cfg, '--json']);
    assert.equal(first.code, 0, first.stderr);
    const job = first.json.job;
    assert.equal(job.status, 'canary', JSON.stringify(job.history));
    assert.deepEqual([job.trigger, job.champion, job.candidate], ['feature_drift', 1, 2]);
    assert.deepEqual(job.history.map((h: { step: string }) => h.step), ['triggered', 'retrained', 'gate', 'canary']);
    assert.equal(await aliasOf(dir, 'pen'), 1, 'the champion serves until the canary is judged');
    const canary = (await rollouts(dir, 'pen')).find((r) => r.kind === 'canary');
    assert.deepEqual([canary?.version, canary?.percent, canary?.alias], [2, 20, 'production']);

    // Not enough canary traffic yet: nothing moves.
    await log(dir, 'pen', 2, 20, { shift: 0, atMs: Date.now() + 1000, prefix: 'canary-a' });
    const waiting = await latheAwait(dir, ['monitor', 'run', 'pen', '--config', cfg, '--json']);
    assert.equal(waiting.json.job.status, 'canary');

    await log(dir, 'pen', 2, 60, { shift: 0, atMs: Date.now() + 2000, prefix: 'canary-b' });
    await log(dir, 'pen', 1, 60, { shift: 0, atMs: Date.now() + 2000, prefix: 'champion-b' });
    const done = await latheAwait(dir, ['monitor', 'run', 'pen', '--config', cfg, '--json']);
    assert.equal(done.code, 0, done.stderr);
    assert.equal(done.json.job.status, 'promoted', JSON.stringify(done.json.job.history));
    assert.equal(await aliasOf(dir, 'pen'), 2);
    assert.deepEqual(await rollouts(dir, 'pen'), []);
    const show = await latheAwait(dir, ['monitor', 'show', 'pen', '--json']);
    assert.deepEqual(show.json.jobs.map((j: { status: string }) => j.status), ['promoted']);
  });

  test('a gate that fails leaves the champion serving and starts no canary', async () => {
    const cfg = config(dir, 'strict.yaml', ['on: [drift]', 'gate: "accuracy >= champion + 1"']);
    const r = await latheAwait(dir, ['monitor', 'run', 'pen-b', '--config', cfg, '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.json.job.status, 'failed');
    assert.deepEqual(r.json.job.history.map((h: { step: string }) => h.step), ['triggered', 'retrained', 'gate']);
    assert.equal(await aliasOf(dir, 'pen-b'), 1);
    assert.deepEqual(await rollouts(dir, 'pen-b'), []);
  });

  test('approve: manual waits before the canary until lathe approve', async () => {
    const cfg = config(dir, 'manual.yaml', ['on: [drift]', 'approve: manual', 'canary: { percent: 5, requests: 10 }']);
    const r = await latheAwait(dir, ['monitor', 'run', 'pen-c', '--config', cfg, '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.json.job.status, 'awaiting_approval');
    assert.deepEqual(await rollouts(dir, 'pen-c'), []);
    const ok = await latheAwait(dir, ['approve', r.json.job.id, '--config', cfg, '--json']);
    assert.equal(ok.code, 0, ok.stderr);
    assert.equal(ok.json.status, 'canary');
    assert.equal((await rollouts(dir, 'pen-c'))[0]?.percent, 5);
    const again = await latheAwait(dir, ['approve', r.json.job.id, '--config', cfg]);
    assert.equal(again.code, 2);
    assert.match(again.stderr, /is canary, not awaiting approval/);
    const ghost = await latheAwait(dir, ['approve', 'nope']);
    assert.equal(ghost.code, 2);
    assert.match(ghost.stderr, /no retrain job "nope"/);
  });

  test('a bad retrain: section is refused', async () => {
    const bad = config(dir, 'bad.yaml', ['on: [weather]']);
    const r = await latheAwait(dir, ['monitor', 'run', 'pen', '--config', bad]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /retrain\.on\[0\]: must be one of drift, performance, got "weather"/);
  });
});
