/**
 * `lathe quickstart` through the real CLI, as a newcomer runs it: the whole
 * loop on a temporary home, with its outcomes checked (the registry, the
 * answers, the monitoring verdicts, the retrain and its gate, the reports),
 * and the refusals: an existing home without --fresh (left untouched), a
 * folder that is not a Lathe home with --fresh, a port in use, a bad port.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { MonitorStore } from '../src/monitor/index.js';
import { Home } from '../src/store/index.js';
import { lathe, latheAwait, tempDir, type CliResult } from './helpers.js';

const SPECIES = ['Adelie', 'Chinstrap', 'Gentoo'];
const BEAK = 'Beak Length (mm)';

/** A folder's entries with sizes and modification times: what "left untouched" means. */
function snapshot(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort().map((f) => {
    const s = statSync(join(dir, f));
    return `${f} ${s.isDirectory() ? 'dir' : s.size} ${s.mtimeMs}`;
  });
}

describe('lathe quickstart', () => {
  let home: string;
  let run: CliResult;
  let refused: CliResult;
  let before_: string[];
  let after_: string[];
  /** What the home holds after the run, read in-process from the real stores (a CLI process per question would cost seconds each). */
  let stored: { datasets: string[]; penguins2Rows: number; models: { name: string; versions: number; aliases: Record<string, number> }[]; audit: { action: string; new_version: number | null }[]; windows: number[] };

  before(async () => {
    // An existing Lathe home: the quickstart must refuse it untouched, then wipe it only with --fresh.
    home = join(tempDir('lathe-qs-'), 'home');
    const seeded = lathe(home, ['ingest', join('node_modules', 'vega-datasets', 'data', 'cars.json'), '--name', 'cars']);
    assert.equal(seeded.code, 0, seeded.stderr);
    before_ = snapshot(home);
    refused = await latheAwait(home, ['quickstart']);
    after_ = snapshot(home);
    run = await latheAwait(home, ['quickstart', '--fresh', '--json']);
    const h = await Home.open({ dir: home });
    try {
      const monitor = MonitorStore.open(h);
      stored = {
        datasets: (await h.meta.listDatasets()).map((d) => d.name),
        penguins2Rows: (await h.meta.getDatasetVersion('penguins', 2))?.rows ?? -1,
        models: await h.meta.listModels(),
        audit: await h.meta.listAliasAudit('pen', 'production'),
        windows: monitor.listWindows('pen').map((w) => w.rows),
      };
      monitor.close();
    } finally {
      await h.close();
    }
  });

  test('an existing home without --fresh is refused, exit 2, and left untouched', () => {
    assert.equal(refused.code, 2, refused.stderr);
    assert.match(refused.stderr, /^error: the home .*home already exists and is not empty; the quickstart left it untouched — pass --fresh/m);
    assert.deepEqual(after_, before_);
  });

  test('with --fresh it runs every step and exits 0', () => {
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(
      run.json.steps.map((s: { name: string }) => s.name),
      ['ingest', 'profile', 'schema', 'train', 'register', 'serve', 'requests', 'drifted-batch', 'monitor', 'retrain', 'shutdown'],
    );
    assert.equal(run.json.home, home);
    assert.equal(run.json.temporary, false);
    // --fresh replaced the old home: the cars dataset is gone.
    assert.deepEqual(stored.datasets, ['penguins']);
  });

  test('the narration goes to stderr with --json, and ends with the reports and the by-hand commands', () => {
    assert.match(run.stderr, /\[1\/11\] ingest/);
    assert.match(run.stderr, /\[11\/11\] shutdown/);
    assert.match(run.stderr, /HTML reports/);
    assert.match(run.stderr, /lathe train --dataset penguins@1 --target Species --algo auto --search 6/);
    assert.match(run.stderr, /lathe monitor run pen --config \$Q\/lathe.yaml/);
    for (const s of run.json.steps) assert.ok(s.commands.length > 0, `${s.name} lists its by-hand commands`);
  });

  test('data: 344 penguins, valid against the inferred schema', () => {
    assert.deepEqual(run.json.dataset, { ref: 'penguins@1', rows: 344 });
    assert.deepEqual(run.json.validation, { valid: true, errors: 0, warnings: 0 });
    assert.ok(existsSync(join(home, 'quickstart', 'schema.yaml')));
  });

  test('training: a 6-trial search, a good model, registered as pen:1 with @production', () => {
    assert.equal(run.json.train.search_trials, 6);
    assert.equal(run.json.train.task, 'multiclass');
    assert.ok(run.json.train.test.accuracy >= 0.95, `test accuracy ${run.json.train.test.accuracy}`);
    const pen = stored.models.find((m) => m.name === 'pen');
    assert.equal(pen?.versions, 2, 'pen:1 and the retrained pen:2');
    assert.equal(run.json.model.version, 1);
    assert.deepEqual({ ...pen?.aliases }, { production: run.json.model.production });
    assert.deepEqual(stored.audit[0] && [stored.audit[0].action, stored.audit[0].new_version], ['set', 1]);
  });

  test('OIP v2 and V1 answers have the protocol shapes and the right species', () => {
    const a = run.json.answers;
    assert.deepEqual(a.ready, { ready: true });
    assert.equal(a.metadata.name, 'pen');
    assert.equal(a.metadata.inputs.length, 6);
    assert.equal(a.oip.model_name, 'pen');
    assert.equal(a.oip.model_version, '1');
    assert.equal(a.oip.id, 'quickstart-oip-1');
    const [predict, proba] = a.oip.outputs;
    assert.deepEqual([predict.name, predict.datatype, predict.shape], ['predict', 'BYTES', [3]]);
    assert.deepEqual(predict.data, SPECIES, 'one complete penguin of each species, each recognized');
    assert.deepEqual([proba.name, proba.datatype, proba.shape], ['proba', 'FP64', [3, 3]]);
    for (let r = 0; r < 3; r++) {
      const row = proba.data.slice(r * 3, r * 3 + 3);
      assert.ok(Math.abs(row.reduce((x: number, y: number) => x + y, 0) - 1) < 1e-9);
    }
    assert.deepEqual(JSON.parse(predict.parameters.classes), SPECIES);
    assert.equal(a.v1.model_version, 1);
    assert.deepEqual(a.v1.predictions, ['Chinstrap']);
    assert.deepEqual(a.v1.classes, SPECIES);
    assert.equal(a.v1.probabilities[0].length, 3);
    if (run.json.retrain.job.status === 'promoted') {
      // After the promotion the running server answers with version 2.
      assert.equal(a.after_retrain.model_version, 2);
      assert.deepEqual(a.after_retrain.predictions, ['Adelie']);
    }
  });

  test('the drifted batch: the schema catches the beak lengths, drift finds exactly that column', () => {
    const errors = run.json.drifted_batch.anomalies.filter((x: { column: string }) => x.column === BEAK);
    assert.deepEqual(errors.map((x: { reason: string }) => x.reason), ['OUT_OF_RANGE']);
    assert.ok(errors[0].percent > 50, `${errors[0].percent}% out of range`);
    assert.deepEqual(run.json.drift.drifted, [BEAK]);
    assert.equal(run.json.drift.dataset_drift, false, 'one column of six is below the dataset share of 0.5');
  });

  test('monitoring: an ordinary window and a drifted one, with realized accuracy from the delayed labels and alerts', () => {
    const [ordinary, drifted] = run.json.monitor.windows;
    assert.equal(run.json.monitor.windows.length, 2);
    assert.equal(ordinary.rows, drifted.rows);
    assert.equal(ordinary.drift_share, 0);
    assert.ok(ordinary.accuracy >= 0.95, `ordinary accuracy ${ordinary.accuracy}`);
    assert.deepEqual(ordinary.alerts, []);
    assert.ok(drifted.drift_share > 0);
    assert.ok(drifted.accuracy < 0.8, `drifted accuracy ${drifted.accuracy}`);
    assert.ok(drifted.alerts.includes('feature_drift'));
    assert.ok(drifted.alerts.includes('metric:accuracy'));
  });

  test('the closed loop: an alert starts a job that retrains on penguins@2, passes the gate, runs a canary and reaches a verdict', () => {
    const r = run.json.retrain;
    assert.equal(r.dataset, 'penguins@2');
    assert.equal(stored.penguins2Rows, 344 + run.json.monitor.windows[1].rows);
    assert.ok(['feature_drift', 'prediction_drift', 'metric:accuracy'].includes(r.job.trigger), r.job.trigger);
    assert.equal(r.job.champion, 1);
    assert.equal(r.job.candidate, 2);
    assert.equal(r.gate.metric, 'log_loss');
    assert.equal(r.gate.passed, true);
    assert.ok(r.gate.candidate_score < r.gate.champion_score, `candidate ${r.gate.candidate_score} vs champion ${r.gate.champion_score}`);
    assert.equal(r.verdict.candidate_requests, 200);
    // The verdict compares p99 latencies of two equally fast models, so either outcome is legitimate; each must be consistent.
    if (r.job.status === 'promoted') {
      assert.deepEqual(r.job.steps, ['triggered', 'retrained', 'gate', 'canary', 'promote']);
      assert.equal(run.json.model.production, 2);
      assert.deepEqual(stored.audit.map((e) => [e.action, e.new_version]), [['set', 1], ['promote', 2]]);
    } else {
      assert.equal(r.job.status, 'aborted');
      assert.equal(r.verdict.reason, 'canary p99 latency worse than the champion');
      assert.ok(r.verdict.candidate_p99_ms > 1.1 * r.verdict.champion_p99_ms);
      assert.equal(run.json.model.production, 1);
    }
  });

  test('the HTML reports exist, are self-contained and have charts', () => {
    for (const key of ['profile', 'drift', 'monitor']) {
      const file = run.json.reports[key];
      assert.equal(file, join(home, 'quickstart', `${key}.html`));
      const html = readFileSync(file, 'utf8');
      assert.match(html, /<svg/, key);
      assert.doesNotMatch(html, /<script/i, key);
      assert.doesNotMatch(html, /https?:\/\/(?!www\.w3\.org)/, `${key} loads nothing from the network`);
    }
  });

  test('the monitoring windows are stored in the home', () => {
    // The canary traffic of the closed loop may close a third window in the second monitor run.
    assert.deepEqual(stored.windows.slice(0, 2), run.json.monitor.windows.map((w: { rows: number }) => w.rows));
  });

  test('--fresh deletes only Lathe homes', async () => {
    const dir = tempDir('lathe-qs-notahome-');
    writeFileSync(join(dir, 'precious.txt'), 'keep me');
    const r = await latheAwait(dir, ['quickstart', '--fresh']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /is not empty and is not a Lathe home \(it has no lathe.db\); --fresh deletes only Lathe homes/);
    assert.equal(readFileSync(join(dir, 'precious.txt'), 'utf8'), 'keep me');
    assert.deepEqual(readdirSync(dir), ['precious.txt']);
  });

  test('a port in use is refused before any work, and the home is not created', async () => {
    const busy: Server = createServer();
    await new Promise<void>((r) => busy.listen(0, '127.0.0.1', r));
    const port = (busy.address() as { port: number }).port;
    const dir = join(tempDir('lathe-qs-port-'), 'home');
    try {
      const r = await latheAwait(dir, ['quickstart', '--port', String(port)]);
      assert.equal(r.code, 2);
      assert.match(r.stderr, new RegExp(`^error: port ${port} on 127\\.0\\.0\\.1 is in use — pass another --port, or leave --port out`, 'm'));
      assert.equal(existsSync(dir), false);
    } finally {
      await new Promise((r) => busy.close(r));
    }
  });

  test('bad --port and --search values are usage errors', async () => {
    const dir = join(tempDir('lathe-qs-bad-'), 'home');
    for (const [args, message] of [
      [['--port', 'http'], /--port "http" is not a port number/],
      [['--search', '-1'], /--search "-1" is not a number of trials/],
    ] as const) {
      const r = await latheAwait(dir, ['quickstart', ...args]);
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, message);
    }
    assert.equal(existsSync(dir), false);
  });
});
