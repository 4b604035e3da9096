// Which new passwords the forum accepts: long enough, not too long, and not one that attackers try first.
import { readFileSync } from 'node:fs';
import { normalizePassword } from './passwords.js';

/**
 * 15: NIST SP 800-63B-4 (2025), 3.1.1.2: a password that is the only factor SHALL be at least 15 characters; OWASP ASVS
 * 5.0 (6.2.1) strongly recommends 15. Forum accounts have no second factor. A passphrase of three or four words is
 * longer than this and easier to remember than a short password with symbols, so there are no composition rules.
 */
export const MIN_PASSWORD_LENGTH = 15;
/** Long enough for any passphrase or password manager (NIST asks for at least 64); bounds the work of hashing. */
export const MAX_PASSWORD_LENGTH = 128;

export type PasswordProblem = 'too-short' | 'too-long' | 'control-character' | 'contains-username' | 'repetitive' | 'sequence' | 'common';

/** What to tell the member, in the words of GOV.UK's error messages: what is wrong and how to put it right. */
export const PASSWORD_MESSAGES: Readonly<Record<PasswordProblem, string>> = Object.freeze({
  'too-short': `Password must be ${MIN_PASSWORD_LENGTH} characters or more. Three or four words together make a good one`,
  'too-long': `Password must be ${MAX_PASSWORD_LENGTH} characters or fewer`,
  'control-character': 'Password must contain only letters, numbers, spaces and symbols',
  'contains-username': 'Password must not contain your username',
  repetitive: 'Password must not be the same few characters repeated',
  sequence: 'Password must not be a run of letters, numbers or keys such as 123456 or qwerty',
  common: 'Password is too common and would be guessed quickly. Choose a different one',
});

/** Words about this site that an attacker would try first (NIST: "context-specific words, such as the name of the service"). */
const CONTEXT_WORDS = ['kyrgyzstan', 'unkyrgyzstan', 'unorgkg', 'unitednations', 'bishkek', 'kyrgyz', 'forum'];

/** Runs of keys, letters and digits, forwards; each is searched forwards and backwards, repeated so a run may wrap. */
const SEQUENCES = [
  '0123456789',
  'abcdefghijklmnopqrstuvwxyz',
  'qwertyuiopasdfghjklzxcvbnm',
  'qwertzuiopasdfghjklyxcvbnm',
  'azertyuiopqsdfghjklmwxcvbn',
  'абвгдеёжзийклмнопрстуфхцчшщъыьэюя',
  'йцукенгшщзхъфывапролджэячсмитьбю',
].flatMap((run) => [run.repeat(3), [...run].reverse().join('').repeat(3)]);

/** The same few characters over and over ("abcabcabc…", "passwordpassword"): periodic with at least two periods. */
function isRepetitive(chars: readonly string[]): boolean {
  for (let period = 1; period <= chars.length / 2; period += 1) {
    if (chars.every((char, index) => char === chars[index % period])) return true;
  }
  return false;
}

/** The forms of a password that a cracker's first rules try: as typed, and without digits and symbols around a word. */
function guessableForms(lower: string): string[] {
  const trimmed = lower.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
  const lettersOnly = lower.replace(/[^\p{L}]+/gu, '');
  return [lower, trimmed, lettersOnly].filter((form) => form.length >= 4);
}

export class PasswordPolicy {
  private readonly common: ReadonlySet<string>;
  /** How many passwords of the list it refuses, besides the site's own words. */
  readonly listSize: number;

  /** `common`: lower-case passwords to refuse, such as data-files/common-passwords.txt. */
  constructor(common: Iterable<string>) {
    const list = new Set(common);
    this.listSize = list.size;
    this.common = new Set([...list, ...CONTEXT_WORDS]);
  }

  /** Reads a list with one password a line (blank lines and lines starting with # skipped). */
  static fromFile(file: string): PasswordPolicy {
    const lines = readFileSync(file, 'utf8').split('\n');
    return new PasswordPolicy(lines.map((line) => line.trim().toLowerCase()).filter((line) => line !== '' && !line.startsWith('#')));
  }

  /** The first problem with a new password, or undefined when it is acceptable. The password itself never leaves here. */
  check(password: string, context: { readonly username?: string } = {}): PasswordProblem | undefined {
    const normalized = normalizePassword(password);
    const chars = [...normalized];
    if (chars.length < MIN_PASSWORD_LENGTH) return 'too-short';
    if (chars.length > MAX_PASSWORD_LENGTH) return 'too-long';
    if (/\p{Cc}/u.test(normalized)) return 'control-character';
    const lower = normalized.toLowerCase();
    const username = context.username?.normalize('NFKC').toLowerCase();
    if (username !== undefined && [...username].length >= 4 && lower.includes(username)) return 'contains-username';
    if (isRepetitive([...lower])) return 'repetitive';
    if (SEQUENCES.some((run) => run.includes(lower))) return 'sequence';
    if (guessableForms(lower).some((form) => this.common.has(form))) return 'common';
    return undefined;
  }
}
