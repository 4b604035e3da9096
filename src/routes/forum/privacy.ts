// GET /forum/privacy: what the forum keeps about members and readers, and for how long, linked from every forum form.
import type { Request, Response } from 'express';
import { FORM_TOKEN_LIFETIME_MS } from '../../forum/form-tokens.js';
import { LIMITS } from '../../forum/limits.js';
import { RESET_LIFETIME_MS } from '../../forum/password-resets.js';
import { ABSOLUTE_TIMEOUT_MS, IDLE_TIMEOUT_MS } from '../../forum/sessions.js';
import { plural } from '../../lib/words.js';
import type { ForumPrivacyLocals } from '../../render/template-locals.js';
import { STATS_PATH } from '../stats.js';
import type { ForumDeps } from './forum-deps.js';
import { FORUM_PATHS } from './forum-paths.js';
import { barFor, forumChrome, sendPage } from './forum-views.js';
import { shareWithCaches, startVisit, type Visit } from './visit.js';

const HOUR_MS = 60 * 60 * 1000;

/**
 * A counter row is kept until the end of the window after its own (src/forum/throttle.ts), so the longest window
 * doubled is the longest any counter lives.
 */
function counterRetention(): string {
  const longestSeconds = Math.max(...Object.values(LIMITS).map((limit) => limit.windowSeconds));
  const hours = (2 * longestSeconds) / 3600;
  return hours % 24 === 0 ? plural(hours / 24, 'day') : plural(hours, 'hour');
}

export function privacyLocals(visit: Visit | undefined): ForumPrivacyLocals {
  return {
    bar: barFor(visit),
    idleHours: IDLE_TIMEOUT_MS / HOUR_MS,
    absoluteHours: ABSOLUTE_TIMEOUT_MS / HOUR_MS,
    formTokenHours: FORM_TOKEN_LIFETIME_MS / HOUR_MS,
    resetLinkHours: RESET_LIFETIME_MS / HOUR_MS,
    counterRetention: counterRetention(),
    statsUrl: STATS_PATH,
    registerUrl: FORUM_PATHS.register,
    deleteAccountUrl: visit?.session ? FORUM_PATHS.deleteAccount : undefined,
  };
}

/** Shown whether or not the database can be read: what the forum keeps does not depend on it. */
export async function showPrivacy(deps: ForumDeps, req: Request, res: Response): Promise<void> {
  const open = await deps.forum();
  const visit = open && (await startVisit(deps, req, res, open));
  const chrome = forumChrome(deps.snapshot().editionFor(FORUM_PATHS.privacy), {
    title: 'Privacy on the forum',
    description: 'What the forum of the UN in Kyrgyzstan keeps about members and readers, for how long, and why readers get no cookie.',
    url: FORUM_PATHS.privacy,
    indexed: true,
  });
  if (visit) shareWithCaches(res, visit, deps.cache.forum);
  else res.setHeader('Cache-Control', deps.cache.forum);
  if (req.method === 'GET') deps.countView(req, FORUM_PATHS.privacy);
  sendPage(deps, res, 200, 'pages/forum-privacy', privacyLocals(visit), chrome);
}
