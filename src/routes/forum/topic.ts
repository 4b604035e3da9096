// GET /forum/t/{id}: a topic's posts in the order written, 20 a page, and the reply form for members.
import type { Request, Response } from 'express';
import type { IsoTime } from '../../db/schema.js';
import type { TopicSummary } from '../../forum/topic-queries.js';
import { isStaff } from '../../forum/visibility.js';
import type { Translate } from '../../render/interface-text.js';
import type { NoticeLocals } from '../../render/partial-locals.js';
import type { ForumTopicPageLocals, TopicReplyLocals } from '../../render/template-locals.js';
import type { ForumDeps } from './forum-deps.js';
import { idFrom, postLocals } from './forum-items.js';
import { barFor, forumChrome, paragraph } from './forum-views.js';
import { checkInRange, noSuchPage, pageNote, paginationOf, requestedPage } from './paging.js';
import { replyForm, suspendedNotice, type TopicNotice } from './posting-forms.js';
import { sendReadable } from './reader-pages.js';
import { suspendedUntil, viewerOf, type Visit } from './visit.js';

const NOTICES: readonly TopicNotice[] = ['held', 'reported'];

/** Only a member is shown a confirmation: a reader's copy of the page stays the same for everyone, and cacheable. */
function noticeFor(req: Request, visit: Visit): NoticeLocals | undefined {
  const word = NOTICES.find((each) => each === req.query['notice']);
  if (!visit.session || word === undefined) return undefined;
  return { title: visit.t(`forum.topic.notice_${word}_title`), text: visit.t(`forum.topic.notice_${word}_text`) };
}

function marksOf(t: Translate, topic: TopicSummary): ForumTopicPageLocals['marks'] {
  return [
    ...(topic.status === 'held' ? [{ kind: 'held', text: t('forum.topic.mark_held') } as const] : []),
    ...(topic.status === 'hidden' || topic.status === 'rejected' ? [{ kind: 'hidden', text: t('forum.topic.mark_hidden') } as const] : []),
    ...(topic.locked ? [{ kind: 'locked', text: t('forum.topic.mark_locked') } as const] : []),
    ...(topic.pinned ? [{ kind: 'pinned', text: t('forum.topic.mark_pinned') } as const] : []),
  ];
}

function replyLocals(visit: Visit, topic: TopicSummary, canReply: boolean, suspended: IsoTime | undefined): TopicReplyLocals {
  const { t, at } = visit;
  const here = at.urls.topic(topic.id);
  if (!visit.session) {
    return {
      form: undefined,
      intro: [
        paragraph('', { text: t('forum.topic.log_in_to_reply'), url: `${at.paths.login}?next=${encodeURIComponent(here)}` }, t('forum.form.full_stop')),
        paragraph(t('forum.topic.no_account'), { text: t('forum.topic.create_account'), url: at.paths.register }, t('forum.topic.reading_needs_none')),
      ],
    };
  }
  if (suspended !== undefined) return { form: undefined, intro: [paragraph(suspendedNotice(visit, suspended))] };
  if (canReply) return { form: replyForm(visit, topic.id, '', undefined), intro: [] };
  if (topic.status === 'held') return { form: undefined, intro: [paragraph(t('forum.topic.replies_after_approval'))] };
  return { form: undefined, intro: [paragraph(t('forum.topic.locked_no_replies'))] };
}

export async function showTopic(deps: ForumDeps, req: Request, res: Response, visit: Visit): Promise<void> {
  const { t, at } = visit;
  const id = idFrom(req.params['id'], req.path);
  const page = requestedPage(req, res, at.urls.topic(id), deps.cache.redirect);
  if (page === undefined) return;
  const viewer = viewerOf(visit);
  const found = await visit.open.forum.topics.page(id, viewer, page);
  if (!found) throw noSuchPage(req.path);
  const { topic, posts } = found;
  const suspended = suspendedUntil(visit);
  const canReply = found.canReply && suspended === undefined;
  checkInRange(posts, req.path);
  const category = visit.categories.find((each) => each.slug === topic.categorySlug);
  const categoryLink = category ? { title: category.title, url: at.urls.category(category.slug) } : { title: t('forum.title'), url: at.paths.home };
  const note = pageNote(t, posts);
  const context = { view: visit, viewer, topicId: topic.id, canReply, locked: topic.locked, suspended: suspended !== undefined };
  const locals: ForumTopicPageLocals = {
    t,
    bar: barFor(visit),
    notice: noticeFor(req, visit),
    heading: topic.title,
    category: categoryLink,
    pageNote: note,
    marks: marksOf(t, topic),
    posts: posts.items.map((post) => postLocals(post, context)),
    pagination: paginationOf(t, posts, t('forum.topic_pages'), (number) => at.urls.topic(topic.id, number)),
    reply: replyLocals(visit, topic, canReply, suspended),
    moderateUrl: isStaff(viewer) ? at.urls.moderateTopic(topic.id) : undefined,
    privacyUrl: at.paths.privacy,
  };
  const url = at.urls.topic(topic.id, posts.page);
  const chrome = forumChrome(visit, {
    title: note ? `${topic.title} (${note.toLocaleLowerCase(at.language.locale)})` : topic.title,
    description: t('forum.topic.description', { title: topic.title, category: categoryLink.title, author: topic.author.name }),
    url,
    trail: category ? [categoryLink] : [],
    indexed: topic.status === 'visible',
    updated: topic.changedAt,
  });
  if (req.method === 'GET') deps.countView(req, at.urls.topic(topic.id));
  sendReadable(deps, { req, res, visit, key: url }, 'pages/forum-topic', locals, chrome);
}
