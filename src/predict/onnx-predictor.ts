import type { Frame } from '../core/index.js';
import { LatheError } from '../errors.js';
import type { Task } from '../estimators/index.js';
import { createSession, loadOrt, type OnnxSignature, type Ort, type OrtSession } from '../registry/onnx/index.js';
import { buildFeeds, conformOnnxInputs } from './onnx-feeds.js';
import type { Predictions } from './predictor.js';

/** Options of {@link OnnxPredictor.load}. */
export interface OnnxPredictorOptions {
  /** onnxruntime's intra-op threads (default: one per core). */
  threads?: number;
  /**
   * Rows per `session.run` (default 65,536). onnxruntime-node's `run`
   * blocks the event loop for the whole call (upstream issues 19611 and
   * 26968), so this bounds how long one call can stall other work on the
   * thread; the loop gets a turn between chunks.
   */
  chunkRows?: number;
}

const DEFAULT_CHUNK_ROWS = 65_536;

/**
 * Scores an ONNX model with onnxruntime-node and answers with the same
 * {@link Predictions} as the native {@link Predictor}: values, class
 * indices into `classes` with probabilities, or cluster ids.
 *
 * Event loop: onnxruntime-node runs each inference synchronously on the
 * calling thread, although `run` returns a promise. `predict` therefore
 * scores in chunks of `chunkRows` and yields between them; a server should
 * keep requests small or score on a worker thread, and a batch job should
 * run it off the thread that reads input (as `lathe predict` does).
 *
 * @example
 * ```ts
 * const p = await OnnxPredictor.load(readFileSync('model.onnx'), signature);
 * const { prediction, proba } = await p.predict(frame);
 * await p.close();
 * ```
 */
export class OnnxPredictor {
  private readonly index: Map<string, number>;

  private constructor(
    private readonly ort: Ort,
    private readonly session: OrtSession,
    readonly signature: OnnxSignature,
    private readonly chunkRows: number,
  ) {
    this.index = new Map((signature.classes ?? []).map((c, i) => [c, i]));
  }

  /** Creates the onnxruntime session for the model bytes and their recorded signature. */
  static async load(bytes: Uint8Array, signature: OnnxSignature, opts: OnnxPredictorOptions = {}): Promise<OnnxPredictor> {
    const chunkRows = opts.chunkRows ?? DEFAULT_CHUNK_ROWS;
    if (!Number.isInteger(chunkRows) || chunkRows < 1) throw new LatheError('BAD_USAGE', `chunkRows ${chunkRows} must be a positive whole number`, { hint: 'e.g. 65536' });
    const ort = await loadOrt();
    const session = await createSession(bytes, 'the ONNX model', { threads: opts.threads });
    return new OnnxPredictor(ort, session, signature, chunkRows);
  }

  /** The task recorded in the signature. */
  get task(): Task {
    return this.signature.task;
  }

  /** Class labels in probability order, or null. */
  classes(): string[] | null {
    return this.signature.classes ? [...this.signature.classes] : null;
  }

  /** Checks the frame against the signature, then scores it chunk by chunk. */
  async predict(frame: Frame): Promise<Predictions> {
    const features = conformOnnxInputs(frame, this.signature.inputs);
    const n = frame.rows;
    const k = this.signature.classes?.length ?? 0;
    const w = this.signature.onnx;
    const prediction = new Float64Array(n);
    const proba = w.probabilities ? new Float64Array(n * k) : null;
    for (let start = 0; start < n; start += this.chunkRows) {
      const end = Math.min(n, start + this.chunkRows);
      const out = await this.session.run(buildFeeds(this.ort, this.signature, features, start, end));
      if (proba) readProba(out[w.probabilities!].data as Float32Array | Float64Array, proba, start, end - start, k);
      if (w.prediction) this.readPrediction(out[w.prediction].data, prediction, start, end - start);
      else argmax(proba!, prediction, start, end - start, k);
    }
    return { prediction, proba, classes: this.classes(), features };
  }

  /** Frees the onnxruntime session. */
  async close(): Promise<void> {
    await this.session.release();
  }

  private readPrediction(data: unknown, out: Float64Array, start: number, n: number): void {
    const classifier = this.task === 'binary' || this.task === 'multiclass';
    const values = data as ArrayLike<number | bigint | string>;
    if (values.length !== n) throw shapeError('prediction', values.length, n);
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (!classifier) {
        out[start + i] = Number(v);
        continue;
      }
      const c = this.index.get(String(v));
      if (c === undefined) {
        throw new LatheError('BAD_INPUT', `the ONNX model predicted class "${String(v)}", which is not among its declared classes (${[...this.index.keys()].join(', ')})`, {
          hint: 'register the model again with the classes it predicts listed under classes: in the signature',
        });
      }
      out[start + i] = c;
    }
  }
}

function readProba(data: Float32Array | Float64Array, out: Float64Array, start: number, n: number, k: number): void {
  if (data.length !== n * k) throw shapeError('probabilities', data.length, n * k);
  out.set(data, start * k);
}

function argmax(proba: Float64Array, out: Float64Array, start: number, n: number, k: number): void {
  for (let i = start; i < start + n; i++) {
    let best = 0;
    for (let c = 1; c < k; c++) if (proba[i * k + c] > proba[i * k + best]) best = c;
    out[i] = best;
  }
}

function shapeError(what: string, got: number, want: number): LatheError {
  return new LatheError('BAD_INPUT', `the ONNX model's ${what} output has ${got} values where ${want} were expected`, {
    hint: 'the graph does not give one row per input row; check its output shapes against the signature',
  });
}
