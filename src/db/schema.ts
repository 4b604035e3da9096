// The forum's tables as Kysely sees them: one row type per table, the same on SQLite and PostgreSQL.
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

/**
 * Times are ISO-8601 UTC text, always 24 characters ("2026-11-27T09:30:00.000Z", from `isoTime()` in values.ts), in
 * both engines: they sort as text, compare with `<` in SQL, and read back the same everywhere, where SQLite has no
 * time type and PostgreSQL's timestamptz would come back as a Date.
 */
export type IsoTime = string;

/** A flag stored as 0 or 1 in both engines: SQLite has no boolean, and PostgreSQL's would read back as true/false. */
export type Flag = 0 | 1;

export type Role = 'member' | 'moderator' | 'administrator';
export const ROLES: readonly Role[] = ['member', 'moderator', 'administrator'];

/** visible: shown to all; held: waiting in the moderation queue; hidden: taken down by a moderator; rejected: refused from the queue. */
export type ContentStatus = 'visible' | 'held' | 'hidden' | 'rejected';
export const CONTENT_STATUSES: readonly ContentStatus[] = ['visible', 'held', 'hidden', 'rejected'];

export type ReportStatus = 'open' | 'resolved' | 'dismissed';
export const REPORT_STATUSES: readonly ReportStatus[] = ['open', 'resolved', 'dismissed'];

/** A column with a default: optional on insert. */
type Defaulted<T> = ColumnType<T, T | undefined, T>;

export interface UsersTable {
  id: Generated<number>;
  /** As the member typed it, shown on their posts. */
  username: string;
  /** usernameKey(username): unique, so "Aida", "aida" and "аida" (Cyrillic а) are one name. */
  username_key: string;
  /** Optional, never shown to anyone; null once the account is deleted. */
  email: string | null;
  /** argon2id PHC string; null once the account is deleted, so nobody can log in to it. */
  password_hash: string | null;
  role: Defaulted<Role>;
  created_at: IsoTime;
  /** Posts approved from the queue so far: new members' first posts are held until this reaches a threshold. */
  approved_post_count: Defaulted<number>;
  /** Null, or the time until which the member may not log in or post. */
  suspended_until: IsoTime | null;
  /** Set when the member deletes the account; the row stays so that their posts keep an author ("deleted member"). */
  deleted_at: IsoTime | null;
  /** The code of the language whose forum the member registered in ('en', 'ru'): reset links lead to that forum. */
  language: Defaulted<string>;
}

export interface SessionsTable {
  /** SHA-256 (hex) of the cookie's token: a stolen copy of the table cannot be replayed as cookies. */
  id: string;
  user_id: number;
  /** The synchronizer token every state-changing form of this session carries. */
  csrf_token: string;
  created_at: IsoTime;
  last_seen_at: IsoTime;
  /** The absolute end: created_at plus the absolute timeout. */
  expires_at: IsoTime;
}

export interface TopicsTable {
  id: Generated<number>;
  /** A category's slug from the editors' YAML in content/; categories are not a table. */
  category_slug: string;
  title: string;
  author_id: number;
  created_at: IsoTime;
  last_post_at: IsoTime;
  /** The newest visible post, for "latest post" on the category list; no foreign key, as topics and posts point at each other. */
  last_post_id: number | null;
  pinned: Defaulted<Flag>;
  locked: Defaulted<Flag>;
  /** Visible posts, kept with each change so that listing pages never count rows. */
  post_count: Defaulted<number>;
  /** The status of its first post: a topic whose first post is held is held too, and so on. */
  status: Defaulted<ContentStatus>;
  /** The last write that may have changed the topic's page (migration 002): the sitemap's lastmod. */
  changed_at: IsoTime;
}

export interface PostsTable {
  id: Generated<number>;
  topic_id: number;
  author_id: number;
  /** Markdown as the member wrote it; rendered by the site's safe renderer when shown. */
  body: string;
  /** SHA-256 (hex) of the normalised body, for refusing an identical post repeated; null where not computed. */
  body_sha256: string | null;
  created_at: IsoTime;
  /** Null, or when the author last edited the post (shown as "edited"). */
  edited_at: IsoTime | null;
  status: Defaulted<ContentStatus>;
  /** When the post became visible to all (at creation, or at approval); null while it never has been (migration 002). */
  published_at: IsoTime | null;
}

export interface ReportsTable {
  id: Generated<number>;
  post_id: number;
  reporter_id: number;
  reason: string;
  created_at: IsoTime;
  status: Defaulted<ReportStatus>;
  resolved_by: number | null;
  resolved_at: IsoTime | null;
}

export interface ModerationLogTable {
  id: Generated<number>;
  /** Who did it: a moderator or administrator (or the system's own account in a script). */
  actor_id: number;
  /** What was done, as a short verb phrase such as "approve-post", "suspend-member", "issue-password-reset". */
  action: string;
  /** What it was done to; no foreign keys on topic and post, so the record outlives what it names. */
  target_user_id: number | null;
  target_topic_id: number | null;
  target_post_id: number | null;
  reason: string | null;
  /** JSON text with anything else worth keeping (a previous category, a suspension's end). */
  details: string | null;
  created_at: IsoTime;
}

export interface PasswordResetsTable {
  /** SHA-256 (hex) of the one-time token in the link. */
  id: string;
  user_id: number;
  issued_by: number;
  created_at: IsoTime;
  expires_at: IsoTime;
  /** Set when the link is used: a link works once. */
  used_at: IsoTime | null;
}

export interface RateLimitsTable {
  /** "<limit name>:<subject>", e.g. "login-failure-account:aida" or "register-client:<HMAC>". */
  key: string;
  /** The start of the fixed window this row counts, as ISO time. */
  window_start: IsoTime;
  count: number;
  /** When the row can no longer matter (the end of the following window): cleanup deletes past this. */
  expires_at: IsoTime;
}

export interface SiteSecretTable {
  /** Always 1: there is one secret, made by the first migration. */
  id: number;
  /** 32 random bytes, base64url: the key from which the daily salts for client addresses are derived. */
  secret: string;
  created_at: IsoTime;
}

/** People's and robots' page views on one Bishkek day ("2026-11-27"), summed over every server. */
export interface StatsDaysTable {
  day: string;
  views: Defaulted<number>;
  bot_views: Defaulted<number>;
}

export type StatsDimension = 'page' | 'referrer' | 'device';

/** People's views on one day by one dimension's value: a page's path, a referring site's host, a device class. */
export interface StatsCountsTable {
  dimension: StatsDimension;
  day: string;
  /** The path, host or device class; STATS_OTHER (src/stats/stats-store.ts) for the rest of a bounded dimension. */
  name: string;
  views: number;
}

/** An old DATA_DIR/stats.sqlite already added, by a fingerprint of its rows: adding it again is refused. */
export interface StatsImportsTable {
  fingerprint: string;
  imported_at: IsoTime;
  views: number;
}

export interface DatabaseSchema {
  users: UsersTable;
  sessions: SessionsTable;
  topics: TopicsTable;
  posts: PostsTable;
  reports: ReportsTable;
  moderation_log: ModerationLogTable;
  password_resets: PasswordResetsTable;
  rate_limits: RateLimitsTable;
  site_secret: SiteSecretTable;
  stats_days: StatsDaysTable;
  stats_counts: StatsCountsTable;
  stats_imports: StatsImportsTable;
}

export type UserRow = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type TopicRow = Selectable<TopicsTable>;
export type PostRow = Selectable<PostsTable>;
export type ReportRow = Selectable<ReportsTable>;
export type ModerationLogRow = Selectable<ModerationLogTable>;
