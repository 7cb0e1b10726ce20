// Predictions keep the target's logical type: a 0/1 integer target is
// answered as numbers (OIP INT64), a boolean one as booleans, text as BYTES;
// packages without a recorded target type keep string labels.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { derive } from '../src/ingest/index.js';
import { registerRun } from '../src/registry/index.js';
import type { Home } from '../src/store/index.js';
import { labelDatatype, labelValues } from '../src/serve/infer/outputs.js';
import { penguinHome, trainRun } from './registry-helpers.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { batchPredict } from '../src/predict/index.js';
import { tempDir, VEGA } from './helpers.js';
import { call, penguinTensors, serve } from './serve-helpers.js';

const ADELIE = { Island: 'Torgersen', 'Beak Length (mm)': 39.1, 'Beak Depth (mm)': 18.7, 'Flipper Length (mm)': 181, 'Body Mass (g)': 3750, Sex: 'MALE' };

describe('predictions keep the target type', () => {
  let home: Home;
  let server: Awaited<ReturnType<typeof serve>>;
  before(async () => {
    ({ home } = await penguinHome());
    await derive(home, 'penguins', `SELECT * EXCLUDE (Species), CAST(Species = 'Adelie' AS INTEGER) AS adelie FROM data`, 'penint');
    await derive(home, 'penguins', `SELECT * EXCLUDE (Species), Species = 'Adelie' AS is_adelie FROM data`, 'penbool');
    await registerRun(home, await trainRun(home, 'penint', 'adelie', 'logistic'), { name: 'pint' });
    await registerRun(home, await trainRun(home, 'penbool', 'is_adelie', 'logistic'), { name: 'pbool' });
    await registerRun(home, await trainRun(home, 'penguins', 'Species', 'logistic'), { name: 'ptext' });
    server = await serve(home, { predictionLog: false });
  });
  after(async () => {
    await server.close();
    await home.close();
  });

  const cases: [string, string, unknown][] = [['pint', 'INT64', 1], ['pbool', 'BOOL', true], ['ptext', 'BYTES', 'Adelie']];
  for (const [model, datatype, label] of cases) {
    it(`${model}: OIP metadata and predict are ${datatype}, V1 gives ${JSON.stringify(label)}`, async () => {
      const meta = await call(`${server.url}/v2/models/${model}`);
      assert.equal(meta.json.outputs[0].datatype, datatype);
      const r = await call(`${server.url}/v2/models/${model}/infer`, { body: { inputs: penguinTensors(2) } });
      assert.equal(r.status, 200, r.text);
      const predict = r.json.outputs.find((o: { name: string }) => o.name === 'predict');
      assert.equal(predict.datatype, datatype);
      assert.deepEqual(predict.data, [label, label]);
      const v1 = await call(`${server.url}/v1/models/${model}:predict`, { body: { instances: [ADELIE] } });
      assert.equal(v1.status, 200, v1.text);
      assert.deepStrictEqual(v1.json.predictions, [label]);
    });
  }

  for (const [model, type] of [['pint', 'number'], ['pbool', 'boolean'], ['ptext', 'string']] as const) {
    it(`batch \`lathe predict\` with ${model} writes ${type} predictions`, async () => {
      const output = join(tempDir(), 'out.ndjson');
      const r = await batchPredict(home, { model: `${model}:1`, input: join(VEGA, 'penguins.json'), output, threads: 0 });
      assert.ok(r.rows > 300);
      const rows = readFileSync(output, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
      assert.equal(rows.length, r.rows);
      for (const row of rows) if (row.prediction !== null) assert.equal(typeof row.prediction, type);
      assert.ok(rows.some((row) => row.prediction !== null));
    });
  }

  it('a package without a target type (older ones) keeps string labels', () => {
    const old = { classes: ['0', '1'], labelType: undefined };
    assert.equal(labelDatatype(old), 'BYTES');
    assert.deepStrictEqual(labelValues(old), ['0', '1']);
    assert.deepStrictEqual(labelValues({ classes: ['0', '1.5'], labelType: 'numeric' }), [0, 1.5]);
    assert.deepStrictEqual(labelValues({ classes: ['false', 'true'], labelType: 'boolean' }), [false, true]);
  });
});
