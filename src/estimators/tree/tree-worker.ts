/**
 * A worker thread of {@link TreePool}: receives a fit's shared arrays, then
 * runs units of the tasks the main thread publishes until told to release.
 */
import { parentPort } from 'node:worker_threads';
import { CTRL, claimUnit, paramSlot } from './thread-pool.js';
import { OP, type TaskArrays, runUnit } from './work-ops.js';
import type { WorkView } from './work-view.js';

type Bound = TaskArrays & { view: WorkView & { active: Int32Array; groups: Int32Array; groupFeats: Int32Array } };

/** Re-reads the tree's features from the shared area before a histogram task. */
function refreshActive(a: Bound, area: Int32Array): void {
  const na = area[0];
  const ng = area[1];
  const nf = area[2];
  a.view.active = area.slice(3, 3 + na);
  a.view.groups = area.slice(3 + na, 3 + na + ng);
  a.view.groupFeats = area.slice(3 + na + ng, 3 + na + ng + nf);
}

/** The task loop of one bound fit; returns on RELEASE. */
function serve(msg: { ctrl: Int32Array; claim: BigInt64Array; view: WorkView; active: Int32Array } & TaskArrays): void {
  const { ctrl, claim } = msg;
  const a: Bound = { ...msg, view: { ...msg.view, active: new Int32Array(0), groups: new Int32Array(0), groupFeats: new Int32Array(0) } };
  const p = new Int32Array(CTRL.SLOT);
  let seen = 0;
  for (;;) {
    Atomics.wait(ctrl, CTRL.SEQ, seen);
    const t = Atomics.load(ctrl, CTRL.SEQ);
    seen = t;
    p.set(ctrl.subarray(paramSlot(t), paramSlot(t) + CTRL.SLOT));
    const op = p[0];
    if (op === OP.RELEASE) return;
    if (op === OP.BUILD) refreshActive(a, msg.active);
    const args = p.subarray(2);
    for (let u = claimUnit(claim, t, p[1]); u >= 0; u = claimUnit(claim, t, p[1])) {
      try {
        runUnit(a, op, u, args);
      } catch (e) {
        console.error(e);
        Atomics.store(ctrl, CTRL.ERROR, 1);
      }
      Atomics.add(ctrl, CTRL.COMPLETED, 1);
      Atomics.notify(ctrl, CTRL.COMPLETED);
    }
  }
}

parentPort!.on('message', serve);
parentPort!.postMessage('ready');
