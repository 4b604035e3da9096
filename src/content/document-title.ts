// The browser-tab title of a page, and the limit the content check holds every title to.
import { homeOf, languageOfUrl } from './languages.js';
import { SITE_NAME } from './site-identity.js';

/** Browsers and search results cut titles near 70 characters (html-validate's long-title rule says the same). */
export const MAX_DOCUMENT_TITLE = 70;

/**
 * "Page – UN in Kyrgyzstan" ("… – ООН в Кыргызстане" in Russian); a long title gives way to the page's shorter link
 * title, then loses the suffix. An edition's home page is its title alone.
 */
export function documentTitle(title: string, url: string, linkTitle = title, siteName = SITE_NAME): string {
  if (url === homeOf(languageOfUrl(url))) return title;
  const suffix = ` – ${siteName}`;
  for (const candidate of [title, linkTitle]) if (titleLength(candidate + suffix) <= MAX_DOCUMENT_TITLE) return candidate + suffix;
  return titleLength(title) <= MAX_DOCUMENT_TITLE ? title : linkTitle;
}

/** Length as html-validate measures it: of the escaped text, where an apostrophe is the five characters &#39;. */
export function titleLength(title: string): number {
  return title.replace(/['"&<>]/g, '12345').length;
}
