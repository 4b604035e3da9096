// The browser-tab title of a page, and the limit the content check holds every title to.
import { SITE_NAME } from './site-identity.js';

/** Browsers and search results cut titles near 70 characters (html-validate's long-title rule says the same). */
export const MAX_DOCUMENT_TITLE = 70;
const SUFFIX = ` – ${SITE_NAME}`;

/** "Page – UN in Kyrgyzstan"; a long title gives way to the page's shorter link title, then loses the suffix. */
export function documentTitle(title: string, url: string, linkTitle = title): string {
  if (url === '/') return title;
  for (const candidate of [title, linkTitle]) if (titleLength(candidate + SUFFIX) <= MAX_DOCUMENT_TITLE) return candidate + SUFFIX;
  return titleLength(title) <= MAX_DOCUMENT_TITLE ? title : linkTitle;
}

/** Length as html-validate measures it: of the escaped text, where an apostrophe is the five characters &#39;. */
export function titleLength(title: string): number {
  return title.replace(/['"&<>]/g, '12345').length;
}
