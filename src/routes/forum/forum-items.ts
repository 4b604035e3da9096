// Topics and posts as the forum's pages show them: times, marks, who may do what, and the links that do it.
import type { ContentStatus, IsoTime, Role } from '../../db/schema.js';
import type { PostView } from '../../forum/post-queries.js';
import type { TopicSummary } from '../../forum/topic-queries.js';
import { isStaff, type Viewer } from '../../forum/visibility.js';
import { HttpError } from '../../http/http-error.js';
import type { ForumCategory } from '../../content/forum-settings.js';
import { formatDate, formatDateTime } from '../../render/format.js';
import type { Translate } from '../../render/interface-text.js';
import type { ForumPostLocals, MomentText, PostAction } from '../../render/partial-locals.js';
import { renderPostHtml } from '../../render/post-html.js';
import type { ForumTopicRowLocals } from '../../render/template-locals.js';
import type { ForumView } from './forum-views.js';

/**
 * How a moment reads: in the readers' clock (the site's time zone, Bishkek, where its readers are: "27 November 2026
 * at 15:05"), or in UTC for moderators, who may be in several time zones and read one clock, the one the log keeps
 * ("27 November 2026, 09:30 UTC"). The words are the language's (Intl); the <time datetime> carries the exact instant.
 */
export interface MomentStyle {
  readonly lang: string;
  readonly clock: 'readers' | 'utc';
}

/** The moderators' pages: UTC, in the words of the view's language. */
export function moderatorsClock(view: Pick<ForumView, 'at'>): MomentStyle {
  return { lang: view.at.language.code, clock: 'utc' };
}

export function moment(at: IsoTime, style: MomentStyle): MomentText {
  const date = new Date(at);
  const text = style.clock === 'utc' ? `${formatDate(date, style.lang)}, ${date.toISOString().slice(11, 16)} UTC` : formatDateTime(date, style.lang);
  return { iso: date.toISOString(), text };
}

/** The readers' clock in the view's language. */
export function readersClock(view: Pick<ForumView, 'at'>): MomentStyle {
  return { lang: view.at.language.code, clock: 'readers' };
}

/** Why only some people see an item: its author and moderators (held), or moderators alone. */
export function statusLabel(t: Translate, status: ContentStatus): string | undefined {
  return status === 'visible' ? undefined : t(`forum.status.${status}`);
}

/** "Moderator" or "Administrator" beside a name; nothing for a member. */
function roleLabel(t: Translate, role: Role): string | undefined {
  return role === 'member' ? undefined : t(`forum.role.${role}`);
}

/** An id in an address: digits without a leading zero, small enough to be a row's id; anything else is no page. */
export function idFrom(param: unknown, path: string): number {
  const id = typeof param === 'string' && /^[1-9][0-9]{0,14}$/.test(param) ? Number(param) : undefined;
  if (id === undefined) throw new HttpError(404, `no forum item at ${path}`);
  return id;
}

/** A category of content/forum.yml, or 404: topics are filed under slugs the editors publish. */
export function categoryFrom(view: Pick<ForumView, 'categories'>, slug: unknown, path: string): ForumCategory {
  const category = view.categories.find((each) => each.slug === slug);
  if (!category) throw new HttpError(404, `no forum category at ${path}`);
  return category;
}

export function topicRow(view: ForumView, topic: TopicSummary): ForumTopicRowLocals {
  const { at, t } = view;
  const replies = topic.postCount - 1;
  const latest = topic.lastPost;
  const clock = readersClock(view);
  return {
    title: topic.title,
    url: at.urls.topic(topic.id),
    author: topic.author.name,
    started: moment(topic.createdAt, clock),
    replies: replies <= 0 ? t('forum.no_replies') : t('forum.replies', { count: replies }),
    latest: latest && replies > 0 ? { author: latest.author.name, at: moment(latest.at, clock), url: at.urls.post(latest.postId) } : undefined,
    pinned: topic.pinned,
    locked: topic.locked,
    statusLabel: statusLabel(t, topic.status),
  };
}

export interface PostContext {
  readonly view: ForumView;
  readonly viewer: Viewer | undefined;
  readonly topicId: number;
  /** Whether this viewer may reply here (and so quote). */
  readonly canReply: boolean;
  /** Members may edit their posts while the topic is not locked; staff always. */
  readonly locked: boolean;
  /** A suspended member may not quote, edit or report until the suspension ends (staff's Moderate link stays). */
  readonly suspended: boolean;
}

function actionsFor(post: PostView, context: PostContext, about: string): PostAction[] {
  const { viewer } = context;
  const { urls } = context.view.at;
  const { t } = context.view;
  if (!viewer) return [];
  const own = post.author.id === viewer.id;
  const actions: PostAction[] = [];
  const live = post.status === 'visible' || post.status === 'held';
  const action = (key: string, url: string): PostAction => ({ text: t(`forum.post.${key}`), url, hiddenText: about });
  if (context.canReply && post.status === 'visible') actions.push(action('quote', urls.reply(context.topicId, post.id)));
  if (own && live && !context.suspended && (!context.locked || isStaff(viewer))) actions.push(action('edit', urls.editPost(post.id)));
  if (!own && post.status === 'visible' && !context.suspended) actions.push(action('report', urls.reportPost(post.id)));
  if (isStaff(viewer)) actions.push(action('moderate', urls.moderatePost(post.id)));
  return actions;
}

export function postLocals(post: PostView, context: PostContext): ForumPostLocals {
  const { view } = context;
  const clock = readersClock(view);
  const written = moment(post.publishedAt ?? post.createdAt, clock);
  return {
    t: view.t,
    anchor: `post-${post.id}`,
    author: post.author.name,
    role: roleLabel(view.t, post.author.role),
    written,
    edited: post.editedAt ? moment(post.editedAt, clock) : undefined,
    bodyHtml: renderPostHtml(post.body),
    statusLabel: statusLabel(view.t, post.status),
    permalink: view.at.urls.post(post.id),
    actions: actionsFor(post, context, view.t('forum.post.about', { author: post.author.name, date: written.text })),
  };
}
