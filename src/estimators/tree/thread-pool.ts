import { Worker } from 'node:worker_threads';
import { OP, type TaskArrays, runUnit } from './work-ops.js';

/** Control words: the task sequence number, units completed, an error flag; then two parameter slots. */
export const CTRL = { SEQ: 0, COMPLETED: 1, ERROR: 2, PARAMS: 16, SLOT: 16, SIZE: 48 } as const;

/** Where a task's parameters live: slot `seq & 1`, so the next task never overwrites the running one's. */
export function paramSlot(seq: number): number {
  return CTRL.PARAMS + CTRL.SLOT * (seq & 1);
}

/**
 * Claims the next unit of task `seq`, or -1 when there is none (or the task
 * is over). The claim word holds the task's sequence number in its high 32
 * bits, so a thread that woke late can never claim a unit of a newer task
 * with an older task's parameters.
 */
export function claimUnit(claim: BigInt64Array, seq: number, units: number): number {
  for (;;) {
    const cur = Atomics.load(claim, 0);
    if (Number(cur >> 32n) !== seq) return -1;
    const u = Number(cur & 0xffffffffn);
    if (u >= units) return -1;
    if (Atomics.compareExchange(claim, 0, cur, cur + 1n) === cur) return u;
  }
}

/**
 * Worker threads that run the units of tree-learning operations over
 * SharedArrayBuffers. The calling thread takes units too, and only waits
 * for units a worker has started, so a descheduled worker (a busy machine)
 * slows a task down but never stalls it. Units write disjoint outputs, so
 * which thread ran which unit never changes a result.
 */
export class TreePool {
  private readonly workers: Worker[];
  private ctrl: Int32Array = new Int32Array(0);
  private claim: BigInt64Array = new BigInt64Array(0);
  private local: TaskArrays | null = null;
  private seq = 0;
  /** True while a fit holds the pool. */
  busy = false;

  private constructor(workers: Worker[]) {
    this.workers = workers;
  }

  /** Starts `count` workers and waits until each has loaded. */
  static async start(count: number): Promise<TreePool> {
    const workers = Array.from({ length: count }, () => spawnWorker());
    try {
      await Promise.all(workers.map((w) => ready(w)));
    } catch (e) {
      await Promise.all(workers.map((w) => w.terminate()));
      throw e;
    }
    for (const w of workers) w.unref();
    return new TreePool(workers);
  }

  get threads(): number {
    return this.workers.length + 1;
  }

  /** Hands the fit's shared arrays to every worker; a fresh control block per fit. */
  bind(arrays: TaskArrays): void {
    this.ctrl = new Int32Array(new SharedArrayBuffer(4 * CTRL.SIZE));
    this.claim = new BigInt64Array(new SharedArrayBuffer(8));
    this.seq = 0;
    this.local = arrays;
    const v = arrays.view;
    const view = {
      n: v.n, k: v.k, channels: v.channels, histSize: v.histSize, slots: v.slots, layout: v.layout, nFeatures: v.nFeatures,
      idx: v.idx, scratch: v.scratch, buf: v.buf, words: v.words, offsets: v.offsets,
    };
    const msg = { ctrl: this.ctrl, claim: this.claim, view, active: activeArea(arrays), goLeft: arrays.goLeft, chunks: arrays.chunks, maxChunks: arrays.maxChunks, boost: arrays.boost };
    for (const w of this.workers) w.postMessage(msg);
  }

  /** Writes the current tree's features where the workers read them before a histogram task. */
  publishActive(): void {
    if (this.local) this.local.activeArea?.set(encodeActive(this.local));
  }

  /** Runs units 0..units-1 of `op` on every thread; returns when all are done. */
  run(op: number, units: number, params: ArrayLike<number>): void {
    const t = ++this.seq;
    const { ctrl, claim } = this;
    const p = ctrl.subarray(paramSlot(t), paramSlot(t) + CTRL.SLOT);
    p[0] = op;
    p[1] = units;
    p.set(params, 2);
    Atomics.store(ctrl, CTRL.COMPLETED, 0);
    Atomics.store(claim, 0, BigInt(t) << 32n);
    Atomics.store(ctrl, CTRL.SEQ, t);
    Atomics.notify(ctrl, CTRL.SEQ);
    const args = p.slice(2);
    for (let u = claimUnit(claim, t, units); u >= 0; u = claimUnit(claim, t, units)) {
      runUnit(this.local!, op, u, args);
      Atomics.add(ctrl, CTRL.COMPLETED, 1);
    }
    for (let c = Atomics.load(ctrl, CTRL.COMPLETED); c < units; c = Atomics.load(ctrl, CTRL.COMPLETED)) {
      Atomics.wait(ctrl, CTRL.COMPLETED, c, 50);
    }
    if (Atomics.load(ctrl, CTRL.ERROR) !== 0) throw new Error('tree worker failed; its error is on stderr');
  }

  /** Ends the fit: the workers leave their task loop and wait for the next bind. */
  release(): void {
    if (this.local) {
      const t = ++this.seq;
      this.ctrl[paramSlot(t)] = OP.RELEASE;
      Atomics.store(this.ctrl, CTRL.SEQ, t);
      Atomics.notify(this.ctrl, CTRL.SEQ);
    }
    this.local = null;
    this.busy = false;
  }
}

/** The active features area, [nActive, nGroups, nGroupFeats, active…, groups…, groupFeats…], shared. */
function activeArea(a: TaskArrays): Int32Array {
  const f = a.view.nFeatures;
  a.activeArea = new Int32Array(new SharedArrayBuffer(4 * (3 * f + 3)));
  a.activeArea.set(encodeActive(a));
  return a.activeArea;
}

function encodeActive(a: TaskArrays): Int32Array {
  const v = a.view;
  return Int32Array.from([v.active.length, v.groups.length, v.groupFeats.length, ...v.active, ...v.groups, ...v.groupFeats]);
}

/**
 * Under tsx (TypeScript sources), Node 20 does not apply `--import tsx` to a
 * worker's entry module, so a small CommonJS bootstrap registers tsx's
 * loader in the worker first and then imports the TypeScript entry.
 */
const BOOT = `const { workerData } = require('node:worker_threads');
(async () => {
  const { register } = await import(workerData.tsx);
  register();
  await import(workerData.entry);
})().catch((e) => { console.error(e); process.exit(1); });`;

function spawnWorker(): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./tree-worker.js', import.meta.url));
  const entry = new URL('./tree-worker.ts', import.meta.url).href;
  return new Worker(BOOT, { eval: true, workerData: { entry, tsx: import.meta.resolve('tsx/esm/api') } });
}

function ready(w: Worker): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('tree worker did not start in 60 s')), 60_000);
    w.once('message', (m) => {
      clearTimeout(timer);
      if (m === 'ready') resolve();
      else reject(new Error(`tree worker: unexpected first message ${String(m)}`));
    });
    w.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}
