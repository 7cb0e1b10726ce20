import { withDataset, resolveDataset } from '../../ingest/index.js';
import { isLatheError } from '../../errors.js';
import { type DatasetVersionRecord, type Home, getJson } from '../../store/index.js';
import { computeProfile } from './compute-profile.js';
import type { Profile } from './types.js';

/**
 * The profile of a dataset version (`name` or `name@N`). It is computed once,
 * inside DuckDB, stored as a JSON artifact linked to the version, and read
 * back on every later call: never recomputed, so every consumer (reports,
 * schema inference, the model package's reference profile) sees the same
 * numbers.
 *
 * @example
 * ```ts
 * const home = await Home.open();
 * const p = await profileDataset(home, 'penguins@1');
 * p.columns.map((c) => [c.name, c.missing]);
 * ```
 */
export async function profileDataset(home: Home, ref: string): Promise<Profile> {
  const rec = await resolveDataset(home, ref);
  if (rec.profile) return getJson<Profile>(home.artifacts, rec.profile);
  const body = await withDataset(home, rec, (engine) => computeProfile(engine, 'data', rec.columns, { rows: rec.rows }));
  const text = JSON.stringify({ dataset: rec.name, version: rec.version, ...body });
  try {
    await home.commitBytes(new TextEncoder().encode(text), (sha, pending) =>
      home.meta.setDatasetProfile(rec.name, rec.version, sha, pending),
    );
  } catch (e) {
    if (!isLatheError(e, 'CONFLICT')) throw e;
    return storedBy(home, rec, e);
  }
  // Parsed back from the stored text, so this call and every later one
  // return exactly the same object (no -0, no undefined fields).
  return JSON.parse(text) as Profile;
}

/** Another process linked its profile first (approximate statistics can differ): theirs wins. */
async function storedBy(home: Home, rec: DatasetVersionRecord, conflict: unknown): Promise<Profile> {
  const now = await home.meta.getDatasetVersion(rec.name, rec.version);
  if (!now?.profile) throw conflict;
  return getJson<Profile>(home.artifacts, now.profile);
}
