/**
 * Windows over the prediction log: cutting by time and by count, bounded
 * memory past 100k rows, drift against a model's reference profile (exact and
 * from sketches, which must agree closely), zero-row windows, and the real
 * serving log in SQLite as the source.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { Frame, Rng } from '../../core/index.js';
import { LatheError } from '../../errors.js';
import { openServeStore } from '../../serve/index.js';
import { Home } from '../../store/index.js';
import { referenceProfile } from '../../train/index.js';
import { buildWindows, type PredictionSource } from './build-windows.js';
import { RAW_LIMIT } from './column-accumulator.js';
import { predictionLogSource } from './log-source.js';
import { MonitorWindow, type LoggedRow } from './window.js';
import { windowDrift } from './window-drift.js';
import { parseWindow } from './window-spec.js';

function memorySource(rows: LoggedRow[]): PredictionSource & { reads: number } {
  const s = {
    reads: 0,
    read: async (_model: string, q: { sinceId: number; limit: number }) => {
      s.reads++;
      return rows.filter((r) => r.id > q.sinceId).slice(0, q.limit);
    },
  };
  return s;
}

const rowsOf = (n: number, f: (i: number) => Omit<LoggedRow, 'id'>): LoggedRow[] => Array.from({ length: n }, (_, i) => ({ id: i + 1, ...f(i) }));

describe('parseWindow', () => {
  test('durations and counts', () => {
    assert.deepEqual(parseWindow('1h'), { by: 'time', ms: 3_600_000 });
    assert.deepEqual(parseWindow('5m'), { by: 'time', ms: 300_000 });
    assert.deepEqual(parseWindow('2d'), { by: 'time', ms: 172_800_000 });
    assert.deepEqual(parseWindow('10000'), { by: 'count', rows: 10000 });
  });

  test('bad windows are usage errors that say what works', () => {
    for (const bad of ['', '0', '1w', '-5', '1.5h', 'hour']) {
      assert.throws(() => parseWindow(bad), (e: unknown) => e instanceof LatheError && e.code === 'BAD_USAGE' && /30s, 5m, 1h/.test(e.hint ?? ''));
    }
  });
});

describe('buildWindows', () => {
  test('time windows are aligned to the epoch; the last one stays open', async () => {
    // Rows at minutes 0, 10, …, 170: three hours.
    const rows = rowsOf(18, (i) => ({ at_ms: i * 600_000, inputs: { x: i }, outputs: { prediction: i % 2 } }));
    const src = memorySource(rows);
    const { closed, open, lastId } = await buildWindows(src, 'm', parseWindow('1h'), { pageSize: 5 });
    assert.deepEqual(closed.map((w) => [w.start, w.rows, w.firstId, w.lastId]), [[0, 6, 1, 6], [3_600_000, 6, 7, 12]]);
    assert.deepEqual([open?.start, open?.rows], [7_200_000, 6]);
    assert.equal(lastId, 18);
    assert.ok(src.reads >= 4, 'read in pages');
    assert.equal(closed[0].columns.get('x')?.moments.mean, 2.5);
  });

  test('count windows close at N rows; a run continues from the cursor', async () => {
    const rows = rowsOf(10, (i) => ({ at_ms: i, inputs: { c: i < 5 ? 'a' : 'b' }, outputs: { prediction: 'p' } }));
    const first = await buildWindows(memorySource(rows), 'm', parseWindow('4'));
    assert.deepEqual(first.closed.map((w) => w.rows), [4, 4]);
    assert.equal(first.open?.rows, 2);
    const next = await buildWindows(memorySource(rows), 'm', parseWindow('4'), { sinceId: 8 });
    assert.equal(next.open?.firstId, 9);
  });

  test('an empty log gives no window', async () => {
    assert.deepEqual(await buildWindows(memorySource([]), 'm', parseWindow('1h')), { closed: [], open: null, lastId: 0 });
  });

  test('a column appearing mid-window counts as missing before', () => {
    const w = new MonitorWindow(0, 10);
    w.add({ id: 1, at_ms: 0, inputs: { a: 1 }, outputs: { prediction: 1 } });
    w.add({ id: 2, at_ms: 1, inputs: { a: 2, b: 'x' }, outputs: { prediction: 1 } });
    assert.deepEqual([w.columns.get('b')?.rows, w.columns.get('b')?.missing], [2, 1]);
  });

  test('memory is bounded: past 100k rows the raw values go and the sketches stay small', () => {
    const w = new MonitorWindow(0, 1);
    const rng = new Rng(5);
    for (let i = 0; i < RAW_LIMIT + 50_000; i++) w.add({ id: i + 1, at_ms: 0, inputs: { x: rng.next(), c: `v${rng.int(1000)}` }, outputs: { prediction: rng.int(3) } });
    const x = w.columns.get('x')!;
    const c = w.columns.get('c')!;
    assert.equal(x.raw, null);
    assert.ok(x.quantiles.retained < 700);
    assert.ok(c.items.top().length <= 256);
    assert.ok(Math.abs(c.distinct.estimate() - 1000) < 50);
  });
});

describe('windowDrift against a reference profile', () => {
  const rng = new Rng(9);
  const n = 5000;
  const xs = Float64Array.from({ length: n }, () => rng.next() * 10);
  const species = ['Adelie', 'Gentoo', 'Chinstrap'];
  const codes = Int32Array.from({ length: n }, () => rng.int(3));
  const frame = Frame.of([{ name: 'x', type: 'numeric', values: xs }, { name: 'species', type: 'categorical', codes, dictionary: species }]);
  const preds = Float64Array.from({ length: n }, (_, i) => (xs[i] > 5 ? 1 : 0));
  const profile = referenceProfile(frame, preds, ['no', 'yes']);

  function window(rows: number, shift: number, label: (i: number) => string): MonitorWindow {
    const w = new MonitorWindow(0, 1);
    const r = new Rng(77);
    for (let i = 0; i < rows; i++) {
      const x = r.next() * 10 + shift;
      w.add({ id: i + 1, at_ms: 0, inputs: { x, species: label(i) }, outputs: { prediction: x > 5 ? 'yes' : 'no' } });
    }
    return w;
  }

  test('the same distribution does not drift; the report is exact under 100k rows', () => {
    const d = windowDrift(window(20_000, 0, (i) => species[i % 3]), profile);
    assert.equal(d.source, 'exact');
    assert.equal(d.dataset_drift, false);
    assert.ok(d.columns.every((c) => c.test === 'js' && !c.drift && c.score! < 0.05), JSON.stringify(d.columns.map((c) => c.score)));
    assert.equal(d.prediction?.drift, false);
  });

  test('a shifted feature and the prediction it moves both drift', () => {
    const d = windowDrift(window(20_000, 4, (i) => species[i % 3]), profile);
    const x = d.columns.find((c) => c.name === 'x')!;
    assert.equal(x.drift, true);
    assert.ok(x.score! > 0.3);
    assert.equal(d.columns.find((c) => c.name === 'species')!.drift, false);
    assert.equal(d.prediction?.drift, true, 'prediction drift');
    assert.equal(d.drift_share, 0.5);
  });

  test('a dropped category drifts; an unknown one is counted as unseen', () => {
    const d = windowDrift(window(9000, 0, (i) => (i % 3 === 2 ? 'Emperor' : species[i % 2])), profile);
    const s = d.columns.find((c) => c.name === 'species')!;
    assert.equal(s.drift, true);
    assert.ok(Math.abs(s.unseen_rate! - 1 / 3) < 1e-12);
  });

  test('above 100k rows the sketches answer, within 0.01 of the exact JS distance', () => {
    const big = window(RAW_LIMIT + 20_000, 1, (i) => species[i % 3]);
    const sketch = windowDrift(big, profile);
    assert.equal(sketch.source, 'sketch');
    const exactX = windowDrift(window(RAW_LIMIT, 1, (i) => species[i % 3]), profile).columns[0];
    assert.ok(Math.abs(sketch.columns[0].score! - exactX.score!) < 0.01, `${sketch.columns[0].score} vs ${exactX.score}`);
    assert.equal(sketch.columns[0].drift, exactX.drift);
  });

  test('chi2 and psi can be chosen; ks cannot (the profile keeps no raw values)', () => {
    const w = window(3000, 0, (i) => species[i % 3]);
    assert.equal(windowDrift(w, profile, { test: 'chi2' }).columns[1].test, 'chi2');
    assert.ok(windowDrift(w, profile, { test: 'chi2' }).columns[1].p_value! > 0.01);
    assert.equal(windowDrift(w, profile, { test: 'psi' }).columns[0].test, 'psi');
    assert.throws(() => windowDrift(w, profile, { test: 'ks' }), /js, psi, hellinger, chi2/);
  });

  test('a window with zero rows is "no data", not NaN', () => {
    const d = windowDrift(new MonitorWindow(0, 1), profile);
    assert.equal(d.status, 'no_data');
    assert.equal(d.drift_share, null);
    assert.ok(d.columns.every((c) => c.status === 'no_data' && c.score === null));
    assert.equal(JSON.stringify(d).includes('NaN'), false);
  });
});

describe('the serving prediction log as the source', () => {
  test('rows appended by the server are windowed in id order', async () => {
    const home = await Home.open({ dir: mkdtempSync(join(tmpdir(), 'lathe-win-')) });
    const store = openServeStore(home);
    try {
      await store.appendPredictions(
        Array.from({ length: 7 }, (_, i) => ({
          request_id: `r${i}`,
          model: 'churn',
          version: 1,
          role: 'primary' as const,
          at_ms: 1_000 * i,
          row_index: 0,
          inputs: JSON.stringify({ tenure: i, plan: i % 2 ? 'pro' : 'free' }),
          outputs: JSON.stringify({ prediction: 'yes' }),
          latency_ms: 1,
        })),
      );
      const { closed, open } = await buildWindows(predictionLogSource(store), 'churn', parseWindow('3'));
      assert.deepEqual(closed.map((w) => w.rows), [3, 3]);
      assert.equal(open?.rows, 1);
      assert.deepEqual(closed[1].columns.get('plan')?.items.top(), [['pro', 2], ['free', 1]]);
    } finally {
      await store.close();
      await home.close();
    }
  });
});
