// GET /forum/moderation/members(?q=…) (and under /ru/forum) finds members; …/members/{id} is one member, with suspend, lift, reset link, unlock, end sessions.
import type { Request, Response } from 'express';
import { isSuspended, outranks, type Member } from '../../forum/members.js';
import type { MemberStanding } from '../../forum/member-lookup.js';
import type { Viewer } from '../../forum/visibility.js';
import { HttpError } from '../../http/http-error.js';
import type { ForumModerationLocals, ModerationCard, ModerationChoice, ModerationForm } from '../../render/template-locals.js';
import type { ForumDeps } from './forum-deps.js';
import { paragraph, textField } from './forum-views.js';
import { refusal } from './moderation-post.js';
import {
  actionForm,
  doneNotice,
  doneRedirect,
  idFrom,
  oneOf,
  moderationLocals,
  momentText,
  readReason,
  reasonField,
  sendModerationPage,
  staffSender,
  staffVisitor,
  wordsOf,
} from './moderation-views.js';
import { resetLink } from './reset.js';
import type { Fields, Visit } from './visit.js';

export type MemberAction = 'suspend' | 'lift' | 'reset-link' | 'unlock' | 'end-sessions';
export const MEMBER_ACTIONS: readonly MemberAction[] = ['suspend', 'lift', 'reset-link', 'unlock', 'end-sessions'];

const DAY_MS = 24 * 60 * 60 * 1000;
/**
 * The lengths a suspension can have, as Discourse offers a choice of periods; a year stands for "until we say
 * otherwise". Each is named by forum.moderation.members.period.<value>.
 */
export const SUSPENSIONS: readonly { readonly value: string; readonly ms: number }[] = [
  { value: '1', ms: DAY_MS },
  { value: '3', ms: 3 * DAY_MS },
  { value: '7', ms: 7 * DAY_MS },
  { value: '30', ms: 30 * DAY_MS },
  { value: '365', ms: 365 * DAY_MS },
];

const memberPath = (visit: Pick<Visit, 'at'>, id: number, action: MemberAction): string => `${visit.at.urls.member(id)}/${action}`;

/** What a form sent back with errors keeps: which form, and what was typed and chosen in it. */
interface Kept {
  readonly action: 'suspend' | 'lift';
  readonly duration: string;
  readonly reason: string;
  readonly errors: { readonly duration?: string; readonly reason?: string };
}

function suspendChoice(visit: Visit, id: number, kept: Kept | undefined): ModerationChoice {
  const words = wordsOf(visit);
  return {
    id: `suspend-duration-${id}`,
    name: 'duration',
    legend: words('members.duration'),
    hint: words('members.duration_hint'),
    error: kept?.action === 'suspend' ? kept.errors.duration : undefined,
    options: SUSPENSIONS.map((each) => ({
      value: each.value,
      label: words(`members.period.${each.value}`),
      checked: kept?.action === 'suspend' && kept.duration === each.value,
    })),
  };
}

function memberForms(visit: Visit, actor: Viewer, standing: MemberStanding, kept: Kept | undefined): ModerationForm[] {
  const { member } = standing;
  if (!outranks(actor, member)) return [];
  const words = wordsOf(visit);
  const back = visit.at.urls.member(member.id);
  const form = (action: MemberAction, submit: string, rest: Partial<ModerationForm> = {}): ModerationForm =>
    actionForm(
      visit,
      { action: memberPath(visit, member.id, action), submit: words(submit), warning: rest.warning ?? false, choice: rest.choice, fields: rest.fields },
      back,
    );
  const suspended = isSuspended(member, visit.open.forum.clock());
  const typed = (action: Kept['action']) => (kept?.action === action ? { value: kept.reason, error: kept.errors.reason } : {});
  const reason = reasonField(visit.t, `suspend-reason-${member.id}`, { required: true, ...typed('suspend') });
  return [
    form('suspend', suspended ? 'members.suspend_again' : 'members.suspend', {
      warning: true,
      choice: suspendChoice(visit, member.id, kept),
      fields: [reason],
    }),
    ...(suspended ? [form('lift', 'members.lift', { fields: [reasonField(visit.t, `lift-reason-${member.id}`, typed('lift'))] })] : []),
    form('reset-link', 'members.reset_link'),
    ...(standing.loginLocked ? [form('unlock', 'members.unlock')] : []),
    ...(standing.sessions > 0 ? [form('end-sessions', 'members.end_sessions', { warning: true })] : []),
  ];
}

function memberCard(visit: Visit, actor: Viewer, standing: MemberStanding, kept: Kept | undefined): ModerationCard {
  const { member, posts } = standing;
  const words = wordsOf(visit);
  const fact = (term: string, text: string) => ({ term: words(term), text, url: undefined, datetime: undefined });
  const joined = momentText(visit, member.createdAt);
  const suspended = isSuspended(member, visit.open.forum.clock()) && member.suspendedUntil ? momentText(visit, member.suspendedUntil) : undefined;
  return {
    heading: member.username,
    url: undefined,
    facts: [
      fact('members.role', visit.t(`forum.role.${member.role}`)),
      { ...fact('members.since', joined.text), datetime: joined.iso },
      suspended ? { ...fact('members.suspended_until', suspended.text), datetime: suspended.iso } : fact('members.suspended', words('no')),
      fact('members.posts', words('members.posts_counts', posts)),
      fact('members.approved_posts', String(member.approvedPostCount)),
      fact('members.open_reports', String(standing.openReports)),
      fact('members.login', words(standing.loginLocked ? 'members.login_locked' : 'members.login_open')),
      fact('members.sessions', String(standing.sessions)),
    ],
    text: undefined,
    links: [],
    forms: memberForms(visit, actor, standing, kept),
  };
}

async function renderMember(
  deps: ForumDeps,
  req: Request,
  res: Response,
  visit: Visit,
  state: { actor: Viewer; id: number; kept?: Kept; secret?: ForumModerationLocals['secret'] },
): Promise<void> {
  const standing = await visit.open.forum.members.standing(state.actor, state.id);
  if (!standing) throw new HttpError(404, `no member ${state.id}`);
  const { at } = visit;
  const words = wordsOf(visit);
  const intro = outranks(state.actor, standing.member) ? [] : [paragraph(words('members.cannot_act'))];
  const locals = moderationLocals(visit, standing.member.username, at.moderation.members, {
    notice: doneNotice(visit, req),
    intro,
    secret: state.secret,
    cards: [memberCard(visit, state.actor, standing, state.kept)],
  });
  const trail = [{ title: words('tab.members'), url: at.moderation.members }];
  const title = words('members.member_title', { name: standing.member.username });
  sendModerationPage(deps, res, visit, { title, url: at.urls.member(state.id), trail }, locals);
}

export async function showMember(deps: ForumDeps, req: Request, res: Response, visit: Visit): Promise<void> {
  const id = idFrom(req.params['id']);
  const actor = staffVisitor(res, visit, visit.at.urls.member(id));
  if (actor) await renderMember(deps, req, res, visit, { actor, id });
}

function lookupCard(visit: Visit, member: Member, now: number): ModerationCard {
  const words = wordsOf(visit);
  const joined = momentText(visit, member.createdAt);
  return {
    heading: member.username,
    url: visit.at.urls.member(member.id),
    facts: [
      { term: words('members.role'), text: visit.t(`forum.role.${member.role}`), url: undefined, datetime: undefined },
      { term: words('members.since'), text: joined.text, url: undefined, datetime: joined.iso },
      ...(isSuspended(member, now) ? [{ term: words('members.suspended'), text: words('yes'), url: undefined, datetime: undefined }] : []),
    ],
    text: undefined,
    links: [],
    forms: [],
  };
}

export async function showMembers(deps: ForumDeps, req: Request, res: Response, visit: Visit): Promise<void> {
  const { at } = visit;
  const words = wordsOf(visit);
  const actor = staffVisitor(res, visit, at.moderation.members);
  if (!actor) return;
  const typed = typeof req.query['q'] === 'string' ? req.query['q'].slice(0, 100) : '';
  const found = typed.trim() === '' ? [] : await visit.open.forum.members.find(actor, typed);
  const field = textField(visit.t, 'q', words('members.field'), 'text', { value: typed, autocomplete: 'off' });
  const title = words('members.title');
  const locals = moderationLocals(visit, title, at.moderation.members, {
    intro: [paragraph(words('members.intro'))],
    lookup: { action: at.moderation.members, field },
    cards: (found ?? []).map((member) => lookupCard(visit, member, visit.open.forum.clock())),
    empty: typed.trim() === '' ? undefined : words('members.none_found', { name: typed.trim() }),
  });
  sendModerationPage(deps, res, visit, { title, url: at.moderation.members }, locals);
}

async function suspend(deps: ForumDeps, req: Request, res: Response, visit: Visit, state: { actor: Viewer; id: number; fields: Fields }): Promise<void> {
  const { actor, id, fields } = state;
  const duration = SUSPENSIONS.find((each) => each.value === fields('duration'));
  const { reason, problem } = readReason(visit.t, fields('reason'), true);
  if (!duration || problem) {
    const errors = { ...(!duration && { duration: wordsOf(visit)('members.duration_missing') }), ...(problem && { reason: problem }) };
    return renderMember(deps, req, res, visit, { actor, id, kept: { action: 'suspend', duration: fields('duration'), reason: fields('reason'), errors } });
  }
  const result = await visit.open.forum.moderation.suspend(actor.id, id, visit.open.forum.clock() + duration.ms, reason);
  const refused = refusal(visit, result, `member ${id}`);
  if (refused) throw refused;
  doneRedirect(res, visit.at.urls.member(id), 'suspended');
}

async function issueLink(deps: ForumDeps, req: Request, res: Response, visit: Visit, state: { actor: Viewer; id: number }): Promise<void> {
  const issued = await visit.open.forum.resets.issue(state.actor.id, state.id);
  if (issued.status !== 'issued') throw refusal(visit, issued, `member ${state.id}`) ?? new HttpError(500, 'reset link not issued');
  // Shown in this response only (private, no-store, and no referrer, as the reset page itself): the database keeps a hash.
  res.setHeader('Referrer-Policy', 'no-referrer');
  const secret = {
    label: wordsOf(visit)('members.secret_label'),
    value: resetLink(visit.edition.context.siteUrl, issued.token, issued.language),
    expires: momentText(visit, issued.expiresAt),
  };
  await renderMember(deps, req, res, visit, { ...state, secret });
}

export async function submitMemberAction(deps: ForumDeps, req: Request, res: Response, visit: Visit, fields: Fields): Promise<void> {
  const actor = staffSender(visit);
  const id = idFrom(req.params['id']);
  const action = oneOf(req.params['action'], MEMBER_ACTIONS);
  if (action === 'suspend') return suspend(deps, req, res, visit, { actor, id, fields });
  if (action === 'reset-link') return issueLink(deps, req, res, visit, { actor, id });
  const staff = visit.open.forum.memberModeration;
  if (action === 'lift') {
    const { reason, problem } = readReason(visit.t, fields('reason'), false);
    if (problem)
      return renderMember(deps, req, res, visit, { actor, id, kept: { action: 'lift', duration: '', reason: fields('reason'), errors: { reason: problem } } });
    const result = await visit.open.forum.moderation.suspend(actor.id, id, null, reason === '' ? undefined : reason);
    const refused = refusal(visit, result, `member ${id}`);
    if (refused) throw refused;
    return doneRedirect(res, visit.at.urls.member(id), 'lifted');
  }
  const result = action === 'unlock' ? await staff.unlockLogin(actor.id, id) : await staff.endSessions(actor.id, id);
  const refused = refusal(visit, result, `member ${id}`);
  if (refused) throw refused;
  doneRedirect(res, visit.at.urls.member(id), action === 'unlock' ? 'unlocked_login' : 'ended');
}
