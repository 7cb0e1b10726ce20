import type { FastifyBaseLogger } from 'fastify';
import type { Home } from '../store/index.js';
import type { KeyRing } from './auth/api-keys.js';
import type { RateLimiter } from './auth/rate-limiter.js';
import type { ModelPool } from './models/model-pool.js';
import type { ServeMetrics } from './observability/serve-metrics.js';
import type { PredictionLogWriter } from './prediction-log.js';
import type { ResolvedServeOptions } from './serve-options.js';
import type { Scope, ServeStore } from './store/serve-store.js';
import type { PredictionSink } from './store/threaded-prediction-sink.js';
import type { MicroBatcher } from './infer/micro-batcher.js';
import type { ErrorFamily } from './http/http-error.js';
import type { RequestSpan, RequestTracer } from './observability/request-tracer.js';

/** The scope a route needs; `none` for health. Every route must declare one. */
export type RouteScope = Scope | 'none';

/** A route as the scope test enumerates it. */
export interface RouteInfo {
  method: string;
  url: string;
  scope: RouteScope;
  /** The route's querystring schema: its own, or the default that takes no parameters. */
  querystring: Record<string, unknown>;
}

/** Everything the routes and hooks share. */
export interface ServeContext {
  opts: ResolvedServeOptions;
  home: Home;
  store: ServeStore;
  pool: ModelPool;
  metrics: ServeMetrics;
  keys: KeyRing;
  limiter: RateLimiter | null;
  predictionLog: PredictionLogWriter | null;
  /** Where the log's rows go: a writer thread, or the store itself. */
  predictionSink: PredictionSink | null;
  /** Scores concurrent small requests together; null when batching is off. */
  batcher: MicroBatcher | null;
  /** Present only when an OTLP endpoint is configured. */
  tracer: RequestTracer | null;
  logger: FastifyBaseLogger;
  state: { loaded: boolean; draining: boolean };
  /** Every registered route with its declared scope. */
  routes: RouteInfo[];
}

/** Per-request facts the hooks fill in and read. */
export interface RequestFacts {
  /** The served model and version, once known: metric labels. */
  model: string;
  version: string;
  /** The API key's name, when one was presented and valid. */
  principal: string | null;
  /** Work to run after the response has been sent (shadow traffic). */
  after: (() => void) | null;
  /** The request's trace span, when tracing is on. */
  span: RequestSpan | null;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    scope?: RouteScope;
    family?: ErrorFamily;
  }
  interface FastifyRequest {
    lathe: RequestFacts;
  }
}
