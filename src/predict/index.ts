export { Predictor, type Predictions } from './predictor.js';
export { resolveModelPackage, type ResolvedModel } from './resolve-model.js';
export { OnnxPredictor, type OnnxPredictorOptions } from './onnx-predictor.js';
export { loadOnnxPredictor, readOnnxArtifact, type OnnxArtifact } from './onnx-load.js';
export { OnnxWorkerScorer } from './onnx-scorer.js';
export { loadOnnxServed, type OnnxServedModel } from './onnx-served.js';
export { batchPredict, planInput, scoreFrame, outputColumns, type BatchPredictOptions, type BatchPredictResult, type InputPlan, type ChunkScores, type OutputLayout } from './batch/index.js';
