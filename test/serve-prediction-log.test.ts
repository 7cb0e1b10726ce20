import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Frame } from '../src/core/index.js';
import { openServeStore, PredictionLogWriter, readPredictions, type PredictionLogEntry, type ServeStore } from '../src/serve/index.js';
import { Home } from '../src/store/index.js';
import { tempDir } from './helpers.js';

/** A request of `rows` rows covering every logged value type. */
function entry(requestId: string, rows: number): PredictionLogEntry {
  const n = (f: (i: number) => number) => Float64Array.from({ length: rows }, (_, i) => f(i));
  const frame = Frame.of([
    { name: 'x', type: 'numeric', values: n((i) => (i === 1 ? Number.NaN : i + 0.5)) },
    { name: 'flag', type: 'boolean', values: n((i) => i % 2) },
    { name: 'when', type: 'datetime', values: n(() => Date.UTC(2024, 0, 2, 3, 4, 5)) },
    { name: 'city "q"', type: 'categorical', codes: Int32Array.from({ length: rows }, (_, i) => (i === 2 ? -1 : i % 2)), dictionary: ['Zürich', 'a"b'] },
  ], rows);
  return { requestId, model: 'm', version: 3, role: 'primary', atMs: Date.UTC(2024, 5, 1), latencyMs: 1.5, frame, prediction: n((i) => i % 2), proba: Float64Array.from({ length: rows * 2 }, (_, i) => (i % 2 === 0 ? 0.25 : 0.75)), classes: ['no', 'yes'] };
}

describe('prediction log writer', () => {
  let home: Home;
  let store: ServeStore;

  before(async () => {
    home = await Home.open({ dir: tempDir('lathe-plog-') });
    store = openServeStore(home);
  });
  after(async () => {
    await store.close();
    await home.close();
  });

  test('rows keep every value type, JSON-escaped, with labels and probabilities', async () => {
    const w = new PredictionLogWriter(store, { flushMs: 60_000 });
    assert.equal(w.offer(entry('types', 3)), true);
    assert.equal(w.pending, 3);
    await w.close();
    const rows = await readPredictions(store, 'm');
    assert.equal(rows.length, 3);
    assert.deepEqual(rows.map((r) => r.inputs), [
      { x: 0.5, flag: false, when: '2024-01-02T03:04:05.000Z', 'city "q"': 'Zürich' },
      { x: null, flag: true, when: '2024-01-02T03:04:05.000Z', 'city "q"': 'a"b' },
      { x: 2.5, flag: false, when: '2024-01-02T03:04:05.000Z', 'city "q"': null },
    ]);
    assert.deepEqual(rows[1].outputs, { prediction: 'yes', proba: { no: 0.25, yes: 0.75 } });
    assert.deepEqual([rows[0].request_id, rows[0].version, rows[0].role, rows[0].time, rows[0].latency_ms], ['types', 3, 'primary', '2024-06-01T00:00:00.000Z', 1.5]);
    assert.deepEqual(await readPredictions(store, 'm', { sinceTime: Date.UTC(2025, 0, 1) }), []);
    assert.equal((await readPredictions(store, 'm', { limit: 2 })).length, 2);
  });

  test('a full queue drops whole requests and counts them; responses never wait', async () => {
    let dropped = 0;
    let written = 0;
    const w = new PredictionLogWriter(store, { maxQueueRows: 1000, flushMs: 60_000, onDropped: (n) => (dropped += n), onWritten: (n) => (written += n) });
    assert.equal(w.offer(entry('q1', 600)), true);
    assert.equal(w.offer(entry('q2', 600)), false, 'over the bound');
    assert.equal(w.offer(entry('q3', 400)), true);
    assert.equal(dropped, 600);
    await w.close();
    assert.equal(written, 1000);
    const ids = new Set((await readPredictions(store, 'm', { limit: 100000 })).map((r) => r.request_id));
    assert.deepEqual([ids.has('q1'), ids.has('q2'), ids.has('q3')], [true, false, true]);
  });

  test('sampling 0 logs nothing; a failing store counts the rows as dropped and never throws', async () => {
    const none = new PredictionLogWriter(store, { sample: 0, flushMs: 60_000 });
    assert.equal(none.offer(entry('unsampled', 5)), false);
    await none.close();
    assert.equal((await readPredictions(store, 'm', { limit: 100000 })).filter((r) => r.request_id === 'unsampled').length, 0);
    let dropped = 0;
    const errors: unknown[] = [];
    const broken: ServeStore = { ...store, appendPredictions: async () => { throw new Error('disk full'); } } as ServeStore;
    const w = new PredictionLogWriter(broken, { flushMs: 60_000, onDropped: (n) => (dropped += n), onError: (e) => errors.push(e) });
    w.offer(entry('lost', 7));
    await w.close();
    assert.equal(dropped, 7);
    assert.match(String(errors[0]), /disk full/);
  });
});
