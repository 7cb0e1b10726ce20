/**
 * Alerts: the monitor: config (unknown rules refused), rule verdicts worked
 * by hand, deduplication of an ongoing condition, and webhook delivery to a
 * real loopback server — signed, retried on 5xx, and recorded (not thrown)
 * when the endpoint is unreachable.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { LatheError } from '../../errors.js';
import { Home } from '../../store/index.js';
import { MonitorStore } from '../store/monitor-store.js';
import type { WindowDrift } from '../windows/index.js';
import { allowPrivateSinks, dispatchAlerts } from './dispatch-alerts.js';
import { evaluateRules, type RuleResult } from './evaluate-rules.js';
import { parseMonitorSection } from './monitor-config.js';
import { sendWebhook, signBody, WEBHOOK_DEADLINE_MS, WEBHOOK_MAX_RETRIES } from './webhook.js';

function badInput(fn: () => unknown, pattern: RegExp): void {
  assert.throws(fn, (e: unknown) => e instanceof LatheError && e.code === 'BAD_INPUT' && pattern.test(`${e.message} — ${e.hint}`));
}

describe('monitor: config', () => {
  test('rules, sinks and the window, with defaults', () => {
    const c = parseMonitorSection(
      { window: '5m', rules: ['prediction_drift', { metric: { name: 'accuracy', max_drop: 0.05 } }, { p99_latency: { max_ms: 250 } }], sinks: ['log', { webhook: { url: 'http://127.0.0.1:9/x', secret_env: 'S' } }] },
      'lathe.yaml',
      { S: 'sekrit' },
    );
    assert.deepEqual(c.window, { by: 'time', ms: 300_000 });
    assert.deepEqual(c.rules, [{ rule: 'prediction_drift' }, { rule: 'metric', name: 'accuracy', max_drop: 0.05 }, { rule: 'p99_latency', max_ms: 250 }]);
    assert.deepEqual(c.sinks[1], { sink: 'webhook', url: 'http://127.0.0.1:9/x', secret: 'sekrit', retries: 3, timeout_ms: 5000, allow_private_hosts: false });
  });

  test('unknown rule names, keys and sinks are refused with the known ones', () => {
    badInput(() => parseMonitorSection({ rules: ['drfit'] }), /monitor\.rules\[0\]: unknown rule "drfit" \(known: feature_drift, prediction_drift, metric, error_rate, p99_latency, missing_rate_jump\)/);
    badInput(() => parseMonitorSection({ rules: [{ feature_drift: { shares: 1 } }] }), /unknown key "monitor\.rules\[0\]\.feature_drift\.shares" \(allowed: share\)/);
    badInput(() => parseMonitorSection({ rules: [{ metric: { name: 'accuracy' } }] }), /metric needs min or max_drop/);
    badInput(() => parseMonitorSection({ sinks: ['email'] }), /monitor\.sinks\[0\]: unknown sink "email" \(known: log, webhook\)/);
    badInput(() => parseMonitorSection({ sinks: [{ webhook: { url: 'ftp://x' } }] }), /http\(s\) URL/);
    badInput(() => parseMonitorSection({ sinks: [{ webhook: { url: 'http://x', secret_env: 'NOPE_NOT_SET' } }] }, 'y', {}), /NOPE_NOT_SET, which is not set/);
    badInput(() => parseMonitorSection({ alerts: [] }), /unknown key "monitor\.alerts"/);
  });

  test('webhook keys are checked by path: types, ranges, unknown keys, total delivery time', () => {
    const hook = (body: Record<string, unknown>) => () => parseMonitorSection({ sinks: ['log', { webhook: { url: 'http://127.0.0.1:9/x', ...body } }] }, 'lathe.yaml', {});
    badInput(hook({ retries: 'many' }), /^lathe\.yaml: monitor\.sinks\[1\]\.webhook\.retries: must be an integer from 0 to 10, got "many"/);
    badInput(hook({ retries: 1000000 }), /monitor\.sinks\[1\]\.webhook\.retries: must be an integer from 0 to 10, got 1000000/);
    badInput(hook({ timeout_ms: 5 }), /monitor\.sinks\[1\]\.webhook\.timeout_ms: must be an integer from 100 to 30000, got 5/);
    badInput(hook({ retry: 2 }), /unknown key "monitor\.sinks\[1\]\.webhook\.retry" \(allowed: url, secret_env, retries, timeout_ms, allow_private_hosts\)/);
    badInput(hook({ allow_private_hosts: 'yes' }), /webhook\.allow_private_hosts: must be true or false, got "yes"/);
    badInput(hook({ retries: 10, timeout_ms: 30000 }), /monitor\.sinks\[1\]\.webhook: retries 10 × timeout_ms 30000 plus backoff can take \d+ ms, above the 60000 ms/);
    const ok = parseMonitorSection({ sinks: [{ webhook: { url: 'http://127.0.0.1:9/x', retries: 2, timeout_ms: 1000, allow_private_hosts: true } }] }, 'lathe.yaml', {});
    assert.deepEqual(ok.sinks[0], { sink: 'webhook', url: 'http://127.0.0.1:9/x', secret: null, retries: 2, timeout_ms: 1000, allow_private_hosts: true });
  });
});

function drift(share: number | null, predictionDrift: boolean, deltas: (number | null)[] = []): WindowDrift {
  return {
    columns: deltas.map((d, i) => ({ name: `f${i}`, missing_rate_delta: d }) as WindowDrift['columns'][number]),
    dataset_drift: share !== null && share >= 0.5,
    drift_share: share,
    status: share === null ? 'no_data' : 'ok',
    drifted_columns: 1,
    tested_columns: 2,
    reference_rows: 10,
    current_rows: 10,
    options: {} as WindowDrift['options'],
    prediction: { status: 'ok', drift: predictionDrift, score: 0.3, threshold: 0.1, test: 'js' } as WindowDrift['prediction'],
    source: 'exact',
  };
}

describe('evaluateRules', () => {
  test('each rule by hand', () => {
    const r = evaluateRules(
      [
        { rule: 'feature_drift', share: 0.5 },
        { rule: 'prediction_drift' },
        { rule: 'metric', name: 'accuracy', min: 0.8, max_drop: 0.05 },
        { rule: 'metric', name: 'rmse', max_drop: 1 },
        { rule: 'p99_latency', max_ms: 100 },
        { rule: 'missing_rate_jump', max_delta: 0.1 },
        { rule: 'error_rate', max: 0.01 },
      ],
      { drift: drift(0.5, true, [0.05, 0.25]), realized: { accuracy: 0.86, rmse: 3.5 }, training: { 'test.accuracy': 0.93, 'test.rmse': 2 }, p99LatencyMs: 80 },
    );
    const by = Object.fromEntries(r.map((x) => [x.key, x]));
    assert.equal(by.feature_drift.firing, true);
    assert.equal(by.prediction_drift.firing, true);
    // Floor 0.8 and training − 0.05 = 0.88: the stricter, 0.88, applies; 0.86 < 0.88.
    assert.equal(by['metric:accuracy'].firing, true);
    assert.ok(Math.abs(by['metric:accuracy'].threshold! - 0.88) < 1e-12);
    // rmse is lower-is-better: training 2 + 1 = 3 is the ceiling; 3.5 > 3.
    assert.deepEqual([by['metric:rmse'].firing, by['metric:rmse'].threshold], [true, 3]);
    assert.equal(by.p99_latency.firing, false);
    assert.deepEqual([by.missing_rate_jump.firing, by.missing_rate_jump.value], [true, 0.25]);
    assert.equal(by.error_rate.firing, null);
  });

  test('no data gives no verdict', () => {
    const r = evaluateRules([{ rule: 'feature_drift', share: 0.5 }, { rule: 'metric', name: 'accuracy', min: 0.5 }], { drift: drift(null, false), realized: {}, training: {}, p99LatencyMs: null });
    assert.deepEqual(r.map((x) => x.firing), [null, null]);
  });
});

describe('dispatch and webhook', () => {
  let server: Server;
  let url: string;
  const received: { body: string; signature: string | undefined }[] = [];
  let failNext = 0;
  let home: Home;
  let store: MonitorStore;

  before(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        if (failNext > 0) {
          failNext--;
          res.writeHead(503).end();
          return;
        }
        received.push({ body, signature: req.headers['x-lathe-signature'] as string | undefined });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    home = await Home.open({ dir: mkdtempSync(join(tmpdir(), 'lathe-alerts-')) });
    store = MonitorStore.open(home);
  });

  after(async () => {
    store.close();
    await home.close();
    await new Promise((r) => server.close(r));
  });

  const firing = (on: boolean | null): RuleResult[] => [{ key: 'feature_drift', firing: on, value: 0.6, threshold: 0.5, message: '3 of 5 features drifted' }];
  // The test receiver is on loopback, which a webhook reaches only when allowed.
  const sinks = () => [{ sink: 'webhook' as const, url, secret: 'sekrit', retries: 2, timeout_ms: 2000, allow_private_hosts: true }];

  test('an ongoing condition fires once until it clears; the body is signed', async () => {
    const lines: string[] = [];
    const w = { start_ms: 0, end_ms: 1 };
    const first = await dispatchAlerts(store, 'm', firing(true), w, [...sinks(), { sink: 'log' }], (l) => lines.push(l));
    assert.equal(first.fired.length, 1);
    assert.equal(received.length, 1);
    assert.equal(received[0].signature, `sha256=${signBody(received[0].body, 'sekrit')}`);
    assert.equal(JSON.parse(received[0].body).rule, 'feature_drift');
    assert.equal(JSON.parse(lines[0]).type, 'lathe.alert');
    const again = await dispatchAlerts(store, 'm', firing(true), w, sinks());
    assert.deepEqual([again.fired.length, again.ongoing], [0, ['feature_drift']]);
    assert.deepEqual((await dispatchAlerts(store, 'm', firing(null), w, sinks())).fired, [], 'no data changes nothing');
    assert.deepEqual((await dispatchAlerts(store, 'm', firing(false), w, sinks())).cleared, ['feature_drift']);
    assert.equal((await dispatchAlerts(store, 'm', firing(true), w, sinks())).fired.length, 1, 'a new episode fires again');
    assert.equal(received.length, 2);
    const alerts = store.listAlerts('m');
    assert.equal(alerts.length, 2);
    assert.ok(alerts[0].cleared_ms !== null && alerts[1].cleared_ms === null);
    assert.equal((alerts[1].delivery as Record<string, { status: string }>)[url].status, 'delivered');
  });

  test('5xx answers are retried with backoff', async () => {
    failNext = 2;
    const before = received.length;
    const d = await sendWebhook(url, { x: 1 }, { secret: null, retries: 3, baseDelayMs: 10, allowPrivateHosts: true });
    assert.deepEqual([d.status, d.attempts], ['delivered', 3]);
    assert.equal(received.length, before + 1);
    assert.equal(received[received.length - 1].signature, undefined, 'no secret, no signature');
  });

  test('an unreachable webhook is retried, then recorded as failed — never thrown', async () => {
    const dead = [{ sink: 'webhook' as const, url: 'http://127.0.0.1:1/hook', secret: null, retries: 1, timeout_ms: 1000, allow_private_hosts: true }];
    const lines: string[] = [];
    const r = await dispatchAlerts(store, 'other', firing(true), { start_ms: 0, end_ms: 1 }, dead, (l) => lines.push(l));
    assert.deepEqual(lines.map((l) => JSON.parse(l).type), ['lathe.alert_delivery_failed'], 'the failure is logged');
    assert.equal(r.fired.length, 1);
    const delivery = store.listAlerts('other')[0].delivery as Record<string, { status: string; attempts: number; error: string }>;
    assert.equal(delivery['http://127.0.0.1:1/hook'].status, 'failed');
    assert.equal(delivery['http://127.0.0.1:1/hook'].attempts, 2);
    assert.ok(delivery['http://127.0.0.1:1/hook'].error.length > 0);
  });

  test('by default a webhook to a loopback, private or link-local address is refused at once, recorded as failed, nothing sent', async () => {
    const before = received.length;
    const fakeDns = async (host: string) => (host === 'hooks.test' ? [{ address: '10.0.0.7', family: 4 }] : [{ address: '127.0.0.1', family: 4 }]);
    const cases: [string, RegExp][] = [
      [url, /127\.0\.0\.1 is a loopback address/],
      ['http://169.254.169.254/hook', /169\.254\.169\.254 is a link-local \(cloud metadata\) address/],
      ['http://[::ffff:127.0.0.1]:1/hook', /is a loopback address/],
      ['http://hooks.test/hook', /"hooks\.test" resolves to 10\.0\.0\.7, a private address/],
    ];
    for (const [target, message] of cases) {
      const d = await sendWebhook(target, { x: 1 }, { secret: null, retries: 5, baseDelayMs: 10, lookup: fakeDns });
      assert.equal(d.status, 'failed', target);
      assert.equal(d.attempts, 1, 'a refusal is not retried');
      assert.match(d.error!, message);
      assert.match(d.error!, /allow_private_hosts: true/);
      assert.match(d.error!, /--allow-private-hosts/);
    }
    // Through dispatch: the stored delivery says failed with the reason.
    await dispatchAlerts(store, 'policy', firing(true), { start_ms: 0, end_ms: 1 }, [{ sink: 'webhook', url, secret: null, retries: 3, timeout_ms: 1000 }], () => {});
    const delivery = store.listAlerts('policy')[0].delivery as Record<string, { status: string; error: string }>;
    assert.equal(delivery[url].status, 'failed');
    assert.match(delivery[url].error, /loopback address/);
    assert.equal(received.length, before, 'nothing reached the receiver');
    // allowPrivateSinks is what --allow-private-hosts does.
    const allowed = allowPrivateSinks({ window: { by: 'time', ms: 1000 }, rules: [], sinks: [{ sink: 'log' }, { sink: 'webhook', url, secret: null, retries: 0, timeout_ms: 1000 }] });
    assert.deepEqual(allowed.sinks.map((s) => (s.sink === 'webhook' ? s.allow_private_hosts : 'log')), ['log', true]);
  });

  test('huge retries against a server that always fails end by the deadline, recorded as failed with the reason', async () => {
    const failing = createServer((_req, res) => res.writeHead(500).end());
    await new Promise<void>((r) => failing.listen(0, '127.0.0.1', r));
    const dead = `http://127.0.0.1:${(failing.address() as AddressInfo).port}/hook`;
    let hits = 0;
    failing.on('request', () => hits++);
    try {
      const d = await sendWebhook(dead, { x: 1 }, { secret: null, retries: 1_000_000, baseDelayMs: 1, allowPrivateHosts: true, deadlineMs: 300 });
      assert.equal(d.status, 'failed');
      assert.ok(d.attempts >= 1 && d.attempts <= WEBHOOK_MAX_RETRIES + 1, `attempts ${d.attempts}`);
      // The deadline may cut the last attempt short, before or after the server saw it.
      assert.ok(hits === d.attempts || hits === d.attempts - 1, `hits ${hits}, attempts ${d.attempts}`);
      assert.match(d.error!, /^(gave up after \d+ attempts?: the delivery deadline of 300 ms passed \(last: (HTTP 500|no answer within \d+ ms)\)|HTTP 500)$/);
      // Without a deadline in reach, retries stop at the cap.
      hits = 0;
      const capped = await sendWebhook(dead, { x: 1 }, { secret: null, retries: 1_000_000, baseDelayMs: 0, allowPrivateHosts: true });
      assert.deepEqual([capped.status, capped.attempts, capped.error], ['failed', WEBHOOK_MAX_RETRIES + 1, 'HTTP 500']);
      assert.equal(hits, WEBHOOK_MAX_RETRIES + 1);
      assert.equal(WEBHOOK_DEADLINE_MS, 60_000);
    } finally {
      failing.closeAllConnections();
      await new Promise((r) => failing.close(r));
    }
  });

  test('a server that never answers ends by the deadline and the alert is failed, not pending', async () => {
    const silent = createServer(() => {});
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const hang = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/hook`;
    try {
      const d = await sendWebhook(hang, { x: 1 }, { secret: null, retries: 1_000_000, timeoutMs: 1_000_000, baseDelayMs: 1, allowPrivateHosts: true, deadlineMs: 300 });
      assert.equal(d.status, 'failed');
      assert.match(d.error!, /no answer within \d+ ms|deadline of 300 ms passed/);
      await dispatchAlerts(store, 'silent', firing(true), { start_ms: 0, end_ms: 1 }, [{ sink: 'webhook', url: hang, secret: null, retries: 0, timeout_ms: 200, allow_private_hosts: true }], () => {});
      const delivery = store.listAlerts('silent')[0].delivery as Record<string, { status: string; error: string }>;
      assert.deepEqual([delivery[hang].status, delivery[hang].error], ['failed', 'no answer within 200 ms']);
    } finally {
      silent.closeAllConnections();
      await new Promise((r) => silent.close(r));
    }
  });

  test('secrets in a webhook URL are redacted in the stored delivery', async () => {
    const secretUrl = `${url}?token=hook-s3cret`;
    await dispatchAlerts(store, 'redact', firing(true), { start_ms: 0, end_ms: 1 }, [{ sink: 'webhook', url: secretUrl, secret: null, retries: 0, timeout_ms: 1000, allow_private_hosts: true }], () => {});
    const stored = JSON.stringify(store.listAlerts('redact')[0].delivery);
    assert.ok(!stored.includes('hook-s3cret'), stored);
    assert.match(stored, /"delivered"/);
  });
});
