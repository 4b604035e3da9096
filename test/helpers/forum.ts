// A forum on a test database with a clock the test moves, and members made without going through registration.
import type { Role } from '../../src/db/schema.js';
import type { ForumDatabase } from '../../src/db/database.js';
import { isoTime } from '../../src/db/values.js';
import { createForum, type Forum } from '../../src/forum/forum.js';
import { PasswordPolicy } from '../../src/forum/password-policy.js';
import { hashPassword } from '../../src/forum/passwords.js';
import { usernameKey } from '../../src/forum/usernames.js';
import { PROJECT_PATHS } from '../../src/project-paths.js';
import type { EngineUnderTest } from './engines.js';

let policy: PasswordPolicy | undefined;

/** The shipped policy, read once per test process. */
export function shippedPolicy(): PasswordPolicy {
  policy ??= PasswordPolicy.fromFile(PROJECT_PATHS.commonPasswords);
  return policy;
}

/** A clock that stands still until the test moves it. */
export class TestClock {
  constructor(public now = Date.UTC(2026, 10, 27, 9, 0, 0)) {}
  readonly read = (): number => this.now;
  advance(ms: number): void {
    this.now += ms;
  }
}

export interface TestForum {
  readonly forum: Forum;
  readonly database: ForumDatabase;
  readonly clock: TestClock;
  close(): Promise<void>;
}

/** The categories a test forum knows, as the editors' YAML would list them. */
export const TEST_CATEGORIES: readonly string[] = ['general', 'jobs'];

export async function openTestForum(engine: EngineUnderTest): Promise<TestForum> {
  const database = await engine.open();
  const clock = new TestClock();
  const isCategory = (slug: string): boolean => TEST_CATEGORIES.includes(slug);
  const forum = await createForum({ database, policy: shippedPolicy(), clock: clock.read, isCategory });
  return { forum, database, clock, close: () => database.close() };
}

export const PASSWORD = 'correct horse battery staple';
let storedHash: Promise<string> | undefined;

/** A member straight into the table, with PASSWORD (hashed once per process), to test what comes after registering. */
export async function addMember(database: ForumDatabase, username: string, role: Role = 'member'): Promise<number> {
  storedHash ??= hashPassword(PASSWORD);
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
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
