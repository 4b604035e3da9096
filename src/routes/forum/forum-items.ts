// Topics and posts as the forum's pages show them: times, marks, who may do what, and the links that do it.
import type { ContentStatus, IsoTime, Role } from '../../db/schema.js';
import type { PostView } from '../../forum/post-queries.js';
import type { TopicSummary } from '../../forum/topic-queries.js';
import { isStaff, type Viewer } from '../../forum/visibility.js';
import { HttpError } from '../../http/http-error.js';
import { plural } from '../../lib/words.js';
import type { ForumCategory } from '../../content/forum-settings.js';
import type { Edition } from '../../publish/edition.js';
import { formatDateTime } from '../../render/format.js';
import type { ForumPostLocals, MomentText, PostAction } from '../../render/partial-locals.js';
import { renderPostHtml } from '../../render/post-html.js';
import type { ForumTopicRowLocals } from '../../render/template-locals.js';
import { FORUM_URLS } from './forum-paths.js';

export function moment(at: IsoTime): MomentText {
  const date = new Date(at);
  return { iso: date.toISOString(), text: formatDateTime(date) };
}

const STATUS_LABELS: Readonly<Record<ContentStatus, string | undefined>> = {
  visible: undefined,
  held: 'Awaiting approval',
  hidden: 'Hidden by a moderator',
  rejected: 'Rejected by a moderator',
};

/** Why only some people see an item: its author and moderators (held), or moderators alone. */
export function statusLabel(status: ContentStatus): string | undefined {
  return STATUS_LABELS[status];
}

const ROLE_LABELS: Readonly<Record<Role, string | undefined>> = { member: undefined, moderator: 'Moderator', administrator: 'Administrator' };

/** An id in an address: digits without a leading zero, small enough to be a row's id; anything else is no page. */
export function idFrom(param: unknown, path: string): number {
  const id = typeof param === 'string' && /^[1-9][0-9]{0,14}$/.test(param) ? Number(param) : undefined;
  if (id === undefined) throw new HttpError(404, `no forum item at ${path}`);
  return id;
}

/** A category of content/forum.yml, or 404: topics are filed under slugs the editors publish. */
export function categoryFrom(edition: Edition, slug: unknown, path: string): ForumCategory {
  const category = edition.site.forum?.categories.find((each) => each.slug === slug);
  if (!category) throw new HttpError(404, `no forum category at ${path}`);
  return category;
}

export function topicRow(topic: TopicSummary): ForumTopicRowLocals {
  const replies = topic.postCount - 1;
  const latest = topic.lastPost;
  return {
    title: topic.title,
    url: FORUM_URLS.topic(topic.id),
    author: topic.author.name,
    started: moment(topic.createdAt),
    replies: replies <= 0 ? 'No replies' : plural(replies, 'reply', 'replies'),
    latest: latest && replies > 0 ? { author: latest.author.name, at: moment(latest.at), url: FORUM_URLS.post(latest.postId) } : undefined,
    pinned: topic.pinned,
    locked: topic.locked,
    statusLabel: statusLabel(topic.status),
  };
}

export interface PostContext {
  readonly viewer: Viewer | undefined;
  readonly topicId: number;
  /** Whether this viewer may reply here (and so quote). */
  readonly canReply: boolean;
  /** Members may edit their posts while the topic is not locked; staff always. */
  readonly locked: boolean;
}

function actionsFor(post: PostView, context: PostContext, about: string): PostAction[] {
  const { viewer } = context;
  if (!viewer) return [];
  const own = post.author.id === viewer.id;
  const actions: PostAction[] = [];
  const live = post.status === 'visible' || post.status === 'held';
  if (context.canReply && post.status === 'visible') actions.push({ text: 'Quote', url: FORUM_URLS.reply(context.topicId, post.id), hiddenText: about });
  if (own && live && (!context.locked || isStaff(viewer))) actions.push({ text: 'Edit', url: FORUM_URLS.editPost(post.id), hiddenText: about });
  if (!own && post.status === 'visible') actions.push({ text: 'Report', url: FORUM_URLS.reportPost(post.id), hiddenText: about });
  if (isStaff(viewer)) actions.push({ text: 'Moderate', url: FORUM_URLS.moderatePost(post.id), hiddenText: about });
  return actions;
}

export function postLocals(post: PostView, context: PostContext): ForumPostLocals {
  const written = moment(post.publishedAt ?? post.createdAt);
  return {
    anchor: `post-${post.id}`,
    author: post.author.name,
    role: ROLE_LABELS[post.author.role],
    written,
    edited: post.editedAt ? moment(post.editedAt) : undefined,
    bodyHtml: renderPostHtml(post.body),
    statusLabel: statusLabel(post.status),
    permalink: FORUM_URLS.post(post.id),
    actions: actionsFor(post, context, ` the post by ${post.author.name} of ${written.text}`),
  };
}
