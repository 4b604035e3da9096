// GET /forum/t/{id}: a topic's posts in the order written, 20 a page, and the reply form for members.
import type { Request, Response } from 'express';
import type { TopicSummary } from '../../forum/topic-queries.js';
import { isStaff } from '../../forum/visibility.js';
import type { NoticeLocals } from '../../render/partial-locals.js';
import type { ForumTopicPageLocals, TopicReplyLocals } from '../../render/template-locals.js';
import type { ForumDeps } from './forum-deps.js';
import { FORUM_PATHS, FORUM_URLS } from './forum-paths.js';
import { idFrom, postLocals } from './forum-items.js';
import { barFor, forumChrome, paragraph } from './forum-views.js';
import { checkInRange, noSuchPage, pageNote, paginationOf, requestedPage } from './paging.js';
import { replyForm, type TopicNotice } from './posting-forms.js';
import { sendReadable } from './reader-pages.js';
import { viewerOf, type Visit } from './visit.js';

const NOTICES: Readonly<Record<TopicNotice, NoticeLocals>> = {
  held: {
    title: 'Your post is awaiting approval',
    text:
      'A moderator reads the first posts of every new member before anyone else sees them. ' +
      'Until then only you and the moderators can see it, marked “Awaiting approval”.',
  },
  reported: { title: 'Thank you for your report', text: 'A moderator will read the post and your reason. Nobody else sees who reported it.' },
};

/** Only a member is shown a confirmation: a reader's copy of the page stays the same for everyone, and cacheable. */
function noticeFor(req: Request, visit: Visit): NoticeLocals | undefined {
  const word = req.query['notice'];
  return visit.session && typeof word === 'string' && Object.hasOwn(NOTICES, word) ? NOTICES[word as TopicNotice] : undefined;
}

function marksOf(topic: TopicSummary): ForumTopicPageLocals['marks'] {
  return [
    ...(topic.status === 'held'
      ? [{ kind: 'held', text: 'Awaiting approval: until a moderator approves this topic, only its author and the moderators can see it.' } as const]
      : []),
    ...(topic.status === 'hidden' || topic.status === 'rejected'
      ? [{ kind: 'hidden', text: 'Hidden by a moderator: only moderators can see this topic.' } as const]
      : []),
    ...(topic.locked ? [{ kind: 'locked', text: 'Locked: this topic takes no new replies.' } as const] : []),
    ...(topic.pinned ? [{ kind: 'pinned', text: 'Pinned to the top of its category.' } as const] : []),
  ];
}

function replyLocals(visit: Visit, topic: TopicSummary, canReply: boolean): TopicReplyLocals {
  const here = FORUM_URLS.topic(topic.id);
  if (!visit.session) {
    return {
      form: undefined,
      intro: [
        paragraph('', { text: 'Log in to reply', url: `${FORUM_PATHS.login}?next=${encodeURIComponent(here)}` }, '.'),
        paragraph('No account yet? ', { text: 'Create an account', url: FORUM_PATHS.register }, ': reading needs none, writing does.'),
      ],
    };
  }
  if (canReply) return { form: replyForm(visit, topic.id, '', undefined), intro: [] };
  if (topic.status === 'held') return { form: undefined, intro: [paragraph('Replies open once a moderator has approved this topic.')] };
  return { form: undefined, intro: [paragraph('This topic is locked: it takes no new replies.')] };
}

export async function showTopic(deps: ForumDeps, req: Request, res: Response, visit: Visit): Promise<void> {
  const id = idFrom(req.params['id'], req.path);
  const page = requestedPage(req, res, FORUM_URLS.topic(id), deps.cache.redirect);
  if (page === undefined) return;
  const viewer = viewerOf(visit);
  const found = await visit.open.forum.topics.page(id, viewer, page);
  if (!found) throw noSuchPage(req.path);
  const { topic, posts, canReply } = found;
  checkInRange(posts, req.path);
  const category = visit.edition.site.forum?.categories.find((each) => each.slug === topic.categorySlug);
  const categoryLink = category ? { title: category.title, url: FORUM_URLS.category(category.slug) } : { title: 'Forum', url: FORUM_PATHS.home };
  const note = pageNote(posts);
  const context = { viewer, topicId: topic.id, canReply, locked: topic.locked };
  const locals: ForumTopicPageLocals = {
    bar: barFor(visit),
    notice: noticeFor(req, visit),
    heading: topic.title,
    category: categoryLink,
    pageNote: note,
    marks: marksOf(topic),
    posts: posts.items.map((post) => postLocals(post, context)),
    pagination: paginationOf(posts, 'Pages of this topic', (number) => FORUM_URLS.topic(topic.id, number)),
    reply: replyLocals(visit, topic, canReply),
    moderateUrl: isStaff(viewer) ? FORUM_URLS.moderateTopic(topic.id) : undefined,
    privacyUrl: FORUM_PATHS.privacy,
  };
  const url = FORUM_URLS.topic(topic.id, posts.page);
  const chrome = forumChrome(visit.edition, {
    title: note ? `${topic.title} (${note.toLowerCase()})` : topic.title,
    description: `“${topic.title}”, a topic in ${categoryLink.title} on the forum of the UN in Kyrgyzstan, started by ${topic.author.name}.`,
    url,
    trail: category ? [categoryLink] : [],
    indexed: topic.status === 'visible',
  });
  if (req.method === 'GET') deps.countView(req, FORUM_URLS.topic(topic.id));
  sendReadable(deps, { req, res, visit, key: url }, 'pages/forum-topic', locals, chrome);
}
