import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let version: string | undefined;

/** Lathe's own version, from its package.json. */
export function latheVersion(): string {
  if (version === undefined) {
    const pkg = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'package.json');
    version = (JSON.parse(readFileSync(pkg, 'utf8')) as { version: string }).version;
  }
  return version;
}

/**
 * The git commit of the working directory, when run from a repository (the
 * user's project, not Lathe's), with `-dirty` when it has changes; else null.
 */
export function gitCommit(cwd = process.cwd()): string | null {
  try {
    const opts = { cwd, encoding: 'utf8' as const, timeout: 2000, stdio: ['ignore', 'pipe', 'ignore'] as ('ignore' | 'pipe')[] };
    const head = execFileSync('git', ['rev-parse', 'HEAD'], opts).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], opts).trim() !== '';
    return /^[0-9a-f]{40}$/.test(head) ? `${head}${dirty ? '-dirty' : ''}` : null;
  } catch {
    return null;
  }
}
