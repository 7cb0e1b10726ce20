export { DuckDBEngine, type EngineOptions } from './duckdb-engine.js';
export { quoteIdent, quoteLiteral } from './sql.js';
export { readFrame, type ReadColumnSpec } from './read-frame.js';
export { logicalTypeOf, snapshotExpr } from './duckdb-types.js';
