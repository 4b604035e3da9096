// What a topic's title and a post's body may be: normalised as stored, checked against their limits, hashed for repeats.
import { createHash } from 'node:crypto';

export const TITLE_MIN_LENGTH = 5;
export const TITLE_MAX_LENGTH = 120;
export const BODY_MAX_LENGTH = 20_000;

export type TitleProblem = 'title-too-short' | 'title-too-long' | 'title-characters';
export type BodyProblem = 'body-empty' | 'body-too-long';

/**
 * Control characters (C0, DEL, C1), and the bidirectional overrides and isolates that can make a title read otherwise
 * than it is stored ("Trojan Source"). A title is one line of plain text on every listing.
 */
const TITLE_FORBIDDEN = /[\p{Cc}\u202a-\u202e\u2066-\u2069]/u;

/**
 * Lengths count code points, not UTF-16 units: never stricter than a form's maxlength (which counts units), so what the
 * browser let through is not refused here for an emoji.
 */
const lengthOf = (text: string): number => [...text].length;

/** A title as stored: NFC (one spelling of "й" whatever the keyboard sent), without surrounding space. */
export function normaliseTitle(title: string): string {
  return title.normalize('NFC').trim();
}

/** The problem with a normalised title, if any. */
export function checkTitle(title: string): TitleProblem | undefined {
  if (TITLE_FORBIDDEN.test(title)) return 'title-characters';
  const length = lengthOf(title);
  if (length < TITLE_MIN_LENGTH) return 'title-too-short';
  if (length > TITLE_MAX_LENGTH) return 'title-too-long';
  return undefined;
}

/**
 * A body as stored: NFC, line ends as \n, leading blank lines and trailing space dropped. Control characters other than
 * tab and newline are removed rather than refused: they are invisible in what was pasted, so a refusal could not say
 * where they are, and PostgreSQL refuses NUL in text outright. Leading spaces of the first line stay (Markdown code).
 */
export function normaliseBody(body: string): string {
  return body
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/[^\P{Cc}\t\n]/gu, '')
    .replace(/^(?:[ \t]*\n)+/, '')
    .trimEnd();
}

/** The problem with a normalised body, if any. */
export function checkBody(body: string): BodyProblem | undefined {
  if (body.length === 0) return 'body-empty';
  if (lengthOf(body) > BODY_MAX_LENGTH) return 'body-too-long';
  return undefined;
}

/**
 * SHA-256 (hex) of a body as a reader would compare it: compatibility forms folded, lower case, every run of space one
 * space. Repeating a post with other capitals or line breaks is still repeating it. Stored as posts.body_sha256.
 */
export function bodyHash(body: string): string {
  const folded = body.normalize('NFKC').toLowerCase().replace(/\s+/gu, ' ').trim();
  return createHash('sha256').update(folded).digest('hex');
}
