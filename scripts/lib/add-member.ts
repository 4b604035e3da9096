// A forum member put straight into the users table, for tests and the bench: what comes after registering, without its cost.
import type { ForumDatabase } from '../../src/db/database.js';
import type { Role } from '../../src/db/schema.js';
import { isoTime } from '../../src/db/values.js';
import { hashPassword } from '../../src/forum/passwords.js';
import { usernameKey } from '../../src/forum/usernames.js';

/** Every such member's password: one the shipped policy accepts. */
export const MEMBER_PASSWORD = 'correct horse battery staple';
let storedHash: Promise<string> | undefined;

export interface MemberOptions {
  /** Posts of theirs a moderator approved: with APPROVALS_BEFORE_TRUSTED or more, their posts appear at once. */
  readonly approvedPosts?: number;
}

/** A member with MEMBER_PASSWORD (hashed once per process: argon2id is slow by design), to test what comes after registering; their id. */
export async function addMember(database: ForumDatabase, username: string, role: Role = 'member', options: MemberOptions = {}): Promise<number> {
  storedHash ??= hashPassword(MEMBER_PASSWORD);
  const row = await database.db
    .insertInto('users')
    .values({
      username,
      username_key: usernameKey(username),
      email: null,
      password_hash: await storedHash,
      role,
      created_at: isoTime(Date.UTC(2026, 0, 1)),
      suspended_until: null,
      deleted_at: null,
      approved_post_count: options.approvedPosts ?? 0,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
