// Who may see what: visible to all; held to its author and staff; hidden and rejected to staff only.
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { ContentStatus, Role } from '../db/schema.js';

/**
 * The person a read is for: the signed-in member (Sessions.resolve reads the role from the database on each request),
 * or undefined for a reader without an account.
 */
export interface Viewer {
  readonly id: number;
  readonly role: Role;
}

/** Moderators and administrators see everything and moderate. */
export function isStaff(viewer: Pick<Viewer, 'role'> | undefined): boolean {
  return viewer !== undefined && (viewer.role === 'moderator' || viewer.role === 'administrator');
}

/** Whether a viewer may see a topic or a post with this status and author. */
export function canSee(viewer: Viewer | undefined, item: { readonly status: ContentStatus; readonly authorId: number }): boolean {
  if (item.status === 'visible' || isStaff(viewer)) return true;
  return item.status === 'held' && viewer?.id === item.authorId;
}

/**
 * The same rule as SQL on the topics or posts table of a query, so that a page, a count and a position agree with
 * canSee(). Values are parameters; only the table name, one of two literals, is part of the text.
 */
export function visibleTo(table: 'topics' | 'posts', viewer: Viewer | undefined): RawBuilder<SqlBool> {
  const status = sql.ref(`${table}.status`);
  if (isStaff(viewer)) return sql<SqlBool>`1 = 1`;
  if (viewer === undefined) return sql<SqlBool>`${status} = 'visible'`;
  return sql<SqlBool>`(${status} = 'visible' or (${status} = 'held' and ${sql.ref(`${table}.author_id`)} = ${viewer.id}))`;
}
