import type { ColumnSchema } from '../../core/index.js';
import { LatheError } from '../../errors.js';
import { DATETIME_FEATURES } from './datetime-expander.js';
import type { Pipeline } from './pipeline.js';
import { pipelineFromSpec, type PipelineSpec, type StepSpec } from './pipeline-spec.js';

/** Options of the `auto` preset. */
export interface AutoPipelineOptions {
  /** The target column, left out of every step. */
  target?: string;
  /**
   * For estimators that take NaN and categorical codes natively
   * (gradient-boosted trees): no imputation, scaling or one-hot.
   */
  nativeCategorical?: boolean;
  /** One-hot columns per categorical, counting the other bucket; default 20. */
  maxCategories?: number;
  /** Hashed columns per text column; default 32. */
  hashFeatures?: number;
}

/**
 * The `auto` preset as a spec, so it can be shown, stored with a run and
 * edited. Per column type:
 * - numeric, integer: median impute (+ `__missing` indicator when nullable), standard scale;
 * - boolean: most-frequent impute;
 * - categorical: most-frequent impute, one-hot (max 20, other bucket);
 * - datetime: median impute (+ indicator when nullable), expand, standard scale of the parts;
 * - text: hashed bag of words.
 * Non-nullable columns are imputed too, so a value missing at prediction
 * time never reaches a model that cannot take NaN.
 *
 * With `nativeCategorical`, only what trees cannot do themselves: datetime
 * expanded, text hashed, and categoricals re-coded onto the training
 * dictionary (an `ordinal` step with categorical output) so codes mean the
 * same at prediction time as in training.
 *
 * @example
 * ```ts
 * autoSpec([{ name: 'age', type: 'numeric', nullable: true }], {});
 * // { steps: [{ kind: 'impute', columns: ['age'], strategy: 'median', add_indicator: true },
 * //           { kind: 'standard_scale', columns: ['age'] }] }
 * ```
 */
export function autoSpec(schema: readonly ColumnSchema[], opts: AutoPipelineOptions = {}): PipelineSpec {
  if (opts.target !== undefined && !schema.some((c) => c.name === opts.target)) {
    throw new LatheError('BAD_INPUT', `target column "${opts.target}" is not in the schema`, { hint: `columns: ${schema.map((c) => c.name).join(', ')}` });
  }
  const cols = schema.filter((c) => c.name !== opts.target);
  const of = (...types: string[]) => cols.filter((c) => types.includes(c.type));
  const names = (cs: readonly ColumnSchema[]) => cs.map((c) => c.name);
  const steps: StepSpec[] = [];
  const add = (kind: string, columns: string[], params: Record<string, unknown> = {}) => {
    if (columns.length > 0) steps.push({ kind, columns, ...params });
  };
  const dates = names(of('datetime'));
  const text = names(of('text'));
  if (opts.nativeCategorical) {
    add('ordinal', names(of('categorical')), { output: 'categorical' });
    add('datetime_expand', dates);
    add('hash_text', text, { n_features: opts.hashFeatures ?? 32 });
    return withTarget({ steps }, opts.target);
  }
  const numeric = of('numeric', 'integer', 'datetime');
  add('impute', names(numeric.filter((c) => c.nullable)), { strategy: 'median', add_indicator: true });
  add('impute', names(numeric.filter((c) => !c.nullable)), { strategy: 'median' });
  add('impute', names(of('boolean', 'categorical')), { strategy: 'most_frequent' });
  add('datetime_expand', dates);
  const parts = dates.flatMap((d) => DATETIME_FEATURES.map((f) => `${d}__${f}`));
  add('standard_scale', [...names(of('numeric', 'integer')), ...parts]);
  add('one_hot', names(of('categorical')), { max_categories: opts.maxCategories ?? 20 });
  add('hash_text', text, { n_features: opts.hashFeatures ?? 32 });
  return withTarget({ steps }, opts.target);
}

function withTarget(spec: PipelineSpec, target: string | undefined): PipelineSpec {
  return target === undefined ? spec : { ...spec, target };
}

/**
 * The `auto` preset as an unfitted pipeline (see {@link autoSpec}).
 *
 * @example
 * ```ts
 * const p = autoPipeline(frame.schema(), { target: 'price' });
 * const X = p.fitTransform(frame.drop(['price']), frame.column('price'));
 * const trees = autoPipeline(frame.schema(), { target: 'price', nativeCategorical: true });
 * ```
 */
export function autoPipeline(schema: readonly ColumnSchema[], opts: AutoPipelineOptions = {}): Pipeline {
  return pipelineFromSpec(autoSpec(schema, opts));
}
