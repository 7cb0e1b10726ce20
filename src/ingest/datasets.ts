import { type Frame, type Progress, parseDatasetRef } from '../core/index.js';
import { readFrame } from '../engine/index.js';
import { LatheError } from '../errors.js';
import type { DatasetVersionRecord, Home } from '../store/index.js';
import { commitSnapshot, type IngestResult } from './commit-snapshot.js';
import { resolveSource } from './registry.js';
import type { IngestOptions } from './source.js';
import { checkSelect } from './user-sql.js';
import { bindData, withDataset } from './with-dataset.js';

/**
 * Ingests a file, glob, database or URL as a new version of dataset `name`.
 *
 * @example
 * ```ts
 * const home = await Home.open();
 * const { record } = await ingest(home, 'data/penguins.csv', 'penguins');
 * record.version; // 1
 * ```
 */
export async function ingest(
  home: Home,
  location: string,
  name: string,
  opts: IngestOptions = {},
  progress?: Progress,
): Promise<IngestResult> {
  const source = resolveSource(location, opts);
  const label = source.describe().location;
  try {
    return await commitSnapshot(home, {
      name,
      label,
      progress,
      open: (ctx) => source.open(ctx),
      describe: () => source.describe(),
    });
  } finally {
    await source.close?.();
  }
}

/** Finds a dataset version by ref (`name` or `name@N`); NOT_FOUND says what exists. */
export async function resolveDataset(home: Home, ref: string): Promise<DatasetVersionRecord> {
  const r = parseDatasetRef(ref);
  const rec = await home.meta.getDatasetVersion(r.name, r.version);
  if (rec) return rec;
  const versions = await home.meta.listDatasetVersions(r.name);
  if (versions.length === 0) {
    throw new LatheError('NOT_FOUND', `dataset "${r.name}" does not exist`, {
      hint: 'run `lathe datasets` to list datasets, or `lathe ingest <source> --name <name>` to make one',
    });
  }
  throw new LatheError('NOT_FOUND', `dataset "${r.name}" has no version ${r.version}`, {
    hint: `versions are 1 to ${versions[versions.length - 1].version}`,
  });
}

/**
 * Makes a new dataset version from SQL over an existing one, which the SQL
 * sees as the table `data`. The SQL must be one read-only SELECT; it runs
 * with file and network access limited to the parent snapshot.
 */
export async function derive(home: Home, ref: string, sql: string, name: string, progress?: Progress): Promise<IngestResult> {
  const parent = await resolveDataset(home, ref);
  const parentPath = await home.artifacts.localPath(parent.artifact);
  return commitSnapshot(home, {
    name,
    label: `derive from ${parent.name}@${parent.version}`,
    progress,
    prepare: (engine, staging) => bindData(engine, parentPath, staging),
    open: async (ctx) => ({ relation: `(${await checkSelect(ctx.engine, sql)})` }),
    describe: () => ({ kind: 'derive', location: `${parent.name}@${parent.version}`, query: sql }),
    lineage: { parents: [{ name: parent.name, version: parent.version }], sql },
  });
}

/** Options for {@link loadFrame}. */
export interface LoadFrameOptions {
  /** Columns to load, in order; default all. */
  columns?: string[];
  /** A SELECT over the table `data` instead of the whole version. */
  sql?: string;
}

/**
 * Loads a dataset version into a Frame of typed arrays.
 *
 * @example
 * ```ts
 * const frame = await loadFrame(home, 'flights@1', { columns: ['delay', 'origin'] });
 * ```
 */
export async function loadFrame(home: Home, ref: string, opts: LoadFrameOptions = {}): Promise<Frame> {
  const rec = await resolveDataset(home, ref);
  return withDataset(home, rec, async (engine) => {
    if (opts.sql) return readFrame(engine, `(${await checkSelect(engine, opts.sql)})`);
    const schema = new Map(rec.columns.map((c) => [c.name, c]));
    const names = opts.columns ?? rec.columns.map((c) => c.name);
    const specs = names.map((n) => {
      const c = schema.get(n);
      if (!c) {
        throw new LatheError('NOT_FOUND', `column "${n}" is not in ${rec.name}@${rec.version}`, {
          hint: `columns: ${rec.columns.map((x) => x.name).join(', ')}`,
        });
      }
      return { name: n, type: c.type };
    });
    return readFrame(engine, 'data', specs, rec.rows);
  });
}
