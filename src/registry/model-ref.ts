import { assertValidName } from '../core/index.js';
import { LatheError } from '../errors.js';

/** The alias a bare model name means. */
export const DEFAULT_ALIAS = 'production';

/** A parsed model ref: a version number or an alias of a named model. */
export type ModelRef = { name: string; version: number; alias?: undefined } | { name: string; alias: string; version?: undefined };

/**
 * Parses `name:N` (a version), `name@alias`, or `name` (= `name@production`).
 * Names and aliases use `[A-Za-z0-9._-]`, so `:` and `@` cannot be part of them.
 *
 * @example
 * ```ts
 * parseModelRef('churn:3');          // { name: 'churn', version: 3 }
 * parseModelRef('churn@staging');    // { name: 'churn', alias: 'staging' }
 * parseModelRef('churn');            // { name: 'churn', alias: 'production' }
 * ```
 */
export function parseModelRef(ref: string): ModelRef {
  const colon = ref.indexOf(':');
  const at = ref.indexOf('@');
  if (colon >= 0 && at >= 0) throw badRef(ref, 'has both ":" and "@"');
  if (colon >= 0) {
    const v = ref.slice(colon + 1);
    if (!/^[1-9][0-9]{0,8}$/.test(v)) throw badRef(ref, `has a bad version "${v}"`);
    return { name: assertValidName('model', ref.slice(0, colon)), version: Number(v) };
  }
  if (at >= 0) return { name: assertValidName('model', ref.slice(0, at)), alias: assertAliasName(ref.slice(at + 1)) };
  return { name: assertValidName('model', ref), alias: DEFAULT_ALIAS };
}

/** True when `ref` has the shape of a registry ref with `:` or `@` (a bare name may also be a run id). */
export function isQualifiedModelRef(ref: string): boolean {
  return /^[A-Za-z0-9._-]+[:@][A-Za-z0-9._-]*$/.test(ref);
}

/**
 * Checks an alias name: `[A-Za-z0-9._-]`, and not all digits, because
 * `name@3` would read as version 3 (versions are written `name:3`).
 */
export function assertAliasName(alias: string): string {
  assertValidName('alias', alias);
  if (/^[0-9]+$/.test(alias)) {
    throw new LatheError('BAD_NAME', `alias "${alias}" is all digits`, { hint: 'aliases are names such as production or staging; a version is written name:N' });
  }
  return alias;
}

/** Formats `name:N`. */
export function formatVersionRef(name: string, version: number): string {
  return `${name}:${version}`;
}

/** Parses an explicit `name:N`, for commands that act on one version (archive, delete). */
export function parseVersionRef(ref: string): { name: string; version: number } {
  const r = parseModelRef(ref);
  if (r.version === undefined) {
    throw new LatheError('BAD_REF', `"${ref}" names an alias, not a version`, { hint: `write the version explicitly, as ${r.name}:N (see \`lathe model show ${r.name}\`)` });
  }
  return { name: r.name, version: r.version };
}

function badRef(ref: string, what: string): LatheError {
  return new LatheError('BAD_REF', `model ref "${ref.slice(0, 80)}" ${what}`, { hint: 'write name:N for a version, name@alias for an alias, or name for name@production' });
}
