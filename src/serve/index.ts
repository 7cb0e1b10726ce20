/**
 * Online serving: a Fastify server for registered models, speaking the Open
 * Inference Protocol (V2) and a V1 records API, with live rollouts, API
 * keys, metrics and a prediction log for monitoring.
 */
export { startServer, type RunningServer } from './server.js';
export { resolveServeOptions, parseByteSize, isLoopback, type ServeOptions, type ServeMonitorOptions, type ResolvedServeOptions } from './serve-options.js';
export { parseRateLimit, RateLimiter, type RateLimit } from './auth/rate-limiter.js';
export { createKey, parseScope, scopeAllows, KeyRing, SCOPES, type CreatedKey } from './auth/api-keys.js';
export { startRollout, promoteCanary, abortRollout, type StartRollout, type Actor } from './rollout/rollout-actions.js';
export { readPredictions, PredictionLogWriter, type LoggedPrediction, type LoggedValue, type PredictionLogEntry, type PredictionLogOptions } from './prediction-log.js';
export { openServeStore } from './store/open-serve-store.js';
export { registerModelLoader, type ModelLoader } from './models/model-loaders.js';
export type { ServedModel, Scores } from './models/served-model.js';
export type { ServeStore, ApiKeyRecord, RolloutRecord, RolloutKind, Scope, ServerAuditEntry, PredictionQuery, PredictionRow, StoredPredictionRow } from './store/serve-store.js';
export type { RouteInfo, RouteScope } from './serve-context.js';
