// GET /forum/privacy: what the forum keeps about members and readers, and for how long, linked from every forum form.
import type { Request, Response } from 'express';
import { FORM_TOKEN_LIFETIME_MS } from '../../forum/form-tokens.js';
import { LIMITS } from '../../forum/limits.js';
import { RESET_LIFETIME_MS } from '../../forum/password-resets.js';
import { ABSOLUTE_TIMEOUT_MS, IDLE_TIMEOUT_MS } from '../../forum/sessions.js';
import type { ForumPrivacyLocals } from '../../render/template-locals.js';
import { STATS_PATH } from '../stats.js';
import type { ForumDeps } from './forum-deps.js';
import { barFor, forumChrome, forumViewAt, sendPage, type ForumView } from './forum-views.js';
import { shareWithCaches, startVisit, type Visit } from './visit.js';

const HOUR_MS = 60 * 60 * 1000;

/**
 * A counter row is kept until the end of the window after its own (src/forum/throttle.ts), so the longest window
 * doubled is the longest any counter lives.
 */
function counterRetention(view: ForumView): string {
  const longestSeconds = Math.max(...Object.values(LIMITS).map((limit) => limit.windowSeconds));
  const hours = (2 * longestSeconds) / 3600;
  return hours % 24 === 0 ? view.t('forum.privacy.days', { count: hours / 24 }) : view.t('forum.privacy.hours', { count: hours });
}

export function privacyLocals(view: ForumView, visit: Visit | undefined): ForumPrivacyLocals {
  const { at } = view;
  return {
    t: view.t,
    bar: barFor(visit ?? view),
    idleHours: IDLE_TIMEOUT_MS / HOUR_MS,
    absoluteHours: ABSOLUTE_TIMEOUT_MS / HOUR_MS,
    formTokenHours: FORM_TOKEN_LIFETIME_MS / HOUR_MS,
    resetLinkHours: RESET_LIFETIME_MS / HOUR_MS,
    counterRetention: counterRetention(view),
    statsUrl: `${at.language.prefix}${STATS_PATH}`,
    registerUrl: at.paths.register,
    deleteAccountUrl: visit?.session ? at.paths.deleteAccount : undefined,
  };
}

/** Shown whether or not the database can be read: what the forum keeps does not depend on it. */
export async function showPrivacy(deps: ForumDeps, req: Request, res: Response): Promise<void> {
  const open = await deps.forum();
  const visit = open && (await startVisit(deps, req, res, open));
  const view = forumViewAt(deps.snapshot(), req.path);
  const { t, at } = view;
  const chrome = forumChrome(view, { title: t('forum.privacy.title'), description: t('forum.privacy.description'), url: at.paths.privacy, indexed: true });
  if (visit) shareWithCaches(res, visit, deps.cache.forum);
  else res.setHeader('Cache-Control', deps.cache.forum);
  if (req.method === 'GET') deps.countView(req, at.paths.privacy);
  sendPage(deps, res, 200, 'pages/forum-privacy', privacyLocals(view, visit), chrome);
}
