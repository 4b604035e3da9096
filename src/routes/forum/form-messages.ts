// What a form says about each mistake, in GOV.UK's way: what is wrong and how to put it right, by the field, in the page's language.
import type { Problems } from '../../forum/accounts.js';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, type PasswordProblem } from '../../forum/password-policy.js';
import { USERNAME_MAX_LENGTH, USERNAME_MIN_LENGTH, type UsernameProblem } from '../../forum/usernames.js';
import { HttpError } from '../../http/http-error.js';
import type { Translate } from '../../render/interface-text.js';

/** The messages of i18n/<code>.yml forum.messages, by their key there. */
export type MessageKey =
  | 'username_missing'
  | 'username_taken'
  | 'your_username_missing'
  | 'password_missing'
  | 'your_password_missing'
  | 'current_password_missing'
  | 'current_password_wrong'
  | 'password_wrong'
  | 'passwords_differ'
  | 'login_wrong'
  | 'email_invalid'
  | 'last_administrator';

export function message(t: Translate, key: MessageKey): string {
  return t(`forum.messages.${key}`);
}

export function usernameMessage(t: Translate, problem: UsernameProblem | 'taken'): string {
  if (problem === 'taken') return message(t, 'username_taken');
  return t(`forum.username_problems.${problem}`, { min: USERNAME_MIN_LENGTH, max: USERNAME_MAX_LENGTH });
}

export function passwordMessage(t: Translate, problem: PasswordProblem): string {
  return t(`forum.password_problems.${problem}`, { min: MIN_PASSWORD_LENGTH, max: MAX_PASSWORD_LENGTH });
}

/** The messages of the problems Accounts found, by field. */
export function problemMessages(t: Translate, problems: Problems): { username?: string; password?: string; email?: string; currentPassword?: string } {
  return {
    ...(problems.username && { username: usernameMessage(t, problems.username) }),
    ...(problems.password && { password: passwordMessage(t, problems.password) }),
    ...(problems.email && { email: message(t, 'email_invalid') }),
    ...(problems.currentPassword && { currentPassword: message(t, 'current_password_wrong') }),
  };
}

/**
 * How long to wait, as people say it, rounded up so that trying at the time said always works: 45 -> "in 45 seconds",
 * 240 -> "in 4 minutes", 5400 -> "in 2 hours"; in Russian "через 45 секунд".
 */
export function waitInWords(t: Translate, seconds: number): string {
  const whole = Math.max(1, Math.ceil(seconds));
  if (whole < 60) return t('forum.wait.seconds', { count: whole });
  if (whole < 2 * 60 * 60) return t('forum.wait.minutes', { count: Math.ceil(whole / 60) });
  return t('forum.wait.hours', { count: Math.ceil(whole / 3600) });
}

/**
 * A limit reached: 429 with Retry-After (RFC 6585 §4) and a page saying, in words, when to try again. `why` says what
 * was counted; `advice` what else the visitor can do meanwhile.
 */
export function throttledError(t: Translate, retryAfterSeconds: number, why: string, advice = ''): HttpError {
  const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
  return new HttpError(429, `rate limited: ${why}`, {
    headers: { 'Retry-After': String(seconds) },
    shown: { note: `${t('forum.try_again', { why, when: waitInWords(t, seconds) })}${advice ? ` ${advice}` : ''}` },
  });
}
