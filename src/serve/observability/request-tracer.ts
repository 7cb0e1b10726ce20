import type { FastifyBaseLogger } from 'fastify';

/** A span in progress for one request. */
export interface RequestSpan {
  end(status: number, attributes: Record<string, string>): void;
}

/** Starts one server span per request; exported over OTLP/HTTP. */
export interface RequestTracer {
  start(name: string, headers: Record<string, string | string[] | undefined>, attributes: Record<string, string>): RequestSpan;
  /** Exports what is buffered and stops. */
  shutdown(): Promise<void>;
}

/**
 * The OTLP collector base URL from the option or the standard environment
 * variables; null when none is set, and then nothing is traced or imported.
 */
export function otlpTracesUrl(option: string | null | undefined, env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.OTEL_SDK_DISABLED === 'true') return null;
  const traces = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
  if (!option && traces) return traces;
  const base = option ?? env.OTEL_EXPORTER_OTLP_ENDPOINT;
  return base ? `${base.replace(/\/+$/, '')}/v1/traces` : null;
}

/**
 * A tracer exporting to `url` (OTLP/HTTP JSON), with W3C `traceparent`
 * propagation from callers. The OpenTelemetry packages are imported only
 * here, lazily, so a server without an endpoint never loads them.
 */
export async function createRequestTracer(url: string, logger: FastifyBaseLogger): Promise<RequestTracer> {
  const [api, core, sdk, otlp] = await Promise.all([
    import('@opentelemetry/api'),
    import('@opentelemetry/core'),
    import('@opentelemetry/sdk-trace'),
    import('@opentelemetry/exporter-trace-otlp-http'),
  ]);
  const provider = new sdk.TracerProvider({
    spanProcessors: [new sdk.BatchSpanProcessor({ exporter: new otlp.OTLPTraceExporter({ url }), scheduledDelayMillis: 1000, maxQueueSize: 4096 })],
  });
  const tracer = provider.getTracer('lathe-serve', '0.1.0');
  const propagator = new core.W3CTraceContextPropagator();
  const getter = {
    keys: (h: Record<string, unknown>) => Object.keys(h),
    get: (h: Record<string, unknown>, k: string) => {
      const v = h[k];
      return typeof v === 'string' || Array.isArray(v) ? (v as string | string[]) : undefined;
    },
  };
  logger.info({ url }, 'OpenTelemetry traces exported over OTLP/HTTP');
  return {
    start(name, headers, attributes) {
      const parent = propagator.extract(api.ROOT_CONTEXT, headers, getter);
      const span = tracer.startSpan(name, { kind: api.SpanKind.SERVER, attributes }, parent);
      return {
        end(status, more) {
          span.setAttributes({ ...more, 'http.response.status_code': status });
          if (status >= 500) span.setStatus({ code: api.SpanStatusCode.ERROR });
          span.end();
        },
      };
    },
    shutdown: () => provider.shutdown(),
  };
}
