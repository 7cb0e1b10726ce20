import { Worker } from 'node:worker_threads';
import { type TrialContext, type TrialOutcome, type TrialSpec, evaluateTrial } from './evaluate-trial.js';
import { shareFrame, toShared } from './shared-frame.js';
import type { TrialRequest, TrialWorkerData } from './trial-worker.js';

/** Runs trials, up to `size` at a time. */
export interface TrialRunner {
  /** How many trials may run at once. */
  readonly size: number;
  /** Fits and scores one trial; never rejects (errors are failed outcomes). */
  run(spec: TrialSpec): Promise<TrialOutcome>;
  /** Stops any threads. */
  close(): Promise<void>;
}

/** Runs trials one at a time in this thread (`parallel: 1`, or when workers cannot start). */
export class InlineRunner implements TrialRunner {
  readonly size = 1;
  constructor(private readonly ctx: TrialContext) {}
  run(spec: TrialSpec): Promise<TrialOutcome> {
    return evaluateTrial(this.ctx, spec);
  }
  async close(): Promise<void> {}
}

/**
 * Runs trials on a fixed set of worker threads that share the frames'
 * memory. Workers start once per search; a trial is one small message each
 * way (the spec, then the metrics), never the data.
 */
export class WorkerRunner implements TrialRunner {
  private readonly idle: TrialWorker[];
  private readonly waiters: ((w: TrialWorker) => void)[] = [];

  private constructor(private readonly workers: TrialWorker[]) {
    this.idle = [...workers];
  }

  get size(): number {
    return this.workers.length;
  }

  /** Starts `size` workers and waits until each has loaded its modules and frames. */
  static async open(ctx: TrialContext, size: number): Promise<WorkerRunner> {
    const data: TrialWorkerData = { train: shareFrame(ctx.train), valid: shareFrame(ctx.valid), target: ctx.target, task: ctx.task, order: toShared(ctx.order) };
    const started = await Promise.allSettled(Array.from({ length: size }, () => TrialWorker.start(data)));
    const workers = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) {
      await Promise.all(workers.map((w) => w.stop()));
      throw failed.reason;
    }
    return new WorkerRunner(workers);
  }

  async run(spec: TrialSpec): Promise<TrialOutcome> {
    const w = this.idle.pop() ?? (await new Promise<TrialWorker>((resolve) => this.waiters.push(resolve)));
    try {
      return await w.run(spec);
    } finally {
      const next = this.waiters.shift();
      if (next) next(w);
      else this.idle.push(w);
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.stop()));
  }
}

/** One worker thread and the trial it is running. */
class TrialWorker {
  private pending: ((o: TrialOutcome) => void) | null = null;
  private nextId = 0;
  private dead: Error | null = null;

  private constructor(private worker: Worker, private readonly data: TrialWorkerData) {
    this.watch();
  }

  static async start(data: TrialWorkerData): Promise<TrialWorker> {
    return new TrialWorker(await spawn(data), data);
  }

  /** Fails the trial in flight if the thread dies (out of memory, say); the next trial gets a new thread. */
  private watch(): void {
    this.worker.on('message', (m: { id: number; outcome: TrialOutcome }) => {
      if (m.id === this.nextId - 1 && this.pending) this.settle(m.outcome);
    });
    const died = (e: unknown) => {
      this.dead = e instanceof Error ? e : new Error(`exited with code ${String(e)}`);
      this.settle({ ok: false, error: { code: 'INTERNAL', message: `trial worker died: ${this.dead.message}` }, seconds: 0 });
    };
    this.worker.on('error', died);
    this.worker.on('exit', died);
  }

  private settle(o: TrialOutcome): void {
    const p = this.pending;
    this.pending = null;
    p?.(o);
  }

  async run(spec: TrialSpec): Promise<TrialOutcome> {
    if (this.dead) {
      try {
        this.worker = await spawn(this.data);
      } catch (e) {
        return { ok: false, error: { code: 'INTERNAL', message: `trial worker did not restart: ${e instanceof Error ? e.message : String(e)}` }, seconds: 0 };
      }
      this.dead = null;
      this.watch();
    }
    const req: TrialRequest = { id: this.nextId++, spec };
    return new Promise((resolve) => {
      this.pending = resolve;
      this.worker.postMessage(req);
    });
  }

  async stop(): Promise<void> {
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }
}

/**
 * A started worker thread, once it has loaded its modules and frames.
 *
 * Sources are TypeScript run through tsx. On Node 20 a worker inherits no
 * loader hooks, and `execArgv: ['--import', 'tsx']` does not help either:
 * the worker's entry module is loaded before the hooks take effect
 * ("Unknown file extension .ts", checked under `node --import tsx`, the
 * test runner and bin/lathe.js). So a TypeScript worker starts from a tiny
 * evaluated script that registers tsx through its API (as bin/lathe.js
 * does) and then imports the worker module; both by absolute URL, so they
 * resolve from any working directory. Compiled JavaScript needs none of it.
 */
function spawn(data: TrialWorkerData): Promise<Worker> {
  const ts = import.meta.url.endsWith('.ts');
  const entry = new URL(ts ? './trial-worker.ts' : './trial-worker.js', import.meta.url);
  const boot = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); });`;
  const worker = ts ? new Worker(boot, { eval: true, workerData: data }) : new Worker(entry, { workerData: data });
  return new Promise((resolve, reject) => {
    const fail = (e: unknown) => reject(e instanceof Error ? e : new Error(`trial worker exited with code ${String(e)} before it was ready`));
    worker.once('error', fail);
    worker.once('exit', fail);
    worker.once('message', () => {
      worker.off('error', fail);
      worker.off('exit', fail);
      resolve(worker);
    });
  });
}

/**
 * The runner for `parallel` concurrent trials: worker threads above 1, this
 * thread otherwise. If the threads cannot start, trials run here and the
 * reason is returned as a warning rather than failing the search.
 */
export async function openRunner(ctx: TrialContext, parallel: number): Promise<{ runner: TrialRunner; warning: string | null }> {
  if (parallel <= 1) return { runner: new InlineRunner(ctx), warning: null };
  try {
    return { runner: await WorkerRunner.open(ctx, parallel), warning: null };
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return { runner: new InlineRunner(ctx), warning: `search trials ran in one thread: worker threads did not start (${why})` };
  }
}
