// GET and POST /forum/c/{slug}/new: a member starts a topic in a category, held for approval while they are new.
import type { Request, Response } from 'express';
import type { ForumCategory } from '../../content/forum-settings.js';
import { isUnderPreModeration } from '../../forum/pre-moderation.js';
import { TITLE_MAX_LENGTH, TITLE_MIN_LENGTH } from '../../forum/post-text.js';
import { loginFirst } from './account.js';
import type { ForumDeps } from './forum-deps.js';
import { FORUM_URLS } from './forum-paths.js';
import { categoryFrom } from './forum-items.js';
import { formPage, paragraph, sendFormPage, textField } from './forum-views.js';
import { answerRefusal, bodyField, errorsOf, formFieldsOf, postingHidden, redirectToPost, refusalErrors, TRAP, type PostErrors } from './posting-forms.js';
import type { Fields, Visit } from './visit.js';

interface Typed {
  readonly title: string;
  readonly body: string;
}

function renderNewTopic(deps: ForumDeps, res: Response, visit: Visit, category: ForumCategory, typed: Typed, errors: PostErrors): void {
  const title = textField('title', 'Title', 'text', {
    value: typed.title,
    hint: `What the topic is about, in ${TITLE_MIN_LENGTH} to ${TITLE_MAX_LENGTH} characters.`,
    error: errors.title,
    autocomplete: 'off',
  });
  const held = isUnderPreModeration(visit.session!.member);
  const locals = formPage(visit, {
    heading: `Start a new topic in ${category.title}`,
    intro: [
      paragraph(category.description),
      ...(held ? [paragraph('A moderator reads the first posts of every new member before others see them, so your topic will appear once approved.')] : []),
    ],
    form: {
      action: FORUM_URLS.newTopic(category.slug),
      hidden: postingHidden(visit),
      fields: [title, bodyField('Your message', typed.body, errors.body)],
      submit: 'Start topic',
      trap: TRAP,
    },
  });
  const trail = [{ title: category.title, url: FORUM_URLS.category(category.slug) }];
  sendFormPage(deps, res, visit.edition, { title: 'Start a new topic', url: FORUM_URLS.newTopic(category.slug), trail }, locals);
}

export async function showNewTopic(deps: ForumDeps, req: Request, res: Response, visit: Visit): Promise<void> {
  const category = categoryFrom(visit.edition, req.params['slug'], req.path);
  if (!visit.session) return loginFirst(res, FORUM_URLS.newTopic(category.slug));
  renderNewTopic(deps, res, visit, category, { title: '', body: '' }, {});
  return Promise.resolve();
}

export async function submitNewTopic(deps: ForumDeps, req: Request, res: Response, visit: Visit, fields: Fields): Promise<void> {
  const category = categoryFrom(visit.edition, req.params['slug'], req.path);
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
      return renderNewTopic(deps, res, visit, category, typed, errorsOf(result.problems));
    case 'refused':
      return renderNewTopic(deps, res, visit, category, typed, refusalErrors(result.reason));
    default:
      return answerRefusal(deps, res, visit, result);
  }
}
