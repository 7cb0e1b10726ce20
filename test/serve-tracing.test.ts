import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { otlpTracesUrl } from '../src/serve/observability/request-tracer.js';
import type { Home } from '../src/store/index.js';
import { call, penguinTensors, serve, servedHome } from './serve-helpers.js';

interface OtlpSpan {
  traceId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: { key: string; value: { stringValue?: string; intValue?: string | number } }[];
}

describe('lathe serve: OpenTelemetry spans only when an OTLP endpoint is configured', () => {
  let home: Home;
  let collector: Server;
  let collectorUrl: string;
  const spans: OtlpSpan[] = [];

  before(async () => {
    ({ home } = await servedHome());
    // A real OTLP/HTTP JSON receiver on loopback.
    collector = createServer((req, res) => {
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', () => {
        if (req.url === '/v1/traces') {
          const doc = JSON.parse(body);
          for (const rs of doc.resourceSpans ?? []) for (const ss of rs.scopeSpans ?? []) spans.push(...ss.spans);
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((r) => collector.listen(0, '127.0.0.1', r));
    const a = collector.address() as { port: number };
    collectorUrl = `http://127.0.0.1:${a.port}`;
  });
  after(async () => {
    await home.close();
    await new Promise((r) => collector.close(r));
  });

  test('the endpoint comes from the option or the standard variables; none means no tracer', () => {
    assert.equal(otlpTracesUrl(null, {}), null);
    assert.equal(otlpTracesUrl('http://c:4318/', {}), 'http://c:4318/v1/traces');
    assert.equal(otlpTracesUrl(undefined, { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318' }), 'http://c:4318/v1/traces');
    assert.equal(otlpTracesUrl(undefined, { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://c:4318/custom' }), 'http://c:4318/custom');
    assert.equal(otlpTracesUrl('http://c:4318', { OTEL_SDK_DISABLED: 'true' }), null);
  });

  test('a server without an endpoint has no tracer', async () => {
    const saved = process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
    delete process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
    const server = await serve(home);
    try {
      assert.equal(server.ctx.tracer, null);
      assert.equal((await call(`${server.url}/v2/models/pen/infer`, { body: { inputs: penguinTensors(1) } })).status, 200);
    } finally {
      await server.close();
      if (saved !== undefined) process.env.OTEL_EXPORTER_OTLP_ENDPOINT = saved;
    }
  });

  test('one server span per request, child of the caller\'s traceparent, with route, status, model and version', async () => {
    const server = await serve(home, { otlpEndpoint: collectorUrl });
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    try {
      const r = await call(`${server.url}/v2/models/pen/infer`, { body: { inputs: penguinTensors(1) }, headers: { traceparent: `00-${traceId}-00f067aa0ba902b7-01` } });
      assert.equal(r.status, 200);
      assert.equal((await call(`${server.url}/v2/models/nope/infer`, { body: { inputs: penguinTensors(1) } })).status, 404);
    } finally {
      await server.close(); // flushes the span processor
    }
    const infer = spans.find((s) => s.traceId === traceId);
    assert.ok(infer, `no span with the caller's trace id among ${spans.length}`);
    assert.equal(infer.name, 'POST /v2/models/:name/infer');
    assert.equal(infer.parentSpanId, '00f067aa0ba902b7');
    assert.equal(infer.kind, 2, 'SERVER');
    const attr = (s: OtlpSpan, k: string) => s.attributes.find((a) => a.key === k)?.value;
    assert.equal(attr(infer, 'lathe.model')?.stringValue, 'pen');
    assert.equal(attr(infer, 'lathe.version')?.stringValue, '1');
    assert.equal(Number(attr(infer, 'http.response.status_code')?.intValue), 200);
    assert.equal(attr(infer, 'http.route')?.stringValue, '/v2/models/:name/infer');
    const missing = spans.find((s) => s.traceId !== traceId && Number(attr(s, 'http.response.status_code')?.intValue) === 404);
    assert.ok(missing, 'the 404 is traced too');
  });
});
