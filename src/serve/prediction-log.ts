/**
 * The prediction log: what the server answered, for monitoring (drift,
 * delayed labels, realized metrics). The server appends in batches off the
 * response path; monitoring reads with {@link readPredictions}.
 *
 * Stored in the `prediction_log` table of the home's metadata store
 * (migration 5), one row per predicted input row:
 *
 * | field | meaning |
 * |---|---|
 * | `id` | increasing, never reused: pass the last one seen as `sinceId` to read on |
 * | `request_id` | the OIP body's `id` when given, else the caller's `x-request-id`, else a server-made UUIDv7 (time-ordered); echoed in the response — join delayed labels on it |
 * | `row_index` | the row's position in its request (0-based) |
 * | `model`, `version` | the registered version that predicted |
 * | `role` | `primary` (the caller got this answer; canary answers included) or `shadow` (logged only) |
 * | `time` / `at_ms` | when the request was answered (ISO-8601 / epoch ms) |
 * | `inputs` | column → value as sent, after validation: number, string (categories; ISO-8601 for date-times), boolean, or null for missing |
 * | `outputs` | `{"prediction": label or number}`, plus `"proba": {label: p}` for classifiers; clustering predicts the cluster number |
 * | `latency_ms` | the server-side time to score the request (all its rows) |
 *
 * Sampling is per request (all rows of a sampled request, or none), so a
 * request id is either complete in the log or absent.
 *
 * @example
 * ```ts
 * const store = openServeStore(home);
 * let cursor = 0;
 * for (;;) {
 *   const rows = await readPredictions(store, 'churn', { sinceId: cursor, limit: 5000 });
 *   if (rows.length === 0) break;
 *   cursor = rows[rows.length - 1].id;
 *   // rows[i].inputs.tenure, rows[i].outputs.prediction, ...
 * }
 * ```
 */
import type { Frame } from '../core/index.js';
import type { PredictionQuery, PredictionRow, ServeStore } from './store/serve-store.js';
import type { PredictionSink } from './store/threaded-prediction-sink.js';

/** A value of the log's `inputs`. */
export type LoggedValue = number | string | boolean | null;

/** One logged prediction, as {@link readPredictions} returns it. */
export interface LoggedPrediction {
  id: number;
  request_id: string;
  row_index: number;
  model: string;
  version: number;
  role: 'primary' | 'shadow';
  /** ISO-8601. */
  time: string;
  at_ms: number;
  inputs: Record<string, LoggedValue>;
  outputs: { prediction: number | string | null; proba?: Record<string, number | null> };
  latency_ms: number;
}

/**
 * Reads a model's logged predictions, oldest first, after `sinceId` and/or
 * from `sinceTime` (epoch ms), at most `limit` (default 1000). Shadow rows
 * only with `includeShadow`.
 */
export async function readPredictions(store: ServeStore, model: string, q: PredictionQuery = {}): Promise<LoggedPrediction[]> {
  const rows = await store.readPredictions(model, q);
  return rows.map((r) => ({
    id: r.id,
    request_id: r.request_id,
    row_index: r.row_index,
    model: r.model,
    version: r.version,
    role: r.role,
    time: new Date(r.at_ms).toISOString(),
    at_ms: r.at_ms,
    inputs: JSON.parse(r.inputs),
    outputs: JSON.parse(r.outputs),
    latency_ms: r.latency_ms,
  }));
}

/** One scored request, as the server hands it over: references only, converted to rows at flush time. */
export interface PredictionLogEntry {
  requestId: string;
  model: string;
  version: number;
  role: 'primary' | 'shadow';
  atMs: number;
  latencyMs: number;
  frame: Frame;
  prediction: Float64Array;
  proba: Float64Array | null;
  /** Labels for classifiers (prediction holds indices into them), else null. */
  classes: readonly string[] | null;
}

/** Options of a {@link PredictionLogWriter}. */
export interface PredictionLogOptions {
  /** Fraction of requests logged, 0–1 (default 1). */
  sample?: number;
  /** Rows held in memory at most; past it, requests are dropped and counted (default 20000). */
  maxQueueRows?: number;
  /** How often the queue is written, in ms (default 250). */
  flushMs?: number;
  onDropped?(rows: number): void;
  onWritten?(rows: number): void;
  onError?(e: unknown): void;
}

/**
 * Appends scored requests to the prediction log in batches. `offer` never
 * blocks and never throws: it samples, queues references to the request's
 * typed arrays, or drops (and counts) when the queue is full. The rows are
 * built and written by a timer, after responses have been sent.
 */
export class PredictionLogWriter {
  private queue: PredictionLogEntry[] = [];
  private queuedRows = 0;
  private readonly timer: NodeJS.Timeout;
  private flushing: Promise<void> = Promise.resolve();
  private readonly sample: number;
  private readonly maxRows: number;

  constructor(private readonly store: PredictionSink, private readonly opts: PredictionLogOptions = {}) {
    this.sample = opts.sample ?? 1;
    this.maxRows = opts.maxQueueRows ?? 20_000;
    this.timer = setInterval(() => void this.flush(), opts.flushMs ?? 250);
    this.timer.unref();
  }

  /** Queues a request's predictions; false when it was dropped (full queue) or not sampled. */
  offer(e: PredictionLogEntry): boolean {
    if (this.sample < 1 && Math.random() >= this.sample) return false;
    if (this.queuedRows + e.frame.rows > this.maxRows) {
      this.opts.onDropped?.(e.frame.rows);
      return false;
    }
    this.queue.push(e);
    this.queuedRows += e.frame.rows;
    return true;
  }

  /** Rows waiting to be written. */
  get pending(): number {
    return this.queuedRows;
  }

  /** Writes everything queued so far. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.writeQueued());
    return this.flushing;
  }

  /** Stops the timer and writes what is left. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  private async writeQueued(): Promise<void> {
    while (this.queue.length > 0) {
      // At most ~CHUNK rows per event-loop turn, then yield: a big backlog
      // never blocks requests for longer than one chunk's write.
      let n = 0;
      let take = 0;
      while (take < this.queue.length && (take === 0 || n + this.queue[take].frame.rows <= CHUNK_ROWS)) n += this.queue[take++].frame.rows;
      const batch = this.queue.splice(0, take);
      this.queuedRows -= n;
      try {
        const rows: PredictionRow[] = [];
        for (const e of batch) toRows(e, rows);
        await this.store.appendPredictions(rows);
        this.opts.onWritten?.(n);
      } catch (err) {
        this.opts.onDropped?.(n);
        this.opts.onError?.(err);
      }
      if (this.queue.length > 0) await new Promise((r) => setImmediate(r));
    }
  }
}

/** Rows written per event-loop turn. */
const CHUNK_ROWS = 1000;

/**
 * Builds the rows' JSON by concatenation: keys and category strings are
 * encoded once per request, not once per row, which makes logging a
 * 1,000-row request several times cheaper than JSON.stringify per row.
 */
function toRows(e: PredictionLogEntry, out: PredictionRow[]): void {
  const cols = e.frame.columns;
  const keys = cols.map((c) => `${JSON.stringify(c.name)}:`);
  const dicts = cols.map((c) => ('codes' in c ? c.dictionary.map((v) => JSON.stringify(v)) : null));
  const k = e.classes?.length ?? 0;
  const labels = e.classes?.map((c) => JSON.stringify(c)) ?? null;
  for (let i = 0; i < e.frame.rows; i++) {
    let inputs = '{';
    for (let j = 0; j < cols.length; j++) {
      const c = cols[j];
      inputs += (j === 0 ? '' : ',') + keys[j];
      if ('codes' in c) inputs += c.codes[i] < 0 ? 'null' : dicts[j]![c.codes[i]];
      else inputs += numericValue(c.type, c.values[i]);
    }
    inputs += '}';
    const p = e.prediction[i];
    let outputs = `{"prediction":${labels ? (labels[p] ?? 'null') : Number.isFinite(p) ? String(p) : 'null'}`;
    if (e.proba && labels) {
      outputs += ',"proba":{';
      for (let c = 0; c < k; c++) outputs += `${c === 0 ? '' : ','}${labels[c]}:${finiteOrNull(e.proba[i * k + c])}`;
      outputs += '}';
    }
    outputs += '}';
    out.push({ request_id: e.requestId, model: e.model, version: e.version, role: e.role, at_ms: e.atMs, row_index: i, inputs, outputs, latency_ms: e.latencyMs });
  }
}

function numericValue(type: string, v: number): string {
  if (Number.isNaN(v)) return 'null';
  if (type === 'boolean') return v === 1 ? 'true' : 'false';
  if (type === 'datetime') return `"${new Date(v).toISOString()}"`;
  return finiteOrNull(v);
}

function finiteOrNull(v: number): string {
  return Number.isFinite(v) ? String(v) : 'null';
}
