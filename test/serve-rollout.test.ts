import assert from 'node:assert/strict';
import { chmodSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import autocannon from 'autocannon';
import { deleteVersion, registerRun, setAlias } from '../src/registry/index.js';
import { openServeStore, readPredictions, startRollout } from '../src/serve/index.js';
import { trafficBucket } from '../src/serve/rollout/traffic-split.js';
import type { Home } from '../src/store/index.js';
import { cli, trainRun } from './registry-helpers.js';
import { call, penguinTensors, serve, servedHome } from './serve-helpers.js';

const infer = (url: string, path: string, id?: string) => call(`${url}${path}`, { body: { ...(id ? { id } : {}), inputs: penguinTensors(1) } });

describe('lathe serve: live reload, failed loads, canary and shadow', () => {
  let dir: string;
  let home: Home;

  before(async () => {
    ({ dir, home } = await servedHome());
  });
  after(async () => {
    await home.close();
  });

  test('an alias move under load: zero non-2xx, only the old or the new version answers, and the new one takes over', async () => {
    const server = await serve(home, { predictionLog: false });
    try {
      const seen: string[] = [];
      const run = autocannon({
        url: server.url,
        connections: 8,
        duration: 3,
        amount: 30000,
        requests: [{
          method: 'POST', path: '/v2/models/pen/infer', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ inputs: penguinTensors(1) }),
          onResponse: (status: number, body: string) => {
            if (status === 200) seen.push(JSON.parse(body).model_version);
          },
        }],
      });
      await new Promise((r) => setTimeout(r, 1000));
      await setAlias(home, 'pen', 'production', 3, { actor: 'test', message: 'move under load' });
      const result = await run;
      assert.equal(result.non2xx, 0);
      assert.equal(result.errors, 0);
      assert.ok(seen.length > 100, `only ${seen.length} responses`);
      assert.deepEqual([...new Set(seen)].sort(), ['1', '3']);
      assert.equal(seen[0], '1');
      assert.equal(seen[seen.length - 1], '3');
      // Once version 3 answered, version 1 answers at most the requests already in flight on the other connections.
      assert.ok(seen.slice(seen.indexOf('3')).filter((v) => v === '1').length < 8);
      assert.ok(server.logs.lines.some((l) => l.msg === 'alias moved' && l.from === 1 && l.to === 3));
    } finally {
      await server.close();
      await setAlias(home, 'pen', 'production', 1, { actor: 'test' });
    }
  });

  test('a new version that fails verification is not served: the alias keeps the old one, and the failure is counted', async () => {
    // No poll during the test: the version must be damaged before the server first sees it.
    const server = await serve(home, { pollMs: 60_000 });
    try {
      const run = await trainRun(home, 'pen2', 'Species', 'logistic', { seed: 11 } as never);
      const { record } = await registerRun(home, run, { name: 'pen' });
      const pkg = await home.artifacts.localPath(record.artifact);
      const bin = readdirSync(pkg).find((f) => f.endsWith('.bin'))!;
      chmodSync(pkg, 0o755);
      chmodSync(join(pkg, bin), 0o644);
      writeFileSync(join(pkg, bin), Buffer.alloc(statSync(join(pkg, bin)).size, 7));
      await setAlias(home, 'pen', 'production', record.version, { actor: 'test', message: 'a damaged version' });
      await server.refresh();
      const r = await infer(server.url, '/v2/models/pen/infer');
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.model_version, '1');
      const direct = await infer(server.url, `/v2/models/pen/versions/${record.version}/infer`);
      assert.equal(direct.status, 503);
      assert.match(direct.json.error, new RegExp(`model "pen" version ${record.version} is not loaded \\(its load failed\\)`));
      assert.equal((await call(`${server.url}/v2/models/pen/versions/${record.version}/ready`)).status, 503);
      const metrics = (await call(`${server.url}/metrics`)).text;
      assert.match(metrics, new RegExp(`lathe_model_load_failures_total\\{model="pen",version="${record.version}"\\} 1`));
      const line = server.logs.lines.find((l) => l.msg?.toString().startsWith('model load failed'));
      assert.ok(line);
      assert.match(String(line.error), /failed verification/);
      const admin = (await call(`${server.url}/v1/admin/models`)).json.models[0];
      assert.equal(admin.aliases.production, 1);
      assert.equal(admin.failed[0].version, record.version);
      // Readiness stays green: the model still has a loaded version answering.
      assert.equal((await call(`${server.url}/v2/health/ready`)).status, 200);
      // Deleting the damaged version: the server forgets it.
      await setAlias(home, 'pen', 'production', 1, { actor: 'test' });
      await deleteVersion(home, `pen:${record.version}`);
      await server.refresh();
      assert.deepEqual((await call(`${server.url}/v2/models/pen`)).json.versions, ['1', '2', '3']);
      assert.equal((await infer(server.url, `/v2/models/pen/versions/${record.version}/infer`)).status, 404);
    } finally {
      await server.close();
      await setAlias(home, 'pen', 'production', 1, { actor: 'test' });
    }
  });

  test('a canary takes a deterministic share by request id, says so, and is promoted by the CLI', async () => {
    const server = await serve(home);
    try {
      const start = cli(dir, ['rollout', 'pen', '--canary', '2', '--percent', '30', '--message', 'try the baseline', '--json'], { LATHE_ACTOR: 'rel-bot' });
      assert.equal(start.code, 0, start.stderr);
      assert.deepEqual([start.json.started.kind, start.json.started.version, start.json.started.percent, start.json.started.actor], ['canary', 2, 30, 'rel-bot']);
      await server.refresh();
      const ids = Array.from({ length: 60 }, (_, i) => `order-${i}`);
      const expected = ids.map((id) => (trafficBucket(id) < 3000 ? '2' : '1'));
      const got: string[] = [];
      for (const id of ids) {
        const r = await infer(server.url, '/v2/models/pen/infer', id);
        got.push(r.json.model_version);
        assert.equal(r.json.parameters.role, r.json.model_version === '2' ? 'canary' : 'primary');
      }
      assert.deepEqual(got, expected);
      assert.ok(got.includes('1') && got.includes('2'));
      // The same id lands on the same version again; an explicit version is never split.
      assert.equal((await infer(server.url, '/v2/models/pen/infer', ids[expected.indexOf('2')])).json.model_version, '2');
      for (const id of ids.slice(0, 10)) assert.equal((await infer(server.url, '/v2/models/pen/versions/1/infer', id)).json.model_version, '1');
      const status = cli(dir, ['rollout', 'pen', '--status', '--json']);
      assert.deepEqual(status.json.rollouts.map((r: { kind: string; version: number }) => [r.kind, r.version]), [['canary', 2]]);
      const promote = cli(dir, ['rollout', 'pen', '--promote', '--json'], { LATHE_ACTOR: 'rel-bot' });
      assert.equal(promote.code, 0, promote.stderr);
      assert.deepEqual([promote.json.promoted.action, promote.json.promoted.old_version, promote.json.promoted.new_version], ['promote', 1, 2]);
      await server.refresh();
      for (const id of ids.slice(0, 10)) assert.equal((await infer(server.url, '/v2/models/pen/infer', id)).json.model_version, '2');
      const store = openServeStore(home);
      try {
        const audit = (await store.listAudit()).filter((e) => e.target === 'pen@production').map((e) => [e.action, e.actor]);
        assert.deepEqual(audit.slice(-2), [['rollout.canary', 'rel-bot'], ['rollout.promote', 'rel-bot']]);
      } finally {
        await store.close();
      }
    } finally {
      await server.close();
      await setAlias(home, 'pen', 'production', 1, { actor: 'test' });
    }
  });

  test('abort ends a canary; the alias keeps its version; bad rollout commands exit 2 with the fix', async () => {
    assert.equal(cli(dir, ['rollout', 'pen', '--canary', '3', '--percent', '50']).code, 0);
    const abort = cli(dir, ['rollout', 'pen', '--abort', '--json']);
    assert.equal(abort.code, 0, abort.stderr);
    assert.deepEqual(abort.json.ended.map((r: { kind: string; version: number }) => [r.kind, r.version]), [['canary', 3]]);
    const cases: [string[], RegExp][] = [
      [['rollout', 'pen'], /give exactly one of --canary, --shadow, --promote, --abort, --status/],
      [['rollout', 'pen', '--canary', '3'], /--canary needs --percent/],
      [['rollout', 'pen', '--canary', '3', '--percent', '150'], /--percent "150" is not between 0 and 100/],
      [['rollout', 'pen', '--canary', '1', '--percent', '10'], /pen@production already points at version 1/],
      [['rollout', 'pen', '--canary', '9', '--percent', '10'], /model "pen" has no version 9/],
      [['rollout', 'pen', '--canary', '2', '--percent', '10', '--alias', 'staging'], /model "pen" has no alias "staging" to roll out on/],
      [['rollout', 'nope', '--promote'], /model "nope" does not exist/],
      [['rollout', 'pen', '--promote'], /no canary runs on pen@production/],
      [['rollout', 'pen', '--abort'], /no rollout runs on pen@production/],
    ];
    for (const [args, re] of cases) {
      const r = cli(dir, args);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, re);
      assert.match(r.stderr, /^error: .* — /);
    }
  });

  test('a shadow sees every request after the response, is logged as shadow, and never changes or fails a response', async () => {
    const server = await serve(home);
    try {
      const before = await infer(server.url, '/v2/models/pen/versions/1/infer', 'same');
      const store = openServeStore(home);
      try {
        await startRollout(home, store, { model: 'pen', kind: 'shadow', version: 2, percent: 100, actor: 'test' });
        await server.refresh();
        for (let i = 0; i < 5; i++) {
          const r = await infer(server.url, '/v2/models/pen/infer', `shadowed-${i}`);
          assert.equal(r.status, 200);
          assert.equal(r.json.model_version, '1');
          assert.deepEqual(r.json.outputs, before.json.outputs);
        }
        await new Promise((r) => setImmediate(r));
        await server.ctx.predictionLog!.flush();
        const rows = (await readPredictions(store, 'pen', { includeShadow: true, limit: 100000 })).filter((r) => r.request_id.startsWith('shadowed-'));
        assert.deepEqual(rows.filter((r) => r.role === 'shadow').map((r) => r.version), [2, 2, 2, 2, 2]);
        assert.deepEqual(rows.filter((r) => r.role === 'primary').map((r) => r.version), [1, 1, 1, 1, 1]);
        assert.equal((await readPredictions(store, 'pen', { limit: 100000 })).filter((r) => r.role === 'shadow').length, 0, 'shadow rows only on request');
        // A shadow that throws: the caller still gets version 1's answer, and the failure is counted.
        const shadow = server.ctx.pool.models.get('pen')!.versions.get(2)!;
        shadow.score = () => {
          throw new Error('challenger exploded');
        };
        const r = await infer(server.url, '/v2/models/pen/infer', 'shadow-fails');
        assert.equal(r.status, 200);
        assert.deepEqual(r.json.outputs, before.json.outputs);
        await new Promise((res) => setTimeout(res, 20));
        assert.match((await call(`${server.url}/metrics`)).text, /lathe_shadow_errors_total\{model="pen",version="2"\} 1/);
        await store.deleteRollouts('pen', 'production');
      } finally {
        await store.close();
      }
    } finally {
      await server.close();
    }
  });
});
