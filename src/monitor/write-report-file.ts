import { resolve } from 'node:path';
import { LatheError } from '../errors.js';
import { writeFileAtomic } from '../store/index.js';

/**
 * Writes an HTML report atomically and returns its absolute path. A folder
 * that is missing or not writable is the user's to fix: BAD_INPUT saying so,
 * and no partial file.
 *
 * @example
 * ```ts
 * const path = writeReportFile('drift.html', driftHtml(report, ref, cur, labels));
 * ```
 */
export function writeReportFile(file: string, html: string): string {
  const path = resolve(file);
  try {
    writeFileAtomic(path, html);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR' || code === 'ENOTDIR') {
      throw new LatheError('BAD_INPUT', `cannot write the report to ${path} (${code})`, { hint: 'give --html a file in a folder that exists and is writable', cause: e });
    }
    throw e;
  }
  return path;
}
