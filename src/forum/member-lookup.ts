// Finding members for moderators: by the start of a username, and one member's standing (posts, reports, locks).
import { sql, type Kysely, type SqlBool } from 'kysely';
import type { DatabaseSchema } from '../db/schema.js';
import { isoTime, toCount } from '../db/values.js';
import type { Clock } from './clock.js';
import { LIMITS } from './limits.js';
import { MEMBER_COLUMNS, toMember, type Member } from './members.js';
import type { Throttle } from './throttle.js';
import { normalizeUsername, usernameKey } from './usernames.js';
import { isStaff, type Viewer } from './visibility.js';

/** A lookup lists at most this many names: a moderator looking for one member types more letters rather than pages. */
export const LOOKUP_LIMIT = 30;

export interface MemberStanding {
  readonly member: Member;
  /** Posts by status: what the member has written, and how much of it staff took down. */
  readonly posts: { readonly visible: number; readonly held: number; readonly hidden: number; readonly rejected: number };
  /** Open reports against the member's posts. */
  readonly openReports: number;
  /** Failed logins have locked the account for now (LIMITS.loginFailuresPerAccount or its daily limit). */
  readonly loginLocked: boolean;
  /** Live sessions: whether ending them would log anyone out. */
  readonly sessions: number;
}

export interface MemberLookupDeps {
  readonly db: Kysely<DatabaseSchema>;
  readonly throttle: Throttle;
  readonly clock: Clock;
}

/** Escapes LIKE's wildcards, so a name with "_" matches only itself. */
function likePrefix(text: string): string {
  return `${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

export class MemberLookup {
  constructor(private readonly deps: MemberLookupDeps) {}

  /**
   * Members whose username starts with what was typed, in the forum's own spelling rules (case and look-alike letters
   * fold as at registration), exact match first. Undefined unless the viewer is staff; deleted accounts are left out.
   */
  async find(viewer: Viewer | undefined, typed: string): Promise<Member[] | undefined> {
    if (!isStaff(viewer)) return undefined;
    const key = usernameKey(normalizeUsername(typed.trim()));
    if (key === '') return [];
    const rows = await this.deps.db
      .selectFrom('users')
      .select(MEMBER_COLUMNS)
      .where('deleted_at', 'is', null)
      // SQLite's LIKE has no escape character unless one is named; PostgreSQL's default is the same backslash.
      .where(sql<SqlBool>`username_key like ${likePrefix(key)} escape '\\'`)
      .orderBy('username_key')
      .limit(LOOKUP_LIMIT)
      .execute();
    const members = rows.map(toMember);
    const exact = members.findIndex((member) => usernameKey(member.username) === key);
    return exact > 0 ? [members[exact]!, ...members.filter((_, index) => index !== exact)] : members;
  }

  /** One member's standing, for staff only; undefined for anyone else, and for an unknown or deleted member. */
  async standing(viewer: Viewer | undefined, memberId: number): Promise<MemberStanding | undefined> {
    if (!isStaff(viewer)) return undefined;
    const { db, throttle } = this.deps;
    const row = await db
      .selectFrom('users')
      .select([...MEMBER_COLUMNS, 'users.username_key'])
      .where('id', '=', memberId)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    if (!row) return undefined;
    const byStatus = await db
      .selectFrom('posts')
      .select((eb) => ['status', eb.fn.countAll<number | string>().as('count')])
      .where('author_id', '=', memberId)
      .groupBy('status')
      .execute();
    const count = (status: string): number => toCount(byStatus.find((each) => each.status === status)?.count);
    const reports = await db
      .selectFrom('reports')
      .innerJoin('posts', 'posts.id', 'reports.post_id')
      .select((eb) => eb.fn.countAll<number | string>().as('count'))
      .where('posts.author_id', '=', memberId)
      .where('reports.status', '=', 'open')
      .executeTakeFirstOrThrow();
    const sessions = await db
      .selectFrom('sessions')
      .select((eb) => eb.fn.countAll<number | string>().as('count'))
      .where('user_id', '=', memberId)
      .where('expires_at', '>', isoTime(this.deps.clock()))
      .executeTakeFirstOrThrow();
    const locks = await Promise.all([
      throttle.check(LIMITS.loginFailuresPerAccount, row.username_key),
      throttle.check(LIMITS.loginFailuresPerAccountPerDay, row.username_key),
    ]);
    return {
      member: toMember(row),
      posts: { visible: count('visible'), held: count('held'), hidden: count('hidden'), rejected: count('rejected') },
      openReports: toCount(reports.count),
      loginLocked: locks.some((decision) => !decision.allowed),
      sessions: toCount(sessions.count),
    };
  }
}
