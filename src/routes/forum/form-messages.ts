// What a form says about each mistake, in GOV.UK's way: what is wrong and how to put it right, by the field.
import type { Problems } from '../../forum/accounts.js';
import { PASSWORD_MESSAGES, type PasswordProblem } from '../../forum/password-policy.js';
import { USERNAME_MESSAGES, type UsernameProblem } from '../../forum/usernames.js';
import { HttpError } from '../../http/http-error.js';
import { waitInWords } from '../../lib/words.js';

export const MESSAGES = Object.freeze({
  usernameMissing: 'Enter a username',
  usernameTaken: 'That username is taken. Choose a different one',
  yourUsernameMissing: 'Enter your username',
  passwordMissing: 'Enter a password',
  yourPasswordMissing: 'Enter your password',
  currentPasswordMissing: 'Enter your current password',
  currentPasswordWrong: 'Your current password is not right. Check it and try again',
  passwordWrong: 'The password is not right. Check it and try again',
  passwordsDiffer: 'The two passwords are not the same. Type the same password in both boxes',
  loginWrong: 'The username or password is not right. Check both and try again',
  emailInvalid: 'Enter an email address in the right format, like name@example.com, or leave it empty',
  lastAdministrator: 'You are the forum’s only administrator. Make another member an administrator before you delete your account',
});

export function usernameMessage(problem: UsernameProblem | 'taken'): string {
  return problem === 'taken' ? MESSAGES.usernameTaken : USERNAME_MESSAGES[problem];
}

export function passwordMessage(problem: PasswordProblem): string {
  return PASSWORD_MESSAGES[problem];
}

/** The messages of the problems Accounts found, by field. */
export function problemMessages(problems: Problems): { username?: string; password?: string; email?: string; currentPassword?: string } {
  return {
    ...(problems.username && { username: usernameMessage(problems.username) }),
    ...(problems.password && { password: passwordMessage(problems.password) }),
    ...(problems.email && { email: MESSAGES.emailInvalid }),
    ...(problems.currentPassword && { currentPassword: MESSAGES.currentPasswordWrong }),
  };
}

/**
 * A limit reached: 429 with Retry-After (RFC 6585 §4) and a page saying, in words, when to try again. `why` says what
 * was counted; `advice` what else the visitor can do meanwhile.
 */
export function throttledError(retryAfterSeconds: number, why: string, advice = ''): HttpError {
  const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
  return new HttpError(429, `rate limited: ${why}`, {
    headers: { 'Retry-After': String(seconds) },
    shown: { note: `${why} You can try again ${waitInWords(seconds)}.${advice ? ` ${advice}` : ''}` },
  });
}
