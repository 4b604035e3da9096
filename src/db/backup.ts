// A consistent copy of the forum's SQLite database while the site runs, written whole or not at all.
import { closeSync, existsSync, fsyncSync, openSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { FORUM_DATABASE_FILE } from './database.js';

export class BackupError extends Error {
  override readonly name = 'BackupError';
}

function fsyncPath(file: string): void {
  const fd = openSync(file, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Copies DATA_DIR/forum.sqlite to `target` with VACUUM INTO: one read transaction, so the copy is the database as of one
 * moment even while servers write (WAL lets them go on), and compact. The copy is written beside the target, flushed to
 * disk, checked, and only then renamed into place, so a crash never leaves half a backup under the target's name.
 * Returns the number of members in the copy, for the operator to see.
 */
export function backupSqlite(dataDir: string, target: string): { readonly members: number } {
  const source = path.join(dataDir, FORUM_DATABASE_FILE);
  if (!existsSync(source)) throw new BackupError(`there is no forum database at ${source}`);
  if (existsSync(target)) throw new BackupError(`${target} exists already; choose a new file name`);
  const partial = `${target}.partial-${process.pid}`;
  const db = new Database(source, { fileMustExist: true, timeout: 2000 });
  try {
    db.prepare('VACUUM INTO ?').run(partial);
  } catch (error) {
    rmSync(partial, { force: true });
    throw new BackupError(`cannot back up ${source} to ${target}: ${(error as Error).message}`, { cause: error });
  } finally {
    db.close();
  }
  const copy = new Database(partial, { readonly: true });
  let members: number;
  try {
    const check = copy.pragma('integrity_check', { simple: true });
    if (check !== 'ok') throw new BackupError(`the copy of ${source} failed its integrity check: ${String(check)}`);
    members = (copy.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n;
  } finally {
    copy.close();
  }
  fsyncPath(partial);
  renameSync(partial, target);
  fsyncPath(path.dirname(path.resolve(target)));
  return { members };
}
