import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The server's Prometheus metrics, on a registry of its own so that several
 * servers in one process (tests) never share counters. Label values are
 * route templates and served model names only, so cardinality stays bounded.
 */
export class ServeMetrics {
  readonly registry = new Registry();
  readonly requests: Counter<'model' | 'version' | 'route' | 'status'>;
  readonly latency: Histogram<'model' | 'version' | 'route' | 'status'>;
  readonly classes: Counter<'model' | 'version' | 'class'>;
  readonly values: Histogram<'model' | 'version'>;
  readonly loadFailures: Counter<'model' | 'version'>;
  readonly loads: Counter<'model' | 'version'>;
  readonly logDropped: Counter;
  readonly logWritten: Counter;
  readonly shadowErrors: Counter<'model' | 'version'>;
  readonly modelsLoaded: Gauge;

  constructor(defaultMetrics = true) {
    const registers = [this.registry];
    this.requests = new Counter({ name: 'lathe_http_requests_total', help: 'HTTP requests by model, version, route template and status', labelNames: ['model', 'version', 'route', 'status'], registers });
    this.latency = new Histogram({
      name: 'lathe_http_request_duration_seconds',
      help: 'HTTP request latency by model, version, route template and status',
      labelNames: ['model', 'version', 'route', 'status'],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    });
    this.classes = new Counter({ name: 'lathe_predictions_total', help: 'Predicted rows by class (classifiers) or by cluster', labelNames: ['model', 'version', 'class'], registers });
    this.values = new Histogram({ name: 'lathe_prediction_value', help: 'Predicted values of regression models', labelNames: ['model', 'version'], buckets: [-100, -10, -1, 0, 1, 10, 100, 1000, 10000], registers });
    this.loadFailures = new Counter({ name: 'lathe_model_load_failures_total', help: 'Model versions that failed to load or warm (the old version kept serving)', labelNames: ['model', 'version'], registers });
    this.loads = new Counter({ name: 'lathe_model_loads_total', help: 'Model versions loaded and warmed', labelNames: ['model', 'version'], registers });
    this.logDropped = new Counter({ name: 'lathe_prediction_log_dropped_total', help: 'Prediction rows dropped because the log queue was full or a write failed', registers });
    this.logWritten = new Counter({ name: 'lathe_prediction_log_written_total', help: 'Prediction rows written to the prediction log', registers });
    this.shadowErrors = new Counter({ name: 'lathe_shadow_errors_total', help: 'Shadow predictions that failed (the response was not affected)', labelNames: ['model', 'version'], registers });
    this.modelsLoaded = new Gauge({ name: 'lathe_model_versions_loaded', help: 'Model versions loaded and ready', registers });
    if (defaultMetrics) collectDefaultMetrics({ register: this.registry, prefix: 'lathe_' });
  }
}
