import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LatheError } from '../../errors.js';
import type { ArtifactIssue, ArtifactStore, StoredArtifact } from '../artifact-store.js';
import { durableRename, fsyncPath } from './atomic.js';

const SHA_RE = /^[0-9a-f]{64}$/;

/**
 * Content-addressed files on a local disk: `<root>/<sha[0:2]>/<sha>`. An
 * object appears only by rename, so it is either whole or absent.
 */
export class FsArtifactStore implements ArtifactStore {
  readonly uri: string;
  private readonly root: string;

  constructor(root: string) {
    this.root = root;
    this.uri = `file:${root}`;
    mkdirSync(root, { recursive: true });
  }

  async putFile(localPath: string, expectedSha256?: string): Promise<StoredArtifact> {
    const { sha256, size } = await hashFile(localPath);
    if (expectedSha256 !== undefined && expectedSha256 !== sha256) {
      rmSync(localPath, { force: true });
      throw new LatheError('INTEGRITY', `content hash ${sha256.slice(0, 12)} does not match ${expectedSha256.slice(0, 12)}`, {
        hint: 'the file changed while it was being stored; run the command again',
      });
    }
    const target = this.objectPath(sha256);
    if (existsSync(target)) {
      rmSync(localPath, { force: true });
      return { sha256, size };
    }
    mkdirSync(join(this.root, sha256.slice(0, 2)), { recursive: true });
    durableRename(localPath, target);
    return { sha256, size };
  }

  async putBytes(bytes: Uint8Array): Promise<StoredArtifact> {
    const tmp = join(this.root, `.put-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`);
    writeFileSync(tmp, bytes);
    return this.putFile(tmp);
  }

  async putDirectory(localDir: string): Promise<StoredArtifact> {
    const manifest = join(localDir, 'manifest.json');
    if (!existsSync(manifest)) {
      throw new LatheError('BAD_INPUT', `${localDir} has no manifest.json`, { hint: 'a stored folder must carry a manifest' });
    }
    const { sha256 } = await hashFile(manifest);
    const target = this.objectPath(sha256);
    if (existsSync(target)) {
      rmSync(localDir, { recursive: true, force: true });
      return { sha256, size: dirSize(target) };
    }
    mkdirSync(join(this.root, sha256.slice(0, 2)), { recursive: true });
    for (const f of readdirSync(localDir)) fsyncPath(join(localDir, f));
    durableRename(localDir, target);
    return { sha256, size: dirSize(target) };
  }

  async localPath(sha256: string): Promise<string> {
    const p = this.objectPath(sha256);
    if (!existsSync(p)) {
      throw new LatheError('NOT_FOUND', `artifact ${sha256.slice(0, 12)} is missing from ${this.root}`, {
        hint: 'the home folder was changed by hand; restore it from a backup',
      });
    }
    return p;
  }

  async has(sha256: string): Promise<boolean> {
    return existsSync(this.objectPath(sha256));
  }

  async verify(sha256: string): Promise<boolean> {
    return (await this.verifyFiles(sha256)).length === 0;
  }

  async verifyFiles(sha256: string): Promise<ArtifactIssue[]> {
    const p = this.objectPath(sha256);
    if (!existsSync(p)) return [{ file: sha256, problem: 'the artifact is missing' }];
    if (statSync(p).isDirectory()) return verifyDirectory(p, sha256);
    return (await hashFile(p)).sha256 === sha256 ? [] : [{ file: sha256, problem: 'its content does not match its sha256' }];
  }

  async delete(sha256: string): Promise<void> {
    rmSync(this.objectPath(sha256), { force: true, recursive: true });
  }

  async list(): Promise<string[]> {
    const out: string[] = [];
    for (const d of readdirSync(this.root)) {
      if (d.length !== 2) continue;
      for (const f of readdirSync(join(this.root, d))) if (SHA_RE.test(f)) out.push(f);
    }
    return out.sort();
  }

  /** Files left by a `putBytes` that died before its rename. */
  strayTempFiles(): string[] {
    return readdirSync(this.root)
      .filter((f) => f.startsWith('.put-'))
      .map((f) => join(this.root, f));
  }

  private objectPath(sha256: string): string {
    if (!SHA_RE.test(sha256)) {
      throw new LatheError('BAD_INPUT', `"${sha256.slice(0, 70)}" is not a sha256 artifact key`, {
        hint: 'artifact keys are 64 lowercase hex characters',
      });
    }
    return join(this.root, sha256.slice(0, 2), sha256);
  }
}

function dirSize(dir: string): number {
  return readdirSync(dir).reduce((s, f) => s + statSync(join(dir, f)).size, 0);
}

/** Checks a stored folder: its manifest hashes to its key and lists every file with the right hash. */
async function verifyDirectory(dir: string, sha256: string): Promise<ArtifactIssue[]> {
  const manifestPath = join(dir, 'manifest.json');
  if (!existsSync(manifestPath)) return [{ file: 'manifest.json', problem: 'is missing' }];
  if ((await hashFile(manifestPath)).sha256 !== sha256) return [{ file: 'manifest.json', problem: 'does not hash to the package key' }];
  let files: Record<string, string>;
  try {
    files = (JSON.parse(readFileSync(manifestPath, 'utf8')) as { files?: Record<string, string> }).files ?? {};
  } catch {
    return [{ file: 'manifest.json', problem: 'is not valid JSON' }];
  }
  const issues: ArtifactIssue[] = [];
  const present = new Set(readdirSync(dir).filter((f) => f !== 'manifest.json'));
  for (const f of [...present].sort()) if (!Object.hasOwn(files, f)) issues.push({ file: f, problem: 'is not listed in the manifest' });
  for (const [name, sha] of Object.entries(files)) {
    // A manifest name with a path separator could point outside the folder; it is damage, not a file to read.
    if (!present.has(name)) issues.push({ file: name, problem: 'is missing' });
    else if ((await hashFile(join(dir, name))).sha256 !== sha) issues.push({ file: name, problem: 'does not match its sha256 in the manifest' });
  }
  return issues;
}

/** Streams a file through sha256. */
export async function hashFile(path: string): Promise<StoredArtifact> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) h.update(chunk as Buffer);
  return { sha256: h.digest('hex'), size: statSync(path).size };
}
