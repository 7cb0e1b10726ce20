import { formatDatasetRef } from '../../core/index.js';
import { resolveDataset, withDataset } from '../../ingest/index.js';
import type { Home } from '../../store/index.js';
import type { DatasetSchema } from '../schema/index.js';
import { type TargetOptions, withTarget } from './open-target.js';
import { validateRelation } from './validate-relation.js';
import type { ValidationResult } from './validation-result.js';

/**
 * Validates a dataset version against a schema: the gate training calls
 * before it fits. Pass the result to `assertValid` to stop on errors.
 *
 * @example
 * ```ts
 * const result = await validateDataset(home, 'penguins@2', readSchemaFile('schema.yaml'));
 * assertValid(result, 'penguins@2');
 * ```
 */
export async function validateDataset(home: Home, ref: string, schema: DatasetSchema): Promise<ValidationResult & { dataset: string }> {
  const rec = await resolveDataset(home, ref);
  const result = await withDataset(home, rec, (engine) => validateRelation(engine, 'data', schema));
  return { ...result, dataset: formatDatasetRef(rec.name, rec.version) };
}

/**
 * Validates a dataset ref, or any ingestible file, glob or URL read in place
 * (nothing is stored), against a schema. See `withTarget` for how `target`
 * is told apart.
 */
export async function validateTarget(
  home: Home,
  target: string,
  schema: DatasetSchema,
  opts: TargetOptions = {},
): Promise<ValidationResult & { label: string }> {
  return withTarget(home, target, async (t) => ({ ...(await validateRelation(t.engine, t.relation, schema)), label: t.label }), opts);
}
