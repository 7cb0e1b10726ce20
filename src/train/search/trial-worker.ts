/**
 * The worker-thread side of a parallel search. It rebuilds the inner-train
 * and inner-validation frames around the SharedArrayBuffers it was started
 * with (once), then fits and scores one trial per message. It never touches
 * the metadata store: the main thread records every trial.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Task } from '../../estimators/index.js';
import { type TrialContext, type TrialSpec, evaluateTrial } from './evaluate-trial.js';
import { type SharedFrame, frameFromShared } from './shared-frame.js';

/** What a trial worker is started with. */
export interface TrialWorkerData {
  train: SharedFrame;
  valid: SharedFrame;
  target: string | null;
  task: Task;
  order: SharedArrayBuffer;
}

/** A request to the worker, and its answer. */
export interface TrialRequest {
  id: number;
  spec: TrialSpec;
}

const port = parentPort;
if (port) {
  const data = workerData as TrialWorkerData;
  const ctx: TrialContext = {
    train: frameFromShared(data.train),
    valid: frameFromShared(data.valid),
    target: data.target,
    task: data.task,
    order: new Int32Array(data.order),
  };
  port.on('message', (req: TrialRequest) => {
    void evaluateTrial(ctx, req.spec).then((outcome) => port.postMessage({ id: req.id, outcome }));
  });
  port.postMessage({ ready: true });
}
