import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { openServeStore, readPredictions } from '../src/serve/index.js';
import type { Home } from '../src/store/index.js';
import { call, penguinTensors, serve, servedHome } from './serve-helpers.js';

const ADELIE = { Island: 'Torgersen', 'Beak Length (mm)': 39.1, 'Beak Depth (mm)': 18.7, 'Flipper Length (mm)': 181, 'Body Mass (g)': 3750, Sex: 'MALE' };

/** A raw HTTP request, for Host headers and paths fetch would normalise. */
function raw(url: string, path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: u.hostname, port: u.port, path, method: 'GET', headers }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('lathe serve: Open Inference Protocol v2 and V1 over loopback HTTP', () => {
  let home: Home;
  let server: Awaited<ReturnType<typeof serve>>;
  let url: string;

  before(async () => {
    ({ home } = await servedHome());
    server = await serve(home, { maxBodyBytes: 64 * 1024 });
    url = server.url;
  });
  after(async () => {
    await server.close();
    await home.close();
  });

  test('health, server metadata, model metadata and readiness', async () => {
    assert.deepEqual((await call(`${url}/v2/health/live`)).json, { live: true });
    assert.deepEqual((await call(`${url}/v2/health/ready`)).json, { ready: true });
    assert.deepEqual((await call(`${url}/v2`)).json, { name: 'lathe', version: '0.1.0', extensions: [] });
    const meta = (await call(`${url}/v2/models/pen`)).json;
    assert.equal(meta.name, 'pen');
    assert.deepEqual(meta.versions, ['1', '2', '3']);
    assert.equal(meta.platform, 'lathe');
    assert.deepEqual(meta.inputs.map((i: { name: string; datatype: string; shape: number[] }) => [i.name, i.datatype, i.shape]), [
      ['Island', 'BYTES', [-1]], ['Beak Length (mm)', 'FP64', [-1]], ['Beak Depth (mm)', 'FP64', [-1]],
      ['Flipper Length (mm)', 'INT64', [-1]], ['Body Mass (g)', 'INT64', [-1]], ['Sex', 'BYTES', [-1]],
    ]);
    assert.deepEqual(meta.outputs, [{ name: 'predict', datatype: 'BYTES', shape: [-1] }, { name: 'proba', datatype: 'FP64', shape: [-1, 2] }]);
    assert.equal((await call(`${url}/v2/models/pen/versions/2`)).json.name, 'pen');
    assert.deepEqual((await call(`${url}/v2/models/pen/ready`)).json, { name: 'pen', ready: true });
    assert.deepEqual((await call(`${url}/v2/models/pen/versions/3/ready`)).json, { name: 'pen', ready: true });
    assert.deepEqual((await call(`${url}/v2/models/pen/versions/production/ready`)).json, { name: 'pen', ready: true });
  });

  test('infer with column tensors: labels, probabilities, id, version and alias', async () => {
    const r = await call(`${url}/v2/models/pen/infer`, { body: { id: 'req-1', inputs: penguinTensors(3) } });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.model_name, 'pen');
    assert.equal(r.json.model_version, '1');
    assert.equal(r.json.id, 'req-1');
    assert.deepEqual(r.json.parameters, { alias: 'production', role: 'primary' });
    const [predict, proba] = r.json.outputs;
    assert.deepEqual([predict.name, predict.datatype, predict.shape, predict.data], ['predict', 'BYTES', [3], ['Adelie', 'Adelie', 'Adelie']]);
    assert.deepEqual(JSON.parse(predict.parameters.classes), ['Adelie', 'Chinstrap']);
    assert.deepEqual([proba.name, proba.datatype, proba.shape], ['proba', 'FP64', [3, 2]]);
    assert.equal(proba.data.length, 6);
    assert.ok(Math.abs(proba.data[0] + proba.data[1] - 1) < 1e-12);
    assert.ok(proba.data[0] > 0.9, 'a Torgersen male with a short beak is an Adelie');
    // [N, 1] shapes and nested data are the same request.
    const nested = penguinTensors(1).map((t) => ({ ...(t as object), shape: [1, 1], data: [(t as { data: unknown[] }).data] }));
    const r2 = await call(`${url}/v2/models/pen/infer`, { body: { inputs: nested } });
    assert.equal(r2.status, 200, r2.text);
    assert.deepEqual(r2.json.outputs[1].data, proba.data.slice(0, 2));
  });

  test('versions and aliases in the path; requested outputs only', async () => {
    const v2 = await call(`${url}/v2/models/pen/versions/2/infer`, { body: { inputs: penguinTensors(1), outputs: [{ name: 'proba' }] } });
    assert.equal(v2.status, 200, v2.text);
    assert.equal(v2.json.model_version, '2');
    assert.deepEqual(v2.json.outputs.map((o: { name: string }) => o.name), ['proba']);
    assert.deepEqual(v2.json.parameters, { role: 'primary' });
    const alias = await call(`${url}/v2/models/pen/versions/production/infer`, { body: { inputs: penguinTensors(1) } });
    assert.equal(alias.json.model_version, '1');
    const bad = await call(`${url}/v2/models/pen/infer`, { body: { inputs: penguinTensors(1), outputs: [{ name: 'logits' }] } });
    assert.equal(bad.status, 400);
    assert.match(bad.json.error, /unknown output\(s\): the model's outputs are predict, proba/);
  });

  test('the 2-D layout is refused with a clear error when the model has text inputs', async () => {
    const r = await call(`${url}/v2/models/pen/infer`, { body: { inputs: [{ name: 'input-0', datatype: 'FP64', shape: [1, 6], data: [1, 2, 3, 4, 5, 6] }] } });
    assert.equal(r.status, 400);
    assert.match(r.json.error, /the 2-D layout holds numbers only, but input\(s\) "Island", "Sex" are text/);
    assert.match(r.json.error, /send one tensor per input column instead/);
  });

  test('V1 records: predictions, probabilities and the version that answered', async () => {
    const r = await call(`${url}/v1/models/pen:predict`, { body: { instances: [ADELIE, { ...ADELIE, Island: 'Dream', 'Beak Length (mm)': 50.9, 'Beak Depth (mm)': 19.1, 'Flipper Length (mm)': 196, 'Body Mass (g)': 3550 }] } });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json.predictions, ['Adelie', 'Chinstrap']);
    assert.equal(r.json.model_version, 1);
    assert.deepEqual(r.json.classes, ['Adelie', 'Chinstrap']);
    assert.equal(r.json.probabilities.length, 2);
    assert.equal((await call(`${url}/v1/models/pen:3:predict`, { body: { instances: [ADELIE] } })).json.model_version, 3);
    assert.equal((await call(`${url}/v1/models/pen@production:predict`, { body: { instances: [ADELIE] } })).json.model_version, 1);
    const status = (await call(`${url}/v1/models/pen`)).json;
    assert.deepEqual([status.name, status.ready, status.model_version, status.aliases, status.versions], ['pen', true, 1, { production: 1 }, [1, 2, 3]]);
  });

  test('every signature mismatch is a 400 naming the input, without echoing values', async () => {
    const tensors = penguinTensors(1) as { name: string; datatype: string; shape: number[]; data: unknown[] }[];
    const cases: [unknown, RegExp][] = [
      [{ inputs: tensors.slice(1) }, /required input "Island" is missing/],
      [{ inputs: [...tensors, { name: 'colour', datatype: 'BYTES', shape: [1], data: ['SECRET-VALUE'] }] }, /unknown input\(s\) "colour"/],
      [{ inputs: tensors.map((t) => (t.name === 'Body Mass (g)' ? { ...t, datatype: 'BYTES', data: ['SECRET-VALUE'] } : t)) }, /input "Body Mass \(g\)" is BYTES \(text\), but the model needs a whole number/],
      [{ inputs: tensors.map((t) => (t.name === 'Island' ? { ...t, datatype: 'FP64', data: [3] } : t)) }, /input "Island" is a floating-point tensor, but the model needs text/],
      [{ inputs: tensors.map((t) => (t.name === 'Beak Length (mm)' ? { ...t, shape: [2] } : t)) }, /input "Beak Length \(mm\)" has 1 values, but its shape \[2\] needs 2/],
      [{ inputs: tensors.map((t) => (t.name === 'Beak Length (mm)' ? { ...t, datatype: 'FP128' } : t)) }, /input "Beak Length \(mm\)" has datatype "FP128", not one of BOOL/],
      [{ inputs: tensors.map((t) => (t.name === 'Beak Length (mm)' ? { ...t, data: ['SECRET-VALUE'] } : t)) }, /input "Beak Length \(mm\)" holds a value that is not a number \(row 0\)/],
      [{ inputs: tensors.map((t) => (t.name === 'Beak Length (mm)' ? { ...t, shape: [2], data: [1, 2] } : t)) }, /the inputs disagree on the number of rows \(1 vs 2\)/],
      [{ inputs: [] }, /"inputs" is not a non-empty array/],
      [{ id: 5, inputs: tensors }, /"id" is not a string/],
      [[1, 2], /the body is not a JSON object/],
      [{ inputs: [...tensors, tensors[0]] }, /input "Island" is given twice/],
    ];
    for (const [body, re] of cases) {
      const r = await call(`${url}/v2/models/pen/infer`, { body });
      assert.equal(r.status, 400, `${re}: ${r.text}`);
      assert.deepEqual(Object.keys(r.json), ['error']);
      assert.match(r.json.error, re);
      assert.doesNotMatch(r.text, /SECRET-VALUE|at .*\.ts:\d+/);
    }
  });

  test('a missing value where the model never saw one is refused; V1 names missing and extra columns', async () => {
    const tensors = penguinTensors(1) as { name: string; data: unknown[] }[];
    // Island never had a missing value in training; Beak Length did, and is imputed.
    const r = await call(`${url}/v2/models/pen/infer`, { body: { inputs: tensors.map((t) => (t.name === 'Island' ? { ...t, data: [null] } : t)) } });
    assert.equal(r.status, 400);
    assert.match(r.json.error, /input "Island" has 1 missing value\(s\), and the model was trained without missing values in it/);
    const imputed = await call(`${url}/v2/models/pen/infer`, { body: { inputs: tensors.map((t) => (t.name === 'Beak Length (mm)' ? { ...t, data: [null] } : t)) } });
    assert.equal(imputed.status, 200, imputed.text);
    const v1 = await call(`${url}/v1/models/pen:predict`, { body: { instances: [{ ...ADELIE, Island: undefined, wings: 2 }] } });
    assert.equal(v1.status, 400);
    assert.equal(v1.headers.get('content-type'), 'application/problem+json; charset=utf-8');
    assert.deepEqual(Object.keys(v1.json).sort(), ['code', 'detail', 'status', 'title', 'type']);
    assert.equal(v1.json.code, 'BAD_INPUT');
    assert.match(v1.json.detail, /unknown column\(s\) "wings"/);
    const missing = await call(`${url}/v1/models/pen:predict`, { body: { instances: [{ ...ADELIE, Island: undefined }] } });
    assert.match(missing.json.detail, /required column "Island" is missing from 1 instance\(s\)/);
  });

  test('unknown models, versions and aliases are 404; bodies: 413, 415, malformed and deeply nested JSON', async () => {
    const nf = await call(`${url}/v2/models/nope/infer`, { body: { inputs: penguinTensors(1) } });
    assert.equal(nf.status, 404);
    assert.match(nf.json.error, /model "nope" is not served here/);
    assert.match((await call(`${url}/v2/models/pen/versions/9/infer`, { body: { inputs: penguinTensors(1) } })).json.error, /model "pen" has no version 9 served here/);
    assert.match((await call(`${url}/v2/models/pen/versions/canary/infer`, { body: { inputs: penguinTensors(1) } })).json.error, /model "pen" has no alias "canary" served here/);
    assert.equal((await call(`${url}/v2/nothing`)).status, 404);
    assert.equal((await call(`${url}/v1/models/nope:predict`, { body: { instances: [ADELIE] } })).json.status, 404);
    const big = await call(`${url}/v2/models/pen/infer`, { raw: JSON.stringify({ inputs: penguinTensors(2000) }) });
    assert.equal(big.status, 413);
    assert.match(big.json.error, /the body is larger than 65536 bytes/);
    const text = await call(`${url}/v2/models/pen/infer`, { raw: 'hello', headers: { 'content-type': 'text/plain' } });
    assert.equal(text.status, 415);
    assert.match(text.json.error, /the body must be JSON/);
    const form = await call(`${url}/v1/models/pen:predict`, { raw: 'a=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    assert.equal(form.status, 415);
    assert.equal(form.json.code, 'UNSUPPORTED_FORMAT');
    const broken = await call(`${url}/v2/models/pen/infer`, { raw: '{"inputs": [SECRET-VALUE' });
    assert.equal(broken.status, 400);
    assert.match(broken.json.error, /the body is not valid JSON/);
    assert.doesNotMatch(broken.text, /SECRET/);
    const deep = await call(`${url}/v2/models/pen/infer`, { raw: `{"inputs":[{"name":"Island","datatype":"BYTES","shape":[1],"data":${'['.repeat(20000)}${']'.repeat(20000)}}]}` });
    assert.equal(deep.status, 400);
    const nestedData = await call(`${url}/v2/models/pen/infer`, { raw: `{"inputs":[{"name":"Island","datatype":"BYTES","shape":[1],"data":${'['.repeat(50)}"x"${']'.repeat(50)}}]}` });
    assert.equal(nestedData.status, 400);
    assert.match(nestedData.json.error, /nested deeper than 8 levels/);
    const proto = await call(`${url}/v2/models/pen/infer`, { raw: '{"__proto__": {"polluted": 1}, "inputs": []}' });
    assert.equal(proto.status, 400);
  });

  test('path traversal attempts are 404 before any lookup', async () => {
    const paths = [
      '/v2/models/../infer', '/v2/models/..%2f..%2fetc/infer', '/v2/models/%2e%2e%2f/infer', '/v2/models/%252e%252e%252f/infer',
      '/v2/models/..%5c/infer', '/v2/models/pen/versions/..%2f1/infer', '/v2/models/%2e%2e', '/v2/models/pen/versions/%2e%2e/ready', '/v1/models/..%2fpen:predict',
    ];
    for (const p of paths) {
      const r = await raw(url, p, { host: '127.0.0.1' });
      assert.equal(r.status, 404, p);
      assert.doesNotMatch(r.body, /etc|\.\.[/\\%]/, p);
    }
    const backslash = await raw(url, '/v2/models/..\\/ready', { host: '127.0.0.1' });
    assert.ok(backslash.status === 404 || backslash.status === 400, `..\\ → ${backslash.status}`);
  });

  test('a foreign Host header is refused (DNS rebinding); loopback names pass', async () => {
    const evil = await raw(url, '/v2/health/live', { host: 'evil.example' });
    assert.equal(evil.status, 403);
    assert.match(evil.body, /this Host header is not allowed/);
    assert.equal((await raw(url, '/v2/health/live', { host: 'localhost:8080' })).status, 200);
    assert.equal((await raw(url, '/v2/health/live', { host: '[::1]:8080' })).status, 200);
  });

  test('request ids are echoed, taken from the caller when well-formed', async () => {
    const mine = await call(`${url}/v2/models/pen/infer`, { body: { inputs: penguinTensors(1) }, headers: { 'x-request-id': 'trace-abc.1' } });
    assert.equal(mine.headers.get('x-request-id'), 'trace-abc.1');
    assert.equal(mine.json.id, 'trace-abc.1');
    const junk = await call(`${url}/v2/health/live`, { headers: { 'x-request-id': 'bad id with spaces' } });
    // Made ids are UUIDv7: they sort by time, so the log's request-id index grows at its end.
    const made = junk.headers.get('x-request-id')!;
    assert.match(made, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const next = (await call(`${url}/v2/health/live`)).headers.get('x-request-id')!;
    assert.ok(next > made, 'later ids sort after earlier ones');
    const line = server.logs.lines.find((l) => l.reqId === 'trace-abc.1');
    assert.ok(line, 'the request is logged with its id');
    assert.deepEqual([line.route, line.status, line.model, line.version], ['/v2/models/:name/infer', 200, 'pen', '1']);
  });

  test('/metrics: requests by model, version, route and status; predictions by class; default metrics', async () => {
    await call(`${url}/v2/models/pen/versions/2/infer`, { body: { inputs: penguinTensors(4) } });
    const m = await call(`${url}/metrics`);
    assert.equal(m.status, 200);
    assert.match(m.headers.get('content-type')!, /^text\/plain/);
    assert.match(m.text, /lathe_http_requests_total\{model="pen",version="2",route="\/v2\/models\/:name\/versions\/:version\/infer",status="200"\} \d+/);
    assert.match(m.text, /lathe_http_request_duration_seconds_bucket\{le="0\.005",model="pen",version="2"/);
    assert.match(m.text, /lathe_predictions_total\{model="pen",version="2",class="Adelie"\} \d+/);
    assert.match(m.text, /lathe_model_loads_total\{model="pen",version="3"\} 1/);
    assert.match(m.text, /lathe_prediction_log_dropped_total 0/);
    assert.match(m.text, /lathe_process_cpu_user_seconds_total/);
  });

  test('predictions are logged for monitoring with inputs, outputs, version and latency', async () => {
    await call(`${url}/v2/models/pen/infer`, { body: { id: 'logged-1', inputs: penguinTensors(2) } });
    await server.ctx.predictionLog!.flush();
    const store = openServeStore(home);
    try {
      const rows = (await readPredictions(store, 'pen', { limit: 100000 })).filter((r) => r.request_id === 'logged-1');
      assert.equal(rows.length, 2);
      assert.deepEqual(rows.map((r) => r.row_index), [0, 1]);
      assert.deepEqual(rows[0].inputs, { Island: 'Torgersen', 'Beak Length (mm)': 39.1, 'Beak Depth (mm)': 18.7, 'Flipper Length (mm)': 181, 'Body Mass (g)': 3750, Sex: 'MALE' });
      assert.equal(rows[0].outputs.prediction, 'Adelie');
      assert.deepEqual(Object.keys(rows[0].outputs.proba!), ['Adelie', 'Chinstrap']);
      assert.deepEqual([rows[0].model, rows[0].version, rows[0].role], ['pen', 1, 'primary']);
      assert.ok(rows[0].latency_ms >= 0);
      const later = await readPredictions(store, 'pen', { sinceId: rows[1].id });
      assert.ok(later.every((r) => r.id > rows[1].id));
    } finally {
      await store.close();
    }
  });
});
