import { Worker } from 'node:worker_threads';
import { type ErrorCode, LatheError } from '../../errors.js';
import type { ModelDocument } from '../../train/package/index.js';
import { type ChunkScores, type Scorer, type WireChunk, transferList } from './score-frame.js';

interface Task {
  id: number;
  chunk: WireChunk;
  resolve: (s: ChunkScores) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  task: Task | null;
  ready: boolean;
}

type Reply =
  | { type: 'ready' }
  | { type: 'scores'; id: number; scores: ChunkScores }
  | { type: 'error'; id?: number; error: { code: ErrorCode; message: string; hint: string | null } };

/**
 * The worker's bootstrap. Under tsx (Lathe runs from its TypeScript
 * sources) a worker does not inherit the loader, and `execArgv: ['--import',
 * 'tsx']` fails on Node 20 with ERR_UNKNOWN_FILE_EXTENSION; registering
 * tsx's ESM hook from an eval'd script and then importing the worker module
 * works. Compiled to JS, the hook is skipped.
 */
const BOOT = `const { workerData } = require('node:worker_threads');
(async () => {
  if (workerData.tsx) (await import(workerData.tsx)).register();
  await import(workerData.entry);
})().catch((e) => { setImmediate(() => { throw e; }); });`;

function workerEntry(): { entry: string; tsx: string | null } {
  const ts = import.meta.url.endsWith('.ts');
  const entry = new URL(ts ? './predict-worker.ts' : './predict-worker.js', import.meta.url).href;
  return { entry, tsx: ts ? import.meta.resolve('tsx/esm/api') : null };
}

/**
 * Scores chunks on worker threads, each holding its own Predictor rebuilt
 * from the model document. Chunks go to whichever worker is free; each
 * `score` call resolves with its own chunk's scores. Any failure (a bad
 * chunk, a crashed worker) rejects the pending and queued calls.
 */
export class WorkerScorer implements Scorer {
  private readonly slots: Slot[];
  private readonly queue: Task[] = [];
  private nextId = 0;
  private failure: Error | null = null;

  private constructor(doc: ModelDocument, count: number) {
    const { entry, tsx } = workerEntry();
    this.slots = Array.from({ length: count }, () => {
      const slot: Slot = { worker: new Worker(BOOT, { eval: true, workerData: { entry, tsx, doc } }), task: null, ready: false };
      slot.worker.on('message', (m: Reply) => this.onReply(slot, m));
      slot.worker.on('error', (e) => this.fail(new LatheError('INTERNAL', `a prediction worker failed: ${e.message}`, { cause: e })));
      slot.worker.on('exit', (code) => {
        if (code !== 0) this.fail(new LatheError('INTERNAL', `a prediction worker stopped with exit code ${code}`));
      });
      return slot;
    });
  }

  /** Starts `count` workers; they load the model while the first chunks are read. */
  static start(doc: ModelDocument, count: number): WorkerScorer {
    return new WorkerScorer(doc, count);
  }

  score(chunk: WireChunk): Promise<ChunkScores> {
    return new Promise((resolve, reject) => {
      if (this.failure) return reject(this.failure);
      this.queue.push({ id: this.nextId++, chunk, resolve, reject });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.failure ??= new LatheError('INTERNAL', 'the prediction workers were closed');
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (!slot.ready || slot.task || this.queue.length === 0) continue;
      const task = this.queue.shift()!;
      slot.task = task;
      slot.worker.postMessage({ id: task.id, chunk: task.chunk }, transferList(task.chunk));
    }
  }

  private onReply(slot: Slot, m: Reply): void {
    if (m.type === 'ready') {
      slot.ready = true;
    } else if (m.type === 'scores' && slot.task?.id === m.id) {
      slot.task.resolve(m.scores);
      slot.task = null;
    } else if (m.type === 'error') {
      const err = new LatheError(m.error.code, m.error.message, m.error.hint ? { hint: m.error.hint } : {});
      if (slot.task && slot.task.id === m.id) slot.task.reject(err);
      slot.task = null;
      if (m.id === undefined) this.fail(err);
    }
    this.dispatch();
  }

  private fail(e: Error): void {
    if (this.failure) return;
    this.failure = e;
    for (const s of this.slots) {
      s.task?.reject(e);
      s.task = null;
    }
    for (const t of this.queue.splice(0)) t.reject(e);
  }
}
