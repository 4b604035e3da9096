// GET and POST /forum/post/{id}/report: a member reports someone else's post to the moderators, once, with a reason.
import type { Request, Response } from 'express';
import { REPORT_REASON_MAX_LENGTH } from '../../forum/post-messages.js';
import type { PostDetail } from '../../forum/post-queries.js';
import { REPORTS_TO_HIDE } from '../../forum/reports.js';
import type { ForumDeps } from './forum-deps.js';
import { throttledError } from './form-messages.js';
import { moment, readersClock } from './forum-items.js';
import { formPage, memberCsrf, paragraph, sendFormPage, textArea } from './forum-views.js';
import { answerRefusal, redirectToPost, sendMessage } from './posting-forms.js';
import { postForForm, postForSubmit, type ActionOnPost } from './post-to-act-on.js';
import type { Fields, Visit } from './visit.js';

function renderReport(deps: ForumDeps, res: Response, visit: Visit, post: PostDetail, reason: string, error: string | undefined): void {
  const { t, at } = visit;
  const written = moment(post.publishedAt ?? post.createdAt, readersClock(visit)).text;
  const title = t('forum.report.title');
  const topic = at.language.code === 'ru' ? `«${post.topic.title}»` : `“${post.topic.title}”`;
  const locals = formPage(visit, {
    heading: title,
    intro: [
      paragraph(t('forum.report.intro', { author: post.author.name, date: written }), { text: topic, url: at.urls.post(post.id) }, t('forum.form.full_stop')),
      paragraph(t('forum.report.who_sees', { count: REPORTS_TO_HIDE })),
    ],
    form: {
      action: at.urls.reportPost(post.id),
      hidden: [memberCsrf(visit)],
      fields: [
        textArea(t, 'reason', t('forum.report.reason'), 4, { value: reason, hint: t('forum.report.reason_hint', { max: REPORT_REASON_MAX_LENGTH }), error }),
      ],
      submit: t('forum.report.submit'),
    },
  });
  const trail = [{ title: post.topic.title, url: at.urls.topic(post.topicId) }];
  sendFormPage(deps, res, visit, { title, url: at.urls.reportPost(post.id), trail }, locals);
}

function ownPost(deps: ForumDeps, res: Response, visit: Visit, post: PostDetail): void {
  const { t } = visit;
  sendMessage(deps, res, visit, 403, t('forum.report.own_title'), [
    paragraph(t('forum.report.own_text'), { text: t('forum.report.edit_it'), url: visit.at.urls.editPost(post.id) }, t('forum.form.full_stop')),
  ]);
}

/** A member reports someone else's post that others may read: held, hidden and rejected posts are not reported. */
const REPORT: ActionOnPost = {
  statuses: ['visible'],
  formUrl: (urls, id) => urls.reportPost(id),
  refused(deps, res, visit, post) {
    if (post.author.id !== visit.session!.member.id) return false;
    ownPost(deps, res, visit, post);
    return true;
  },
};

export async function showReportPost(deps: ForumDeps, req: Request, res: Response, visit: Visit): Promise<void> {
  const post = await postForForm(deps, req, res, visit, REPORT);
  if (post) renderReport(deps, res, visit, post, '', undefined);
}

export async function submitReportPost(deps: ForumDeps, req: Request, res: Response, visit: Visit, fields: Fields): Promise<void> {
  const post = await postForSubmit(deps, req, res, visit, REPORT);
  if (!post) return;
  const reason = fields('reason');
  const result = await visit.open.forum.moderation.report({ reporterId: visit.session!.member.id, postId: post.id, reason });
  switch (result.status) {
    case 'reported':
      return redirectToPost(res, visit, post, 'reported');
    case 'already-reported':
      return sendMessage(deps, res, visit, 200, visit.t('forum.report.already_title'), [
        paragraph(
          visit.t('forum.report.already_text'),
          { text: visit.t('forum.report.the_post'), url: visit.at.urls.post(post.id) },
          visit.t('forum.form.full_stop'),
        ),
      ]);
    case 'own-post':
      return ownPost(deps, res, visit, post);
    case 'invalid':
      return renderReport(deps, res, visit, post, reason, visit.t(`forum.report_problems.${result.problem}`, { max: REPORT_REASON_MAX_LENGTH }));
    case 'throttled':
      throw throttledError(visit.t, result.retryAfterSeconds, visit.t('forum.report.throttled'));
    default:
      return answerRefusal(deps, res, visit, result);
  }
}
