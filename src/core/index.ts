export { Frame, type Column, type NumericColumn, type DictionaryColumn } from './frame.js';
export {
  LOGICAL_TYPES,
  type LogicalType,
  type ColumnSchema,
  isNumericLike,
  isDictionaryEncoded,
} from './logical-type.js';
export { assertValidName } from './names.js';
export { parseDatasetRef, formatDatasetRef, type DatasetRef } from './ref.js';
export { newId } from './ids.js';
export { redactUrl, redactText } from './redact.js';
export { type Progress, type ProgressUpdate, silentProgress } from './progress.js';
export { span } from './trace.js';
export { Rng } from './rng.js';
export { TYPED_ARRAYS, type TypedArrayName, typedArrayName } from './typed-arrays.js';
