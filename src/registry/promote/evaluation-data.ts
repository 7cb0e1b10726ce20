import type { Column, Frame } from '../../core/index.js';
import { type SplitRecord, type SplitSpec, splitFrame } from '../../data/split/index.js';
import { LatheError } from '../../errors.js';
import { loadFrame, resolveDataset } from '../../ingest/index.js';
import type { Home, ModelVersionRecord, RunRecord } from '../../store/index.js';

/** The rows a promotion scores on, and the rows its baseline is fitted on. */
export interface EvaluationData {
  /** The evaluation rows (with a target, rows missing it left out). */
  frame: Frame;
  /** The candidate's training rows, for the baseline; null when unknown. */
  train: Frame | null;
  /** What the rows are, for people: `cars@1 test split (random, seed 0, 20%)`. */
  label: string;
  dataset: { name: string; version: number };
}

/**
 * The evaluation data of a promotion: `datasetRef` when given, else the
 * candidate's own test split, made again from its run's split record (the
 * same method, seed, fraction and column, after dropping rows without a
 * target as training did). The sizes must come out as the run recorded, or
 * the split is not the same one and the promotion stops.
 */
export async function evaluationData(home: Home, v: ModelVersionRecord, target: string | null, datasetRef?: string): Promise<EvaluationData> {
  const run = v.lineage.run_id ? ((await home.meta.getRun(v.lineage.run_id)) ?? null) : null;
  const trained = run ? await trainingSplit(home, run, target) : null;
  if (datasetRef !== undefined) {
    const rec = await resolveDataset(home, datasetRef);
    const frame = withTarget(await loadFrame(home, `${rec.name}@${rec.version}`), target);
    return { frame, train: trained?.train ?? null, label: `${rec.name}@${rec.version}`, dataset: { name: rec.name, version: rec.version } };
  }
  if (!trained) {
    throw new LatheError('BAD_USAGE', `${v.model}:${v.version} has no recorded run to take its test split from`, {
      hint: 'pass --dataset <name@N> to score the candidate and the champion on that data',
    });
  }
  return { frame: trained.test, train: trained.train, label: trained.label, dataset: trained.dataset };
}

/** A run's split record as stored: a {@link SplitRecord}, or train's `test_dataset` form. */
type RecordedSplit = Partial<Omit<SplitRecord, 'method'>> & { method?: string; test_dataset?: string };

interface TrainingSplit {
  train: Frame;
  test: Frame;
  label: string;
  dataset: { name: string; version: number };
}

async function trainingSplit(home: Home, run: RunRecord, target: string | null): Promise<TrainingSplit | null> {
  const split = run.split as RecordedSplit | null;
  if (!run.dataset || !split) return null;
  const dataset = { name: run.dataset.name, version: run.dataset.version };
  const ref = `${dataset.name}@${dataset.version}`;
  const all = withTarget(await loadFrame(home, ref), target);
  if (split.method === 'test_dataset' && split.test_dataset) {
    const rec = await resolveDataset(home, split.test_dataset);
    const test = withTarget(await loadFrame(home, `${rec.name}@${rec.version}`), target);
    return { train: all, test, label: `${rec.name}@${rec.version} (the run's test dataset)`, dataset: { name: rec.name, version: rec.version } };
  }
  const s = splitFrame(all, specOf(run, split));
  if (split.sizes && (s.test.length !== split.sizes.test || s.train.length !== split.sizes.train)) {
    throw new LatheError('BAD_INPUT', `the test split of run ${run.id} cannot be made again: ${s.test.length} test rows now, ${split.sizes.test} then`, {
      hint: 'pass --dataset <name@N> to score on a dataset version instead',
    });
  }
  const how = [split.method, split.seed !== null && split.seed !== undefined ? `seed ${split.seed}` : null, `${Math.round((split.test_fraction ?? 0) * 100)}%`];
  return { train: all.take(s.train), test: all.take(s.test), label: `${ref} test split (${how.filter(Boolean).join(', ')})`, dataset };
}

function specOf(run: RunRecord, r: RecordedSplit): SplitSpec {
  const testFraction = r.test_fraction ?? NaN;
  const seed = r.seed ?? 0;
  const column = r.column ?? '';
  switch (r.method) {
    case 'random':
      return { method: 'random', testFraction, seed };
    case 'stratified':
    case 'group':
      return { method: r.method, column, testFraction, seed };
    case 'time':
      return { method: 'time', column, testFraction };
    default:
      throw new LatheError('BAD_INPUT', `run ${run.id} recorded a split method "${String(r.method)}" that cannot be made again`, {
        hint: 'pass --dataset <name@N> to score on a dataset version instead',
      });
  }
}

/** Rows without a target can't be scored, and training left them out before splitting: so here too. */
function withTarget(frame: Frame, target: string | null): Frame {
  if (!target || !frame.has(target)) return frame;
  const col = frame.column(target);
  const keep: number[] = [];
  for (let i = 0; i < frame.rows; i++) if (!missing(col, i)) keep.push(i);
  return keep.length === frame.rows ? frame : frame.take(Int32Array.from(keep));
}

function missing(col: Column, i: number): boolean {
  return 'codes' in col ? col.codes[i] < 0 : Number.isNaN(col.values[i]);
}
