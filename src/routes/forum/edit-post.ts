// GET and POST /forum/post/{id}/edit: a member edits their own post (and the title, on a topic's first post); marked as edited.
import type { Request, Response } from 'express';
import type { PostDetail } from '../../forum/post-queries.js';
import { TITLE_MAX_LENGTH, TITLE_MIN_LENGTH } from '../../forum/post-text.js';
import { isStaff } from '../../forum/visibility.js';
import type { ForumDeps } from './forum-deps.js';
import { formPage, paragraph, sendFormPage, textField } from './forum-views.js';
import {
  answerLocked,
  answerRefusal,
  bodyField,
  errorsOf,
  formFieldsOf,
  postingHidden,
  redirectToPost,
  refusalErrors,
  sendMessage,
  TRAP,
} from './posting-forms.js';
import type { PostErrors } from './posting-forms.js';
import { postForForm, postForSubmit, type ActionOnPost } from './post-to-act-on.js';
import type { Fields, Visit } from './visit.js';

interface Typed {
  /** Undefined unless the post is its topic's first. */
  readonly title: string | undefined;
  readonly body: string;
}

function renderEdit(deps: ForumDeps, res: Response, visit: Visit, post: PostDetail, typed: Typed, errors: PostErrors): void {
  const { t, at } = visit;
  const title =
    typed.title === undefined
      ? []
      : [
          textField(t, 'title', t('forum.fields.title'), 'text', {
            value: typed.title,
            hint: t('forum.fields.title_edit_hint', { min: TITLE_MIN_LENGTH, max: TITLE_MAX_LENGTH }),
            error: errors.title,
            autocomplete: 'off',
          }),
        ];
  const locals = formPage(visit, {
    heading: t('forum.edit.title'),
    intro: [paragraph(t('forum.edit.intro'), { text: t('forum.edit.see_post'), url: at.urls.post(post.id) }, t('forum.form.full_stop'))],
    form: {
      action: at.urls.editPost(post.id),
      hidden: postingHidden(visit),
      fields: [...title, bodyField(t, t('forum.fields.your_message'), typed.body, errors.body)],
      submit: t('forum.edit.submit'),
      trap: TRAP,
    },
  });
  const trail = [{ title: post.topic.title, url: at.urls.topic(post.topicId) }];
  sendFormPage(deps, res, visit, { title: t('forum.edit.title'), url: at.urls.editPost(post.id), trail }, locals);
}

function notYours(deps: ForumDeps, res: Response, visit: Visit, post: PostDetail): void {
  const { t } = visit;
  sendMessage(deps, res, visit, 403, t('forum.edit.not_yours_title'), [
    paragraph(t('forum.edit.not_yours_text'), { text: t('forum.edit.report_it'), url: visit.at.urls.reportPost(post.id) }, t('forum.form.full_stop')),
  ]);
}

/** A member edits their own post while it can still be edited (not hidden or rejected), and its topic is not locked. */
const EDIT: ActionOnPost = {
  statuses: ['visible', 'held'],
  formUrl: (urls, id) => urls.editPost(id),
  refused(deps, res, visit, post) {
    const member = visit.session!.member;
    if (post.author.id !== member.id) notYours(deps, res, visit, post);
    else if (post.topic.locked && !isStaff(member)) answerLocked(deps, res, visit, post.topicId);
    else return false;
    return true;
  },
};

export async function showEditPost(deps: ForumDeps, req: Request, res: Response, visit: Visit): Promise<void> {
  const post = await postForForm(deps, req, res, visit, EDIT);
  if (post) renderEdit(deps, res, visit, post, { title: post.isFirst ? post.topic.title : undefined, body: post.body }, {});
}

export async function submitEditPost(deps: ForumDeps, req: Request, res: Response, visit: Visit, fields: Fields): Promise<void> {
  const post = await postForSubmit(deps, req, res, visit, EDIT);
  if (!post) return;
  const typed: Typed = { title: post.isFirst ? fields('title') : undefined, body: fields('body') };
  const result = await visit.open.forum.posts.edit({ editorId: visit.session!.member.id, postId: post.id, ...typed, form: formFieldsOf(fields) });
  switch (result.status) {
    case 'edited':
    case 'unchanged':
      return redirectToPost(res, visit, post);
    case 'not-allowed':
      return notYours(deps, res, visit, post);
    case 'locked':
      return answerLocked(deps, res, visit, post.topicId);
    case 'invalid':
      return renderEdit(deps, res, visit, post, typed, errorsOf(visit.t, result.problems));
    case 'refused':
      return renderEdit(deps, res, visit, post, typed, refusalErrors(visit.t, result.reason));
    default:
      return answerRefusal(deps, res, visit, result);
  }
}
