import { Worker } from 'node:worker_threads';
import { type KernelSet, runBlocks, workerLoop } from './block-ops.js';
import { assignBlock, candidatePotsBlock, inertiaBlock, normsBlock, takeClosestBlock, updateClosestBlock } from './kernels.js';

/** The kernels every thread runs. */
export const KERNELS: KernelSet = { normsBlock, assignBlock, candidatePotsBlock, updateClosestBlock, takeClosestBlock, inertiaBlock };

let source: string | null = null;

/**
 * The worker's program, assembled from the source text of the kernels,
 * {@link runBlocks} and {@link workerLoop} — our own functions, already
 * compiled to JavaScript by whichever loader imported this module.
 *
 * Why not `new Worker('kernels-worker.ts')`: Lathe runs from TypeScript
 * sources through tsx, and a worker does not inherit the loader hook; booting
 * tsx inside each worker measured 0.6–1 s against ~50 ms for this. Building
 * from the functions' text works the same under tsx and compiled JS.
 */
export function kernelWorkerSource(): string {
  if (source === null) {
    const kernels = Object.entries(KERNELS).map(([name, fn]) => `${name}: ${String(fn)}`).join(',\n');
    source = [
      "'use strict';",
      `const K = {\n${kernels}\n};`,
      `const run = ${String(runBlocks)};`,
      `(${String(workerLoop)})(require('node:worker_threads').parentPort, K, run);`,
    ].join('\n');
  }
  return source;
}

/** A new kernel worker; it waits for a `load` message. */
export function spawnKernelWorker(): Worker {
  return new Worker(kernelWorkerSource(), { eval: true });
}
