// GET /forum/moderation/topic/{id} and its POST actions: lock or unlock, pin or unpin, move to another category.
import type { Request, Response } from 'express';
import type { ForumCategory } from '../../content/forum-settings.js';
import type { TopicSummary } from '../../forum/topic-queries.js';
import type { Viewer } from '../../forum/visibility.js';
import { HttpError } from '../../http/http-error.js';
import type { ModerationCard, ModerationChoice, ModerationForm } from '../../render/template-locals.js';
import type { ForumDeps } from './forum-deps.js';
import { FORUM_URLS, safeReturn } from './forum-paths.js';
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
} from './moderation-views.js';
import type { Fields, Visit } from './visit.js';

export type TopicAction = 'lock' | 'unlock' | 'pin' | 'unpin' | 'move';
export const TOPIC_ACTIONS: readonly TopicAction[] = ['lock', 'unlock', 'pin', 'unpin', 'move'];

const DONE: Readonly<Record<TopicAction, string>> = { lock: 'locked', unlock: 'unlocked', pin: 'pinned', unpin: 'unpinned', move: 'moved' };
const STATUS_WORDS = { visible: 'Public', held: 'Waiting for approval of its first post', hidden: 'Hidden (its first post is)', rejected: 'Rejected' } as const;

interface Kept {
  readonly action: TopicAction;
  readonly reason: string;
  readonly category: string;
  readonly errors: { readonly reason?: string; readonly category?: string };
}

const actionPath = (id: number, action: TopicAction): string => `${FORUM_URLS.moderateTopic(id)}/${action}`;

function categoriesOf(visit: Visit): readonly ForumCategory[] {
  return visit.edition.site.forum?.categories ?? [];
}

function moveChoice(topic: TopicSummary, categories: readonly ForumCategory[], kept: Kept | undefined): ModerationChoice {
  const others = categories.filter((category) => category.slug !== topic.categorySlug);
  return {
    id: `move-category-${topic.id}`,
    name: 'category',
    legend: 'Move it to',
    hint: undefined,
    error: kept?.action === 'move' ? kept.errors.category : undefined,
    options: others.map((category) => ({ value: category.slug, label: category.title, checked: kept?.action === 'move' && kept.category === category.slug })),
  };
}

function topicForms(visit: Visit, topic: TopicSummary, kept: Kept | undefined): ModerationForm[] {
  const back = FORUM_URLS.moderateTopic(topic.id);
  const reason = (action: TopicAction) =>
    reasonField(visit.t, `${action}-reason-${topic.id}`, {
      value: kept?.action === action ? kept.reason : undefined,
      error: kept?.action === action ? kept.errors.reason : undefined,
    });
  const lock: TopicAction = topic.locked ? 'unlock' : 'lock';
  const pin: TopicAction = topic.pinned ? 'unpin' : 'pin';
  const forms = [
    actionForm(
      visit,
      { action: actionPath(topic.id, lock), submit: topic.locked ? 'Unlock the topic' : 'Lock the topic', warning: false, fields: [reason(lock)] },
      back,
    ),
    actionForm(
      visit,
      { action: actionPath(topic.id, pin), submit: topic.pinned ? 'Unpin the topic' : 'Pin the topic', warning: false, fields: [reason(pin)] },
      back,
    ),
  ];
  const choice = moveChoice(topic, categoriesOf(visit), kept);
  if (choice.options.length > 0)
    forms.push(actionForm(visit, { action: actionPath(topic.id, 'move'), submit: 'Move the topic', warning: false, choice, fields: [reason('move')] }, back));
  return forms;
}

function topicCard(visit: Visit, topic: TopicSummary, kept: Kept | undefined): ModerationCard {
  const category = categoriesOf(visit).find((each) => each.slug === topic.categorySlug);
  const fact = (term: string, text: string, url?: string) => ({ term, text, url, datetime: undefined });
  const started = momentText(topic.createdAt);
  const latest = momentText(topic.lastPostAt);
  return {
    heading: topic.title,
    url: topic.status === 'visible' ? FORUM_URLS.topic(topic.id) : undefined,
    facts: [
      fact('Category', category?.title ?? `${topic.categorySlug} (no longer in forum.yml)`, category && FORUM_URLS.category(category.slug)),
      fact('Started by', topic.author.name, memberLink(topic.author)),
      { term: 'Started', text: started.text, url: undefined, datetime: started.iso },
      { term: 'Latest activity', text: latest.text, url: undefined, datetime: latest.iso },
      fact('Status', STATUS_WORDS[topic.status]),
      fact('Public posts', String(topic.postCount)),
      fact('Locked', topic.locked ? 'Yes: members cannot reply or edit' : 'No'),
      fact('Pinned', topic.pinned ? 'Yes: first in its category' : 'No'),
    ],
    text: undefined,
    links: [{ text: 'Open the topic', url: FORUM_URLS.topic(topic.id) }],
    forms: topicForms(visit, topic, kept),
  };
}

async function renderTopicPage(deps: ForumDeps, req: Request, res: Response, visit: Visit, state: { actor: Viewer; id: number; kept?: Kept }): Promise<void> {
  const topic = await visit.open.forum.topics.find(state.id, state.actor);
  if (!topic) throw new HttpError(404, `no topic ${state.id}`);
  const path = FORUM_URLS.moderateTopic(topic.id);
  const locals = moderationLocals(visit, 'Moderate a topic', undefined, { notice: doneNotice(req), cards: [topicCard(visit, topic, state.kept)] });
  sendModerationPage(deps, res, visit, { title: 'Moderate a topic', url: path }, locals);
}

export async function showTopicModeration(deps: ForumDeps, req: Request, res: Response, visit: Visit): Promise<void> {
  const id = idFrom(req.params['id']);
  const actor = staffVisitor(res, visit, FORUM_URLS.moderateTopic(id));
  if (actor) await renderTopicPage(deps, req, res, visit, { actor, id });
}

export async function submitTopicAction(deps: ForumDeps, req: Request, res: Response, visit: Visit, fields: Fields): Promise<void> {
  const actor = staffSender(visit);
  const id = idFrom(req.params['id']);
  const action = oneOf(req.params['action'], TOPIC_ACTIONS);
  const { reason, problem } = readReason(fields('reason'), false);
  const category = fields('category');
  const known = categoriesOf(visit).some((each) => each.slug === category);
  const errors = {
    ...(problem && { reason: problem }),
    ...(action === 'move' && !known && { category: 'Choose the category to move the topic to' }),
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
    const kept: Kept = { action, reason: fields('reason'), category, errors: { category: 'Choose the category to move the topic to' } };
    return renderTopicPage(deps, req, res, visit, { actor, id, kept });
  }
  const refused = refusal(result, `topic ${id}`);
  if (refused) throw refused;
  doneRedirect(res, safeReturn(fields('return'), FORUM_URLS.moderateTopic(id)), result.status === 'done' ? DONE[action] : 'unchanged');
}
