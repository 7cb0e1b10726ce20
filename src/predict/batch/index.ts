/**
 * Batch scoring: any input, chunk by chunk, through a stored model, into a
 * Parquet, CSV or NDJSON file written atomically.
 */
export { batchPredict, type BatchPredictOptions, type BatchPredictResult } from './batch-predict.js';
export { planInput, type InputPlan, type InputColumn, type ReadColumn, type RowCheck } from './input-plan.js';
export { scoreFrame, type ChunkScores } from './score-frame.js';
export { outputColumns, type OutputLayout } from './output-writer.js';
