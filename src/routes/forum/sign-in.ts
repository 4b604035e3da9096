// Starting and ending a member's session on a response: a new token at every login (the old one ended), none after logout.
import type { Response } from 'express';
import { expiredPreSessionCookie } from '../../forum/form-tokens.js';
import { expiredSessionCookie } from '../../forum/session-cookie.js';
import type { Visit } from './visit.js';

/**
 * Starts a session for the member and sets its cookie. Whatever token the browser had is ended first, so a token
 * planted before login (session fixation) never becomes a signed-in one; the pre-session has done its work.
 */
export async function signIn(res: Response, visit: Visit, memberId: number): Promise<void> {
  const started = await visit.open.forum.sessions.start(memberId, { replacing: visit.sessionToken });
  res.append('Set-Cookie', started.cookie);
  res.append('Set-Cookie', expiredPreSessionCookie());
}

/** Ends the session on the server, so a copy of the token taken elsewhere stops working too, and removes the cookie. */
export async function signOut(res: Response, visit: Visit): Promise<void> {
  if (visit.sessionToken !== undefined) await visit.open.forum.sessions.end(visit.sessionToken);
  res.append('Set-Cookie', expiredSessionCookie());
}
