import { Worker } from 'node:worker_threads';
import type { PredictionRow, ServeStore } from './serve-store.js';

/** Where the prediction log writer appends rows. */
export type PredictionSink = Pick<ServeStore, 'appendPredictions'>;

/**
 * The worker's bootstrap: under tsx a worker does not inherit the loader, so
 * tsx's ESM hook is registered from an eval'd script first (as the batch
 * scorer does); compiled to JS, the hook is skipped.
 */
const BOOT = `const { workerData } = require('node:worker_threads');
(async () => {
  if (workerData.tsx) (await import(workerData.tsx)).register();
  await import(workerData.entry);
})().catch((e) => { setImmediate(() => { throw e; }); });`;

/**
 * Appends prediction rows on a worker thread with its own connection to the
 * SQLite file at `path`. The event loop only posts the rows (strings); a
 * slow disk or a WAL checkpoint never delays a response.
 */
export class ThreadedPredictionSink implements PredictionSink {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, { resolve(): void; reject(e: Error): void }>();
  private next = 0;
  private dead: Error | null = null;
  readonly ready: Promise<void>;

  constructor(path: string) {
    const ts = import.meta.url.endsWith('.ts');
    const entry = new URL(ts ? './prediction-log-worker.ts' : './prediction-log-worker.js', import.meta.url).href;
    this.worker = new Worker(BOOT, { eval: true, workerData: { entry, tsx: ts ? import.meta.resolve('tsx/esm/api') : null, path } });
    this.worker.unref();
    this.ready = new Promise((resolve, reject) => {
      this.worker.on('message', (m: { ready?: true; id?: number; error?: string }) => {
        if (m.ready) return resolve();
        const w = this.waiting.get(m.id!);
        this.waiting.delete(m.id!);
        if (this.waiting.size === 0) this.worker.unref();
        if (m.error) w?.reject(new Error(m.error));
        else w?.resolve();
      });
      this.worker.on('error', (e) => {
        this.fail(e);
        reject(e);
      });
      this.worker.on('exit', () => this.fail(new Error('the prediction log thread stopped')));
    });
  }

  appendPredictions(rows: readonly PredictionRow[]): Promise<void> {
    if (this.dead) return Promise.reject(this.dead);
    const id = this.next++;
    return new Promise((resolve, reject) => {
      // Held while an append is in flight, so a process draining its log waits for it.
      if (this.waiting.size === 0) this.worker.ref();
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({ id, rows });
    });
  }

  /** Lets queued appends finish, then stops the thread. */
  async close(): Promise<void> {
    if (this.dead) return;
    this.worker.ref();
    const exited = new Promise((r) => this.worker.once('exit', r));
    this.worker.postMessage({ close: true });
    await exited;
  }

  private fail(e: Error): void {
    this.dead ??= e;
    for (const w of this.waiting.values()) w.reject(e);
    this.waiting.clear();
  }
}
