import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { type Progress, silentProgress, span } from '../../core/index.js';
import { DuckDBEngine, quoteLiteral } from '../../engine/index.js';
import { LatheError } from '../../errors.js';
import type { Home } from '../../store/index.js';
import { loadPackage, type ModelDocument, type SignatureInput } from '../../train/package/index.js';
import { onnxBatchModel } from '../onnx-batch.js';
import { Predictor } from '../predictor.js';
import { resolveModelPackage } from '../resolve-model.js';
import { ChunkReader, ROW_COLUMN, type RejectSummary } from './chunk-reader.js';
import { openInput, type InputFile } from './input-file.js';
import { planInput, shownColumns, type InputPlan } from './input-plan.js';
import { checkOutputPath, type OutputLayout, outputColumns, publish, removeQuietly, sweepTemps, tempBeside, writeOutput } from './output-writer.js';
import { ScoreSpill } from './score-spill.js';
import { InlineScorer, type Scorer } from './score-frame.js';
import { scoreAll } from './score-loop.js';
import { WorkerScorer } from './worker-scorer.js';

/** Options of {@link batchPredict}. */
export interface BatchPredictOptions {
  /** A model ref: run id (or unique prefix), package sha256, or a registry ref once it exists. */
  model: string;
  /** Any ingestible source (path, glob, URL) or a dataset ref (`name`, `name@N`). */
  input: string;
  /** The output file: `.parquet`, `.csv`, `.ndjson` or `.jsonl`, in an existing folder. */
  output: string;
  /** Input columns passed through to the output, before the predictions. */
  keep?: string[];
  /** `fail` (default): any row that does not fit the signature fails the job. `skip`: such rows go to `<output>.rejects.ndjson`. */
  onError?: 'fail' | 'skip';
  /** Rows scored per chunk (default 100,000): memory holds a few chunks at a time. */
  chunkRows?: number;
  /**
   * Scoring worker threads (default: one per core but one, which reads the
   * input; at least 1). 0 scores on the calling thread.
   */
  threads?: number;
  /** DuckDB's memory limit for reading and writing (default `1GB`); beyond it DuckDB spills to the staging folder. */
  memoryLimit?: string;
  progress?: Progress;
}

/** The outcome of {@link batchPredict}; the CLI's `--json` shape. */
export interface BatchPredictResult {
  /** Rows scored and written. */
  rows: number;
  /** The output file's absolute path. */
  output: string;
  seconds: number;
  /** Rows that failed the signature checks (written to `rejects` with `onError: 'skip'`). */
  rejected: number;
  rejects: string | null;
  warnings: string[];
}

const DEFAULT_CHUNK_ROWS = 100_000;

/**
 * Scores any input with a stored model, in chunks, and writes the results
 * atomically: to a temporary file beside `output`, renamed at the end, so a
 * crash never leaves a truncated file under the final name. The input is
 * checked against the model's signature before any row is scored: column
 * problems (missing, wrong type) are one error listing all of them; bad
 * values fail the job, or with `onError: 'skip'` go to a side file with
 * their reasons. Memory stays bounded by a few chunks; scoring runs on
 * worker threads.
 *
 * @example
 * ```ts
 * const r = await batchPredict(home, { model: runId, input: 'penguins@1', output: 'out.parquet', keep: ['id'] });
 * r.rows; // 344
 * ```
 */
export async function batchPredict(home: Home, opts: BatchPredictOptions): Promise<BatchPredictResult> {
  const t0 = performance.now();
  const out = checkOutputPath(opts.output);
  const chunkRows = checkChunkRows(opts.chunkRows ?? DEFAULT_CHUNK_ROWS);
  const keep = [...new Set(opts.keep ?? [])];
  const resolved = await resolveModelPackage(home, opts.model);
  const model = resolved.format === 'onnx' ? await onnxBatchModel(home, resolved) : latheModel(await loadPackage(home, resolved.sha256));
  const layout = model.layout;
  checkKeep(keep, layout);
  const progress = opts.progress ?? silentProgress;
  const staging = home.stagingDir();
  const temps: string[] = [];
  const engine = await DuckDBEngine.open({ tempDir: join(staging, 'spill'), memoryLimit: opts.memoryLimit ?? '1GB' });
  try {
    // The output is written in input order without a sort; that relies on this (DuckDB's default).
    await engine.run('SET preserve_insertion_order = true');
    const { file, plan } = await span('predict.input', () => prepareInput(home, engine, staging, model.inputs, opts.input, keep, chunkRows, progress));
    const reader = new ChunkReader(engine, file, plan, chunkRows);
    const rejects = opts.onError === 'skip' ? `${out.path}.rejects.ndjson` : null;
    const summary = await span('predict.check', () => reader.check());
    if (summary.rows > 0 && rejects === null) throw rejectError(file.label, summary, `${out.path}.rejects.ndjson`);
    const job: Job = { engine, reader, layout, model, threads: opts.threads ?? Math.max(1, availableParallelism() - 1), progress };
    const spill = new ScoreSpill(staging, layout.proba ? layout.classes.length : 0);
    try {
      const unseen = await score(job, spill);
      await span('predict.write', () => writeFiles(job, spill, out, rejects, keep, temps));
      const warnings = [...plan.warnings, ...unseenWarnings(unseen)];
      return { rows: spill.rows, output: out.path, seconds: (performance.now() - t0) / 1000, rejected: summary.rows, rejects, warnings };
    } finally {
      spill.close();
    }
  } catch (e) {
    removeQuietly(temps);
    throw e;
  } finally {
    progress.done();
    engine.close();
    home.releaseStaging(staging);
  }
}

/** What scoring and writing need. */
interface Job {
  engine: DuckDBEngine;
  reader: ChunkReader;
  layout: OutputLayout;
  model: BatchModel;
  threads: number;
  progress: Progress;
}

/**
 * Scores every chunk into the spill, on worker threads while this thread
 * reads the next chunks; on this thread for `threads: 0` or a single chunk,
 * where starting workers (about a second each under tsx) would cost more
 * than they save.
 */
async function score(job: Job, spill: ScoreSpill): Promise<Record<string, number>> {
  await job.reader.prepare();
  const threads = Math.min(job.threads, job.reader.chunks);
  const inline = threads === 0 || job.reader.chunks <= 1;
  const scorer: Scorer = await job.model.scorer(inline ? 0 : threads);
  return span('predict.score', () => scoreAll(job.reader, scorer, spill, Math.max(2, threads + 1), job.progress));
}

/** Writes the output (and the rejects file) to temp files beside them, then renames each into place. */
async function writeFiles(
  job: Job,
  spill: ScoreSpill,
  out: { path: string; copyOptions: string },
  rejects: string | null,
  keep: readonly string[],
  temps: string[],
): Promise<void> {
  sweepTemps(out.path);
  const tmp = tempBeside(out.path);
  temps.push(tmp);
  await writeOutput(job.engine, spill, { tmp, copyOptions: out.copyOptions }, job.layout, { columns: keep, relation: job.reader.keepRelation(), rowColumn: ROW_COLUMN });
  if (rejects) {
    sweepTemps(rejects);
    const tmpRejects = tempBeside(rejects);
    temps.push(tmpRejects);
    await job.engine.run(`COPY (${job.reader.rejectsQuery()}) TO ${quoteLiteral(tmpRejects)} (FORMAT json)`);
    publish(tmpRejects, rejects);
  }
  // Last, so a finished output under its final name means the whole job finished.
  publish(tmp, out.path);
}

/** Opens the input, checks its columns against the signature, and gives the file chunks are read from. */
async function prepareInput(
  home: Home,
  engine: DuckDBEngine,
  staging: string,
  inputs: SignatureInput[],
  input: string,
  keep: string[],
  chunkRows: number,
  progress: Progress,
): Promise<{ file: InputFile; plan: InputPlan }> {
  const opened = await openInput(home, engine, staging, input, chunkRows, progress);
  try {
    const plan = planInput(inputs, opened.columns, keep);
    if (plan.problems.length > 0) {
      throw new LatheError('BAD_INPUT', `${opened.label} does not match the model's signature: ${plan.problems.join('; ')}`, {
        hint: `the model needs: ${inputs.map((i) => `${i.name} (${i.type}${i.required ? '' : ', optional'})`).join(', ')}`,
      });
    }
    return { file: await opened.toFile(shownColumns(plan)), plan };
  } finally {
    await opened.close();
  }
}

/** The model as scoring sees it, whatever its format (ONNX versions come from `onnxBatchModel`). */
interface BatchModel {
  inputs: SignatureInput[];
  layout: OutputLayout;
  /** A scorer on `threads` worker threads, or on this thread for 0. */
  scorer(threads: number): Promise<Scorer>;
}

/** A Lathe package: its Predictor inline, or one rebuilt per worker thread. */
function latheModel(doc: ModelDocument): BatchModel {
  const predictor = Predictor.fromDocument(doc);
  return {
    inputs: doc.signature.inputs,
    layout: { ...layoutOf(predictor), labelType: doc.target_type ?? null },
    scorer: async (threads) => (threads === 0 ? new InlineScorer(predictor) : WorkerScorer.start(doc, threads)),
  };
}

/** What the model writes: decided once from the loaded estimator, for every chunk. */
function layoutOf(p: Predictor): OutputLayout {
  if (p.task === 'clustering') return { task: 'clustering', classes: [], proba: false };
  const classes = p.estimator.classes();
  if ((p.task === 'binary' || p.task === 'multiclass') && classes) return { task: 'classifier', classes, proba: p.estimator.predictProba !== undefined };
  return { task: 'regression', classes: [], proba: false };
}

function checkKeep(keep: readonly string[], layout: OutputLayout): void {
  const taken = new Set(outputColumns(layout));
  const clash = keep.filter((k) => taken.has(k));
  if (clash.length > 0) {
    throw new LatheError('BAD_USAGE', `--keep ${clash.map((c) => `"${c}"`).join(', ')} would clash with the model's output columns`, {
      hint: `the output already has ${[...taken].join(', ')}; rename the input column or leave it out of --keep`,
    });
  }
}

function checkChunkRows(n: number): number {
  if (!Number.isInteger(n) || n < 1 || n > 10_000_000) {
    throw new LatheError('BAD_USAGE', `--chunk-rows ${n} is out of range`, { hint: 'use a whole number from 1 to 10,000,000 (default 100,000)' });
  }
  return n;
}

/** The one error for rows that fail the checks, with counts and the first row of each reason. */
function rejectError(label: string, s: RejectSummary, rejectsPath: string): LatheError {
  const parts = s.reasons.slice(0, 10).map((r) => `${r.reason} (${r.count} row${r.count === 1 ? '' : 's'}, first at row ${r.firstRow})`);
  const more = s.reasons.length > 10 ? `; and ${s.reasons.length - 10} more reasons` : '';
  return new LatheError('BAD_INPUT', `${s.rows} row${s.rows === 1 ? '' : 's'} of ${label} do not fit the model's signature: ${parts.join('; ')}${more}`, {
    hint: `fix those rows, or pass --on-error skip to score the others and write these to ${rejectsPath}`,
  });
}

function unseenWarnings(unseen: Record<string, number>): string[] {
  return Object.entries(unseen)
    .filter(([, n]) => n > 0)
    .map(([col, n]) => `column "${col}": ${n} row${n === 1 ? ' has' : 's have'} a category not seen in training`);
}
