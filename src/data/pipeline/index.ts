/**
 * Feature pipelines: transformers fitted on training rows and applied the
 * same way at prediction time, stored as data (never code).
 */
export type { Transformer, TransformerJSON, TransformStats } from './transformer.js';
export { BaseTransformer } from './transformer.js';
export { BufferPool, freshAllocator, type ColumnAllocator } from './allocator.js';
export { TransformerRegistry, registerClass, classEntry, type TransformerEntry, type TransformerClass } from './registry.js';
export { transformers, registerBuiltinTransformers } from './builtins.js';
export { parseParams, describeParam, type ParamDef, type ParamDefs, type ParamValue } from './params.js';
export { encodeNumber, encodeNumbers, decodeNumber, type JsonNumber } from './state-json.js';
export { SimpleImputer, type SimpleImputerParams } from './simple-imputer.js';
export { StandardScaler, type StandardScalerParams } from './standard-scaler.js';
export { MinMaxScaler, type MinMaxScalerParams } from './min-max-scaler.js';
export { RobustScaler, type RobustScalerParams } from './robust-scaler.js';
export { OneHotEncoder, type OneHotEncoderParams } from './one-hot-encoder.js';
export { OrdinalEncoder, type OrdinalEncoderParams } from './ordinal-encoder.js';
export { TargetEncoder, type TargetEncoderParams } from './target-encoder.js';
export { DatetimeExpander, DATETIME_FEATURES, type DatetimeExpanderParams } from './datetime-expander.js';
export { Log1p, type Log1pParams } from './log1p.js';
export { Clipper, type ClipperParams } from './clipper.js';
export { QuantileBinner, type QuantileBinnerParams } from './quantile-binner.js';
export { HashingVectorizer, type HashingVectorizerParams } from './hashing-vectorizer.js';
export { murmur3 } from './murmur3.js';
export { Pipeline, type PipelineInput, type PipelineOutput, type PipelineOptions, type PipelineStats, type PipelineJSON, type TransformOptions } from './pipeline.js';
export { pipelineFromSpec, type PipelineSpec, type StepSpec } from './pipeline-spec.js';
export { autoPipeline, autoSpec, type AutoPipelineOptions } from './auto-pipeline.js';
