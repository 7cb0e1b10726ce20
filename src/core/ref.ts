import { LatheError } from '../errors.js';
import { assertValidName } from './names.js';

/** A reference to a dataset version: `name` (latest) or `name@N`. */
export interface DatasetRef {
  name: string;
  /** The version number, or undefined for the latest. */
  version?: number;
}

/**
 * Parses `name` or `name@N`.
 *
 * @example
 * ```ts
 * parseDatasetRef('flights@2'); // { name: 'flights', version: 2 }
 * ```
 */
export function parseDatasetRef(ref: string): DatasetRef {
  const at = ref.lastIndexOf('@');
  if (at < 0) return { name: assertValidName('dataset', ref) };
  const name = assertValidName('dataset', ref.slice(0, at));
  const v = ref.slice(at + 1);
  if (!/^[1-9][0-9]{0,8}$/.test(v)) {
    throw new LatheError('BAD_REF', `dataset ref "${ref}" has a bad version "${v}"`, {
      hint: 'write name or name@N, where N is a version number from `lathe datasets`',
    });
  }
  return { name, version: Number(v) };
}

/** Formats a dataset ref as `name@N`. */
export function formatDatasetRef(name: string, version: number): string {
  return `${name}@${version}`;
}
