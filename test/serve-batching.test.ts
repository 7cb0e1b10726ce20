import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Frame } from '../src/core/index.js';
import { concatFrames, MicroBatcher } from '../src/serve/infer/micro-batcher.js';
import { loadServedModel } from '../src/serve/models/model-loaders.js';
import type { ServedModel } from '../src/serve/index.js';
import type { Home } from '../src/store/index.js';
import { call, penguinTensors, serve, servedHome } from './serve-helpers.js';

const ISLANDS = ['Torgersen', 'Dream', 'Biscoe'];

/** Request i: a different penguin each, as OIP column tensors. */
function penguin(i: number): unknown[] {
  return penguinTensors(1).map((t) => {
    const x = t as { name: string; data: unknown[] };
    if (x.name === 'Island') return { ...x, data: [ISLANDS[i % 3]] };
    if (x.name === 'Beak Length (mm)') return { ...x, data: [36 + (i % 17)] };
    if (x.name === 'Sex') return { ...x, data: [i % 2 ? 'MALE' : 'FEMALE'] };
    return x;
  });
}

describe('lathe serve: micro-batching of concurrent requests', () => {
  let home: Home;
  let model: ServedModel;

  before(async () => {
    ({ home } = await servedHome());
    model = await loadServedModel(home, (await home.meta.getModelVersion('pen', 1))!);
  });
  after(async () => {
    await home.close();
  });

  test('concatFrames stacks numbers and merges dictionaries, keeping missing values', () => {
    const a = Frame.of([
      { name: 'x', type: 'numeric', values: new Float64Array([1, Number.NaN]) },
      { name: 'c', type: 'categorical', codes: new Int32Array([1, -1]), dictionary: ['p', 'q'] },
    ]);
    const b = Frame.of([
      { name: 'x', type: 'numeric', values: new Float64Array([3]) },
      { name: 'c', type: 'categorical', codes: new Int32Array([0]), dictionary: ['q'] },
    ]);
    const f = concatFrames([a, b]);
    assert.equal(f.rows, 3);
    assert.deepEqual([0, 1, 2].map((i) => f.value('x', i)), [1, null, 3]);
    assert.deepEqual([0, 1, 2].map((i) => f.value('c', i)), ['q', null, 'q']);
  });

  test('requests queued in one turn are scored together and each gets exactly its own answer', async () => {
    const frames = Array.from({ length: 12 }, (_, i) => {
      const rows = 1 + (i % 3);
      return Frame.of([
        { name: 'Island', type: 'categorical', codes: new Int32Array(rows).fill(0), dictionary: [ISLANDS[i % 3]] },
        { name: 'Beak Length (mm)', type: 'numeric', values: new Float64Array(rows).map((_, r) => 36 + i + r) },
        { name: 'Beak Depth (mm)', type: 'numeric', values: new Float64Array(rows).fill(18) },
        { name: 'Flipper Length (mm)', type: 'integer', values: new Float64Array(rows).fill(190) },
        { name: 'Body Mass (g)', type: 'integer', values: new Float64Array(rows).fill(3700) },
        { name: 'Sex', type: 'categorical', codes: new Int32Array(rows).fill(0), dictionary: [i % 2 ? 'MALE' : 'FEMALE'] },
      ], rows);
    });
    let calls = 0;
    const counted: ServedModel = { ...model, score: (f) => (calls++, model.score(f)) };
    const batcher = new MicroBatcher(256);
    const got = await Promise.all(frames.map((f) => batcher.score(counted, f)));
    assert.equal(calls, 1, 'one scoring call for the twelve requests');
    for (const [i, f] of frames.entries()) {
      const alone = await model.score(f);
      assert.deepEqual(Array.from(got[i].prediction), Array.from(alone.prediction), `request ${i}`);
      Array.from(got[i].proba!).forEach((p, j) => assert.ok(Math.abs(p - alone.proba![j]) < 1e-12, `request ${i} proba ${j}`));
    }
  });

  test('a request that makes scoring fail fails alone; big requests are not batched', async () => {
    const good = (await import('../src/serve/models/model-loaders.js')).warmupFrame(model);
    const poison = Frame.of(good.columns.map((c) => ('values' in c ? { ...c, values: new Float64Array([666]) } : c)), 1);
    const fragile: ServedModel = {
      ...model,
      score: (f) => {
        if (f.columns.some((c) => 'values' in c && c.values.includes(666))) throw new Error('poisoned row');
        return model.score(f);
      },
    };
    const batcher = new MicroBatcher(256);
    const results = await Promise.allSettled([batcher.score(fragile, good), batcher.score(fragile, poison), batcher.score(fragile, good)]);
    assert.deepEqual(results.map((r) => r.status), ['fulfilled', 'rejected', 'fulfilled']);
    let calls = 0;
    const counted: ServedModel = { ...model, score: (f) => (calls++, model.score(f)) };
    const small = new MicroBatcher(2);
    const twoRows = concatFrames([good, good]);
    await Promise.all([small.score(counted, twoRows), small.score(counted, twoRows)]);
    assert.equal(calls, 2, 'frames of maxRows rows are scored on their own');
  });

  test('over HTTP, concurrent requests get the same answers with batching as without', async () => {
    const batched = await serve(home, { models: ['pen'] });
    const plain = await serve(home, { models: ['pen'], batching: false });
    try {
      const ask = (url: string, i: number) => call(`${url}/v2/models/pen/infer`, { body: { id: `b-${i}`, inputs: penguin(i) } });
      const many = await Promise.all(Array.from({ length: 30 }, (_, i) => ask(batched.url, i)));
      for (let i = 0; i < 30; i++) {
        const one = await ask(plain.url, i);
        assert.equal(many[i].status, 200, many[i].text);
        assert.equal(many[i].json.id, `b-${i}`);
        assert.deepEqual(many[i].json.outputs[0].data, one.json.outputs[0].data, `request ${i}`);
        many[i].json.outputs[1].data.forEach((p: number, j: number) => assert.ok(Math.abs(p - one.json.outputs[1].data[j]) < 1e-12));
      }
      assert.ok(new Set(many.map((r) => r.json.outputs[0].data[0])).size > 1, 'the requests differ');
    } finally {
      await batched.close();
      await plain.close();
    }
  });
});
