// A member as the rest of the site sees one: no email, no password hash; and how a deleted member is named.
import type { Kysely } from 'kysely';
import type { DatabaseSchema, IsoTime, Role, UserRow } from '../db/schema.js';
import { timeMs } from '../db/values.js';

export interface Member {
  readonly id: number;
  readonly username: string;
  readonly role: Role;
  readonly createdAt: IsoTime;
  readonly approvedPostCount: number;
  readonly suspendedUntil: IsoTime | null;
}

/** Shown as the author of a deleted member's posts. */
export const DELETED_MEMBER_NAME = 'deleted member';

/** The columns a Member is made of: select these, never `selectAll()`, so the hash and the email stay in the database. */
export const MEMBER_COLUMNS = ['users.id', 'users.username', 'users.role', 'users.created_at', 'users.approved_post_count', 'users.suspended_until'] as const;

export type MemberRow = Pick<UserRow, 'id' | 'username' | 'role' | 'created_at' | 'approved_post_count' | 'suspended_until'>;

export function toMember(row: MemberRow): Member {
  return {
    id: row.id,
    username: row.username,
    role: row.role,
    createdAt: row.created_at,
    approvedPostCount: Number(row.approved_post_count),
    suspendedUntil: row.suspended_until,
  };
}

/** A member as the database holds them now (never as a session remembered them), unless deleted. */
export async function findMember(db: Kysely<DatabaseSchema>, id: number): Promise<Member | undefined> {
  const row = await db.selectFrom('users').select(MEMBER_COLUMNS).where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
  return row && toMember(row);
}

/** The name to show for an author: theirs, or "deleted member". */
export function authorName(user: Pick<UserRow, 'username' | 'deleted_at'>): string {
  return user.deleted_at === null ? user.username : DELETED_MEMBER_NAME;
}

/** Whether the member is suspended at `now` (milliseconds). */
export function isSuspended(member: Pick<Member, 'suspendedUntil'>, now: number): boolean {
  return member.suspendedUntil !== null && timeMs(member.suspendedUntil) > now;
}

const RANK: Readonly<Record<Role, number>> = { member: 0, moderator: 1, administrator: 2 };

/** Whether a role is at least another: moderators and administrators moderate; only administrators change roles. */
export function hasRole(member: Pick<Member, 'role'>, role: Role): boolean {
  return RANK[member.role] >= RANK[role];
}

/** Whether `actor` may act on `target` (suspend, issue a reset): only on members of a lower rank, never on oneself. */
export function outranks(actor: Pick<Member, 'id' | 'role'>, target: Pick<Member, 'id' | 'role'>): boolean {
  return actor.id !== target.id && (RANK[actor.role] > RANK[target.role] || (actor.role === 'administrator' && target.role === 'administrator'));
}

/**
 * Whether `actor` may moderate a post or topic written by someone of `authorRole` (approve, reject, hide, restore,
 * resolve its reports). Moderators act on members' posts; only an administrator acts on a moderator's or an
 * administrator's, as with suspensions and reset links: a moderator cannot silence another moderator or those who
 * appoint them, and a dispute among staff goes to an administrator. A deleted member's posts count as a member's.
 */
export function mayModerateContentOf(actor: Pick<Member, 'role'>, authorRole: Role): boolean {
  return actor.role === 'administrator' || (actor.role === 'moderator' && authorRole === 'member');
}
