import type { Home, ModelVersionRecord } from '../store/index.js';
import { parseVersionRef } from './model-ref.js';
import { resolveModelVersion } from './resolve-version.js';

/**
 * Archives `name:N`: it keeps its files and history but can no longer take
 * an alias. Refused (CONFLICT) while an alias points at it.
 */
export async function archiveVersion(home: Home, ref: string): Promise<ModelVersionRecord> {
  const { name, version } = parseVersionRef(ref);
  await resolveModelVersion(home, { name, version });
  return home.meta.setModelVersionStatus(name, version, 'ARCHIVED');
}

/** Makes an archived `name:N` ready to take aliases again. */
export async function unarchiveVersion(home: Home, ref: string): Promise<ModelVersionRecord> {
  const { name, version } = parseVersionRef(ref);
  await resolveModelVersion(home, { name, version });
  return home.meta.setModelVersionStatus(name, version, 'READY');
}

/**
 * Deletes `name:N`. Refused (CONFLICT) while an alias points at it. Its
 * artifact is removed only when nothing else references it: a run's
 * package stays with its run, and a package registered under two names stays
 * for the other.
 */
export async function deleteVersion(home: Home, ref: string): Promise<{ record: ModelVersionRecord; artifactRemoved: boolean }> {
  const { name, version } = parseVersionRef(ref);
  await resolveModelVersion(home, { name, version });
  const record = await home.meta.deleteModelVersion(name, version);
  return { record, artifactRemoved: await home.releaseArtifact(record.artifact) };
}
