/**
 * Delayed labels when a caller reused request ids: `lathe labels ingest`
 * reports the reused ids (count and sample, in --json and in text), and the
 * label join pairs each label with the newest logged prediction of that id
 * only, never with every one. The log is written by the real serving store.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { MonitorStore } from '../src/monitor/index.js';
import { openServeStore } from '../src/serve/index.js';
import { Home } from '../src/store/index.js';
import { latheAwait, tempDir } from './helpers.js';

describe('labels ingest with reused request ids', () => {
  let dir: string;
  let home: Home;

  before(async () => {
    dir = tempDir('lathe-labels-');
    home = await Home.open({ dir });
    const store = openServeStore(home);
    // r-1 answered three times (A, then B, then C), r-2 twice (A, then B), r-3 once; r-1 also has a shadow row.
    const answers: [string, string, 'primary' | 'shadow'][] = [
      ['r-1', 'A', 'primary'],
      ['r-2', 'A', 'primary'],
      ['r-1', 'B', 'primary'],
      ['r-3', 'A', 'primary'],
      ['r-1', 'C', 'primary'],
      ['r-1', 'Z', 'shadow'],
      ['r-2', 'B', 'primary'],
    ];
    await store.appendPredictions(
      answers.map(([id, prediction, role], i) => ({
        request_id: id, model: 'm', version: 1, role, at_ms: 1_700_000_000_000 + i * 1000, row_index: 0,
        inputs: JSON.stringify({ x: i }), outputs: JSON.stringify({ prediction }), latency_ms: 1,
      })),
    );
    await store.close();
    await home.close();
    writeFileSync(join(dir, 'labels.csv'), 'id,y\nr-1,C\nr-2,B\nr-3,A\nr-2,B\nghost,A\n');
  });

  test('--json counts the reused ids and names them', async () => {
    const r = await latheAwait(dir, ['labels', 'ingest', join(dir, 'labels.csv'), '--model', 'm', '--id-column', 'id', '--label-column', 'y', '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.json.received, 5);
    assert.equal(r.json.unknown, 1);
    // r-2 is labelled twice but is one reused id; r-3 was answered once.
    assert.equal(r.json.reused_ids, 2);
    assert.deepEqual([...r.json.reused_sample].sort(), ['r-1', 'r-2']);
  });

  test('text output says which ids were reused and what the join does', async () => {
    const r = await latheAwait(dir, ['labels', 'ingest', join(dir, 'labels.csv'), '--model', 'm', '--id-column', 'id', '--label-column', 'y']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /2 ids were reused by several logged predictions, e\.g\.: r-1, r-2 — each label joins the newest prediction/);
  });

  test('each label joins only the newest primary prediction with its id', async () => {
    home = await Home.open({ dir });
    const store = MonitorStore.open(home);
    try {
      const pairs = store.labeledPredictions('m', 1, 1_000_000);
      // One pair per labelled id that was answered: r-1 → C (not A or B, not the shadow Z), r-2 → B, r-3 → A.
      const got = pairs.map((p) => `${p.prediction}:${p.label}`).sort();
      assert.deepEqual(got, ['A:A', 'B:B', 'C:C']);
      // A window that holds only the older answers of a reused id gets no label for it.
      assert.deepEqual(store.labeledPredictions('m', 1, 3).map((p) => p.prediction), []);
    } finally {
      store.close();
      await home.close();
    }
  });
});
