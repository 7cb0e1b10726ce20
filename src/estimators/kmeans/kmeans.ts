import { type Column, type Frame, Rng } from '../../core/index.js';
import { LatheError } from '../../errors.js';
import type { Estimator, EstimatorJSON, FitOptions, Params, ParamValue, Task } from '../estimator.js';
import { type ParamSpec, resolveParams, SEED_PARAM } from '../params.js';
import type { EstimatorFactory } from '../registry.js';
import { checkFeatureFrame, checkPredictFrame, notFitted } from '../target.js';
import { BlockExecutor, workerCount } from './executor.js';
import { assignBlock, assignStride, centreTerms } from './kernels.js';
import { type LloydResult, lloyd, sameClustering } from './lloyd.js';
import { kmeansPlusPlus } from './plusplus.js';
import { BLOCK_ROWS, columnMeans, numericColumns, type Points, sampleWeights, toPoints } from './points.js';

const KIND = 'kmeans';
const FORMAT = 1;

/** kmeans's hyper-parameters; defaults follow scikit-learn's KMeans (n_init as its 'auto' for k-means++). */
export const KMEANS_PARAMS: readonly ParamSpec[] = [
  { name: 'k', type: 'int', default: 8, min: 1, help: 'number of clusters' },
  { name: 'n_init', type: 'int', default: 1, min: 1, help: 'k-means++ restarts; the lowest inertia wins' },
  { name: 'max_iter', type: 'int', default: 300, min: 1, help: 'Lloyd iterations per restart, at most' },
  { name: 'tol', type: 'float', default: 1e-4, min: 0, help: 'stop when Σ centre shift² ≤ tol × mean feature variance' },
  SEED_PARAM,
];

/** Learned state: centres in feature units, the training mean (predict centres rows on it, as fit did). */
interface KMeansState {
  centers: Float64Array;
  mean: Float64Array;
  inertia: number;
  n_iter: number;
}

/**
 * k-means clustering as scikit-learn's `KMeans(algorithm="lloyd")`: greedy
 * k-means++ seeding, `n_init` restarts keeping the lowest inertia, Lloyd
 * iterations until no label changes or the centres move less than
 * `tol × mean feature variance`, at most `max_iter` times. Numeric features
 * only; sample weights are honoured. `predict` gives the nearest centre's index.
 *
 * @example
 * ```ts
 * const km = new KMeans({ k: 3, n_init: 4, seed: 1 });
 * await km.fit(frame, null);
 * km.inertia();            // Σ w·||x − nearest centre||² on the training rows
 * const cluster = km.predict(frame);
 * ```
 */
export class KMeans implements Estimator {
  readonly kind = KIND;
  readonly task: Task = 'clustering';
  readonly params: Params;
  private state: KMeansState | null = null;
  private features: string[] = [];

  /** Throws BAD_PARAM naming the parameter and its range. */
  constructor(params: Record<string, ParamValue | undefined> = {}) {
    this.params = Object.freeze(resolveParams(KIND, KMEANS_PARAMS, params));
  }

  get fitted(): boolean {
    return this.state !== null;
  }

  /** Clusters the rows of `frame`; a target, if given, is ignored (as scikit-learn's `y`). */
  async fit(frame: Frame, _target: Column | null, opts: FitOptions = {}): Promise<void> {
    checkFeatureFrame(KIND, frame);
    const k = this.params.k as number;
    if (k > frame.rows) {
      throw new LatheError('BAD_PARAM', `${KIND} parameter k=${k} is more than the ${frame.rows} training rows`, {
        hint: `k must be an integer in [1, ${frame.rows}] for this data: every cluster needs a row`,
      });
    }
    const features = frame.names;
    const cols = numericColumns(KIND, frame, features);
    const mean = columnMeans(cols, frame.rows);
    const workers = workerCount(frame.rows, features.length, k);
    const weights = sampleWeights(KIND, frame.rows, opts.sampleWeight, workers > 0);
    const points = toPoints(KIND, features, cols, frame.rows, mean, workers > 0);
    const best = await this.search(points, weights, workers, opts);
    const centers = best.centres;
    for (let i = 0; i < centers.length; i++) centers[i] += mean[i % mean.length];
    this.state = { centers, mean, inertia: best.inertia, n_iter: best.nIter };
    this.features = features;
  }

  /** `n_init` seedings and runs; keeps the lowest inertia unless it is the same partition. */
  private async search(points: Points, weights: Float64Array, workers: number, opts: FitOptions): Promise<LloydResult> {
    const k = this.params.k as number;
    const nInit = this.params.n_init as number;
    const rng = new Rng(this.params.seed as number);
    const ex = await BlockExecutor.open(points, weights, k, workers);
    try {
      const tol = (this.params.tol as number) * points.meanVariance;
      const weightedNorms = ex.weightedNorms;
      let best: LloydResult | null = null;
      let bestLabels: Int32Array | null = null;
      for (let r = 0; r < nInit; r++) {
        const init = await kmeansPlusPlus(ex, k, rng);
        const res = await lloyd(ex, init, { k, maxIter: this.params.max_iter as number, tol, weightedNorms, onIteration: opts.onIteration, signal: opts.signal });
        if (best === null || (res.inertia < best.inertia && !sameClustering(ex.labels, bestLabels!, k))) {
          best = res;
          if (nInit > 1) bestLabels = ex.labels.slice();
        }
      }
      return best!;
    } finally {
      await ex.close();
    }
  }

  /** The index of each row's nearest centre. */
  predict(frame: Frame): Float64Array {
    const s = this.need();
    checkPredictFrame(KIND, frame, this.features);
    const points = toPoints(KIND, this.features, numericColumns(KIND, frame, this.features), frame.rows, s.mean);
    const d = s.mean.length;
    const k = s.centers.length / d;
    const centred = s.centers.map((v, i) => v - s.mean[i % d]);
    return nearestCentres(points, centred, k);
  }

  classes(): null {
    return null;
  }

  /** Σ w·||x − nearest centre||² over the training rows (scikit-learn's `inertia_`). */
  inertia(): number {
    return this.need().inertia;
  }

  /** Lloyd iterations of the kept run (scikit-learn's `n_iter_`). */
  nIter(): number {
    return this.need().n_iter;
  }

  /** A copy of the centres, k × features, row-major (scikit-learn's `cluster_centers_`). */
  centers(): Float64Array {
    return this.need().centers.slice();
  }

  toJSON(): EstimatorJSON {
    const s = this.need();
    return {
      kind: KIND, format: FORMAT, task: this.task, params: { ...this.params }, features: [...this.features], classes: null,
      state: { centers: s.centers, mean: s.mean, inertia: s.inertia, n_iter: s.n_iter },
    };
  }

  /** Rebuilds a fitted KMeans, checking the state's shape. */
  static fromJSON(json: EstimatorJSON): KMeans {
    if (json.kind !== KIND) throw new LatheError('BAD_INPUT', `expected a ${KIND} model, got "${json.kind}"`);
    if (json.format > FORMAT) {
      throw new LatheError('SCHEMA_TOO_NEW', `${KIND} state format ${json.format} is newer than this Lathe reads (${FORMAT})`, { hint: 'upgrade Lathe' });
    }
    const est = new KMeans(json.params);
    const { centers, mean, inertia, n_iter } = json.state as Partial<KMeansState>;
    const d = json.features.length;
    if (!(centers instanceof Float64Array) || !(mean instanceof Float64Array) || mean.length !== d || d === 0 || centers.length !== (est.params.k as number) * d) {
      throw new LatheError('INTEGRITY', `${KIND} state is malformed: centres must be k × ${d} and the mean ${d} values`, { hint: 'retrain the model' });
    }
    est.state = { centers, mean, inertia: Number(inertia), n_iter: Number(n_iter) };
    est.features = [...json.features];
    return est;
  }

  private need(): KMeansState {
    if (!this.state) throw notFitted(KIND);
    return this.state;
  }
}

/** Labels every row with its nearest centre, block by block on this thread. */
function nearestCentres(p: Points, centres: Float64Array, k: number): Float64Array {
  const { data, rows, dims: d } = p;
  const cn = new Float64Array(k);
  const m2 = new Float64Array(k * d);
  centreTerms(centres, k, d, cn, m2);
  const labels = new Int32Array(rows);
  const ones = new Float64Array(Math.min(rows, BLOCK_ROWS)).fill(1);
  const part = new Float64Array(assignStride(k, d));
  for (let start = 0; start < rows; start += BLOCK_ROWS) {
    const end = Math.min(rows, start + BLOCK_ROWS);
    // Views shifted to the block let one block-sized weight array serve every block.
    assignBlock(data.subarray(start * d), d, 0, end - start, k, cn, m2, labels.subarray(start), ones, false, part, 0);
  }
  return Float64Array.from(labels);
}

/** The registry entry of {@link KMeans}: task `clustering`, numeric features only. */
export const kmeansFactory: EstimatorFactory = {
  kind: KIND,
  tasks: ['clustering'],
  params: KMEANS_PARAMS,
  nativeCategorical: false,
  create(_task: Task, params: Record<string, ParamValue | undefined>): Estimator {
    return new KMeans(params);
  },
  fromJSON: (json) => KMeans.fromJSON(json),
};
