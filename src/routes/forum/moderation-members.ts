// GET /forum/moderation/members(?q=…) finds members; …/members/{id} is one member, with suspend, lift, reset link, unlock, end sessions.
import type { Request, Response } from 'express';
import { isSuspended, outranks, type Member } from '../../forum/members.js';
import type { MemberStanding } from '../../forum/member-lookup.js';
import type { Viewer } from '../../forum/visibility.js';
import { HttpError } from '../../http/http-error.js';
import type { ForumModerationLocals, ModerationCard, ModerationChoice, ModerationForm } from '../../render/template-locals.js';
import type { ForumDeps } from './forum-deps.js';
import { FORUM_URLS, MODERATION_PATHS } from './forum-paths.js';
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
} from './moderation-views.js';
import { resetLink } from './reset.js';
import type { Fields, Visit } from './visit.js';

export type MemberAction = 'suspend' | 'lift' | 'reset-link' | 'unlock' | 'end-sessions';
export const MEMBER_ACTIONS: readonly MemberAction[] = ['suspend', 'lift', 'reset-link', 'unlock', 'end-sessions'];

const DAY_MS = 24 * 60 * 60 * 1000;
/** The lengths a suspension can have, as Discourse offers a choice of periods; a year stands for "until we say otherwise". */
export const SUSPENSIONS: readonly { readonly value: string; readonly label: string; readonly ms: number }[] = [
  { value: '1', label: '1 day', ms: DAY_MS },
  { value: '3', label: '3 days', ms: 3 * DAY_MS },
  { value: '7', label: '1 week', ms: 7 * DAY_MS },
  { value: '30', label: '30 days', ms: 30 * DAY_MS },
  { value: '365', label: '1 year', ms: 365 * DAY_MS },
];

const memberPath = (id: number, action: MemberAction): string => `${FORUM_URLS.member(id)}/${action}`;

/** What a form sent back with errors keeps: which form, and what was typed and chosen in it. */
interface Kept {
  readonly action: 'suspend' | 'lift';
  readonly duration: string;
  readonly reason: string;
  readonly errors: { readonly duration?: string; readonly reason?: string };
}

function suspendChoice(id: number, kept: Kept | undefined): ModerationChoice {
  return {
    id: `suspend-duration-${id}`,
    name: 'duration',
    legend: 'For how long',
    hint: 'They are logged out at once and cannot log in or post until then.',
    error: kept?.action === 'suspend' ? kept.errors.duration : undefined,
    options: SUSPENSIONS.map((each) => ({ value: each.value, label: each.label, checked: kept?.action === 'suspend' && kept.duration === each.value })),
  };
}

function memberForms(visit: Visit, actor: Viewer, standing: MemberStanding, kept: Kept | undefined): ModerationForm[] {
  const { member } = standing;
  if (!outranks(actor, member)) return [];
  const back = FORUM_URLS.member(member.id);
  const form = (action: MemberAction, submit: string, rest: Partial<ModerationForm> = {}): ModerationForm =>
    actionForm(visit, { action: memberPath(member.id, action), submit, warning: rest.warning ?? false, choice: rest.choice, fields: rest.fields }, back);
  const suspended = isSuspended(member, visit.open.forum.clock());
  const typed = (action: Kept['action']) => (kept?.action === action ? { value: kept.reason, error: kept.errors.reason } : {});
  const reason = reasonField(visit.t, `suspend-reason-${member.id}`, { required: true, ...typed('suspend') });
  return [
    form('suspend', suspended ? 'Suspend again from now' : 'Suspend', { warning: true, choice: suspendChoice(member.id, kept), fields: [reason] }),
    ...(suspended ? [form('lift', 'Lift the suspension', { fields: [reasonField(visit.t, `lift-reason-${member.id}`, typed('lift'))] })] : []),
    form('reset-link', 'Issue a one-time reset link'),
    ...(standing.loginLocked ? [form('unlock', 'Unlock login')] : []),
    ...(standing.sessions > 0 ? [form('end-sessions', 'End all their sessions', { warning: true })] : []),
  ];
}

function memberCard(visit: Visit, actor: Viewer, standing: MemberStanding, kept: Kept | undefined): ModerationCard {
  const { member, posts } = standing;
  const fact = (term: string, text: string) => ({ term, text, url: undefined, datetime: undefined });
  const joined = momentText(member.createdAt);
  const suspended = isSuspended(member, visit.open.forum.clock()) && member.suspendedUntil ? momentText(member.suspendedUntil) : undefined;
  return {
    heading: member.username,
    url: undefined,
    facts: [
      fact('Role', visit.t(`forum.role.${member.role}`)),
      { term: 'Member since', text: joined.text, url: undefined, datetime: joined.iso },
      suspended ? { term: 'Suspended until', text: suspended.text, url: undefined, datetime: suspended.iso } : fact('Suspended', 'No'),
      fact('Posts', `${posts.visible} public, ${posts.held} waiting, ${posts.hidden} hidden, ${posts.rejected} rejected`),
      fact('Approved posts', String(member.approvedPostCount)),
      fact('Open reports on their posts', String(standing.openReports)),
      fact('Login', standing.loginLocked ? 'Locked after failed attempts' : 'Not locked'),
      fact('Live sessions', String(standing.sessions)),
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
  const intro = outranks(state.actor, standing.member)
    ? []
    : [paragraph('Moderators act on members, and administrators on moderators too; nobody acts on their own account here.')];
  const locals = moderationLocals(visit, standing.member.username, MODERATION_PATHS.members, {
    notice: doneNotice(req),
    intro,
    secret: state.secret,
    cards: [memberCard(visit, state.actor, standing, state.kept)],
  });
  const trail = [{ title: 'Members', url: MODERATION_PATHS.members }];
  sendModerationPage(deps, res, visit, { title: `Member ${standing.member.username}`, url: FORUM_URLS.member(state.id), trail }, locals);
}

export async function showMember(deps: ForumDeps, req: Request, res: Response, visit: Visit): Promise<void> {
  const id = idFrom(req.params['id']);
  const actor = staffVisitor(res, visit, FORUM_URLS.member(id));
  if (actor) await renderMember(deps, req, res, visit, { actor, id });
}

function lookupCard(visit: Visit, member: Member, now: number): ModerationCard {
  const joined = momentText(member.createdAt);
  return {
    heading: member.username,
    url: FORUM_URLS.member(member.id),
    facts: [
      { term: 'Role', text: visit.t(`forum.role.${member.role}`), url: undefined, datetime: undefined },
      { term: 'Member since', text: joined.text, url: undefined, datetime: joined.iso },
      ...(isSuspended(member, now) ? [{ term: 'Suspended', text: 'Yes', url: undefined, datetime: undefined }] : []),
    ],
    text: undefined,
    links: [],
    forms: [],
  };
}

export async function showMembers(deps: ForumDeps, req: Request, res: Response, visit: Visit): Promise<void> {
  const actor = staffVisitor(res, visit, MODERATION_PATHS.members);
  if (!actor) return;
  const typed = typeof req.query['q'] === 'string' ? req.query['q'].slice(0, 100) : '';
  const found = typed.trim() === '' ? [] : await visit.open.forum.members.find(actor, typed);
  const field = textField(visit.t, 'q', 'Username, or its beginning', 'text', { value: typed, autocomplete: 'off' });
  const locals = moderationLocals(visit, 'Find a member', MODERATION_PATHS.members, {
    intro: [paragraph('Type a username, or its first letters, to open a member’s page: suspend them, give them a reset link, unlock their login.')],
    lookup: { action: MODERATION_PATHS.members, field },
    cards: (found ?? []).map((member) => lookupCard(visit, member, visit.open.forum.clock())),
    empty: typed.trim() === '' ? undefined : `No member’s name starts with “${typed.trim()}”.`,
  });
  sendModerationPage(deps, res, visit, { title: 'Find a member', url: MODERATION_PATHS.members }, locals);
}

async function suspend(deps: ForumDeps, req: Request, res: Response, visit: Visit, state: { actor: Viewer; id: number; fields: Fields }): Promise<void> {
  const { actor, id, fields } = state;
  const duration = SUSPENSIONS.find((each) => each.value === fields('duration'));
  const { reason, problem } = readReason(fields('reason'), true);
  if (!duration || problem) {
    const errors = { ...(!duration && { duration: 'Choose how long the suspension lasts' }), ...(problem && { reason: problem }) };
    return renderMember(deps, req, res, visit, { actor, id, kept: { action: 'suspend', duration: fields('duration'), reason: fields('reason'), errors } });
  }
  const result = await visit.open.forum.moderation.suspend(actor.id, id, visit.open.forum.clock() + duration.ms, reason);
  const refused = refusal(result, `member ${id}`);
  if (refused) throw refused;
  doneRedirect(res, FORUM_URLS.member(id), 'suspended');
}

async function issueLink(deps: ForumDeps, req: Request, res: Response, visit: Visit, state: { actor: Viewer; id: number }): Promise<void> {
  const issued = await visit.open.forum.resets.issue(state.actor.id, state.id);
  if (issued.status !== 'issued') throw refusal(issued, `member ${state.id}`) ?? new HttpError(500, 'reset link not issued');
  // Shown in this response only (private, no-store, and no referrer, as the reset page itself): the database keeps a hash.
  res.setHeader('Referrer-Policy', 'no-referrer');
  const secret = { label: 'The one-time reset link', value: resetLink(visit.edition.context.siteUrl, issued.token), expires: momentText(issued.expiresAt) };
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
    const { reason, problem } = readReason(fields('reason'), false);
    if (problem)
      return renderMember(deps, req, res, visit, { actor, id, kept: { action: 'lift', duration: '', reason: fields('reason'), errors: { reason: problem } } });
    const result = await visit.open.forum.moderation.suspend(actor.id, id, null, reason === '' ? undefined : reason);
    const refused = refusal(result, `member ${id}`);
    if (refused) throw refused;
    return doneRedirect(res, FORUM_URLS.member(id), 'lifted');
  }
  const result = action === 'unlock' ? await staff.unlockLogin(actor.id, id) : await staff.endSessions(actor.id, id);
  const refused = refusal(result, `member ${id}`);
  if (refused) throw refused;
  doneRedirect(res, FORUM_URLS.member(id), action === 'unlock' ? 'unlocked_login' : 'ended');
}
