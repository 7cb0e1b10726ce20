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
export { ADDRESS_CLASS_LABELS, type AddressClass, classifyAddress, type HostLookup, type NetPolicy, policyRequest, type PolicyRequestInit, type PolicyResponse, systemLookup } from './net-policy.js';
export { type Progress, type ProgressUpdate, silentProgress } from './progress.js';
export { span } from './trace.js';
export { Rng } from './rng.js';
export { TYPED_ARRAYS, type TypedArrayName, typedArrayName } from './typed-arrays.js';
export { YAML_LIMITS, parseYaml, readYamlFile, readYamlText, type YamlReadOptions } from './yaml-file.js';
export { v, checkConfig, describeValue, BAD, type Spec, type Field, type Infer, type NumberOptions } from './config-schema.js';
export { readLatheYaml, LATHE_YAML_KEYS, LATHE_YAML_SECTIONS, TRAIN_KEYS } from './lathe-yaml.js';
export { parseIsoDate, ISO_DATE_FORMATS } from './parse-date.js';
