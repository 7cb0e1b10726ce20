import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type Column, Frame, Rng } from '../../core/index.js';
import { type ParamValue, estimatorKinds } from '../../estimators/index.js';
import { isLatheError } from '../../errors.js';
import { Home } from '../../store/index.js';
import { RunTracker } from '../../tracking/index.js';
import { tempDir } from '../../../test/helpers.js';
import { fitModel } from '../fit-model.js';
import { scoreModel } from '../score-model.js';
import { type SearchOptions, runSearch } from './run-search.js';

/**
 * A regression problem where regularisation must win: 30 noisy features,
 * each with a small true weight, and only 40 training rows. Least squares
 * (linear's default, alpha = 0) fits the noise; a large alpha does not.
 */
function ridgeProblem(rows: number, seed: number): Frame {
  const weights = new Rng(99);
  const w = Array.from({ length: 30 }, () => weights.normal() * 0.3);
  const rng = new Rng(seed);
  const cols = w.map(() => new Float64Array(rows));
  const y = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    let s = 0;
    for (let j = 0; j < w.length; j++) s += w[j] * (cols[j][i] = rng.normal());
    y[i] = s + rng.normal();
  }
  return Frame.of([...cols.map((values, j): Column => ({ name: `x${j}`, type: 'numeric', values })), { name: 'y', type: 'numeric', values: y }]);
}

/** Two noisy classes, for logistic trials. */
function classes(rows: number, seed: number): Frame {
  const rng = new Rng(seed);
  const x0 = new Float64Array(rows);
  const x1 = new Float64Array(rows);
  const codes = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    x0[i] = rng.normal();
    x1[i] = rng.normal();
    codes[i] = x0[i] + 0.5 * x1[i] + rng.normal() > 0 ? 1 : 0;
  }
  return Frame.of([
    { name: 'x0', type: 'numeric', values: x0 },
    { name: 'x1', type: 'numeric', values: x1 },
    { name: 'label', type: 'categorical', codes, dictionary: ['no', 'yes'] },
  ]);
}

let home: Home;
before(async () => {
  home = await Home.open({ dir: tempDir() });
});
after(async () => {
  await home.close();
});

/** Starts a parent run and searches under it; linear on the ridge problem unless overridden. */
async function search(over: Partial<SearchOptions> = {}) {
  const parent = await RunTracker.start(home, { kind: 'search' });
  const base: SearchOptions = {
    home,
    parentRunId: parent.id,
    experiment: 'search-test',
    train: ridgeProblem(40, 1),
    valid: ridgeProblem(400, 2),
    target: 'y',
    task: 'regression',
    algos: ['linear'],
    metric: 'rmse',
    trials: 12,
    seconds: 0,
    seed: 3,
    strategy: 'random',
    parallel: 1,
  };
  const result = await runSearch({ ...base, ...over });
  await parent.finish();
  return { result, parent: parent.id };
}

test('search beats the defaults where heavy regularisation is needed', async () => {
  const { result } = await search();
  const defaults = result.trials[0];
  assert.deepEqual(defaults.params, { seed: 3 }, 'the first trial is the default configuration');
  assert.equal(result.best.algo, 'linear');
  assert.ok((result.best.params.alpha as number) > 0.1, `best alpha ${result.best.params.alpha}`);
  assert.ok(result.best.score < 0.85 * defaults.score!, `best rmse ${result.best.score} vs default ${defaults.score}`);
  // The win is real, not luck on the validation rows: it holds on rows no trial saw.
  const fresh = ridgeProblem(1000, 3);
  const rmse = async (params: Record<string, ParamValue>) => {
    const fitted = await fitModel({ frame: ridgeProblem(40, 1), target: 'y', task: 'regression', algo: 'linear', params });
    return scoreModel(fitted.predictor, fresh, fresh.column('y')).result.metrics.rmse;
  };
  assert.ok((await rmse(result.best.params)) < 0.85 * (await rmse(defaults.params)));
});

test('every trial is a child run with its params and validation metrics', async () => {
  const seen: [string, number, number | null][] = [];
  const { result, parent } = await search({ trials: 6, onTrial: (t, p) => seen.push([t.run_id, p.done, p.best]) });
  assert.deepEqual(seen.map(([id, done]) => [id, done]), result.trials.map((t, i) => [t.run_id, i + 1]));
  assert.equal(seen.at(-1)![2], result.best.score);
  const runs = await home.meta.listRuns({ parent });
  assert.equal(runs.length, 6);
  for (const t of result.trials) {
    const run = runs.find((r) => r.id === t.run_id)!;
    assert.equal(run.kind, 'trial');
    assert.equal(run.status, 'FINISHED');
    assert.equal(run.experiment, 'search-test');
    assert.deepEqual(run.params, { algo: 'linear', ...t.params });
    assert.equal(run.metrics['valid.rmse'], t.score);
    assert.ok(Number.isFinite(run.metrics['valid.r2']) && run.metrics.train_seconds >= 0);
    assert.equal(run.tags.search_index, String(t.index));
  }
  assert.deepEqual(result.budget_used.trials, 6);
});

test('the time budget stops new trials', async () => {
  const { result } = await search({ trials: 0, seconds: 1 });
  const longest = Math.max(...result.trials.map((t) => t.seconds));
  assert.ok(result.trials.length > 1, `${result.trials.length} trials`);
  // Trials that started before the deadline finish; recording (and a shared machine) add a little.
  assert.ok(result.budget_used.seconds < 1 + longest + 1, `used ${result.budget_used.seconds}s`);
  assert.equal(result.budget_used.trials, result.trials.length);
});

test('the first of the count and the time budget to run out ends the search', async () => {
  const { result } = await search({ trials: 4, seconds: 60 });
  assert.equal(result.trials.length, 4);
});

test('a zero budget is BAD_USAGE and records nothing', async () => {
  for (const b of [{ trials: 0, seconds: 0 }, { trials: -2, seconds: 0 }, { trials: 0, seconds: -1 }]) {
    const parent = await RunTracker.start(home, { kind: 'search' });
    await assert.rejects(runSearch({ ...(await options()), ...b, parentRunId: parent.id }), (e) => isLatheError(e, 'BAD_USAGE'));
    assert.equal((await home.meta.listRuns({ parent: parent.id })).length, 0);
    await parent.finish();
  }
});

async function options(): Promise<SearchOptions> {
  return { home, parentRunId: '', experiment: 'e', train: ridgeProblem(40, 1), valid: ridgeProblem(100, 2), target: 'y', task: 'regression', algos: ['linear'], metric: 'rmse', trials: 1, seconds: 0, seed: 0, strategy: 'random', parallel: 1 };
}

test('no usable algorithm, an unknown metric or a missing parent is refused', async () => {
  const parent = await RunTracker.start(home, { kind: 'search' });
  await assert.rejects(runSearch({ ...(await options()), parentRunId: parent.id, algos: ['logistic'] }), (e) => isLatheError(e, 'BAD_USAGE'));
  await assert.rejects(runSearch({ ...(await options()), parentRunId: parent.id, metric: 'nope' }), (e) => isLatheError(e, 'BAD_INPUT'));
  await assert.rejects(runSearch({ ...(await options()), parentRunId: 'missing' }), (e) => isLatheError(e, 'NOT_FOUND'));
  await parent.finish();
});

test('trial params are deterministic for a seed', async () => {
  const params = async (seed: number) => (await search({ seed, trials: 5 })).result.trials.map((t) => t.params);
  const a = await params(11);
  assert.deepEqual(await params(11), a);
  assert.notDeepEqual(await params(12), a);
});

test('parallel workers and a single thread find the same best configuration', async () => {
  const serial = (await search({ parallel: 1, trials: 8 })).result;
  const parallel = (await search({ parallel: 2, trials: 8 })).result;
  assert.deepEqual(parallel.warnings, [], 'the worker threads started');
  assert.deepEqual(parallel.best.params, serial.best.params);
  assert.equal(parallel.best.score, serial.best.score);
  assert.deepEqual(parallel.trials.map((t) => t.score), serial.trials.map((t) => t.score));
});

test('a failing trial is recorded FAILED and the search goes on', async () => {
  // newton does not do l1: half the solver/penalty pairs are a bad combination.
  const spaces = { logistic: { penalty: { type: 'choice', values: ['l2', 'l1'] }, solver: { type: 'choice', values: ['lbfgs', 'newton'] }, C: { type: 'float', low: 0.01, high: 10, scale: 'log' } } } as const;
  const { result, parent } = await search({ train: classes(300, 1), valid: classes(300, 2), target: 'label', task: 'binary', algos: ['logistic'], metric: 'roc_auc', spaces, trials: 10, parallel: 2 });
  const failed = result.trials.filter((t) => t.status === 'FAILED');
  assert.ok(failed.length > 0 && failed.length < result.trials.length, `${failed.length} of ${result.trials.length} failed`);
  assert.equal(result.trials.length, 10);
  for (const t of failed) {
    assert.deepEqual([t.params.penalty, t.params.solver, t.error?.code], ['l1', 'newton', 'BAD_PARAM']);
    const run = await home.meta.getRun(t.run_id);
    assert.equal(run?.status, 'FAILED');
    assert.equal(run?.error?.code, 'BAD_PARAM');
  }
  assert.equal((await home.meta.listRuns({ parent })).length, 10);
  assert.ok(result.best.score > 0.7);
});

test('when every trial fails, the search says why', async () => {
  const spaces = { logistic: { penalty: { type: 'choice', values: ['l1'] }, solver: { type: 'choice', values: ['newton'] } } } as const;
  await assert.rejects(
    search({ train: classes(100, 1), valid: classes(100, 2), target: 'label', task: 'binary', algos: ['logistic'], metric: 'roc_auc', spaces, trials: 3, defaults: false }),
    (e) => isLatheError(e, 'BAD_PARAM') && /all 3 search trials failed/.test(e.message),
  );
});

test('successive halving on rows: a third survive each rung on three times the rows', async () => {
  const { result } = await search({ strategy: 'halving', train: ridgeProblem(1800, 1), trials: 13, parallel: 2 });
  const rungs = [0, 1, 2].map((r) => result.trials.filter((t) => t.rung === r));
  assert.deepEqual(rungs.map((r) => r.length), [9, 3, 1]);
  assert.deepEqual(rungs.map((r) => r[0].rows), [200, 600, undefined]);
  const top = rungs[0].filter((t) => t.score !== null).sort((a, b) => a.score! - b.score!).slice(0, 3);
  assert.deepEqual(rungs[1].map((t) => t.params).sort(byJson), top.map((t) => t.params).sort(byJson));
  assert.equal(result.best.run_id, rungs[2][0].run_id);
  assert.equal(result.budget_used.trials, 13);
});

test('successive halving on boosting rounds', { skip: !estimatorKinds().includes('gbdt') && 'gbdt is not registered yet' }, async () => {
  const spaces = { gbdt: { iterations: { type: 'int', low: 10, high: 90, scale: 'linear' }, learning_rate: { type: 'float', low: 0.05, high: 0.3, scale: 'log' } } } as const;
  const { result } = await search({ strategy: 'halving', algos: ['gbdt'], spaces, train: ridgeProblem(300, 1), trials: 13 });
  assert.deepEqual([0, 1, 2].map((r) => [...new Set(result.trials.filter((t) => t.rung === r).map((t) => t.params.iterations))]), [[10], [30], [90]]);
  assert.equal(result.best.params.iterations, 90);
});

function byJson(a: unknown, b: unknown): number {
  return JSON.stringify(a) < JSON.stringify(b) ? -1 : 1;
}
