// A forum on a test database with a clock the test moves, and members made without going through registration.
import type { ForumDatabase } from '../../src/db/database.js';
import { createForum, type Forum } from '../../src/forum/forum.js';
import { PasswordPolicy } from '../../src/forum/password-policy.js';
import { PROJECT_PATHS } from '../../src/project-paths.js';
import { addMember, MEMBER_PASSWORD } from '../../scripts/lib/add-member.js';
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

/** The password of every member addMember() makes. */
export const PASSWORD = MEMBER_PASSWORD;
/** One for the tests and the bench alike (scripts/lib/add-member.ts). */
export { addMember };
