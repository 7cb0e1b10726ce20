export { Predictor, type Predictions } from './predictor.js';
export { resolveModelPackage } from './resolve-model.js';
export { batchPredict, planInput, scoreFrame, outputColumns, type BatchPredictOptions, type BatchPredictResult, type InputPlan, type ChunkScores, type OutputLayout } from './batch/index.js';
