import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { loadVerifiedPackage, registerOnnx } from '../src/registry/index.js';
import { exportOnnx, exportedSignature } from '../src/registry/onnx/index.js';
import type { Home } from '../src/store/index.js';
import { tempDir } from './helpers.js';
import { call, penguinTensors, serve, servedHome } from './serve-helpers.js';

describe('lathe serve: ONNX versions, scored by onnxruntime', () => {
  let home: Home;

  before(async () => {
    ({ home } = await servedHome());
    const v1 = (await home.meta.getModelVersion('pen', 1))!;
    const doc = await loadVerifiedPackage(home, v1.artifact);
    const file = join(tempDir('lathe-serve-onnx-'), 'pen.onnx');
    writeFileSync(file, exportOnnx(doc));
    await registerOnnx(home, file, { name: 'pen-onnx', signature: exportedSignature(doc) });
  });
  after(async () => {
    await home.close();
  });

  test('an exported ONNX model answers OIP and V1 requests as its native original does', async () => {
    const server = await serve(home, { models: ['pen', 'pen-onnx'] });
    try {
      const meta = (await call(`${server.url}/v2/models/pen-onnx`)).json;
      assert.equal(meta.platform, 'onnx');
      assert.deepEqual(meta.outputs.map((o: { name: string }) => o.name), ['predict', 'proba']);
      const body = { inputs: penguinTensors(3) };
      const onnx = await call(`${server.url}/v2/models/pen-onnx/infer`, { body });
      const native = await call(`${server.url}/v2/models/pen/versions/1/infer`, { body });
      assert.equal(onnx.status, 200, onnx.text);
      assert.equal(onnx.json.model_version, '1');
      assert.deepEqual(onnx.json.outputs[0].data, native.json.outputs[0].data);
      onnx.json.outputs[1].data.forEach((p: number, i: number) => assert.ok(Math.abs(p - native.json.outputs[1].data[i]) < 1e-5, `proba ${i}`));
      const v1 = await call(`${server.url}/v1/models/pen-onnx:predict`, { body: { instances: [{ Island: 'Dream', 'Beak Length (mm)': 50.9, 'Beak Depth (mm)': 19.1, 'Flipper Length (mm)': 196, 'Body Mass (g)': 3550, Sex: 'MALE' }] } });
      assert.deepEqual(v1.json.predictions, ['Chinstrap']);
      const bad = await call(`${server.url}/v2/models/pen-onnx/infer`, { body: { inputs: penguinTensors(1).slice(1) } });
      assert.equal(bad.status, 400);
      assert.match(bad.json.error, /required input "Island" is missing/);
    } finally {
      await server.close();
    }
  });
});
