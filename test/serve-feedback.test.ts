import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Home } from '../src/store/index.js';
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
      assert.deepEqual(one.json, { model: 'pen', received: 1, stored: 1, duplicates: 0, unknown: 0, unknown_sample: [] });
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
