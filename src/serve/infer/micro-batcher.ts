import { Frame, type Column } from '../../core/index.js';
import type { Scores, ServedModel } from '../models/served-model.js';

interface Job {
  frame: Frame;
  resolve(s: Scores): void;
  reject(e: unknown): void;
}

/**
 * Scores the requests that arrive together as one frame. Under concurrent
 * load, the requests parsed in one turn of the event loop are queued, and a
 * `setImmediate` scores each model's queue in one call: a model's fixed cost
 * per call (tree ensembles re-encode their features on every call) is then
 * paid once per turn instead of once per request, and no request waits for a
 * timer. Requests with other column sets, or big ones, are scored alone.
 */
export class MicroBatcher {
  private queues = new Map<string, { model: ServedModel; jobs: Job[] }>();
  private scheduled = false;

  /** `maxRows`: requests at least this big are scored on their own. */
  constructor(private readonly maxRows = 256) {}

  score(model: ServedModel, frame: Frame): Promise<Scores> {
    if (frame.rows >= this.maxRows) return Promise.resolve(model.score(frame));
    // Frames batch only with frames of the same model and the same columns in the same order.
    const key = `${model.name}\u0000${model.version}\u0000${frame.names.join('\u0000')}`;
    return new Promise((resolve, reject) => {
      let q = this.queues.get(key);
      if (!q) this.queues.set(key, (q = { model, jobs: [] }));
      q.jobs.push({ frame, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    const queues = this.queues;
    this.queues = new Map();
    this.scheduled = false;
    for (const { model, jobs } of queues.values()) void scoreJobs(model, jobs, this.maxRows);
  }
}

async function scoreJobs(model: ServedModel, jobs: Job[], maxRows: number): Promise<void> {
  if (jobs.length === 1) return scoreAlone(model, jobs[0]);
  // Cut into batches of at most maxRows rows, so one turn never scores an unbounded frame.
  let start = 0;
  while (start < jobs.length) {
    let rows = 0;
    let end = start;
    while (end < jobs.length && (end === start || rows + jobs[end].frame.rows <= maxRows)) rows += jobs[end++].frame.rows;
    const batch = jobs.slice(start, end);
    start = end;
    try {
      const s = await model.score(concatFrames(batch.map((j) => j.frame)));
      split(s, batch, model.classes?.length ?? 0);
    } catch {
      // A failure is attributed to the request that causes it: score each alone.
      for (const j of batch) await scoreAlone(model, j);
    }
  }
}

async function scoreAlone(model: ServedModel, job: Job): Promise<void> {
  try {
    job.resolve(await model.score(job.frame));
  } catch (e) {
    job.reject(e);
  }
}

function split(s: Scores, batch: Job[], k: number): void {
  let offset = 0;
  for (const j of batch) {
    const n = j.frame.rows;
    const proba = s.proba ? s.proba.subarray(offset * k, (offset + n) * k) : null;
    // Unseen-category counts are per batch and cannot be told apart; a server refusing unseen categories does not batch.
    j.resolve({ prediction: s.prediction.subarray(offset, offset + n), proba, unseen: {} });
    offset += n;
  }
}

/** Frames with the same columns, one after the other; dictionaries are merged. */
export function concatFrames(frames: readonly Frame[]): Frame {
  const total = frames.reduce((n, f) => n + f.rows, 0);
  const columns = frames[0].columns.map((c0, j): Column => {
    if (!('codes' in c0)) {
      const values = new Float64Array(total);
      let o = 0;
      for (const f of frames) {
        const c = f.columns[j] as { values: Float64Array };
        values.set(c.values, o);
        o += c.values.length;
      }
      return { name: c0.name, type: c0.type, values };
    }
    const codes = new Int32Array(total);
    const dictionary: string[] = [];
    const index = new Map<string, number>();
    let o = 0;
    for (const f of frames) {
      const c = f.columns[j] as { codes: Int32Array; dictionary: readonly string[] };
      const map = c.dictionary.map((v) => {
        let code = index.get(v);
        if (code === undefined) index.set(v, (code = dictionary.push(v) - 1));
        return code;
      });
      for (let i = 0; i < c.codes.length; i++) codes[o + i] = c.codes[i] < 0 ? -1 : map[c.codes[i]];
      o += c.codes.length;
    }
    return { name: c0.name, type: c0.type, codes, dictionary };
  });
  return Frame.of(columns, total);
}
