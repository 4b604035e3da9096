// GET and POST /forum/c/{slug}/new: a member starts a topic in a category, held for approval while they are new.
import type { Request, Response } from 'express';
import type { ForumCategory } from '../../content/forum-settings.js';
import { isUnderPreModeration } from '../../forum/pre-moderation.js';
import { TITLE_MAX_LENGTH, TITLE_MIN_LENGTH } from '../../forum/post-text.js';
import { loginFirst } from './account.js';
import type { ForumDeps } from './forum-deps.js';
import { categoryFrom } from './forum-items.js';
import { formPage, paragraph, sendFormPage, textField } from './forum-views.js';
import {
  answerRefusal,
  bodyField,
  errorsOf,
  formFieldsOf,
  postingHidden,
  redirectToPost,
  refusalErrors,
  refusedWhileSuspended,
  TRAP,
  type PostErrors,
} from './posting-forms.js';
import type { Fields, Visit } from './visit.js';

interface Typed {
  readonly title: string;
  readonly body: string;
}

function renderNewTopic(deps: ForumDeps, res: Response, visit: Visit, category: ForumCategory, typed: Typed, errors: PostErrors): void {
  const { t, at } = visit;
  const title = textField(t, 'title', t('forum.fields.title'), 'text', {
    value: typed.title,
    hint: t('forum.fields.title_hint', { min: TITLE_MIN_LENGTH, max: TITLE_MAX_LENGTH }),
    error: errors.title,
    autocomplete: 'off',
  });
  const held = isUnderPreModeration(visit.session!.member);
  const locals = formPage(visit, {
    heading: t('forum.new_topic.heading', { category: category.title }),
    intro: [paragraph(category.description), ...(held ? [paragraph(t('forum.new_topic.held'))] : [])],
    form: {
      action: at.urls.newTopic(category.slug),
      hidden: postingHidden(visit),
      fields: [title, bodyField(t, t('forum.fields.your_message'), typed.body, errors.body)],
      submit: t('forum.new_topic.submit'),
      trap: TRAP,
    },
  });
  const trail = [{ title: category.title, url: at.urls.category(category.slug) }];
  sendFormPage(deps, res, visit, { title: t('forum.new_topic.title'), url: at.urls.newTopic(category.slug), trail }, locals);
}

export async function showNewTopic(deps: ForumDeps, req: Request, res: Response, visit: Visit): Promise<void> {
  const category = categoryFrom(visit, req.params['slug'], req.path);
  if (!visit.session) return loginFirst(res, visit, visit.at.urls.newTopic(category.slug));
  if (refusedWhileSuspended(deps, res, visit)) return Promise.resolve();
  renderNewTopic(deps, res, visit, category, { title: '', body: '' }, {});
  return Promise.resolve();
}

export async function submitNewTopic(deps: ForumDeps, req: Request, res: Response, visit: Visit, fields: Fields): Promise<void> {
  const category = categoryFrom(visit, req.params['slug'], req.path);
  const typed: Typed = { title: fields('title'), body: fields('body') };
  const result = await visit.open.forum.topics.start({
    authorId: visit.session!.member.id,
    categorySlug: category.slug,
    title: typed.title,
    body: typed.body,
    form: formFieldsOf(fields),
    client: visit.client,
  });
  switch (result.status) {
    case 'created':
      return redirectToPost(res, visit, { id: result.postId, topicId: result.topicId }, result.held ? 'held' : undefined);
    case 'invalid':
      return renderNewTopic(deps, res, visit, category, typed, errorsOf(visit.t, result.problems));
    case 'refused':
      return renderNewTopic(deps, res, visit, category, typed, refusalErrors(visit.t, result.reason));
    default:
      return answerRefusal(deps, res, visit, result);
  }
}
