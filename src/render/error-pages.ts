// What each error status tells a visitor: what happened and what to do next, in plain words of the page's language
// (i18n/<code>.yml, errors.<status>).
import type { Translate } from './interface-text.js';

export interface ErrorPageContent {
  readonly title: string;
  readonly paragraphs: readonly string[];
}

/** The statuses with words of their own; any other 5xx reads as 500, any other 4xx as 400. */
const STATUSES: ReadonlySet<number> = new Set([400, 403, 404, 405, 410, 413, 414, 429, 431, 500, 503]);

/** The status's words; `title` replaces the heading and `note` adds a sentence (a removed page's note, when to retry). */
export function errorPageContent(t: Translate, status: number, note?: string, title?: string): ErrorPageContent {
  const known = STATUSES.has(status) ? status : status >= 500 ? 500 : 400;
  const paragraphs = [t(`errors.${known}.text`)];
  return { title: title ?? t(`errors.${known}.title`), paragraphs: note ? [...paragraphs, note] : paragraphs };
}
