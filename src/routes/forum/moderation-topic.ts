// GET /forum/moderation/topic/{id} (and under /ru/forum) and its POST actions: lock or unlock, pin or unpin, move to another category.
import type { Request, Response } from 'express';
import type { ForumCategory } from '../../content/forum-settings.js';
import type { TopicSummary } from '../../forum/topic-queries.js';
import type { Viewer } from '../../forum/visibility.js';
import { HttpError } from '../../http/http-error.js';
import type { ModerationCard, ModerationChoice, ModerationForm } from '../../render/template-locals.js';
import type { ForumDeps } from './forum-deps.js';
import { safeReturn } from './forum-paths.js';
import { refusal } from './moderation-post.js';
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

export type TopicAction = 'lock' | 'unlock' | 'pin' | 'unpin' | 'move';
export const TOPIC_ACTIONS: readonly TopicAction[] = ['lock', 'unlock', 'pin', 'unpin', 'move'];

const DONE: Readonly<Record<TopicAction, string>> = { lock: 'locked', unlock: 'unlocked', pin: 'pinned', unpin: 'unpinned', move: 'moved' };

interface Kept {
  readonly action: TopicAction;
  readonly reason: string;
  readonly category: string;
  readonly errors: { readonly reason?: string; readonly category?: string };
}

const actionPath = (visit: Pick<Visit, 'at'>, id: number, action: TopicAction): string => `${visit.at.urls.moderateTopic(id)}/${action}`;

/** The categories in the visit's language (their titles are content/forum.yml's, per language). */
function categoriesOf(visit: Visit): readonly ForumCategory[] {
  return visit.categories;
}

function moveChoice(visit: Visit, topic: TopicSummary, categories: readonly ForumCategory[], kept: Kept | undefined): ModerationChoice {
  const others = categories.filter((category) => category.slug !== topic.categorySlug);
  return {
    id: `move-category-${topic.id}`,
    name: 'category',
    legend: wordsOf(visit)('topic.move_to'),
    hint: undefined,
    error: kept?.action === 'move' ? kept.errors.category : undefined,
    options: others.map((category) => ({ value: category.slug, label: category.title, checked: kept?.action === 'move' && kept.category === category.slug })),
  };
}

function topicForms(visit: Visit, topic: TopicSummary, kept: Kept | undefined): ModerationForm[] {
  const words = wordsOf(visit);
  const back = visit.at.urls.moderateTopic(topic.id);
  const reason = (action: TopicAction) =>
    reasonField(visit.t, `${action}-reason-${topic.id}`, {
      value: kept?.action === action ? kept.reason : undefined,
      error: kept?.action === action ? kept.errors.reason : undefined,
    });
  const lock: TopicAction = topic.locked ? 'unlock' : 'lock';
  const pin: TopicAction = topic.pinned ? 'unpin' : 'pin';
  const forms = [
    actionForm(visit, { action: actionPath(visit, topic.id, lock), submit: words(`topic.${lock}`), warning: false, fields: [reason(lock)] }, back),
    actionForm(visit, { action: actionPath(visit, topic.id, pin), submit: words(`topic.${pin}`), warning: false, fields: [reason(pin)] }, back),
  ];
  const choice = moveChoice(visit, topic, categoriesOf(visit), kept);
  if (choice.options.length > 0)
    forms.push(
      actionForm(visit, { action: actionPath(visit, topic.id, 'move'), submit: words('topic.move'), warning: false, choice, fields: [reason('move')] }, back),
    );
  return forms;
}

function topicCard(visit: Visit, topic: TopicSummary, kept: Kept | undefined): ModerationCard {
  const category = categoriesOf(visit).find((each) => each.slug === topic.categorySlug);
  const { at } = visit;
  const words = wordsOf(visit);
  const fact = (term: string, text: string, url?: string) => ({ term: words(term), text, url, datetime: undefined });
  const started = momentText(visit, topic.createdAt);
  const latest = momentText(visit, topic.lastPostAt);
  return {
    heading: topic.title,
    url: topic.status === 'visible' ? at.urls.topic(topic.id) : undefined,
    facts: [
      fact('topic.category', category?.title ?? words('topic.category_gone', { slug: topic.categorySlug }), category && at.urls.category(category.slug)),
      fact('topic.started_by', topic.author.name, memberLink(at, topic.author)),
      { ...fact('topic.started', started.text), datetime: started.iso },
      { ...fact('topic.latest', latest.text), datetime: latest.iso },
      fact('topic.status', words(`topic.state.${topic.status}`)),
      fact('topic.public_posts', String(topic.postCount)),
      fact('topic.locked', words(topic.locked ? 'topic.locked_yes' : 'no')),
      fact('topic.pinned', words(topic.pinned ? 'topic.pinned_yes' : 'no')),
    ],
    text: undefined,
    links: [{ text: words('topic.open'), url: at.urls.topic(topic.id) }],
    forms: topicForms(visit, topic, kept),
  };
}

async function renderTopicPage(deps: ForumDeps, req: Request, res: Response, visit: Visit, state: { actor: Viewer; id: number; kept?: Kept }): Promise<void> {
  const topic = await visit.open.forum.topics.find(state.id, state.actor);
  if (!topic) throw new HttpError(404, `no topic ${state.id}`);
  const path = visit.at.urls.moderateTopic(topic.id);
  const title = wordsOf(visit)('topic.title');
  const locals = moderationLocals(visit, title, undefined, { notice: doneNotice(visit, req), cards: [topicCard(visit, topic, state.kept)] });
  sendModerationPage(deps, res, visit, { title, url: path }, locals);
}

export async function showTopicModeration(deps: ForumDeps, req: Request, res: Response, visit: Visit): Promise<void> {
  const id = idFrom(req.params['id']);
  const actor = staffVisitor(res, visit, visit.at.urls.moderateTopic(id));
  if (actor) await renderTopicPage(deps, req, res, visit, { actor, id });
}

export async function submitTopicAction(deps: ForumDeps, req: Request, res: Response, visit: Visit, fields: Fields): Promise<void> {
  const actor = staffSender(visit);
  const id = idFrom(req.params['id']);
  const action = oneOf(req.params['action'], TOPIC_ACTIONS);
  const { reason, problem } = readReason(visit.t, fields('reason'), false);
  const chooseCategory = wordsOf(visit)('topic.choose_category');
  const category = fields('category');
  const known = categoriesOf(visit).some((each) => each.slug === category);
  const errors = {
    ...(problem && { reason: problem }),
    ...(action === 'move' && !known && { category: chooseCategory }),
  };
  if (Object.keys(errors).length > 0)
    return renderTopicPage(deps, req, res, visit, { actor, id, kept: { action, reason: fields('reason'), category, errors } });
  const { moderation } = visit.open.forum;
  const why = reason === '' ? undefined : reason;
  const result =
    action === 'move'
      ? await moderation.move(actor.id, id, category, why)
      : action === 'lock' || action === 'unlock'
        ? await moderation.setLocked(actor.id, id, action === 'lock', why)
        : await moderation.setPinned(actor.id, id, action === 'pin', why);
  if (result.status === 'unknown-category') {
    const kept: Kept = { action, reason: fields('reason'), category, errors: { category: chooseCategory } };
    return renderTopicPage(deps, req, res, visit, { actor, id, kept });
  }
  const refused = refusal(visit, result, `topic ${id}`);
  if (refused) throw refused;
  doneRedirect(res, safeReturn(fields('return'), visit.at.urls.moderateTopic(id), visit.at), result.status === 'done' ? DONE[action] : 'unchanged');
}
