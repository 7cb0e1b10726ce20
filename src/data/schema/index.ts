export {
  type DatasetSchema,
  type SchemaColumn,
  type ValueRange,
  SCHEMA_VERSION,
  MAX_CATEGORIES,
  RANGE_MARGIN,
  RARE_CATEGORY_SHARE,
  takesRange,
  parseIsoUtc,
  boundValue,
} from './dataset-schema.js';
export { parseSchema, readSchemaFile } from './parse-schema.js';
export { schemaToYaml, type SchemaYamlOptions } from './schema-yaml.js';
export { inferSchema, allowance, widenRange, type KnownColumn } from './infer-schema.js';
export { missingSql, numberSql, textSql, isoOf } from './column-sql.js';
