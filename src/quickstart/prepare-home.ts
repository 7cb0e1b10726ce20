import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { LatheError } from '../errors.js';

/** The home folder the quickstart will use. */
export interface PreparedHome {
  dir: string;
  /** True when the quickstart made a new temporary folder. */
  temporary: boolean;
}

/**
 * Picks the quickstart's home. Without `--home`, a new temporary folder. With
 * one, an absent or empty folder is used as is; a folder with anything in it
 * is left untouched unless `fresh`, and then it is deleted only if it is a
 * Lathe home (it has `lathe.db`), so a mistyped `--home ~ --fresh` cannot
 * wipe an unrelated folder.
 */
export function prepareHome(home: string | undefined, fresh: boolean): PreparedHome {
  if (home === undefined) return { dir: mkdtempSync(join(tmpdir(), 'lathe-quickstart-')), temporary: true };
  const dir = resolve(home);
  if (!existsSync(dir)) {
    mkdirSync(dir, { recursive: true });
    return { dir, temporary: false };
  }
  if (!statSync(dir).isDirectory()) {
    throw new LatheError('BAD_USAGE', `--home ${dir} is a file, not a folder`, { hint: 'pass a folder path, or no --home for a temporary one' });
  }
  if (readdirSync(dir).length === 0) return { dir, temporary: false };
  if (!fresh) {
    throw new LatheError('CONFLICT', `the home ${dir} already exists and is not empty; the quickstart left it untouched`, {
      hint: 'pass --fresh to delete it and start over, choose another --home, or pass no --home for a temporary one',
    });
  }
  if (!existsSync(join(dir, 'lathe.db'))) {
    throw new LatheError('BAD_USAGE', `${dir} is not empty and is not a Lathe home (it has no lathe.db); --fresh deletes only Lathe homes`, {
      hint: 'choose another --home, or pass no --home for a temporary one',
    });
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return { dir, temporary: false };
}
