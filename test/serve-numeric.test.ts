import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { derive } from '../src/ingest/index.js';
import { registerRun, setAlias } from '../src/registry/index.js';
import type { Home } from '../src/store/index.js';
import { trainRun } from './registry-helpers.js';
import { call, penguinTensors, serve, servedHome } from './serve-helpers.js';

const NUMERIC = ['Beak Length (mm)', 'Beak Depth (mm)', 'Flipper Length (mm)'];

describe('lathe serve: the 2-D layout, regression outputs, unseen categories', () => {
  let home: Home;
  let server: Awaited<ReturnType<typeof serve>>;

  before(async () => {
    ({ home } = await servedHome());
    const cols = NUMERIC.map((c) => `"${c}"`).join(', ');
    await derive(home, 'penguins', `SELECT ${cols}, "Body Mass (g)", Species FROM data WHERE Species <> 'Gentoo' AND "Beak Length (mm)" IS NOT NULL AND "Body Mass (g)" IS NOT NULL`, 'pennum');
    await derive(home, 'pennum', `SELECT ${cols}, "Body Mass (g)" FROM data`, 'penmass');
    await registerRun(home, await trainRun(home, 'pennum', 'Species', 'logistic'), { name: 'pennum' });
    await registerRun(home, await trainRun(home, 'penmass', 'Body Mass (g)', 'linear'), { name: 'mass' });
    await setAlias(home, 'pennum', 'production', 1, { actor: 'test' });
    server = await serve(home, { models: ['pen', 'pennum', 'mass'] });
  });
  after(async () => {
    await server.close();
    await home.close();
  });

  test('one FP64 tensor [N, inputs] in signature order answers as the column layout does', async () => {
    const meta = (await call(`${server.url}/v2/models/pennum`)).json;
    const names: string[] = meta.inputs.map((i: { name: string }) => i.name);
    const rowsOf = [[39.1, 18.7, 181, 3750], [50.9, 19.1, 196, 3550]];
    const value = (r: number[], name: string) => r[[...NUMERIC, 'Body Mass (g)'].indexOf(name)];
    const matrix = { inputs: [{ name: 'input-0', datatype: 'FP64', shape: [2, names.length], data: rowsOf.map((r) => names.map((n) => value(r, n))) }] };
    const columns = { inputs: names.map((n, j) => ({ name: n, datatype: 'FP64', shape: [2], data: rowsOf.map((r) => value(r, n)) })) };
    const a = await call(`${server.url}/v2/models/pennum/infer`, { body: matrix });
    const b = await call(`${server.url}/v2/models/pennum/infer`, { body: columns });
    assert.equal(a.status, 200, a.text);
    assert.deepEqual(a.json.outputs, b.json.outputs);
    assert.deepEqual(a.json.outputs[0].data, ['Adelie', 'Chinstrap']);
    const wrong = await call(`${server.url}/v2/models/pennum/infer`, { body: { inputs: [{ ...matrix.inputs[0], shape: [1, 8], data: Array(8).fill(1) }] } });
    assert.equal(wrong.status, 400);
    assert.match(wrong.json.error, new RegExp(`not a 2-D tensor of shape \\[N, ${names.length}\\] with one column per input`));
    const text = await call(`${server.url}/v2/models/pennum/infer`, { body: { inputs: [{ ...matrix.inputs[0], datatype: 'BYTES' }] } });
    assert.match(text.json.error, /the 2-D input "input-0" has datatype BYTES; it must be FP64, FP32 or INT\*/);
  });

  test('a regression model answers FP64 values, V1 numbers, and fills the value histogram', async () => {
    const meta = (await call(`${server.url}/v2/models/mass`)).json;
    assert.deepEqual(meta.outputs, [{ name: 'predict', datatype: 'FP64', shape: [-1] }]);
    const r = await call(`${server.url}/v2/models/mass/infer`, { body: { inputs: NUMERIC.map((n, j) => ({ name: n, datatype: 'FP64', shape: [1], data: [[39.1, 18.7, 181][j]] })) } });
    assert.equal(r.status, 200, r.text);
    const [out] = r.json.outputs;
    assert.deepEqual([out.name, out.datatype, out.shape], ['predict', 'FP64', [1]]);
    assert.ok(out.data[0] > 2500 && out.data[0] < 5000, `a penguin of ${out.data[0]} g`);
    assert.equal(r.json.outputs.length, 1);
    const proba = await call(`${server.url}/v2/models/mass/infer`, { body: { inputs: NUMERIC.map((n) => ({ name: n, datatype: 'FP64', shape: [1], data: [40] })), outputs: [{ name: 'proba' }] } });
    assert.match(proba.json.error, /the model's outputs are predict/);
    const v1 = await call(`${server.url}/v1/models/mass:predict`, { body: { instances: [Object.fromEntries(NUMERIC.map((n, j) => [n, [39.1, 18.7, 181][j]]))] } });
    assert.equal(v1.json.predictions[0], out.data[0]);
    assert.equal(v1.json.classes, undefined);
    assert.match((await call(`${server.url}/metrics`)).text, /lathe_prediction_value_count\{model="mass",version="1"\} 2/);
  });

  test('unseen categories are encoded as unknown by default, and refused with --reject-unseen', async () => {
    const atlantis = penguinTensors(1).map((t) => ((t as { name: string }).name === 'Island' ? { ...(t as object), data: ['Atlantis'] } : t));
    assert.equal((await call(`${server.url}/v2/models/pen/infer`, { body: { inputs: atlantis } })).status, 200);
    const strict = await serve(home, { models: ['pen'], rejectUnseen: true });
    try {
      const r = await call(`${strict.url}/v2/models/pen/infer`, { body: { inputs: atlantis } });
      assert.equal(r.status, 400);
      assert.match(r.json.error, /input "Island" has 1 row\(s\) with a category the model did not see in training/);
      assert.doesNotMatch(r.json.error, /Atlantis/);
      assert.equal((await call(`${strict.url}/v2/models/pen/infer`, { body: { inputs: penguinTensors(1) } })).status, 200);
    } finally {
      await strict.close();
    }
  });

  test('a newly registered version is served without a restart, once loaded', async () => {
    const { record } = await registerRun(home, await trainRun(home, 'penmass', 'Body Mass (g)', 'linear', { seed: 5 } as never), { name: 'mass' });
    assert.equal(record.version, 2);
    let status = 0;
    // Bounded wait (the poll is 100 ms here); the contract is "within 2 s", asserted by behaviour, not by a clock.
    for (let i = 0; i < 100 && status !== 200; i++) {
      status = (await call(`${server.url}/v2/models/mass/versions/2/ready`)).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 50));
    }
    assert.equal(status, 200);
    assert.deepEqual((await call(`${server.url}/v2/models/mass`)).json.versions, ['1', '2']);
    // Without a production alias, the bare name answers with the newest version.
    const r = await call(`${server.url}/v2/models/mass/infer`, { body: { inputs: NUMERIC.map((n) => ({ name: n, datatype: 'FP64', shape: [1], data: [40] })) } });
    assert.equal(r.json.model_version, '2');
  });
});
