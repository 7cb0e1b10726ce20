import type { Frame } from '../core/index.js';
import { type TargetOptions, withTarget } from '../data/validate/index.js';
import { readFrame } from '../engine/index.js';
import type { Home } from '../store/index.js';

/** A frame read from a dataset version or a file, with what else the source had. */
export interface LoadedTarget {
  frame: Frame;
  /** `name@N` or the file's location. */
  label: string;
  /** Every column the source has, read or not (for messages). */
  available: string[];
}

/**
 * Reads a dataset version (`name`, `name@N`) or any ingestible file, glob or
 * URL (read in place, not stored) into a Frame, keeping only the columns
 * `pick` chooses from those the source has. A dataset version keeps its
 * stored logical types; a file's are inferred as ingest would.
 *
 * @example
 * ```ts
 * const t = await loadTarget(home, 'penguins@1', (names) => names.filter((n) => n !== 'id'));
 * ```
 */
export async function loadTarget(
  home: Home,
  target: string,
  pick: (available: string[]) => string[] = (a) => a,
  opts: TargetOptions = {},
): Promise<LoadedTarget> {
  return withTarget(
    home,
    target,
    async (t) => {
      const described = await t.engine.describe(t.relation);
      const available = described.map((d) => d.name);
      const types = new Map(t.columns.map((c) => [c.name, c.type]));
      const specs = pick(available).map((name) => ({ name, type: types.get(name) }));
      const frame = await readFrame(t.engine, t.relation, specs, t.record?.rows ?? 0);
      return { frame, label: t.label, available };
    },
    opts,
  );
}
