import { TesseraError } from '../core/errors.js';

/** Seconds a client should wait before retrying a write the database could not take. */
export const RETRY_AFTER_SECONDS = 1;

/** Node socket errors that mean the database cannot be reached. */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

/**
 * PostgreSQL SQLSTATEs of a server going away or not taking connections: class 08 (connection
 * exception), 57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now (starting up,
 * shutting down), 53300 too many connections.
 */
const UNAVAILABLE_STATES = new Set(['57P01', '57P02', '57P03', '53300']);

/** `pg`'s own messages when its socket ends or a connection cannot be had in time. */
const UNAVAILABLE_MESSAGES = [
  /^Connection terminated/i,
  /connection error and is not queryable/i,
  /^timeout exceeded when trying to connect/i,
  /^Client was closed and is not queryable/i,
  /^Cannot use a pool after calling end/i,
];

/** The write lock was not had in time: PostgreSQL 55P03 (lock_timeout), SQLite busy past the adapter's deadline. */
const LOCK_CODES = new Set(['55P03', 'SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_LOCKED']);

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Whether `error` says the database cannot be reached (down, restarting, the connection lost). */
export function isConnectionError(error: unknown): boolean {
  if (error === null || typeof error !== 'object') return false;
  if (error instanceof TesseraError) return error.code === 'UNAVAILABLE';
  const code = codeOf(error);
  if (code !== undefined && (SOCKET_CODES.has(code) || UNAVAILABLE_STATES.has(code) || /^08[0-9A-Z]{3}$/.test(code)))
    return true;
  const message = error instanceof Error ? error.message : '';
  if (UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(message))) return true;
  // AggregateError (a host with several addresses refused on each) and errors wrapping a cause.
  const nested = (error as { errors?: unknown; cause?: unknown }).errors;
  if (Array.isArray(nested) && nested.length > 0 && nested.every(isConnectionError)) return true;
  const cause = (error as { cause?: unknown }).cause;
  return cause !== undefined && cause !== error && isConnectionError(cause);
}

/** What `error` was, in words short enough for a log line or a health answer: its code and message. */
export function describeDatabaseError(error: unknown): string {
  const code = codeOf(error);
  const message = error instanceof Error ? error.message : String(error);
  const text = message === '' && error instanceof AggregateError ? String(error.errors[0] ?? '') : message;
  return code === undefined || text.includes(code) ? text : `${code}: ${text}`;
}

/**
 * The typed error a raw database error stands for: `UNAVAILABLE` when the database cannot be
 * reached, `LOCK_TIMEOUT` when its write lock was not had in time; undefined for any other error
 * (a bug, a constraint), which stays as it is.
 */
export function typedDatabaseError(error: unknown): TesseraError | undefined {
  if (error instanceof TesseraError) return undefined;
  if (isConnectionError(error)) {
    // The cause stays out of the details: clients are not told where the database is.
    return new TesseraError('UNAVAILABLE', undefined, { retryAfter: RETRY_AFTER_SECONDS });
  }
  const code = codeOf(error);
  if (code !== undefined && LOCK_CODES.has(code)) {
    return new TesseraError('LOCK_TIMEOUT', undefined, { retryAfter: RETRY_AFTER_SECONDS });
  }
  return undefined;
}

/** `error` as a typed store error when it is one of the database's; otherwise `error` itself. */
export function asStoreError(error: unknown): unknown {
  return typedDatabaseError(error) ?? error;
}
