/**
 * The one error type of Lathe. Every failure a user can cause or fix carries a
 * stable `code`, a message that says what is wrong, and a `hint` that says how
 * to fix it. The code decides the CLI exit code and the HTTP status.
 *
 * @example
 * ```ts
 * throw new LatheError('NOT_FOUND', 'dataset "flights" does not exist', {
 *   hint: 'run `lathe datasets` to list the datasets',
 * });
 * ```
 */

/** Stable error codes. New codes may be added; existing ones are never renamed. */
export type ErrorCode =
  | 'BAD_INPUT'
  | 'BAD_USAGE'
  | 'BAD_NAME'
  | 'BAD_REF'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'UNSUPPORTED_FORMAT'
  | 'PARSE_ERROR'
  | 'EMPTY_SOURCE'
  | 'DUPLICATE_COLUMN'
  | 'NO_COLUMNS'
  | 'TOO_LARGE'
  | 'HTTP_ERROR'
  | 'CONNECTION_FAILED'
  | 'PRIVATE_ADDRESS'
  | 'AUTH_FAILED'
  | 'SQL_ERROR'
  | 'SCHEMA_TOO_NEW'
  | 'INTEGRITY'
  | 'NOT_FITTED'
  | 'BAD_PARAM'
  | 'CHECK_FAILED'
  | 'RATE_LIMITED'
  | 'NOT_READY'
  | 'INTERNAL';

/** Options carried with a {@link LatheError}. */
export interface LatheErrorOptions {
  /** How to fix it, shown after the message. */
  hint?: string;
  /** The underlying error, kept for logs; never shown to HTTP clients. */
  cause?: unknown;
}

/** A user-facing failure with a stable code. */
export class LatheError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;

  constructor(code: ErrorCode, message: string, opts: LatheErrorOptions = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'LatheError';
    this.code = code;
    this.hint = opts.hint;
  }

  /** The one-line form the CLI prints: `<what> — <how to fix>`. */
  oneLine(): string {
    return this.hint ? `${this.message} — ${this.hint}` : this.message;
  }

  /** The JSON form used by `--json`: `{code, message, hint}`. */
  toJSON(): { code: ErrorCode; message: string; hint: string | null } {
    return { code: this.code, message: this.message, hint: this.hint ?? null };
  }
}

/** Exit code for an error code: 1 a check said no, 2 bad usage or input, 3 internal. */
export function exitCodeOf(code: ErrorCode): 1 | 2 | 3 {
  if (code === 'CHECK_FAILED') return 1;
  if (code === 'INTERNAL' || code === 'INTEGRITY' || code === 'SCHEMA_TOO_NEW') return 3;
  return 2;
}

const HTTP_STATUS: Partial<Record<ErrorCode, number>> = {
  NOT_FOUND: 404,
  CONFLICT: 409,
  TOO_LARGE: 413,
  INTERNAL: 500,
  INTEGRITY: 500,
  SCHEMA_TOO_NEW: 500,
  CONNECTION_FAILED: 503,
  RATE_LIMITED: 429,
  NOT_READY: 503,
};

/** HTTP status for an error code; anything caused by the request is a 400. */
export function httpStatusOf(code: ErrorCode): number {
  return HTTP_STATUS[code] ?? 400;
}

/** True when `e` is a {@link LatheError}, optionally with the given code. */
export function isLatheError(e: unknown, code?: ErrorCode): e is LatheError {
  return e instanceof LatheError && (code === undefined || e.code === code);
}

/** Wraps anything thrown into a LatheError, keeping LatheErrors as they are. */
export function toLatheError(e: unknown): LatheError {
  if (e instanceof LatheError) return e;
  const msg = e instanceof Error ? e.message : String(e);
  return new LatheError('INTERNAL', `internal error: ${firstLine(msg)}`, {
    hint: 'this is a bug in Lathe; please report it with the command you ran',
    cause: e,
  });
}

/** The first line of a message, for one-line errors. */
export function firstLine(msg: string): string {
  const i = msg.indexOf('\n');
  return (i < 0 ? msg : msg.slice(0, i)).trim();
}
