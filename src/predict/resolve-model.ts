import { LatheError } from '../errors.js';
import type { Home, RunRecord } from '../store/index.js';

/**
 * Finds a model package by ref: a package sha256, or a run id (or unique
 * prefix of one) whose run produced a model. Registry refs (`name@alias`,
 * `name:N`) resolve through the registry once it exists.
 */
export async function resolveModelPackage(home: Home, ref: string): Promise<{ sha256: string; run: RunRecord | null }> {
  if (/^[0-9a-f]{64}$/.test(ref)) return { sha256: ref, run: null };
  const runs = (await home.meta.listRuns()).filter((r) => r.id.startsWith(ref));
  const exact = runs.find((r) => r.id === ref);
  const run = exact ?? (runs.length === 1 ? runs[0] : undefined);
  if (!run) {
    throw new LatheError(runs.length > 1 ? 'BAD_REF' : 'NOT_FOUND', runs.length > 1 ? `model ref "${ref}" matches ${runs.length} runs` : `no model "${ref}"`, {
      hint: 'pass a run id from `lathe runs` (or a longer prefix), or a package sha256',
    });
  }
  const pkg = run.artifacts.find((a) => a.kind === 'package');
  if (!pkg) throw new LatheError('NOT_FOUND', `run ${run.id} has no model package (status ${run.status})`, { hint: 'pick a FINISHED train run' });
  return { sha256: pkg.sha256, run };
}
