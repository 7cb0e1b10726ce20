import { LatheError } from '../errors.js';

const NAME_RE = /^[A-Za-z0-9._-]{1,128}$/;

/**
 * Checks a user-chosen name (dataset, model, experiment). Names are used in
 * paths and refs, so only `[A-Za-z0-9._-]` is allowed, and not `.` or `..`.
 */
export function assertValidName(kind: string, name: string): string {
  if (!NAME_RE.test(name) || name === '.' || name === '..') {
    throw new LatheError('BAD_NAME', `${kind} name "${truncate(name)}" is not allowed`, {
      hint: 'use 1 to 128 characters from A-Z a-z 0-9 . _ - (not "." or "..")',
    });
  }
  return name;
}

function truncate(s: string): string {
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}
