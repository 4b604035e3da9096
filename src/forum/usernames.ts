// Usernames: which are allowed, and the key under which two names that look alike are one name.

export const USERNAME_MIN_LENGTH = 3;
export const USERNAME_MAX_LENGTH = 30;

export type UsernameProblem = 'too-short' | 'too-long' | 'characters' | 'punctuation' | 'mixed-scripts' | 'needs-letter' | 'reserved';

export const USERNAME_MESSAGES: Readonly<Record<UsernameProblem, string>> = Object.freeze({
  'too-short': `Username must be ${USERNAME_MIN_LENGTH} characters or more`,
  'too-long': `Username must be ${USERNAME_MAX_LENGTH} characters or fewer`,
  characters: 'Username must contain only letters, numbers, full stops (.), hyphens (-) and underscores (_)',
  punctuation: 'Username must start and end with a letter or number, with no two of . - _ together',
  'mixed-scripts': 'Username must use either Latin or Cyrillic letters, not both',
  'needs-letter': 'Username must contain a letter',
  reserved: 'That username is reserved. Choose a different one',
});

/**
 * Letters that look like others, folded to one: a subset of Unicode TS #39 confusables for the scripts allowed here.
 * Cyrillic letters that look Latin, digits that look like letters, and pairs that look like one letter ("rn", "vv").
 */
// Kept as a table: one pair a line would turn these 3 lines into 25.
// prettier-ignore
const LOOK_ALIKES: readonly (readonly [RegExp, string])[] = [
  [/а/g, 'a'], [/в/g, 'b'], [/е/g, 'e'], [/һ/g, 'h'], [/н/g, 'h'], [/і/g, 'i'], [/ј/g, 'j'], [/к/g, 'k'], [/м/g, 'm'],
  [/о/g, 'o'], [/ө/g, 'o'], [/р/g, 'p'], [/ԛ/g, 'q'], [/с/g, 'c'], [/ѕ/g, 's'], [/т/g, 't'], [/у/g, 'y'], [/ү/g, 'y'],
  [/х/g, 'x'], [/ԝ/g, 'w'], [/ӏ/g, 'l'], [/0/g, 'o'], [/[1i|]/g, 'l'], [/rn/g, 'm'], [/vv/g, 'w'],
];

/**
 * The uniqueness key: "Aida", "aida", "аida" (Cyrillic а), "a.ida" and "Aidа" are one name, so nobody can pass for
 * another member, or for a moderator, with a name that looks the same. Lower case, accents and marks removed (ё is е),
 * look-alikes folded, and . - _ dropped. Logging in uses it too, so case never matters.
 */
export function usernameKey(username: string): string {
  let key = username.normalize('NFKC').toLowerCase().normalize('NFD').replace(/\p{M}/gu, '');
  for (const [pattern, replacement] of LOOK_ALIKES) key = key.replace(pattern, replacement);
  return key.replace(/[._-]/g, '');
}

/** Names that members may not take, because readers would take them for the site's own voice. */
const RESERVED = new Set(
  ['admin', 'administrator', 'moderator', 'mod', 'staff', 'system', 'root', 'support', 'un', 'unkg', 'united-nations', 'deleted-member', 'anonymous'].map(
    usernameKey,
  ),
);

const LATIN = /\p{Script=Latin}/u;
const CYRILLIC = /\p{Script=Cyrillic}/u;
const ALLOWED = /^[\p{Script=Latin}\p{Script=Cyrillic}0-9._-]+$/u;

/** NFKC, so that a name typed with compatibility characters (full-width letters) is stored in its plain form. */
export function normalizeUsername(username: string): string {
  return username.normalize('NFKC');
}

/**
 * The first problem with a new username, or undefined. Letters are Latin or Cyrillic (Russian, Kyrgyz), not both in one
 * name, where mixing is how look-alike names are made; digits 0-9; and . - _ inside the name only.
 */
export function checkUsername(username: string, options: { readonly allowReserved?: boolean } = {}): UsernameProblem | undefined {
  const name = normalizeUsername(username);
  const length = [...name].length;
  if (length < USERNAME_MIN_LENGTH) return 'too-short';
  if (length > USERNAME_MAX_LENGTH) return 'too-long';
  if (!ALLOWED.test(name) || /[^\p{L}0-9._-]/u.test(name)) return 'characters';
  if (/^[._-]|[._-]$|[._-]{2}/.test(name)) return 'punctuation';
  if (LATIN.test(name) && CYRILLIC.test(name)) return 'mixed-scripts';
  if (!/\p{L}/u.test(name)) return 'needs-letter';
  if (!options.allowReserved && RESERVED.has(usernameKey(name))) return 'reserved';
  return undefined;
}
