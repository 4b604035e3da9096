// GET /forum/moderation/post/{id} and its POST actions: approve, reject, hide, restore a post, each with a reason logged.
import type { Request, Response } from 'express';
import type { PostDetail } from '../../forum/post-queries.js';
import { mayModerateContentOf } from '../../forum/members.js';
import type { ModerationResult } from '../../forum/moderation.js';
import type { Viewer } from '../../forum/visibility.js';
import { HttpError } from '../../http/http-error.js';
import type { ModerationCard, ModerationFact } from '../../render/template-locals.js';
import type { ForumDeps } from './forum-deps.js';
import { FORUM_URLS, safeReturn } from './forum-paths.js';
import { paragraph } from './forum-views.js';
import {
  actionForm,
  doneNotice,
  doneRedirect,
  idFrom,
  oneOf,
  memberLink,
  moderationLocals,
  momentText,
  readReason,
  reasonField,
  sendModerationPage,
  staffSender,
  staffVisitor,
} from './moderation-views.js';
import type { Fields, Visit } from './visit.js';

export type PostAction = 'approve' | 'reject' | 'hide' | 'restore';
export const POST_ACTIONS: readonly PostAction[] = ['approve', 'reject', 'hide', 'restore'];

/** Each action: the status it applies to, its button, whether a reason is required, and the word of its notice. */
const ACTIONS: Readonly<Record<PostAction, { from: string; submit: string; required: boolean; warning: boolean; done: string }>> = {
  approve: { from: 'held', submit: 'Approve', required: false, warning: false, done: 'approved' },
  reject: { from: 'held', submit: 'Reject', required: true, warning: true, done: 'rejected' },
  hide: { from: 'visible', submit: 'Hide this post', required: true, warning: true, done: 'hidden' },
  restore: { from: 'hidden', submit: 'Restore this post', required: false, warning: false, done: 'restored' },
};

const STATUS_WORDS = { visible: 'Public', held: 'Waiting for approval', hidden: 'Hidden by a moderator', rejected: 'Rejected' } as const;

export const postActionPath = (id: number, action: PostAction): string => `${FORUM_URLS.moderatePost(id)}/${action}`;

/** A post as a card: where it is, who wrote it, when, its status and text, and the forms for what can be done now. */
export function postCard(
  visit: Visit,
  post: Pick<PostDetail, 'id' | 'author' | 'body' | 'createdAt' | 'publishedAt' | 'editedAt' | 'status'> & { topic: { id: number; title: string } },
  options: {
    back: string;
    actor: Viewer;
    heading?: string;
    errors?: Partial<Record<PostAction, { value: string; error: string }>>;
    extraFacts?: ModerationFact[];
  },
): ModerationCard {
  const when = (term: string, iso: string | null): ModerationFact[] =>
    iso ? [{ term, text: momentText(iso).text, url: undefined, datetime: momentText(iso).iso }] : [];
  const facts: ModerationFact[] = [
    { term: 'Topic', text: post.topic.title, url: FORUM_URLS.topic(post.topic.id), datetime: undefined },
    { term: 'Author', text: post.author.name, url: memberLink(post.author), datetime: undefined },
    { term: 'Status', text: STATUS_WORDS[post.status], url: undefined, datetime: undefined },
    ...when('Written', post.createdAt),
    ...when('Published', post.publishedAt),
    ...when('Edited', post.editedAt),
    ...(options.extraFacts ?? []),
  ];
  const allowed = mayModerateContentOf(options.actor, post.author.role);
  const forms = !allowed
    ? []
    : POST_ACTIONS.filter((action) => ACTIONS[action].from === post.status).map((action) => {
        const { submit, required, warning } = ACTIONS[action];
        const kept = options.errors?.[action];
        // Approving needs no reason (the service keeps none): the queue's usual button stays one click.
        const fields = action === 'approve' ? [] : [reasonField(visit.t, `${action}-reason-${post.id}`, { required, value: kept?.value, error: kept?.error })];
        return actionForm(visit, { action: postActionPath(post.id, action), submit, warning, fields }, options.back);
      });
  return {
    heading: options.heading ?? `Post by ${post.author.name}`,
    url: undefined,
    facts,
    text: { label: 'What they wrote', body: post.body },
    links: [
      ...(options.back === FORUM_URLS.moderatePost(post.id)
        ? []
        : [{ text: 'This post’s own page (to hide or restore it later)', url: FORUM_URLS.moderatePost(post.id) }]),
      ...(post.status === 'visible' ? [{ text: 'See it in its topic', url: FORUM_URLS.post(post.id) }] : []),
      { text: 'Moderate the topic', url: FORUM_URLS.moderateTopic(post.topic.id) },
    ],
    forms,
  };
}

async function renderPostPage(
  deps: ForumDeps,
  req: Request,
  res: Response,
  visit: Visit,
  state: { actor: Viewer; id: number; errors?: Partial<Record<PostAction, { value: string; error: string }>> },
): Promise<void> {
  const post = await visit.open.forum.posts.find(state.id, state.actor);
  if (!post) throw new HttpError(404, `no post ${state.id}`);
  const path = FORUM_URLS.moderatePost(post.id);
  const card = postCard(visit, post, { back: path, actor: state.actor, heading: `Post ${post.id} in “${post.topic.title}”`, errors: state.errors });
  const intro = mayModerateContentOf(state.actor, post.author.role)
    ? []
    : [paragraph('This post is by a member of staff: only an administrator can approve, reject, hide or restore it.')];
  if (card.forms.length === 0 && intro.length === 0) intro.push(paragraph('Nothing can be done to this post now: a rejected post stays rejected.'));
  const locals = moderationLocals(visit, 'Moderate a post', undefined, { notice: doneNotice(req), intro, cards: [card] });
  sendModerationPage(deps, res, visit, { title: 'Moderate a post', url: path }, locals);
}

export async function showPostModeration(deps: ForumDeps, req: Request, res: Response, visit: Visit): Promise<void> {
  const id = idFrom(req.params['id']);
  const actor = staffVisitor(res, visit, FORUM_URLS.moderatePost(id));
  if (actor) await renderPostPage(deps, req, res, visit, { actor, id });
}

function run(visit: Visit, actor: Viewer, id: number, action: PostAction, reason: string): Promise<ModerationResult> {
  const { moderation } = visit.open.forum;
  const why = reason === '' ? undefined : reason;
  if (action === 'approve') return moderation.approve(actor.id, id);
  if (action === 'reject') return moderation.reject(actor.id, id, why);
  if (action === 'hide') return moderation.hide(actor.id, id, why);
  return moderation.restore(actor.id, id, why);
}

/** What a refused action answers: 404 for a post that is not there, 403 for one the moderator may not touch. */
export function refusal(result: { readonly status: string }, what: string): HttpError | undefined {
  if (result.status === 'not-found') return new HttpError(404, `no ${what}`);
  if (result.status === 'not-allowed') {
    const note = 'Moderators act on members’ posts and accounts; only an administrator acts on those of staff.';
    return new HttpError(403, `not allowed on ${what}`, { shown: { title: 'Only an administrator can do that', note } });
  }
  return undefined;
}

export async function submitPostAction(deps: ForumDeps, req: Request, res: Response, visit: Visit, fields: Fields): Promise<void> {
  const actor = staffSender(visit);
  const id = idFrom(req.params['id']);
  const action = oneOf(req.params['action'], POST_ACTIONS);
  const { reason, problem } = readReason(fields('reason'), ACTIONS[action].required);
  if (problem) return renderPostPage(deps, req, res, visit, { actor, id, errors: { [action]: { value: fields('reason'), error: problem } } });
  const result = await run(visit, actor, id, action, reason);
  const refused = refusal(result, `post ${id}`);
  if (refused) throw refused;
  doneRedirect(res, safeReturn(fields('return'), FORUM_URLS.moderatePost(id)), result.status === 'done' ? ACTIONS[action].done : 'unchanged');
}
