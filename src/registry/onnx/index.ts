/**
 * ONNX exchange: export of Lathe models to standard ONNX graphs
 * (ai.onnx + ai.onnx.ml operators), and the checks an imported ONNX model
 * passes before it is registered. onnxruntime-node is loaded lazily.
 */
export { exportOnnx, exportedSignature, ONNX_OUTPUTS, EXPORT_OPSETS } from './export-model.js';
export { EXPORTABLE_ESTIMATORS } from './export-estimator.js';
export { inspectOnnx } from './inspect-onnx.js';
export { readDeclaredSignature, type DeclaredSignature } from './declared-signature.js';
export { readOnnxSignature, latheOutputs, type OnnxSignature, type OnnxInputColumn, type OnnxWiring, type FeedType } from './onnx-signature.js';
export { decodeModel, type DecodedModel } from './onnx-decode.js';
export { loadOrt, createSession, type Ort, type OrtSession, type SessionOptions } from './runtime.js';
export { MISSING_STRING } from './export-columns.js';
