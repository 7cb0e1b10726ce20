import { redactText } from '../../core/index.js';
import { LatheError } from '../../errors.js';
import type { IngestOptions } from '../source.js';

/** A database URL taken apart: what the driver gets, and what Lathe keeps for itself. */
export interface DbUrl {
  url: URL;
  /** The URL without the table (no `#fragment`, no `?table=`), for the driver. */
  conn: string;
  /** The decoded password, only to scrub it from messages; '' when none. */
  password: string;
  /** The table named in the URL, if any. */
  table?: string;
}

/**
 * Parses `scheme://user:pw@host:port/db#table` (or `?table=`). The table is
 * removed before the URL reaches a driver, which would otherwise take it for
 * a connection option.
 */
export function parseDbUrl(location: string): DbUrl {
  let url: URL;
  try {
    url = new URL(location);
  } catch {
    throw new LatheError('BAD_INPUT', `${redactText(location)}: not a valid database URL`, {
      hint: 'write it as scheme://user:password@host:port/database#table',
    });
  }
  const table = (url.hash ? decodeURIComponent(url.hash.slice(1)) : undefined) || url.searchParams.get('table') || undefined;
  url.hash = '';
  url.searchParams.delete('table');
  return { url, conn: url.toString(), password: decodeURIComponent(url.password), table };
}

/**
 * The table or query a database source reads: exactly one of them. A table
 * from the options wins over one in the URL.
 */
export function sqlTarget(opts: IngestOptions, urlTable: string | undefined, label: string, example: string): { table?: string; query?: string } {
  const table = opts.table ?? urlTable;
  const query = opts.query?.trim().replace(/;\s*$/, '').trim();
  if (table !== undefined && opts.query !== undefined) {
    throw new LatheError('BAD_USAGE', `${label}: both a table ("${table}") and a query were given`, {
      hint: 'pass either --table (or #table in the URL) or --query, not both',
    });
  }
  if (query !== undefined) {
    if (query === '') throw new LatheError('BAD_USAGE', `${label}: the query is empty`, { hint: 'pass --query "SELECT ..."' });
    return { query };
  }
  if (table === undefined || table === '') {
    throw new LatheError('BAD_USAGE', `${label}: no table or query given`, {
      hint: `name a table with --table NAME or in the URL (${example}), or pass --query "SELECT ..."`,
    });
  }
  return { table };
}

/** Replaces a password wherever it appears in a message; a last guard after URL redaction. */
export function scrubSecret(msg: string, password: string): string {
  // One- or two-character passwords would garble every message and are no secret worth hiding.
  return password.length >= 3 ? msg.split(password).join('***') : msg;
}
