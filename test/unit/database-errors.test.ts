// Which database errors mean "unavailable for now" (503, try again) rather than a fault in the request or the code.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isUnavailable } from '../../src/db/errors.js';

function coded(code: string, message = 'failed'): Error {
  return Object.assign(new Error(message), { code });
}

describe('isUnavailable', () => {
  it('is true for a PostgreSQL that is down, restarting or full, and for a lost connection', () => {
    for (const code of ['57P01', '57P02', '57P03', '08006', '08001', '53300', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT']) {
      assert.equal(isUnavailable(coded(code)), true, code);
    }
    assert.equal(isUnavailable(new Error('Connection terminated unexpectedly')), true);
    assert.equal(isUnavailable(new Error('timeout exceeded when trying to connect')), true);
  });

  it('is true for a SQLite file locked by another process, or a failing or full disk', () => {
    for (const code of ['SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_IOERR_WRITE', 'SQLITE_FULL', 'SQLITE_CANTOPEN'])
      assert.equal(isUnavailable(coded(code)), true, code);
  });

  it('looks through the causes the pool and Kysely wrap errors in', () => {
    assert.equal(isUnavailable(new Error('query failed', { cause: coded('57P01') })), true);
  });

  it('is false for errors in the query or the data, which a retry would not mend', () => {
    for (const code of ['23505', '42P01', '22P02', 'SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_ERROR', 'SQLITE_BUSYNESS'])
      assert.equal(isUnavailable(coded(code)), false, code);
    assert.equal(isUnavailable(new TypeError('cannot read properties of undefined')), false);
    assert.equal(isUnavailable(undefined), false);
    assert.equal(isUnavailable('ECONNREFUSED'), false);
  });
});
