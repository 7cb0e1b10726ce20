import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { before, describe, test } from 'node:test';
import { LatheError } from '../src/errors.js';
import { Home } from '../src/store/index.js';
import { RunTracker, type StartRun } from '../src/tracking/index.js';
import { BIN, type CliResult, ROOT, tempDir } from './helpers.js';

function cli(home: string, args: string[]): CliResult {
  const r = spawnSync(process.execPath, [BIN, '--home', home, ...args], { encoding: 'utf8', cwd: ROOT });
  let json: unknown;
  // JSON.parse of the whole of stdout fails on a second document or any stray line.
  if (args.includes('--json')) json = JSON.parse(r.stdout);
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr, json };
}

interface Seeded {
  home: string;
  churnGbdt: string;
  churnLogistic: string;
  houses: string;
  failed: string;
  search: string;
  trial1: string;
  trial2: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Real runs through RunTracker; a pause between starts keeps `started` (the list order) distinct. */
async function seed(): Promise<Seeded> {
  const dir = tempDir('lathe-runs-');
  const home = await Home.open({ dir });
  try {
    const start = async (o: StartRun, metrics: Record<string, number> = {}) => {
      await sleep(5);
      const run = await RunTracker.start(home, o);
      if (Object.keys(metrics).length > 0) await run.log({ metrics });
      return run;
    };
    const churn = { name: 'churn', version: 1, hash: 'a'.repeat(64) };
    const g = await start({ kind: 'train', experiment: 'churn', dataset: churn, params: { algo: 'gbdt', learning_rate: 0.1, seed: 0 } },
      { 'test.roc_auc': 0.91, 'test.log_loss': 0.3, 'test.accuracy': 0.88, 'test.f1': 0.8 });
    await g.log({ split: { method: 'random', test_size: 0.2, seed: 0 } });
    await g.logSteps('valid.log_loss', [[0, 0.6], [1, 0.5], [2, 0.45]]);
    await g.finish();
    const l = await start({ kind: 'train', experiment: 'churn', dataset: churn, params: { algo: 'logistic', C: 1, seed: 0 } },
      { 'test.roc_auc': 0.85, 'test.log_loss': 0.2, 'test.accuracy': 0.9 });
    await l.finish();
    // NaN is stored as null: it must read back as missing, not as a number.
    const h = await start({ kind: 'train', experiment: 'houses', params: { algo: 'linear' } }, { 'test.rmse': 3.5, 'test.r2': 0.7, 'test.mape': NaN });
    await h.finish();
    const f = await start({ kind: 'train', experiment: 'houses', params: { algo: 'gbdt' } });
    await f.fail(new LatheError('CHECK_FAILED', 'dataset houses@1 failed validation'));
    const s = await start({ kind: 'search', experiment: 'houses', params: { budget: 2, metric: 'rmse' } });
    const t1 = await start({ kind: 'trial', experiment: 'houses', parent: s.id, params: { algo: 'linear', alpha: 0.1 } }, { 'valid.rmse': 2.5 });
    await t1.finish();
    const t2 = await start({ kind: 'trial', experiment: 'houses', parent: s.id, params: { algo: 'linear', alpha: 1 } }, { 'valid.rmse': 4 });
    await t2.finish();
    await s.log({ metrics: { 'best.rmse': 2.5 } });
    await s.finish();
    return { home: dir, churnGbdt: g.id, churnLogistic: l.id, houses: h.id, failed: f.id, search: s.id, trial1: t1.id, trial2: t2.id };
  } finally {
    await home.close();
  }
}

/** The ids of a `runs --json` answer, after checking the exit code and the stderr. */
function listIds(home: string, args: string[]): string[] {
  const r = cli(home, ['runs', ...args, '--json']);
  assert.equal(r.code, 0, r.stderr);
  return (r.json as { runs: { id: string }[] }).runs.map((x) => x.id);
}

function assertError(r: CliResult, code: string, message: RegExp): void {
  assert.equal(r.code, 2, r.stdout + r.stderr);
  assert.equal(r.json.error.code, code);
  assert.match(r.json.error.message, message);
}

describe('lathe runs, run show, runs compare', () => {
  let s: Seeded;
  before(async () => {
    s = await seed();
  });

  test('lists runs newest first, as one JSON document of full records', () => {
    const r = cli(s.home, ['runs', '--json']);
    assert.equal(r.code, 0);
    assert.equal(r.stderr, '');
    const runs = r.json.runs as { id: string; status: string; metrics: Record<string, number | null> }[];
    // Search trials are hidden: their parent sums them up.
    assert.deepEqual(runs.map((x) => x.id), [s.search, s.failed, s.houses, s.churnLogistic, s.churnGbdt]);
    // --all lists them too; the search started before its trials, and is listed by start time like any run.
    assert.deepEqual(listIds(s.home, ['--all']), [s.trial2, s.trial1, s.search, s.failed, s.houses, s.churnLogistic, s.churnGbdt]);
    const houses = runs.find((x) => x.id === s.houses)!;
    assert.deepEqual(houses.metrics, { 'test.rmse': 3.5, 'test.r2': 0.7, 'test.mape': null });
    assert.equal(runs.find((x) => x.id === s.failed)!.status, 'FAILED');
  });

  test('the table shows short unique ids, status, dataset and at most 3 test metrics', () => {
    const r = cli(s.home, ['runs']);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trimEnd().split('\n');
    assert.match(lines[0], /^id\s+experiment\s+kind\s+status\s+started\s+duration\s+dataset\s+algo\s+primary\s+\S+\s+\S+$/);
    assert.equal(lines.length, 6);
    for (const line of lines) assert.ok(line.length <= 120, `too wide: ${line}`);
    const shorts = lines.slice(1).map((l) => l.split(/\s+/)[0]);
    assert.equal(new Set(shorts).size, 5);
    assert.ok(shorts.every((x) => x.length < s.churnGbdt.length));
    assert.ok(s.churnGbdt.startsWith(shorts[4]));
    assert.match(lines[2], /houses\s+train\s+FAILED\s.*gbdt/);
    assert.match(lines[5], /churn@1\s+gbdt/);
    // Trials, with --all, show their algorithm and their score on the parent's metric (valid.rmse).
    const all = cli(s.home, ['runs', '--all']).stdout.trimEnd().split('\n');
    assert.match(all[1], /trial\s+FINISHED\s.*linear\s+valid\.rmse 4\b/);
    assert.match(all[2], /linear\s+valid\.rmse 2\.5\b/);
    // The short id printed is enough to find the run again.
    const show = cli(s.home, ['run', 'show', shorts[4], '--json']);
    assert.equal(show.json.id, s.churnGbdt);
  });

  test('filters by experiment, status, parent (by prefix) and limit', () => {
    assert.deepEqual(listIds(s.home, ['--experiment', 'churn']), [s.churnLogistic, s.churnGbdt]);
    assert.deepEqual(listIds(s.home, ['--status', 'failed']), [s.failed]);
    assert.deepEqual(listIds(s.home, ['--parent', s.search.slice(0, 14)]), [s.trial2, s.trial1]);
    assert.deepEqual(listIds(s.home, ['--limit', '2']), [s.search, s.failed]);
    assert.deepEqual(listIds(s.home, ['--limit', '2', '--all']), [s.trial2, s.trial1]);
    const trials = cli(s.home, ['runs', '--parent', s.search, '--json']).json.runs;
    assert.deepEqual(trials.map((t: { primary_metric: unknown }) => t.primary_metric), [{ key: 'valid.rmse', value: 4 }, { key: 'valid.rmse', value: 2.5 }]);
    const none = cli(s.home, ['runs', '--experiment', 'nothing-here']);
    assert.equal(none.code, 0);
    assert.match(none.stdout, /^no runs match/);
    assert.deepEqual(cli(s.home, ['runs', '--experiment', 'nothing-here', '--json']).json, { runs: [] });
  });

  test('sorts by a metric: higher is better, lower for losses, missing last, limit after sorting', () => {
    const rest = [s.search, s.failed, s.houses];
    assert.deepEqual(listIds(s.home, ['--sort', 'test.roc_auc']), [s.churnGbdt, s.churnLogistic, ...rest]);
    assert.deepEqual(listIds(s.home, ['--sort', 'test.log_loss', '--experiment', 'churn']), [s.churnLogistic, s.churnGbdt]);
    assert.deepEqual(listIds(s.home, ['--sort', 'test.log_loss', '--desc', '--experiment', 'churn']), [s.churnGbdt, s.churnLogistic]);
    assert.deepEqual(listIds(s.home, ['--sort', 'test.rmse', '--experiment', 'houses']), [s.houses, s.search, s.failed]);
    // A bare name finds test.<m> on train runs and valid.<m> on trials.
    assert.deepEqual(listIds(s.home, ['--sort', 'rmse', '--experiment', 'houses', '--all']), [s.trial1, s.houses, s.trial2, s.search, s.failed]);
    assert.deepEqual(listIds(s.home, ['--sort', 'rmse', '--all', '--asc', '--limit', '1']), [s.trial1]);
    assert.deepEqual(listIds(s.home, ['--sort', 'rmse', '--all', '--desc', '--limit', '1']), [s.trial2]);
    assert.deepEqual(listIds(s.home, ['--sort', 'roc_auc']), [s.churnGbdt, s.churnLogistic, ...rest]);
    // A NaN metric (stored as null) sorts with the missing ones, whatever the direction.
    const newestFirst = [s.search, s.failed, s.houses, s.churnLogistic, s.churnGbdt];
    assert.deepEqual(listIds(s.home, ['--sort', 'test.mape', '--asc']), newestFirst);
    const table = cli(s.home, ['runs', '--sort', 'test.rmse', '--experiment', 'houses']);
    assert.match(table.stdout.split('\n')[0], /primary\s+rmse/);
  });

  test('an unknown sort metric warns on stderr and still prints one JSON document', () => {
    const r = cli(s.home, ['runs', '--sort', 'test.auc', '--json']);
    assert.equal(r.code, 0);
    assert.equal(r.json.runs.length, 5);
    assert.match(r.stderr, /warning: no listed run has the metric "test.auc"; metrics here: .*test.roc_auc/);
  });

  test('run show --json has the record, its steps and its children', () => {
    const g = cli(s.home, ['run', 'show', s.churnGbdt, '--json']);
    assert.equal(g.code, 0, g.stderr);
    assert.equal(g.json.id, s.churnGbdt);
    assert.deepEqual(g.json.params, { algo: 'gbdt', learning_rate: 0.1, seed: 0 });
    assert.deepEqual(g.json.split, { method: 'random', test_size: 0.2, seed: 0 });
    assert.deepEqual(g.json.steps, { 'valid.log_loss': [[0, 0.6], [1, 0.5], [2, 0.45]] });
    assert.deepEqual(g.json.children, []);
    const search = cli(s.home, ['run', 'show', s.search, '--json']);
    assert.deepEqual([...search.json.children].sort(), [s.trial1, s.trial2].sort());
    assert.equal(cli(s.home, ['run', 'show', s.trial1, '--json']).json.parent, s.search);
  });

  test('run show prints everything readably', () => {
    const g = cli(s.home, ['run', 'show', s.churnGbdt]).stdout;
    assert.match(g, /status\s+FINISHED/);
    assert.match(g, /experiment\s+churn/);
    assert.match(g, new RegExp(`dataset\\s+churn@1\\s+${'a'.repeat(64)}`));
    assert.match(g, /learning_rate\s+0\.1/);
    assert.ok(g.indexOf('test.accuracy') < g.indexOf('test.f1') && g.indexOf('test.f1') < g.indexOf('test.roc_auc'), 'metrics sorted by key');
    assert.match(g, /valid\.log_loss\s+3\s+2\s+0\.45/);
    assert.match(g, /lathe 0\.1\.0 .*host \S+ {2}pid \d+/);
    assert.match(cli(s.home, ['run', 'show', s.failed]).stdout, /status\s+FAILED {2}CHECK_FAILED: dataset houses@1 failed validation/);
    assert.match(cli(s.home, ['run', 'show', s.search]).stdout, /children\s+2 runs/);
    assert.match(cli(s.home, ['run', 'show', s.houses]).stdout, /test\.mape\s+NaN/);
  });

  test('unknown and ambiguous ids are bad input, with a hint', () => {
    const unknown = cli(s.home, ['run', 'show', 'zzzzzzzz', '--json']);
    assertError(unknown, 'NOT_FOUND', /run "zzzzzzzz" does not exist/);
    assert.match(unknown.json.error.hint, /lathe runs/);
    // Every id starts with the time it was made, so a one-character prefix matches them all.
    const ambiguous = cli(s.home, ['run', 'show', s.churnGbdt.slice(0, 1), '--json']);
    assertError(ambiguous, 'BAD_REF', /ambiguous: it matches .*,/);
    assert.ok(ambiguous.json.error.message.includes(s.churnGbdt));
    const human = cli(s.home, ['run', 'show', 'zzzzzzzz']);
    assert.equal(human.code, 2);
    assert.equal(human.stdout, '');
    assert.match(human.stderr, /^error: run "zzzzzzzz" does not exist — run `lathe runs`/);
  });

  test('runs compare lines up params and metrics and marks the rows that differ', () => {
    const r = cli(s.home, ['runs', 'compare', s.churnGbdt, s.churnLogistic.slice(0, 14), '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.json, {
      runs: [s.churnGbdt, s.churnLogistic],
      params: {
        C: { [s.churnLogistic]: 1 },
        algo: { [s.churnGbdt]: 'gbdt', [s.churnLogistic]: 'logistic' },
        learning_rate: { [s.churnGbdt]: 0.1 },
        seed: { [s.churnGbdt]: 0, [s.churnLogistic]: 0 },
      },
      metrics: {
        'test.accuracy': { [s.churnGbdt]: 0.88, [s.churnLogistic]: 0.9 },
        'test.f1': { [s.churnGbdt]: 0.8 },
        'test.log_loss': { [s.churnGbdt]: 0.3, [s.churnLogistic]: 0.2 },
        'test.roc_auc': { [s.churnGbdt]: 0.91, [s.churnLogistic]: 0.85 },
      },
    });
    const rows = cli(s.home, ['runs', 'compare', s.churnGbdt, s.churnLogistic]).stdout.trimEnd().split('\n');
    // The mark column is one character wide; the key is the second cell after it.
    const row = (key: string) => rows.find((l) => l.slice(3).split(/\s+/)[1] === key)!;
    assert.match(row('algo'), /^\*\s+param\s+algo\s+gbdt\s+logistic$/);
    assert.match(row('seed'), /^\s+param\s+seed\s+0\s+0$/);
    assert.match(row('C'), /^\*\s+param\s+C\s+1$/);
    assert.match(row('test.f1'), /^\*\s+metric\s+test\.f1\s+0\.8$/);
    assert.match(row('test.roc_auc'), /^\*\s+metric\s+test\.roc_auc\s+0\.91\s+0\.85$/);
  });

  test('runs compare needs two distinct runs', () => {
    assertError(cli(s.home, ['runs', 'compare', s.churnGbdt, '--json']), 'BAD_USAGE', /at least 2 run ids, got 1/);
    assertError(cli(s.home, ['runs', 'compare', s.churnGbdt, s.churnGbdt.slice(0, 14), '--json']), 'BAD_USAGE', /same run/);
    assertError(cli(s.home, ['runs', 'compare', s.churnGbdt, 'zzzzzzzz', '--json']), 'NOT_FOUND', /"zzzzzzzz"/);
  });

  test('bad options are bad usage', () => {
    assertError(cli(s.home, ['runs', '--limit', '0', '--json']), 'BAD_USAGE', /--limit/);
    assertError(cli(s.home, ['runs', '--status', 'done', '--json']), 'BAD_USAGE', /--status: "done"/);
    assertError(cli(s.home, ['runs', '--asc', '--json']), 'BAD_USAGE', /need --sort/);
    assertError(cli(s.home, ['runs', '--sort', 'x', '--asc', '--desc', '--json']), 'BAD_USAGE', /cannot both/);
  });

  test('an empty home says how to make a run', () => {
    const r = cli(tempDir('lathe-runs-empty-'), ['runs']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^no runs yet/);
  });
});
