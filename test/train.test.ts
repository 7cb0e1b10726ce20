import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { homeState, lathe, tempDir, VEGA } from './helpers.js';

describe('lathe train', () => {
  let home: string;
  before(() => {
    home = tempDir();
    for (const [file, name] of [['penguins.json', 'penguins'], ['cars.json', 'cars'], ['seattle-weather.csv', 'weather']]) {
      const r = lathe(home, ['ingest', join(VEGA, file), '--name', name, '--json']);
      assert.equal(r.code, 0, r.stderr);
    }
  });

  test('penguins: multiclass with --algo auto, recorded completely', () => {
    const r = lathe(home, ['train', '--dataset', 'penguins', '--target', 'Species', '--experiment', 'zoo', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const j = r.json;
    assert.deepEqual(Object.keys(j).slice(0, 9), ['run_id', 'status', 'task', 'algo', 'params', 'metrics', 'model', 'package', 'train_seconds']);
    assert.equal(j.status, 'FINISHED');
    assert.equal(j.task, 'multiclass');
    assert.ok(j.metrics.test.accuracy >= 0.95, `accuracy ${j.metrics.test.accuracy}`);
    assert.match(j.package, /^[0-9a-f]{64}$/);
    assert.ok(j.train_seconds > 0);
    const show = lathe(home, ['run', 'show', j.run_id, '--json']).json;
    assert.equal(show.status, 'FINISHED');
    assert.equal(show.experiment, 'zoo');
    assert.deepEqual(show.dataset.name, 'penguins');
    assert.equal(show.split.method, 'stratified');
    assert.equal(show.params.algo, j.algo);
    assert.equal(show.metrics['test.accuracy'], j.metrics.test.accuracy);
    assert.ok(Array.isArray(show.params.auto_candidates));
    const names = show.artifacts.map((a: { name: string }) => a.name).sort();
    assert.deepEqual(names, ['evaluation.json', 'model', 'plots/confusion.svg']);
    const evalArt = show.artifacts.find((a: { name: string }) => a.name === 'evaluation.json');
    const evaluation = JSON.parse(readFileSync(join(home, 'artifacts', evalArt.sha256.slice(0, 2), evalArt.sha256), 'utf8'));
    assert.equal(evaluation.metrics.accuracy, j.metrics.test.accuracy);
    assert.deepEqual(evaluation.labels, ['Adelie', 'Chinstrap', 'Gentoo']);
    assert.equal(evaluation.confusion.flat().reduce((a: number, b: number) => a + b, 0), 69);
    assert.ok(show.lathe_version);
    assert.ok(show.host);
    const ev = lathe(home, ['evaluate', '--model', j.run_id, '--dataset', 'penguins', '--json']);
    assert.equal(ev.code, 0, ev.stderr);
    assert.ok(ev.json.metrics.accuracy >= 0.95);
  });

  test('cars: regression with --algo auto and CV', () => {
    const r = lathe(home, ['train', '--dataset', 'cars', '--target', 'Miles_per_Gallon', '--cv', '3', '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.json.task, 'regression');
    assert.ok(r.json.metrics.test.r2 >= 0.7, `r2 ${r.json.metrics.test.r2}`);
    assert.deepEqual(Object.keys(r.json.metrics.cv), ['mean', 'std']);
    assert.ok(r.json.metrics.cv.mean.rmse > 0);
    assert.match(r.json.warnings[0], /8 rows without a value/);
  });

  test('seattle-weather: multiclass on a CSV with dates, --algo auto', () => {
    const r = lathe(home, ['train', '--dataset', 'weather', '--target', 'weather', '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.json.task, 'multiclass');
    assert.ok(r.json.metrics.test.accuracy > 0.5);
  });

  test('--search with --algo auto: trials are child runs, the best configuration is refitted and tested', () => {
    const r = lathe(home, ['train', '--dataset', 'cars', '--target', 'Miles_per_Gallon', '--search', '8', '--seed', '3', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const s = r.json.search;
    assert.equal(s.strategy, 'random');
    assert.equal(s.metric, 'rmse');
    assert.equal(s.trials, 8);
    assert.equal(r.json.algo, s.best.algo);
    assert.deepEqual(r.json.params, s.best.params);
    const trials = lathe(home, ['runs', '--parent', r.json.run_id, '--json']).json;
    const list = Array.isArray(trials) ? trials : trials.runs;
    assert.equal(list.length, 8);
    assert.ok(list.every((t: { status: string }) => t.status === 'FINISHED'));
    // The trials try more than one algorithm, and the winner's validation score is the best recorded.
    assert.ok(new Set(list.map((t: { params: { algo: string } }) => t.params.algo)).size >= 2);
    const scores = list.map((t: { metrics: Record<string, number> }) => t.metrics['valid.rmse']);
    assert.equal(s.best.score, Math.min(...scores));
    const again = lathe(home, ['train', '--dataset', 'cars', '--target', 'Miles_per_Gallon', '--search', '8', '--seed', '3', '--json']);
    assert.deepEqual(again.json.search.best.params, s.best.params);
    const halving = lathe(home, ['train', '--dataset', 'cars', '--target', 'Miles_per_Gallon', '--algo', 'gbdt', '--search', '9', '--search-strategy', 'halving', '--json']);
    assert.equal(halving.code, 0, halving.stderr);
    assert.equal(halving.json.algo, 'gbdt');
    assert.equal(halving.json.search.strategy, 'halving');
    const bad = lathe(home, ['train', '--dataset', 'cars', '--target', 'Miles_per_Gallon', '--search', '2', '--search-strategy', 'grid', '--json']);
    assert.equal(bad.code, 2);
    assert.match(bad.json.error.message, /--search-strategy must be one of random, halving/);
    assert.equal(lathe(home, ['train', '--dataset', 'cars', '--target', 'Miles_per_Gallon', '--search', '-1', '--json']).code, 2);
  });

  test('a config file gives the same options; unknown keys are named', () => {
    const dir = tempDir('lathe-cfg-');
    const good = join(dir, 'lathe.yaml');
    // One lathe.yaml may also hold the monitor: and retrain: sections, which training leaves to their commands.
    writeFileSync(good, 'dataset: cars\ntarget: Miles_per_Gallon\nalgo: linear\nparams:\n  alpha: 0.5\nsplit:\n  method: random\n  test_size: 0.25\nmonitor:\n  window: 1h\nretrain:\n  on: [drift]\n');
    const r = lathe(home, ['train', '--config', good, '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.json.algo, 'linear');
    assert.equal(r.json.params.alpha, 0.5);
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'dataset: cars\ntarget: Miles_per_Gallon\nlearning_rat: 0.1\n');
    const e = lathe(home, ['train', '--config', bad, '--json']);
    assert.equal(e.code, 2);
    assert.match(e.json.error.message, /unknown key "learning_rat"/);
    writeFileSync(bad, 'dataset: cars\nsplit:\n  methd: random\n');
    assert.match(lathe(home, ['train', '--config', bad, '--json']).json.error.message, /unknown key "split.methd"/);
  });

  test('bad inputs: missing target column, constant target, CV folds above the smallest class, bad params', () => {
    const runsBefore = runIds(home);
    const missing = lathe(home, ['train', '--dataset', 'cars', '--target', 'nope', '--json']);
    assert.equal(missing.code, 2);
    assert.match(missing.json.error.message, /target column "nope" is not in cars/);
    const dir = tempDir('lathe-const-');
    writeFileSync(join(dir, 'c.csv'), 'x,y\n1,a\n2,a\n3,a\n4,a\n');
    lathe(home, ['ingest', join(dir, 'c.csv'), '--name', 'const']);
    const constant = lathe(home, ['train', '--dataset', 'const', '--target', 'y', '--task', 'binary', '--json']);
    assert.equal(constant.code, 2);
    assert.match(constant.json.error.message, /target "y" is constant/);
    writeFileSync(join(dir, 'small.csv'), 'x,y\n1,a\n2,a\n3,a\n4,a\n5,a\n6,b\n7,b\n8,b\n9,a\n10,b\n11,c\n12,c\n');
    lathe(home, ['ingest', join(dir, 'small.csv'), '--name', 'small']);
    const folds = lathe(home, ['train', '--dataset', 'small', '--target', 'y', '--algo', 'logistic', '--cv', '5', '--test-size', '0.1', '--json']);
    assert.equal(folds.code, 2, folds.stdout);
    assert.match(folds.json.error.message, /class "[bc]" has \d rows; stratified 5-fold needs at least 5/);
    const params = lathe(home, ['train', '--dataset', 'cars', '--target', 'Miles_per_Gallon', '--algo', 'linear', '--params', 'alpha=-1', '--json']);
    assert.equal(params.code, 2);
    assert.match(params.json.error.hint, /alpha must be/);
    // Each of these is refused in the pre-flight, so no FAILED run is left behind.
    assert.deepEqual(runIds(home), runsBefore);
  });

  test('without --target the error names --target and --task clustering; clustering must be asked for', () => {
    const before = runIds(home);
    const state = homeState(home);
    const r = lathe(home, ['train', '--dataset', 'penguins', '--json']);
    assert.equal(r.code, 2, r.stdout);
    assert.equal(r.json.error.code, 'BAD_USAGE');
    assert.match(r.json.error.message, /no target column given/);
    assert.match(r.json.error.hint, /--target <column>.*--task clustering/);
    const text = lathe(home, ['train', '--dataset', 'penguins']);
    assert.equal(text.code, 2);
    assert.match(text.stderr, /^error: no target column given — pass --target <column>.*--task clustering/);
    const binary = lathe(home, ['train', '--dataset', 'penguins', '--task', 'binary', '--json']);
    assert.equal(binary.code, 2);
    assert.match(binary.json.error.message, /a binary model needs a target column/);
    assert.deepEqual(runIds(home), before);
    assert.deepEqual(homeState(home), state);
    const ok = lathe(home, ['train', '--dataset', 'penguins', '--task', 'clustering', '--algo', 'kmeans', '--params', 'k=3', '--json']);
    assert.equal(ok.code, 0, ok.stderr);
    assert.equal(ok.json.task, 'clustering');
    assert.equal(ok.json.algo, 'kmeans');
    // The same rule holds for a config file: task: clustering asks for it, a target: key trains on it.
    const dir = tempDir('lathe-cfg-');
    writeFileSync(join(dir, 'k.yaml'), 'dataset: penguins\ntask: clustering\nalgo: kmeans\nparams:\n  k: 3\n');
    assert.equal(lathe(home, ['train', '--config', join(dir, 'k.yaml'), '--json']).code, 0);
    writeFileSync(join(dir, 'none.yaml'), 'dataset: penguins\nalgo: kmeans\n');
    const none = lathe(home, ['train', '--config', join(dir, 'none.yaml'), '--json']);
    assert.equal(none.code, 2);
    assert.match(none.json.error.message, /no target column given/);
  });

  test('usage errors are refused before a run exists: exit 2, one line, no run, nothing written', () => {
    const base = ['train', '--dataset', 'cars', '--target', 'Miles_per_Gallon'];
    const cases: [string[], RegExp][] = [
      [['train', '--dataset', 'nosuch', '--target', 'y'], /nosuch/],
      [[...base, '--test-size', '2'], /--test-size must be a fraction/],
      [[...base, '--cv', 'x'], /--cv "x" is not a number/],
      [[...base, '--seed', '-3'], /--seed must be a non-negative integer/],
      [['train', '--dataset', 'cars', '--target', 'nope'], /target column "nope" is not in cars@1/],
      [[...base, '--algo', 'xgboost'], /unknown algorithm "xgboost"/],
      [[...base, '--algo', 'logistic'], /logistic does not do regression/],
      [[...base, '--algo', 'linear', '--params', 'alpha=-1'], /alpha/],
      [[...base, '--algo', 'linear', '--params', 'nosuch=1'], /nosuch/],
      [[...base, '--split', 'bogus'], /--split must be one of/],
      [[...base, '--split', 'time'], /a time split needs a column/],
      [[...base, '--split', 'group', '--split-column', 'nope'], /nope/],
      [[...base, '--test-dataset', 'nosuch'], /nosuch/],
      [[...base, '--test-dataset', 'penguins'], /target column "Miles_per_Gallon" is not in penguins@1/],
      [[...base, '--metric', 'rmsee'], /unknown metric "rmsee"/],
      [[...base, '--metric', 'roc_auc'], /metric "roc_auc" is not reported for regression models/],
      [[...base, '--register', 'bad name!'], /model/],
      [[...base, '--schema', '/nonexistent/schema.yaml'], /schema/],
    ];
    const before = runIds(home);
    const state = homeState(home);
    for (const [args, message] of cases) {
      const r = lathe(home, [...args, '--json']);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
      assert.match(`${r.json.error.message} ${r.json.error.hint ?? ''}`, message, args.join(' '));
      const text = lathe(home, args);
      assert.equal(text.stderr.trim().split('\n').length, 1, text.stderr);
      assert.match(text.stderr, /^error: /);
    }
    assert.deepEqual(runIds(home), before);
    assert.deepEqual(homeState(home), state);
  });

  test('a dataset that fails its schema gate stops the run: FAILED with the anomaly report, no package', () => {
    const dir = tempDir('lathe-gate-');
    const schema = join(dir, 'schema.yaml');
    writeFileSync(schema, 'version: 1\ncolumns:\n  - name: Miles_per_Gallon\n    type: numeric\n    nullable: false\n');
    const before = readdirSync(join(home, 'artifacts')).length;
    const r = lathe(home, ['train', '--dataset', 'cars', '--target', 'Miles_per_Gallon', '--schema', schema, '--json']);
    assert.equal(r.code, 1);
    assert.equal(r.json.error.code, 'CHECK_FAILED');
    const run = lathe(home, ['runs', '--status', 'FAILED', '--limit', '1', '--json']).json.runs[0];
    assert.equal(run.error.code, 'CHECK_FAILED');
    assert.ok(run.error.details.some((a: { reason: string }) => a.reason === 'NULLS_NOT_ALLOWED'));
    assert.equal(readdirSync(join(home, 'artifacts')).length, before);
  });
});

/** Every run id in the home, trials included. */
function runIds(home: string): string[] {
  const r = lathe(home, ['runs', '--all', '--limit', '100000', '--json']);
  assert.equal(r.code, 0, r.stderr);
  return r.json.runs.map((x: { run_id?: string; id?: string }) => x.run_id ?? x.id).sort();
}
