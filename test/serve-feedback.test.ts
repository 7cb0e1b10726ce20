import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { MonitorStore, readMonitorConfig } from '../src/monitor/index.js';
import type { Home } from '../src/store/index.js';
import { lathe, tempDir } from './helpers.js';
import { call, penguinTensors, serve, servedHome } from './serve-helpers.js';

describe('lathe serve: delayed labels through POST /v1/models/{name}/feedback', () => {
  let home: Home;
  before(async () => {
    ({ home } = await servedHome());
    // Two logged predictions; closing the server flushes its prediction log.
    const s = await serve(home);
    try {
      for (const id of ['req-a', 'req-b']) {
        const r = await call(`${s.url}/v2/models/pen/infer`, { method: 'POST', body: { id, inputs: penguinTensors(1) } });
        assert.equal(r.status, 200, r.text);
      }
    } finally {
      await s.close();
    }
  });
  after(async () => home.close());

  test('one label or many are stored; unknown ids are counted, not dropped; a repeated id is a duplicate (last wins)', async () => {
    const s = await serve(home);
    try {
      const one = await call(`${s.url}/v1/models/pen/feedback`, { method: 'POST', body: { id: 'req-a', label: 'Adelie' } });
      assert.equal(one.status, 200, one.text);
      assert.deepEqual(one.json, { model: 'pen', received: 1, stored: 1, duplicates: 0, unknown: 0, unknown_sample: [], reused_ids: 0, reused_sample: [] });
      const many = await call(`${s.url}/v1/models/pen/feedback`, { method: 'POST', body: [{ id: 'req-b', label: 'Gentoo' }, { id: 'nobody', label: 'Gentoo' }, { id: 'req-a', label: 'Chinstrap' }] });
      assert.equal(many.status, 200, many.text);
      assert.equal(many.json.received, 3);
      assert.equal(many.json.stored, 2);
      assert.equal(many.json.duplicates, 1);
      assert.equal(many.json.unknown, 1);
      assert.deepEqual(many.json.unknown_sample, ['nobody']);
      const wrapped = await call(`${s.url}/v1/models/pen/feedback`, { method: 'POST', body: { labels: [{ id: 'req-b', label: 'Adelie' }] } });
      assert.equal(wrapped.json.duplicates, 1);
    } finally {
      await s.close();
    }
  });

  test('bad feedback: 400 naming what is wrong, without echoing values; an unknown model is 404', async () => {
    const s = await serve(home);
    try {
      const bad = [
        [[], /no labels/],
        [{ label: 'Adelie' }, /label 0 has no valid "id"/],
        [{ id: 'req-a' }, /label 0 has no valid "label"/],
        [[{ id: 'req-a', label: 'x' }, 7], /label 1 is not an object/],
        [{ id: 'a b\u0000', label: 'x' }, /no valid "id"/],
        [{ id: 'req-a', label: { nested: true } }, /no valid "label"/],
      ] as const;
      for (const [body, re] of bad) {
        const r = await call(`${s.url}/v1/models/pen/feedback`, { method: 'POST', body });
        assert.equal(r.status, 400, JSON.stringify(body));
        assert.match(r.json.detail, re);
        assert.match(r.headers.get('content-type') ?? '', /application\/problem\+json/);
      }
      const missing = await call(`${s.url}/v1/models/nope/feedback`, { method: 'POST', body: { id: 'req-a', label: 'x' } });
      assert.equal(missing.status, 404);
    } finally {
      await s.close();
    }
  });
});

describe('lathe serve: monitoring on a schedule', () => {
  test('--monitor-every runs monitoring for served models; /metrics shows the latest window, drift and alerts', async () => {
    const { home } = await servedHome();
    const config = { ...readMonitorConfig(undefined), window: { by: 'count' as const, rows: 5 } };
    const s = await serve(home, { monitor: { everyMs: 300, config, retrain: null } });
    try {
      for (let i = 0; i < 12; i++) {
        const r = await call(`${s.url}/v2/models/pen/infer`, { method: 'POST', body: { id: `m-${i}`, inputs: penguinTensors(1) } });
        assert.equal(r.status, 200);
      }
      // Waits for the log flush and a scheduled run; bounded, and no time is asserted.
      let text = '';
      for (let i = 0; i < 200 && !/lathe_monitor_window_rows\{model="pen"\} 5/.test(text); i++) {
        await new Promise((r) => setTimeout(r, 100));
        text = (await call(`${s.url}/metrics`)).text;
      }
      assert.match(text, /lathe_monitor_window_rows\{model="pen"\} 5/);
      assert.match(text, /lathe_monitor_drift_score\{model="pen",feature="[^"]+"\} [0-9.e-]+/);
      assert.match(text, /lathe_monitor_alerts_firing\{model="pen"\} \d+/);
      const store = MonitorStore.open(home);
      try {
        assert.ok(store.listWindows('pen').length >= 2);
      } finally {
        store.close();
      }
    } finally {
      await s.close();
      await home.close();
    }
  });

  test('bad schedule flags are usage errors', () => {
    const dir = tempDir('lathe-serve-mon-');
    const r = lathe(dir, ['serve', '--monitor-every', '10', '--port', '0']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--monitor-every 10 is not a duration of at least 1s/);
    const c = lathe(dir, ['serve', '--monitor-config', 'x.yaml', '--port', '0']);
    assert.equal(c.code, 2);
    assert.match(c.stderr, /--monitor-config needs --monitor-every/);
  });
});
