// GET and POST /forum/t/{id}/reply: a member replies to a topic, quoting a post of it with ?quote={postId}.
import type { Request, Response } from 'express';
import { canReplyTo } from '../../forum/posting.js';
import { quoteMarkdown } from '../../forum/quote.js';
import type { TopicSummary } from '../../forum/topic-queries.js';
import { loginFirst } from './account.js';
import type { ForumDeps } from './forum-deps.js';
import { idFrom } from './forum-items.js';
import { formPage, paragraph, sendFormPage } from './forum-views.js';
import {
  answerLocked,
  answerRefusal,
  answerTopicHeld,
  errorsOf,
  redirectToPost,
  refusalErrors,
  refusedWhileSuspended,
  replyForm,
  formFieldsOf,
} from './posting-forms.js';
import { viewerOf, type Fields, type Visit } from './visit.js';

function renderReply(deps: ForumDeps, res: Response, visit: Visit, topic: TopicSummary, body: string, error: string | undefined): void {
  const { t, at } = visit;
  const category = visit.categories.find((each) => each.slug === topic.categorySlug);
  const locals = formPage(visit, {
    heading: t('forum.reply.heading', { title: topic.title }),
    intro: [paragraph(t('forum.reply.intro'), { text: t('forum.form.the_topic'), url: at.urls.topic(topic.id) }, t('forum.form.full_stop'))],
    form: replyForm(visit, topic.id, body, error),
  });
  const trail = [...(category ? [{ title: category.title, url: at.urls.category(category.slug) }] : []), { title: topic.title, url: at.urls.topic(topic.id) }];
  sendFormPage(deps, res, visit, { title: t('forum.reply.title'), url: at.urls.reply(topic.id), trail }, locals);
}

/** The topic, if this member may see it; 404 otherwise. */
async function topicFor(req: Request, visit: Visit): Promise<TopicSummary | undefined> {
  return visit.open.forum.topics.find(idFrom(req.params['id'], req.path), viewerOf(visit));
}

/** The quote a reply starts with: a visible post of this topic, else nothing (the form opens empty). */
async function quoteFor(req: Request, visit: Visit, topicId: number): Promise<string> {
  const param = req.query['quote'];
  if (typeof param !== 'string' || !/^[1-9][0-9]{0,14}$/.test(param)) return '';
  const post = await visit.open.forum.posts.find(Number(param), viewerOf(visit));
  return post && post.topicId === topicId && post.status === 'visible' ? quoteMarkdown(post.author.name, post.body) : '';
}

export async function showReply(deps: ForumDeps, req: Request, res: Response, visit: Visit): Promise<void> {
  const id = idFrom(req.params['id'], req.path);
  if (!visit.session) return loginFirst(res, visit, visit.at.urls.reply(id));
  if (refusedWhileSuspended(deps, res, visit)) return;
  const topic = await topicFor(req, visit);
  if (!topic) return answerRefusal(deps, res, visit, { status: 'not-found' });
  const refusal = canReplyTo(topic, visit.session.member);
  if (refusal === 'locked') return answerLocked(deps, res, visit, topic.id);
  if (refusal === 'topic-held') return answerTopicHeld(deps, res, visit, topic.id);
  renderReply(deps, res, visit, topic, await quoteFor(req, visit, topic.id), undefined);
}

export async function submitReply(deps: ForumDeps, req: Request, res: Response, visit: Visit, fields: Fields): Promise<void> {
  const body = fields('body');
  const topicId = idFrom(req.params['id'], req.path);
  const result = await visit.open.forum.posts.reply({ authorId: visit.session!.member.id, topicId, body, form: formFieldsOf(fields), client: visit.client });
  switch (result.status) {
    case 'created':
      return redirectToPost(res, visit, { id: result.postId, topicId }, result.held ? 'held' : undefined);
    case 'locked':
      return answerLocked(deps, res, visit, topicId);
    case 'topic-held':
      return answerTopicHeld(deps, res, visit, topicId);
    case 'invalid':
    case 'refused': {
      const topic = await topicFor(req, visit);
      if (!topic) return res.redirect(303, visit.at.paths.home);
      const errors = result.status === 'invalid' ? errorsOf(visit.t, result.problems) : refusalErrors(visit.t, result.reason);
      return renderReply(deps, res, visit, topic, body, errors.body);
    }
    default:
      return answerRefusal(deps, res, visit, result);
  }
}
