import { closeSync, fsyncSync, openSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** fsyncs a file by path. */
export function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** fsyncs a directory so a rename inside it survives a crash. */
export function fsyncDir(dir: string): void {
  try {
    fsyncPath(dir);
  } catch {
    // Some file systems refuse fsync on a directory; the rename is still atomic.
  }
}

/** Renames `from` to `to` after fsyncing `from`, then fsyncs the target folder. */
export function durableRename(from: string, to: string): void {
  fsyncPath(from);
  renameSync(from, to);
  fsyncDir(dirname(to));
}

/** Writes a whole file atomically: temp file beside it, fsync, rename. */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  const tmp = `${path}.tmp-${process.pid}-${Date.now()}`;
  writeFileSync(tmp, data);
  durableRename(tmp, path);
}
