// Database errors the forum handles by meaning rather than by engine: a unique constraint broken, the database busy.

/** Engine errors carry a code: SQLite's as text ("SQLITE_CONSTRAINT_UNIQUE"), PostgreSQL's as SQLSTATE ("23505"). */
function codeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

/** An INSERT or UPDATE broke a UNIQUE constraint or a primary key: a name already taken, a row already there. */
export function isUniqueViolation(error: unknown): boolean {
  const code = codeOf(error);
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505';
}

/** SQLite's file was locked by another process for longer than busy_timeout. */
export function isBusy(error: unknown): boolean {
  const code = codeOf(error);
  return code === 'SQLITE_BUSY' || code?.startsWith('SQLITE_BUSY_') === true;
}

/**
 * PostgreSQL SQLSTATEs that mean "the server cannot be used now" rather than "this query is wrong": class 08 (connection
 * exception), the server shutting down or starting (57P01–57P03), too many connections (53300).
 */
const POSTGRES_UNAVAILABLE = /^(08...|57P0[123]|53300)$/;
/** Node's socket errors on the way to PostgreSQL: refused while it restarts, reset when it stops, unreachable host. */
const SOCKET_UNAVAILABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
/** SQLite: the file locked by another process for longer than busy_timeout, a failing or full disk, a file gone. */
const SQLITE_UNAVAILABLE = /^SQLITE_(BUSY|IOERR|FULL|CANTOPEN|PROTOCOL)(_|$)/;
/** pg and pg-pool report a lost or never-made connection by message only, without a code. */
const PG_CONNECTION_MESSAGE =
  /Connection terminated|timeout exceeded when trying to connect|not queryable|Connection ended|the database system is (starting up|shutting down)/i;

/**
 * The database cannot be reached or used for now, whatever the query: a PostgreSQL that is down or restarting, a lost
 * connection, a SQLite file locked or on a failing disk. Such a request answers 503 and may be tried again; the causes
 * of an error (Kysely and the pool wrap them) are searched too.
 */
export function isUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; typeof current === 'object' && current !== null && depth < 5; depth += 1) {
    const code = codeOf(current);
    if (code !== undefined && (POSTGRES_UNAVAILABLE.test(code) || SOCKET_UNAVAILABLE.has(code) || SQLITE_UNAVAILABLE.test(code))) return true;
    if (current instanceof Error && PG_CONNECTION_MESSAGE.test(current.message)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
