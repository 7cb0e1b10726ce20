import { LatheError } from '../errors.js';
import type { Home, ModelRecord, ModelVersionRecord } from '../store/index.js';
import { type ModelRef, parseModelRef } from './model-ref.js';

/** A resolved registry ref: the version, and the alias it was reached by, if any. */
export interface ResolvedVersion {
  model: ModelRecord;
  version: ModelVersionRecord;
  alias: string | null;
}

/**
 * Resolves `name:N`, `name@alias` or `name` (= `name@production`) to a
 * registered version. A missing model, version or alias is NOT_FOUND (exit
 * 2) with a hint listing what exists.
 *
 * @example
 * ```ts
 * const { version } = await resolveModelVersion(home, 'churn@production');
 * version.artifact; // the package sha256
 * ```
 */
export async function resolveModelVersion(home: Home, ref: string | ModelRef): Promise<ResolvedVersion> {
  const r = typeof ref === 'string' ? parseModelRef(ref) : ref;
  const model = await needModel(home, r.name);
  if (r.version !== undefined) {
    const version = await home.meta.getModelVersion(r.name, r.version);
    if (!version) {
      const versions = (await home.meta.listModelVersions(r.name)).map((v) => v.version);
      throw new LatheError('NOT_FOUND', `model "${r.name}" has no version ${r.version}`, {
        hint: versions.length ? `its versions are ${versions.join(', ')}` : `it has no versions; register one with \`lathe model register <run-id> --name ${r.name}\``,
      });
    }
    return { model, version, alias: null };
  }
  const n = model.aliases[r.alias];
  if (n === undefined) {
    const aliases = Object.entries(model.aliases).map(([a, v]) => `${a} → ${v}`);
    throw new LatheError('NOT_FOUND', `model "${r.name}" has no alias "${r.alias}"`, {
      hint: `${aliases.length ? `its aliases: ${aliases.join(', ')}; ` : ''}set it with \`lathe alias set ${r.name} ${r.alias} <version>\`, or name a version as ${r.name}:N`,
    });
  }
  const version = await home.meta.getModelVersion(r.name, n);
  // The alias row's foreign key keeps its version; a miss means a concurrent delete, which an alias forbids.
  if (!version) throw new LatheError('INTERNAL', `alias ${r.name}@${r.alias} points at a missing version ${n}`);
  return { model, version, alias: r.alias };
}

/** A registered model, or NOT_FOUND pointing to `lathe models`. */
export async function needModel(home: Home, name: string): Promise<ModelRecord> {
  const model = await home.meta.getModel(name);
  if (!model) throw new LatheError('NOT_FOUND', `model "${name}" does not exist`, { hint: 'run `lathe models` to list registered models' });
  return model;
}
