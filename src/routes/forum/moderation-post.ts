// GET /forum/moderation/post/{id} (and under /ru/forum) and its POST actions: approve, reject, hide, restore a post, each with a reason logged.
import type { Request, Response } from 'express';
import type { PostDetail } from '../../forum/post-queries.js';
import { mayModerateContentOf } from '../../forum/members.js';
import type { ModerationResult } from '../../forum/moderation.js';
import type { Viewer } from '../../forum/visibility.js';
import { HttpError } from '../../http/http-error.js';
import type { ModerationCard, ModerationFact } from '../../render/template-locals.js';
import type { ForumDeps } from './forum-deps.js';
import { safeReturn } from './forum-paths.js';
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
  wordsOf,
} from './moderation-views.js';
import type { Fields, Visit } from './visit.js';

export type PostAction = 'approve' | 'reject' | 'hide' | 'restore';
export const POST_ACTIONS: readonly PostAction[] = ['approve', 'reject', 'hide', 'restore'];

/** Each action: the status it applies to, whether a reason is required, and the word of its notice (its button is forum.moderation.post.<action>). */
const ACTIONS: Readonly<Record<PostAction, { from: string; required: boolean; warning: boolean; done: string }>> = {
  approve: { from: 'held', required: false, warning: false, done: 'approved' },
  reject: { from: 'held', required: true, warning: true, done: 'rejected' },
  hide: { from: 'visible', required: true, warning: true, done: 'hidden' },
  restore: { from: 'hidden', required: false, warning: false, done: 'restored' },
};

export const postActionPath = (visit: Pick<Visit, 'at'>, id: number, action: PostAction): string => `${visit.at.urls.moderatePost(id)}/${action}`;

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
  const { at } = visit;
  const words = wordsOf(visit);
  const when = (term: string, iso: string | null): ModerationFact[] =>
    iso ? [{ term: words(term), text: momentText(visit, iso).text, url: undefined, datetime: momentText(visit, iso).iso }] : [];
  const facts: ModerationFact[] = [
    { term: words('post.topic'), text: post.topic.title, url: at.urls.topic(post.topic.id), datetime: undefined },
    { term: words('post.author'), text: post.author.name, url: memberLink(at, post.author), datetime: undefined },
    { term: words('post.status'), text: words(`post.state.${post.status}`), url: undefined, datetime: undefined },
    ...when('post.written', post.createdAt),
    ...when('post.published', post.publishedAt),
    ...when('post.edited', post.editedAt),
    ...(options.extraFacts ?? []),
  ];
  const allowed = mayModerateContentOf(options.actor, post.author.role);
  const forms = !allowed
    ? []
    : POST_ACTIONS.filter((action) => ACTIONS[action].from === post.status).map((action) => {
        const { required, warning } = ACTIONS[action];
        const submit = words(`post.${action}`);
        const kept = options.errors?.[action];
        // Approving needs no reason (the service keeps none): the queue's usual button stays one click.
        const fields = action === 'approve' ? [] : [reasonField(visit.t, `${action}-reason-${post.id}`, { required, value: kept?.value, error: kept?.error })];
        return actionForm(visit, { action: postActionPath(visit, post.id, action), submit, warning, fields }, options.back);
      });
  return {
    heading: options.heading ?? words('post.by', { name: post.author.name }),
    url: undefined,
    facts,
    text: { label: words('post.body'), body: post.body },
    links: [
      ...(options.back === at.urls.moderatePost(post.id) ? [] : [{ text: words('post.own_page'), url: at.urls.moderatePost(post.id) }]),
      ...(post.status === 'visible' ? [{ text: words('post.in_topic'), url: at.urls.post(post.id) }] : []),
      { text: words('post.moderate_topic'), url: at.urls.moderateTopic(post.topic.id) },
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
  const words = wordsOf(visit);
  const path = visit.at.urls.moderatePost(post.id);
  const heading = words('post.heading', { id: post.id, title: post.topic.title });
  const card = postCard(visit, post, { back: path, actor: state.actor, heading, errors: state.errors });
  const intro = mayModerateContentOf(state.actor, post.author.role) ? [] : [paragraph(words('post.staff_only'))];
  if (card.forms.length === 0 && intro.length === 0) intro.push(paragraph(words('post.nothing_to_do')));
  const locals = moderationLocals(visit, words('post.title'), undefined, { notice: doneNotice(visit, req), intro, cards: [card] });
  sendModerationPage(deps, res, visit, { title: words('post.title'), url: path }, locals);
}

export async function showPostModeration(deps: ForumDeps, req: Request, res: Response, visit: Visit): Promise<void> {
  const id = idFrom(req.params['id']);
  const actor = staffVisitor(res, visit, visit.at.urls.moderatePost(id));
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
export function refusal(visit: Pick<Visit, 't'>, result: { readonly status: string }, what: string): HttpError | undefined {
  if (result.status === 'not-found') return new HttpError(404, `no ${what}`);
  if (result.status === 'not-allowed') {
    const words = wordsOf(visit);
    return new HttpError(403, `not allowed on ${what}`, { shown: { title: words('not_allowed_title'), note: words('not_allowed_note') } });
  }
  return undefined;
}

export async function submitPostAction(deps: ForumDeps, req: Request, res: Response, visit: Visit, fields: Fields): Promise<void> {
  const actor = staffSender(visit);
  const id = idFrom(req.params['id']);
  const action = oneOf(req.params['action'], POST_ACTIONS);
  const { reason, problem } = readReason(visit.t, fields('reason'), ACTIONS[action].required);
  if (problem) return renderPostPage(deps, req, res, visit, { actor, id, errors: { [action]: { value: fields('reason'), error: problem } } });
  const result = await run(visit, actor, id, action, reason);
  const refused = refusal(visit, result, `post ${id}`);
  if (refused) throw refused;
  doneRedirect(res, safeReturn(fields('return'), visit.at.urls.moderatePost(id), visit.at), result.status === 'done' ? ACTIONS[action].done : 'unchanged');
}
