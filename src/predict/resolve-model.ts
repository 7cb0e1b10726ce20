import { LatheError } from '../errors.js';
import { isQualifiedModelRef, resolveModelVersion } from '../registry/index.js';
import type { Home, ModelFormat, ModelVersionRecord, RunRecord } from '../store/index.js';

/** What a model ref resolves to. */
export interface ResolvedModel {
  /** The artifact: a package folder's manifest sha256, or an .onnx file's sha256. */
  sha256: string;
  /** The run that trained it, when known and still recorded. */
  run: RunRecord | null;
  /** `lathe`: load with loadPackage; `onnx`: one ONNX file, with the signature in `version`. */
  format: ModelFormat;
  /** The registered version, for registry refs; null for run ids and raw sha256s. */
  version: ModelVersionRecord | null;
}

/**
 * Finds a model by ref, in this order: a package sha256; a registry ref
 * `name:N` or `name@alias`; a full run id; a registered model's name (its
 * `@production` alias); a unique prefix of a run id whose run produced a model.
 *
 * @example
 * ```ts
 * const { sha256, format } = await resolveModelPackage(home, 'churn@production');
 * ```
 */
export async function resolveModelPackage(home: Home, ref: string): Promise<ResolvedModel> {
  if (/^[0-9a-f]{64}$/.test(ref)) return { sha256: ref, run: null, format: 'lathe', version: null };
  if (isQualifiedModelRef(ref)) return fromRegistry(home, ref);
  const exact = await home.meta.getRun(ref);
  if (exact) return fromRun(exact);
  // A registered name wins over a run-id prefix: names are chosen, prefixes are accidents.
  if (/^[A-Za-z0-9._-]{1,128}$/.test(ref) && (await home.meta.getModel(ref))) return fromRegistry(home, ref);
  const runs = ref === '' ? [] : (await home.meta.listRuns()).filter((r) => r.id.startsWith(ref));
  if (runs.length !== 1) {
    throw new LatheError(runs.length > 1 ? 'BAD_REF' : 'NOT_FOUND', runs.length > 1 ? `model ref "${ref}" matches ${runs.length} runs` : `no model or run "${ref}"`, {
      hint: 'pass name@alias, name:N or a registered name (`lathe models`), a run id from `lathe runs` (or a longer prefix), or a package sha256',
    });
  }
  return fromRun(runs[0]);
}

async function fromRegistry(home: Home, ref: string): Promise<ResolvedModel> {
  const { version } = await resolveModelVersion(home, ref);
  const run = version.lineage.run_id ? ((await home.meta.getRun(version.lineage.run_id)) ?? null) : null;
  return { sha256: version.artifact, run, format: version.format, version };
}

function fromRun(run: RunRecord): ResolvedModel {
  const pkg = run.artifacts.find((a) => a.kind === 'package');
  if (!pkg) throw new LatheError('NOT_FOUND', `run ${run.id} has no model package (status ${run.status})`, { hint: 'pick a FINISHED train run' });
  return { sha256: pkg.sha256, run, format: 'lathe', version: null };
}
