import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type Progress, formatDatasetRef, silentProgress } from '../../core/index.js';
import { DuckDBEngine } from '../../engine/index.js';
import { isLatheError, LatheError } from '../../errors.js';
import { type IngestOptions, resolveDataset, resolveSource, withDataset } from '../../ingest/index.js';
import type { DatasetVersionRecord, Home } from '../../store/index.js';
import type { KnownColumn } from '../schema/index.js';

/** Data opened for reading: a dataset version or any ingestible file or URL. */
export interface OpenedTarget {
  engine: DuckDBEngine;
  /** The relation to read from, e.g. the view `data` or a `read_csv(…)` call. */
  relation: string;
  /** Logical types already known (a dataset version's); empty for a file. */
  columns: readonly KnownColumn[];
  /** `name@N` or the file's location, for messages. */
  label: string;
  /** The dataset version, when the target was one. */
  record?: DatasetVersionRecord;
}

/** Options for {@link withTarget}. */
export interface TargetOptions {
  /** How to read a file target (format, delimiter, …), as for ingest. */
  ingest?: IngestOptions;
  progress?: Progress;
}

/**
 * Runs `fn` over a dataset version, or over a file, glob or URL read in place
 * without storing it. `target` is a dataset ref when it parses as one and the
 * version exists; otherwise it is a location opened through `resolveSource`.
 *
 * @example
 * ```ts
 * const cols = await withTarget(home, 'new-data.csv', async (t) => t.engine.describe(t.relation));
 * ```
 */
export async function withTarget<T>(
  home: Home,
  target: string,
  fn: (t: OpenedTarget) => Promise<T>,
  opts: TargetOptions = {},
): Promise<T> {
  let record: DatasetVersionRecord | undefined;
  let refError: unknown;
  try {
    record = await resolveDataset(home, target);
  } catch (e) {
    refError = e;
  }
  if (record) {
    const rec = record;
    const label = formatDatasetRef(rec.name, rec.version);
    return withDataset(home, rec, (engine) => fn({ engine, relation: 'data', columns: rec.columns, label, record: rec }));
  }
  if (isLatheError(refError, 'NOT_FOUND') && !looksLikeLocation(target)) {
    // A valid dataset name that names no dataset and no file: saying only
    // "no such file" would hide the likelier typo in a dataset ref.
    throw new LatheError('NOT_FOUND', `"${target}" is neither a dataset version nor a file`, {
      hint: `${refError.message}; run \`lathe datasets\` to list datasets, or check the file path`,
    });
  }
  if (refError !== undefined && !isLatheError(refError)) throw refError;
  return withSource(home, target, fn, opts);
}

/** True when `s` can only be meant as a file, glob or URL. */
function looksLikeLocation(s: string): boolean {
  return existsSync(s) || /^[a-z][a-z0-9+.-]*:\/\//i.test(s) || /[*?[\]/\\]/.test(s);
}

async function withSource<T>(home: Home, location: string, fn: (t: OpenedTarget) => Promise<T>, opts: TargetOptions): Promise<T> {
  const source = resolveSource(location, opts.ingest ?? {});
  const staging = home.stagingDir();
  try {
    const engine = await DuckDBEngine.open({ tempDir: join(staging, 'spill') });
    try {
      const opened = await source.open({ engine, stagingDir: staging, progress: opts.progress ?? silentProgress });
      return await fn({ engine, relation: opened.relation, columns: [], label: source.describe().location });
    } finally {
      engine.close();
    }
  } finally {
    await source.close?.();
    home.releaseStaging(staging);
  }
}
