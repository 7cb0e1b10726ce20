import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ColumnSchema, LogicalType } from '../../core/index.js';
import { LatheError } from '../../errors.js';
import type { EstimatorJSON, Task } from '../../estimators/index.js';
import type { Home } from '../../store/index.js';
import { extractArrays, restoreArrays } from './sidecar.js';

/** The format version of model.json this code writes and reads. */
export const PACKAGE_FORMAT = 1;

/** One input column of a model's signature. */
export interface SignatureInput extends ColumnSchema {
  /** A missing required column is an error at prediction; an optional one is imputed. */
  required: boolean;
}

/** What model.json holds. */
export interface ModelDocument {
  format: number;
  task: Task;
  created: string;
  lathe_version: string;
  signature: { inputs: SignatureInput[]; outputs: { name: string; type: string }[] };
  /** The fitted feature pipeline, as data. */
  pipeline: unknown;
  estimator: EstimatorJSON;
  classes: string[] | null;
  target: string | null;
  /**
   * The target column's logical type, so class labels (stored as strings)
   * are answered in it: integer, numeric or boolean labels as JSON numbers
   * or booleans. Absent in older packages, whose labels stay strings.
   */
  target_type?: LogicalType | null;
  metrics: Record<string, number>;
  lineage: { dataset: { name: string; version: number; hash: string } | null; run_id: string | null };
  /** Reference profile of training features and predictions, for monitoring. */
  reference: unknown;
}

/** A stored package: its key and its folder. */
export interface StoredPackage {
  sha256: string;
  path: string;
}

/**
 * Writes a model package into the home's staging area and moves it into the
 * artifact store as one folder. The artifact is recorded as pending first;
 * `commit` must clear the pending record in the transaction that points a
 * row at the package (e.g. `home.meta.finishRun(id, 'FINISHED', null, pendingId)`).
 */
export async function writePackage<T>(
  home: Home,
  doc: ModelDocument,
  commit: (pkg: StoredPackage, pendingId: string) => Promise<T>,
): Promise<T> {
  const staging = home.stagingDir();
  try {
    const dir = join(staging, 'package');
    const { json, bin } = extractArrays(doc);
    const files: Record<string, Uint8Array> = { 'model.json': new TextEncoder().encode(json), 'arrays.bin': bin };
    mkdirSync(dir);
    const manifest: { format: number; files: Record<string, string> } = { format: PACKAGE_FORMAT, files: {} };
    for (const [name, bytes] of Object.entries(files)) {
      writeFileSync(join(dir, name), bytes);
      manifest.files[name] = createHash('sha256').update(bytes).digest('hex');
    }
    const manifestBytes = new TextEncoder().encode(JSON.stringify(manifest, null, 2));
    writeFileSync(join(dir, 'manifest.json'), manifestBytes);
    const sha256 = createHash('sha256').update(manifestBytes).digest('hex');
    const pending = await home.beginPending(sha256);
    try {
      const stored = await home.artifacts.putDirectory(dir);
      return await commit({ sha256: stored.sha256, path: await home.artifacts.localPath(stored.sha256) }, pending);
    } catch (e) {
      await home.abandon(pending, sha256);
      throw e;
    }
  } finally {
    home.releaseStaging(staging);
  }
}

/**
 * Loads a package after verifying its manifest and every file's hash.
 * Nothing in it is executed: model.json is parsed as JSON, arrays are copied.
 */
export async function loadPackage(home: Home, sha256: string): Promise<ModelDocument> {
  const issues = await home.artifacts.verifyFiles(sha256);
  if (issues.length > 0) {
    const what = issues.map((i) => `${i.file} ${i.problem}`).join('; ');
    throw new LatheError('INTEGRITY', `model package ${sha256.slice(0, 12)} failed verification: ${what}`, {
      hint: 'a file was changed or is missing; retrain the model or restore the home from a backup',
    });
  }
  const dir = await home.artifacts.localPath(sha256);
  const doc = restoreArrays<ModelDocument>(readFileSync(join(dir, 'model.json'), 'utf8'), new Uint8Array(readFileSync(join(dir, 'arrays.bin'))));
  if (doc.format !== PACKAGE_FORMAT) {
    throw new LatheError('SCHEMA_TOO_NEW', `model package format ${doc.format} is not ${PACKAGE_FORMAT}`, { hint: 'upgrade lathe to load it' });
  }
  return doc;
}
