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
