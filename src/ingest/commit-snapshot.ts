import { join } from 'node:path';
import { assertValidName, silentProgress, span, type Progress } from '../core/index.js';
import { DuckDBEngine } from '../engine/index.js';
import { hashFile, type DatasetVersionRecord, type Home, type Lineage, type SourceDescription } from '../store/index.js';
import { LatheError } from '../errors.js';
import { decimalCommaWarnings } from './decimal-comma.js';
import { writeSnapshot } from './snapshot.js';
import type { LoadContext, OpenedSource, SkippedRow } from './source.js';

/** The outcome of ingest or derive. */
export interface IngestResult {
  record: DatasetVersionRecord;
  /** False when identical content was already stored under this name. */
  created: boolean;
  /** Rows skipped by `--on-error skip`. */
  skipped?: { count: number; sample: SkippedRow[] };
  /** Things the data looks wrong about but that did not stop the ingest, e.g. decimal commas. */
  warnings: string[];
}

/** What {@link commitSnapshot} needs from its caller. */
export interface SnapshotJob {
  name: string;
  label: string;
  progress?: Progress;
  /** Opens the data; runs inside a fresh engine and staging folder. */
  open(ctx: LoadContext): Promise<OpenedSource>;
  /** The description to store, asked after `open` (it may learn the format). */
  describe(): SourceDescription;
  lineage?: Lineage | null;
  /** Restricts the engine before `open` runs user SQL. */
  prepare?(engine: DuckDBEngine, stagingDir: string): Promise<void>;
}

/**
 * The one write path for dataset versions. The snapshot is written in a
 * private staging folder, hashed, recorded as pending, moved into the
 * artifact store, and only then is its row committed (which also clears the
 * pending record). A crash at any point leaves nothing that the next
 * command's sweep does not remove.
 */
export async function commitSnapshot(home: Home, job: SnapshotJob): Promise<IngestResult> {
  assertValidName('dataset', job.name);
  const progress = job.progress ?? silentProgress;
  const staging = home.stagingDir();
  const engine = await span('engine.open', () => DuckDBEngine.open({ tempDir: join(staging, 'spill') }));
  try {
    await job.prepare?.(engine, staging);
    const ctx: LoadContext = { engine, stagingDir: staging, progress };
    const opened = await span('source.open', () => job.open(ctx));
    const file = join(staging, 'snapshot.parquet');
    const info = await span('snapshot.write', () => writeSnapshot(engine, opened, file, job.label, progress));
    const skipped = opened.skipped ? await opened.skipped() : undefined;
    if (info.rows === 0 && skipped && skipped.count > 0) {
      // Skip mode that skipped everything read nothing: storing an empty version would hide it.
      const first = skipped.sample[0];
      throw new LatheError('EMPTY_SOURCE', `${job.label}: every row failed to parse (${skipped.count} skipped), so nothing was stored`, {
        hint: `fix the file or the options (--delimiter, --types, --encoding); first error: line ${first?.line ?? '?'}: ${(first?.error ?? '').replace(/\s+/g, ' ').slice(0, 160)}`,
      });
    }
    const warnings = opened.checkDecimalComma ? await span('snapshot.decimal', () => decimalCommaWarnings(engine, file)) : [];
    progress.update({ rows: info.rows });
    const { sha256, size } = await span('snapshot.hash', () => hashFile(file));
    const existing = await home.meta.findDatasetVersionByHash(job.name, sha256);
    if (existing) return { record: existing, created: false, skipped, warnings };
    const pending = await home.beginPending(sha256);
    try {
      await span('artifact.put', () => home.artifacts.putFile(file, sha256));
      const { record, created } = await home.meta.addDatasetVersion(
        {
          name: job.name,
          artifact: sha256,
          bytes: size,
          rows: info.rows,
          columns: info.columns,
          hash: sha256,
          source: job.describe(),
          lineage: job.lineage ?? null,
        },
        pending,
      );
      return { record, created, skipped, warnings };
    } catch (e) {
      await home.abandon(pending, sha256);
      throw e;
    }
  } finally {
    progress.done();
    engine.close();
    home.releaseStaging(staging);
  }
}
