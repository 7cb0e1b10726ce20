import { Clipper } from './clipper.js';
import { DatetimeExpander } from './datetime-expander.js';
import { HashingVectorizer } from './hashing-vectorizer.js';
import { Log1p } from './log1p.js';
import { MinMaxScaler } from './min-max-scaler.js';
import { OneHotEncoder } from './one-hot-encoder.js';
import { OrdinalEncoder } from './ordinal-encoder.js';
import { QuantileBinner } from './quantile-binner.js';
import { TransformerRegistry, registerClass, type TransformerClass } from './registry.js';
import { RobustScaler } from './robust-scaler.js';
import { SimpleImputer } from './simple-imputer.js';
import { StandardScaler } from './standard-scaler.js';
import { TargetEncoder } from './target-encoder.js';
import type { BaseTransformer } from './transformer.js';

/** Registers the built-in transformers under their kinds. */
export function registerBuiltinTransformers(registry: TransformerRegistry): TransformerRegistry {
  const all: TransformerClass<BaseTransformer<any, any>>[] = [SimpleImputer, StandardScaler, MinMaxScaler, RobustScaler, OneHotEncoder, OrdinalEncoder, TargetEncoder, DatetimeExpander, Log1p, Clipper, QuantileBinner, HashingVectorizer];
  for (const c of all) registerClass(registry, c);
  return registry;
}

/**
 * The default registry, with every built-in kind. Pipelines load through it
 * unless given another.
 *
 * @example
 * ```ts
 * transformers.kinds(); // ['clip', 'datetime_expand', 'hash_text', …]
 * transformers.create('impute', { strategy: 'median' });
 * ```
 */
export const transformers: TransformerRegistry = registerBuiltinTransformers(new TransformerRegistry());
