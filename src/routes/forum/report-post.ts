// GET and POST /forum/post/{id}/report: a member reports someone else's post to the moderators, once, with a reason.
import type { Request, Response } from 'express';
import { REPORT_MESSAGES, REPORT_REASON_MAX_LENGTH } from '../../forum/post-messages.js';
import type { PostDetail } from '../../forum/post-queries.js';
import { REPORTS_TO_HIDE } from '../../forum/reports.js';
import { loginFirst } from './account.js';
import type { ForumDeps } from './forum-deps.js';
import { FORUM_URLS } from './forum-paths.js';
import { throttledError } from './form-messages.js';
import { idFrom, moment } from './forum-items.js';
import { formPage, memberCsrf, paragraph, sendFormPage, textArea } from './forum-views.js';
import { answerRefusal, redirectToPost, sendMessage } from './posting-forms.js';
import { viewerOf, type Fields, type Visit } from './visit.js';

function renderReport(deps: ForumDeps, res: Response, visit: Visit, post: PostDetail, reason: string, error: string | undefined): void {
  const written = moment(post.publishedAt ?? post.createdAt).text;
  const locals = formPage(visit, {
    heading: 'Report a post',
    intro: [
      paragraph(`You are reporting the post by ${post.author.name} of ${written} in `, { text: `“${post.topic.title}”`, url: FORUM_URLS.post(post.id) }, '.'),
      paragraph(
        `Moderators read every report; nobody else sees who sent it. When ${REPORTS_TO_HIDE} members have reported a post, ` +
          'it is hidden until a moderator has looked at it.',
      ),
    ],
    form: {
      action: FORUM_URLS.reportPost(post.id),
      hidden: [memberCsrf(visit)],
      fields: [
        textArea('reason', 'Why should a moderator look at this post?', 4, {
          value: reason,
          hint: `For example: spam, insults, personal details of someone, or off topic. Up to ${REPORT_REASON_MAX_LENGTH} characters.`,
          error,
        }),
      ],
      submit: 'Send report',
    },
  });
  const trail = [{ title: post.topic.title, url: FORUM_URLS.topic(post.topicId) }];
  sendFormPage(deps, res, visit.edition, { title: 'Report a post', url: FORUM_URLS.reportPost(post.id), trail }, locals);
}

function ownPost(deps: ForumDeps, res: Response, visit: Visit, post: PostDetail): void {
  sendMessage(deps, res, visit, 403, 'This is your own post', [
    paragraph('You cannot report your own post. To change what it says, ', { text: 'edit it', url: FORUM_URLS.editPost(post.id) }, '.'),
  ]);
}

/** A post the member may see and others may read: held, hidden and rejected posts are not reported. */
async function reportablePost(req: Request, visit: Visit): Promise<PostDetail | undefined> {
  const post = await visit.open.forum.posts.find(idFrom(req.params['id'], req.path), viewerOf(visit));
  return post?.status === 'visible' ? post : undefined;
}

export async function showReportPost(deps: ForumDeps, req: Request, res: Response, visit: Visit): Promise<void> {
  const id = idFrom(req.params['id'], req.path);
  if (!visit.session) return loginFirst(res, FORUM_URLS.reportPost(id));
  const post = await reportablePost(req, visit);
  if (!post) return answerRefusal(deps, res, visit, { status: 'not-found' });
  if (post.author.id === visit.session.member.id) return ownPost(deps, res, visit, post);
  renderReport(deps, res, visit, post, '', undefined);
}

export async function submitReportPost(deps: ForumDeps, req: Request, res: Response, visit: Visit, fields: Fields): Promise<void> {
  const post = await reportablePost(req, visit);
  if (!post) return answerRefusal(deps, res, visit, { status: 'not-found' });
  const reason = fields('reason');
  const result = await visit.open.forum.moderation.report({ reporterId: visit.session!.member.id, postId: post.id, reason });
  switch (result.status) {
    case 'reported':
      return redirectToPost(res, visit, post, 'reported');
    case 'already-reported':
      return sendMessage(deps, res, visit, 200, 'You have already reported this post', [
        paragraph(
          'A moderator will read your earlier report. Each member reports a post once. Go back to ',
          { text: 'the post', url: FORUM_URLS.post(post.id) },
          '.',
        ),
      ]);
    case 'own-post':
      return ownPost(deps, res, visit, post);
    case 'invalid':
      return renderReport(deps, res, visit, post, reason, REPORT_MESSAGES[result.problem]);
    case 'throttled':
      throw throttledError(result.retryAfterSeconds, 'You have sent many reports in a short while, so reporting is paused for a while.');
    default:
      return answerRefusal(deps, res, visit, result);
  }
}
