import { StatementType } from '@duckdb/node-api';
import type { DuckDBEngine } from '../engine/index.js';
import { LatheError } from '../errors.js';
import { cleanDuck } from './duckdb-errors.js';

/**
 * Checks user SQL is exactly one SELECT that DuckDB can plan, and returns it
 * without a trailing semicolon, ready to wrap in parentheses.
 */
export async function checkSelect(engine: DuckDBEngine, sql: string): Promise<string> {
  const text = sql.trim().replace(/;\s*$/, '');
  if (text === '') throw new LatheError('BAD_USAGE', 'the SQL is empty', { hint: 'write a SELECT … FROM data' });
  let kind: StatementType;
  try {
    const ex = await engine.conn.extractStatements(text);
    if (ex.count !== 1) {
      throw new LatheError('SQL_ERROR', `the SQL has ${ex.count} statements`, { hint: 'write exactly one SELECT … FROM data' });
    }
    kind = (await ex.prepare(0)).statementType;
  } catch (e) {
    if (e instanceof LatheError) throw e;
    throw new LatheError('SQL_ERROR', `bad SQL: ${cleanDuck((e as Error).message)}`, {
      hint: 'the dataset is the table `data`; write a SELECT … FROM data',
      cause: e,
    });
  }
  if (kind !== StatementType.SELECT) {
    throw new LatheError('SQL_ERROR', 'only a SELECT is allowed here', { hint: 'write a SELECT … FROM data' });
  }
  return text;
}
