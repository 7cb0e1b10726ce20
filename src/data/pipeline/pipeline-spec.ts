import { LatheError, isLatheError } from '../../errors.js';
import { transformers } from './builtins.js';
import { Pipeline } from './pipeline.js';
import type { TransformerRegistry } from './registry.js';

/** One step of a declarative pipeline: a registered `kind` and its parameters. */
export type StepSpec = { kind: string } & Record<string, unknown>;

/** A declarative pipeline, as the training config and CLI flags produce it. */
export interface PipelineSpec {
  steps: StepSpec[];
  /** Input columns that must be present at prediction time. */
  required?: string[];
  /** Input columns that may be absent at prediction time (filled as missing). */
  optional?: string[];
  /** The target column, never an input. */
  target?: string;
}

const SPEC_KEYS = ['steps', 'required', 'optional', 'target'];

/**
 * Builds an unfitted pipeline from plain data. Unknown keys, unknown kinds,
 * unknown parameters and bad values are BAD_PARAM errors naming the step,
 * the parameter and what is allowed.
 *
 * @example
 * ```ts
 * const p = pipelineFromSpec({
 *   steps: [
 *     { kind: 'impute', columns: ['age'], strategy: 'median', add_indicator: true },
 *     { kind: 'standard_scale', columns: ['age'] },
 *     { kind: 'one_hot', columns: ['city'], max_categories: 20 },
 *   ],
 * });
 * ```
 */
export function pipelineFromSpec(spec: unknown, registry: TransformerRegistry = transformers): Pipeline {
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) {
    throw new LatheError('BAD_PARAM', 'a pipeline spec must be an object', { hint: 'write it as {steps: [{kind: …, …}, …]}' });
  }
  const o = spec as Record<string, unknown>;
  for (const k of Object.keys(o)) {
    if (!SPEC_KEYS.includes(k)) throw new LatheError('BAD_PARAM', `pipeline spec has no key "${k}"`, { hint: `its keys: ${SPEC_KEYS.join(', ')}` });
  }
  if (!Array.isArray(o.steps)) throw new LatheError('BAD_PARAM', 'pipeline spec "steps" must be a list', { hint: 'write steps: [{kind: "impute", …}, …]' });
  const steps = o.steps.map((s, i) => buildStep(s, i, registry));
  if (o.target !== undefined && typeof o.target !== 'string') throw new LatheError('BAD_PARAM', 'pipeline spec "target" must be a column name', { hint: 'write target: "price"' });
  return new Pipeline(steps, { required: nameList(o.required, 'required'), optional: nameList(o.optional, 'optional'), target: o.target });
}

function buildStep(step: unknown, i: number, registry: TransformerRegistry) {
  const where = `pipeline step ${i + 1}`;
  if (typeof step !== 'object' || step === null || Array.isArray(step) || typeof (step as StepSpec).kind !== 'string') {
    throw new LatheError('BAD_PARAM', `${where} must be an object with a "kind"`, { hint: `kinds: ${registry.kinds().join(', ')}` });
  }
  const { kind, ...params } = step as StepSpec;
  try {
    return registry.create(kind, params);
  } catch (e) {
    // Say which step failed: a spec may use the same kind several times.
    if (isLatheError(e)) throw new LatheError(e.code, `${where}: ${e.message}`, { hint: e.hint, cause: e });
    throw e;
  }
}

function nameList(v: unknown, key: string): string[] | undefined {
  if (v === undefined) return undefined;
  if (!Array.isArray(v) || !v.every((s) => typeof s === 'string')) {
    throw new LatheError('BAD_PARAM', `pipeline spec "${key}" must be a list of column names`, { hint: `write ${key}: ["col_a", "col_b"]` });
  }
  return v;
}
