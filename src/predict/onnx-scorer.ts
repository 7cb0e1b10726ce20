import { Worker } from 'node:worker_threads';
import type { Column } from '../core/index.js';
import { type ErrorCode, LatheError } from '../errors.js';
import type { OnnxSignature } from '../registry/onnx/index.js';

/** A chunk to score (the batch scorer's WireChunk). */
export interface OnnxChunk {
  rows: number;
  columns: Column[];
}

/** What scoring a chunk gives back (the batch scorer's ChunkScores). */
export interface OnnxChunkScores {
  prediction: Float64Array;
  proba: Float64Array | null;
  unseen: Record<string, number>;
}

type Reply =
  | { type: 'ready' }
  | { type: 'scores'; id: number; scores: OnnxChunkScores }
  | { type: 'error'; id?: number; error: { code: ErrorCode; message: string; hint: string | null } };

/**
 * Under tsx a worker does not inherit the TypeScript loader: the eval'd
 * bootstrap registers tsx's ESM hook (when running from sources) and then
 * imports the worker module.
 */
const BOOTSTRAP = `const { workerData: d } = require('node:worker_threads');
(async () => { if (d.tsxApi) (await import(d.tsxApi)).register(); await import(d.module); })()
  .catch((e) => { setImmediate(() => { throw e; }); });`;

/**
 * Scores chunks with an ONNX model on one worker thread, in order. One
 * thread is enough: onnxruntime spreads each run over its own intra-op
 * threads; what the worker buys is that onnxruntime's blocking `run`
 * (upstream issues 19611, 26968) stalls the worker, not the thread reading
 * input and writing output. Implements the batch scorer's interface.
 */
export class OnnxWorkerScorer {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve: (s: OnnxChunkScores) => void; reject: (e: Error) => void }>();
  private nextId = 0;
  private failure: Error | null = null;

  private constructor(bytes: Uint8Array, signature: OnnxSignature, opts: { threads?: number; chunkRows?: number }) {
    const ts = import.meta.url.endsWith('.ts');
    const module = new URL(ts ? './onnx-worker.ts' : './onnx-worker.js', import.meta.url).href;
    const tsxApi = ts ? import.meta.resolve('tsx/esm/api') : null;
    this.worker = new Worker(BOOTSTRAP, { eval: true, workerData: { module, tsxApi, bytes, signature, ...opts } });
    this.worker.on('message', (m: Reply) => this.onReply(m));
    this.worker.on('error', (e) => this.fail(new LatheError('INTERNAL', `the ONNX scoring thread failed: ${e.message}`, { cause: e })));
    this.worker.on('exit', (code) => {
      if (code !== 0) this.fail(new LatheError('INTERNAL', `the ONNX scoring thread stopped with exit code ${code}`));
    });
  }

  /** Starts the thread; it creates the onnxruntime session while the first chunks are read. */
  static start(bytes: Uint8Array, signature: OnnxSignature, opts: { threads?: number; chunkRows?: number } = {}): OnnxWorkerScorer {
    return new OnnxWorkerScorer(bytes, signature, opts);
  }

  score(chunk: OnnxChunk): Promise<OnnxChunkScores> {
    return new Promise((resolve, reject) => {
      if (this.failure) return reject(this.failure);
      const id = this.nextId++;
      this.pending.set(id, { resolve, reject });
      // Transferred, not copied: the reader hands each chunk's arrays over for good.
      const buffers = new Set(chunk.columns.map((c) => ('values' in c ? c.values.buffer : c.codes.buffer) as ArrayBuffer));
      this.worker.postMessage({ id, rows: chunk.rows, columns: chunk.columns }, [...buffers]);
    });
  }

  async close(): Promise<void> {
    this.failure ??= new LatheError('INTERNAL', 'the ONNX scoring thread was closed');
    await this.worker.terminate();
  }

  private onReply(m: Reply): void {
    if (m.type === 'ready') return;
    if (m.type === 'scores') {
      this.pending.get(m.id)?.resolve(m.scores);
      this.pending.delete(m.id);
      return;
    }
    const err = new LatheError(m.error.code, m.error.message, m.error.hint ? { hint: m.error.hint } : {});
    if (m.id === undefined) return this.fail(err);
    this.pending.get(m.id)?.reject(err);
    this.pending.delete(m.id);
  }

  private fail(e: Error): void {
    if (this.failure) return;
    this.failure = e;
    for (const p of this.pending.values()) p.reject(e);
    this.pending.clear();
  }
}
