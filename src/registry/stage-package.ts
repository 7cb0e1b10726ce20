import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LatheError } from '../errors.js';
import type { ArtifactIssue } from '../store/index.js';
import { PACKAGE_FORMAT, restoreArrays, type ModelDocument } from '../train/package/index.js';
import { integrityError } from './package-integrity.js';

/** A package folder copied into staging and checked: ready to move into the store. */
export interface StagedPackage {
  /** The verified copy. */
  path: string;
  /** sha256 of its manifest: the artifact key. */
  sha256: string;
  doc: ModelDocument;
}

const FILE_NAME = /^[A-Za-z0-9._-]+$/;

/**
 * Copies the files a package folder's manifest lists into `staging` and
 * checks each copy's sha256 against the manifest. Hashing the copies, not
 * the originals, means what is checked is what gets stored, even if the
 * source folder changes meanwhile. Files the manifest does not list are
 * left behind. A mismatch is INTEGRITY naming the files.
 */
export function stagePackageFolder(dir: string, staging: string): StagedPackage {
  const manifestPath = join(dir, 'manifest.json');
  if (!existsSync(manifestPath)) {
    throw new LatheError('BAD_INPUT', `${dir} has no manifest.json`, { hint: 'a model package folder holds model.json, arrays.bin and manifest.json' });
  }
  const manifestBytes = readFileSync(manifestPath);
  const files = manifestFiles(dir, manifestBytes);
  const out = join(staging, 'package');
  mkdirSync(out);
  const issues: ArtifactIssue[] = [];
  for (const [name, sha] of Object.entries(files)) {
    if (!existsSync(join(dir, name))) {
      issues.push({ file: name, problem: 'is missing' });
      continue;
    }
    copyFileSync(join(dir, name), join(out, name));
    const got = createHash('sha256').update(readFileSync(join(out, name))).digest('hex');
    if (got !== sha) issues.push({ file: name, problem: 'does not match its sha256 in the manifest' });
  }
  if (issues.length > 0) throw integrityError(`package folder ${dir}`, issues);
  copyFileSync(manifestPath, join(out, 'manifest.json'));
  const sha256 = createHash('sha256').update(readFileSync(join(out, 'manifest.json'))).digest('hex');
  if (sha256 !== createHash('sha256').update(manifestBytes).digest('hex')) {
    throw integrityError(`package folder ${dir}`, [{ file: 'manifest.json', problem: 'changed while it was being copied' }]);
  }
  return { path: out, sha256, doc: readDocument(dir, out, files) };
}

function manifestFiles(dir: string, bytes: Buffer): Record<string, string> {
  let manifest: { format?: unknown; files?: unknown };
  try {
    manifest = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw integrityError(`package folder ${dir}`, [{ file: 'manifest.json', problem: 'is not valid JSON' }]);
  }
  const files = manifest?.files;
  if (files === null || typeof files !== 'object' || Array.isArray(files)) {
    throw integrityError(`package folder ${dir}`, [{ file: 'manifest.json', problem: 'has no "files" map of name → sha256' }]);
  }
  for (const [name, sha] of Object.entries(files)) {
    // A name with a separator could reach outside the folder; a manifest is data and is not trusted.
    if (!FILE_NAME.test(name) || name === '.' || name === '..' || name === 'manifest.json' || typeof sha !== 'string' || !/^[0-9a-f]{64}$/.test(sha)) {
      throw integrityError(`package folder ${dir}`, [{ file: 'manifest.json', problem: `has a bad entry "${name.slice(0, 60)}"` }]);
    }
  }
  return files as Record<string, string>;
}

function readDocument(dir: string, staged: string, files: Record<string, string>): ModelDocument {
  if (!Object.hasOwn(files, 'model.json')) {
    throw new LatheError('BAD_INPUT', `${dir} is not a Lathe model package: its manifest lists no model.json`, { hint: 'register a folder written by `lathe train`' });
  }
  const bin = Object.hasOwn(files, 'arrays.bin') ? new Uint8Array(readFileSync(join(staged, 'arrays.bin'))) : new Uint8Array(0);
  let doc: ModelDocument;
  try {
    doc = restoreArrays<ModelDocument>(readFileSync(join(staged, 'model.json'), 'utf8'), bin);
  } catch (cause) {
    if (cause instanceof LatheError) throw cause;
    throw integrityError(`package folder ${dir}`, [{ file: 'model.json', problem: 'is not valid JSON' }]);
  }
  if (doc?.format !== PACKAGE_FORMAT) {
    throw new LatheError('SCHEMA_TOO_NEW', `${dir}: model package format ${String(doc?.format)} is not ${PACKAGE_FORMAT}`, { hint: 'upgrade lathe to register it' });
  }
  return doc;
}
