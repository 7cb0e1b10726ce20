import type { DatasetLineageNode, Home } from '../store/index.js';

/** Derivation chains deeper than this are cut; real ones are a few steps. */
const MAX_DEPTH = 32;

/**
 * The parents of a dataset version, recursively, from each version's
 * recorded lineage (set by `derive`). An unknown version has no parents here.
 */
export async function datasetParents(home: Home, name: string, version: number, depth = 0, seen = new Set<string>()): Promise<DatasetLineageNode[]> {
  const key = `${name}@${version}`;
  // Versions are immutable and made from existing ones, so a cycle means damage; stop rather than loop.
  if (depth >= MAX_DEPTH || seen.has(key)) return [];
  seen.add(key);
  const rec = await home.meta.getDatasetVersion(name, version);
  const out: DatasetLineageNode[] = [];
  for (const p of rec?.lineage?.parents ?? []) {
    out.push({ name: p.name, version: p.version, parents: await datasetParents(home, p.name, p.version, depth + 1, seen) });
  }
  return out;
}
