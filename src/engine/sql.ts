/** Quotes an SQL identifier for DuckDB: `"a ""b"""`. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Quotes an SQL string literal: `'it''s'`. */
export function quoteLiteral(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}
