/**
 * The monitoring loop end to end through the CLI: a trained and registered
 * penguins model, a prediction log as the server writes it (migration 5's
 * table, via the serving store), delayed labels (duplicates and unknown ids
 * included), `lathe monitor run` with rules and a signed webhook on a real
 * loopback server, and `lathe monitor show`. Injected drift is found, the
 * realized accuracy is the hand count, an ongoing alert is sent once.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { signBody } from '../src/monitor/index.js';
import { registerModel } from '../src/registry/index.js';
import { openServeStore } from '../src/serve/index.js';
import { latheAwait, VEGA } from './helpers.js';
import { penguinHome, trainRun } from './registry-helpers.js';

type Penguin = Record<string, string | number | null>;
const BEAK = 'Beak Length (mm)';

describe('lathe labels ingest, lathe monitor run and show', () => {
  let dir: string;
  let home: string;
  let server: Server;
  let hook: string;
  const received: { body: string; signature: string }[] = [];
  let expectedAccuracy = 0;

  before(async () => {
    const h = await penguinHome();
    dir = h.dir;
    home = dir;
    const run = await trainRun(h.home, 'penguins', 'Species', 'logistic');
    await registerModel(h.home, run, { name: 'pen' });
    // The log as the server writes it: 3,300 rows, windows of 1,000 by count (small windows make the
    // JS distance noisy). Rows 0–999 as trained; 1,000–2,999 with beak length +20 mm (drift); 3,000–3,299 left open.
    const penguins: Penguin[] = JSON.parse(readFileSync(join(VEGA, 'penguins.json'), 'utf8'));
    const store = openServeStore(h.home);
    const rows = Array.from({ length: 3300 }, (_, i) => {
      const p = penguins[(i * 7) % penguins.length];
      const inputs = { ...p };
      delete inputs.Species;
      if (i >= 1000 && typeof inputs[BEAK] === 'number') inputs[BEAK] = (inputs[BEAK] as number) + 20;
      // Every fourth prediction is wrong on purpose, so realized accuracy is known: 750 of 1,000 in window 1.
      const prediction = i % 4 === 0 ? (p.Species === 'Adelie' ? 'Gentoo' : 'Adelie') : p.Species;
      return { request_id: `req-${i}`, model: 'pen', version: 1, role: 'primary' as const, at_ms: 1_700_000_000_000 + i * 1000, row_index: 0, inputs: JSON.stringify(inputs), outputs: JSON.stringify({ prediction }), latency_ms: 2 + (i % 10) };
    });
    await store.appendPredictions(rows);
    await store.close();
    await h.home.close();
    // Labels: the truth for window 1, a wrong label for req-5 first (replaced), two ids the model never saw.
    const lines = ['id,species', 'req-5,Chinstrap'];
    for (let i = 0; i < 1000; i++) lines.push(`req-${i},${penguins[(i * 7) % penguins.length].Species}`);
    lines.push('nope-1,Adelie', 'nope-2,Gentoo');
    writeFileSync(join(dir, 'labels.csv'), `${lines.join('\n')}\n`);
    expectedAccuracy = 750 / 1000;

    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        received.push({ body, signature: String(req.headers['x-lathe-signature']) });
        res.writeHead(200).end('ok');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    // The child CLI inherits this environment: the webhook secret is read from it, never from the file.
    process.env.TEST_HOOK_SECRET = 'hush';
    hook = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    writeFileSync(
      join(dir, 'lathe.yaml'),
      [
        'monitor:',
        '  window: "1000"',
        '  rules:',
        '    - feature_drift: { share: 0.1 }',
        '    - metric: { name: accuracy, min: 0.9 }',
        '    - p99_latency: { max_ms: 1000 }',
        '  sinks:',
        '    - log',
        `    - webhook: { url: "${hook}", secret_env: TEST_HOOK_SECRET, retries: 1, allow_private_hosts: true }`,
      ].join('\n'),
    );
  });

  after(async () => {
    await new Promise((r) => server.close(r));
  });

  test('labels: last wins, duplicates and unknown ids counted', async () => {
    const r = await latheAwait(home, ['labels', 'ingest', join(dir, 'labels.csv'), '--model', 'pen', '--id-column', 'id', '--label-column', 'species', '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual([r.json.received, r.json.stored, r.json.duplicates, r.json.unknown], [1003, 1002, 1, 2]);
    assert.deepEqual(r.json.unknown_sample, ['nope-1', 'nope-2']);
  });

  test('labels: bad inputs', async () => {
    const cases: [string[], number, RegExp][] = [
      [['--model', 'ghost', '--id-column', 'id', '--label-column', 'species'], 2, /no logged predictions for model "ghost"/],
      [['--model', 'pen', '--id-column', 'rid', '--label-column', 'species'], 2, /column "rid" is not in .* — its columns: id, species/],
    ];
    for (const [args, code, message] of cases) {
      const r = await latheAwait(home, ['labels', 'ingest', join(dir, 'labels.csv'), ...args]);
      assert.equal(r.code, code, r.stderr);
      assert.match(r.stderr, message);
    }
    writeFileSync(join(dir, 'blank.csv'), 'id,species\nreq-1,\n');
    const blank = await latheAwait(home, ['labels', 'ingest', join(dir, 'blank.csv'), '--model', 'pen', '--id-column', 'id', '--label-column', 'species']);
    assert.equal(blank.code, 2);
    assert.match(blank.stderr, /1 row of .* has no id or no label/);
  });

  test('monitor run: drift found, realized accuracy, one alert per episode, signed webhook', async () => {
    const r = await latheAwait(home, ['monitor', 'run', 'pen:1', '--config', join(dir, 'lathe.yaml'), '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.json.windows.length, 3);
    assert.equal(r.json.open_rows, 300);
    const [w1, w2, w3] = r.json.windows;
    const beak = (w: { features: { name: string; drift: boolean }[] }) => w.features.find((f) => f.name === BEAK)!;
    assert.equal(beak(w1).drift, false);
    assert.equal(beak(w2).drift, true);
    assert.equal(w1.realized.accuracy, expectedAccuracy);
    assert.equal(w1.labeled, 1000);
    assert.deepEqual(w2.realized, {});
    assert.ok(w1.p99_latency_ms >= 10 && w1.p99_latency_ms <= 11);
    // accuracy 0.75 < 0.9 fires on window 1; drift fires on window 2 and is ongoing on window 3.
    assert.deepEqual(w1.alerts.fired, ['metric:accuracy']);
    assert.deepEqual(w2.alerts.fired, ['feature_drift']);
    assert.deepEqual(w3.alerts.fired, []);
    assert.deepEqual(w3.alerts.ongoing, ['feature_drift']);
    assert.equal(received.length, 2);
    for (const m of received) assert.equal(m.signature, `sha256=${signBody(m.body, 'hush')}`);
    assert.deepEqual(received.map((m) => JSON.parse(m.body).rule), ['metric:accuracy', 'feature_drift']);
    assert.match(r.stderr, /"type":"lathe.alert"/, 'the log sink');
  });

  test('a second run with nothing new adds no window and sends nothing', async () => {
    const r = await latheAwait(home, ['monitor', 'run', 'pen:1', '--config', join(dir, 'lathe.yaml'), '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.json.windows.length, 0);
    assert.equal(r.json.open_rows, 300);
    assert.equal(received.length, 2);
  });

  test('late labels: a later run refreshes the realized accuracy of a stored window', async () => {
    const penguins: Penguin[] = JSON.parse(readFileSync(join(VEGA, 'penguins.json'), 'utf8'));
    const lines = ['id,species'];
    for (let i = 1000; i < 2000; i++) lines.push(`req-${i},${penguins[(i * 7) % penguins.length].Species}`);
    writeFileSync(join(dir, 'late.csv'), `${lines.join('\n')}\n`);
    const ingest = await latheAwait(home, ['labels', 'ingest', join(dir, 'late.csv'), '--model', 'pen', '--id-column', 'id', '--label-column', 'species', '--json']);
    assert.equal(ingest.code, 0, ingest.stderr);
    assert.deepEqual([ingest.json.stored, ingest.json.unknown], [1000, 0]);
    const r = await latheAwait(home, ['monitor', 'run', 'pen:1', '--config', join(dir, 'lathe.yaml'), '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.json.relabeled_windows, 1);
    const show = await latheAwait(home, ['monitor', 'show', 'pen:1', '--json']);
    // Window 2's rows 1000–1999: every fourth prediction is wrong, 750 of 1,000 right.
    assert.deepEqual(show.json.windows.map((w: { realized: { accuracy?: number } }) => w.realized.accuracy ?? null), [0.75, 0.75, null]);
  });

  test('monitor show: the series and the alerts, as JSON and HTML', async () => {
    const out = join(dir, 'monitor.html');
    const r = await latheAwait(home, ['monitor', 'show', 'pen:1', '--json', '--html', out]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.json.windows.length, 3);
    assert.deepEqual(r.json.windows.map((w: { rows: number }) => w.rows), [1000, 1000, 1000]);
    assert.deepEqual(r.json.alerts.map((a: { rule: string }) => a.rule), ['metric:accuracy', 'feature_drift']);
    const html = readFileSync(out, 'utf8');
    assert.match(html, /<svg/);
    assert.match(html, /drift score per feature/);
    assert.doesNotMatch(html, /<script/i);
    const text = await latheAwait(home, ['monitor', 'show', 'pen:1']);
    assert.match(text.stdout, /pen {2}3 windows, 2 alerts \(2 firing\)/);
  });

  test('bad config and refs: exit 2 with a fix', async () => {
    writeFileSync(join(dir, 'bad.yaml'), 'monitor:\n  rules:\n    - drfit: {}\n');
    const bad = await latheAwait(home, ['monitor', 'run', 'pen:1', '--config', join(dir, 'bad.yaml')]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /monitor\.rules\[0\]: unknown rule "drfit" \(known: feature_drift/);
    const win = await latheAwait(home, ['monitor', 'run', 'pen:1', '--window', '1w']);
    assert.equal(win.code, 2);
    assert.match(win.stderr, /bad window "1w"/);
    const ghost = await latheAwait(home, ['monitor', 'show', 'ghost:1']);
    assert.equal(ghost.code, 2);
  });
});
