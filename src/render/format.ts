// How dates, numbers and counted nouns read on a page, in each edition's language, through Intl.
import { LANGUAGES } from '../content/languages.js';
import { SITE_TIME_ZONE } from '../content/site-identity.js';

/** The locale each edition's language formats with (src/content/languages.ts): en-GB as UN documents write it, ru-RU. */
const LOCALES: Readonly<Record<string, string>> = Object.fromEntries(LANGUAGES.map((language) => [language.code, language.locale]));

const dateFormats = new Map<string, Intl.DateTimeFormat>();
const numberFormats = new Map<string, Intl.NumberFormat>();
const pluralRules = new Map<string, Intl.PluralRules>();

function localeOf(lang: string): string {
  return LOCALES[lang] ?? lang;
}

function once<T>(cache: Map<string, T>, lang: string, make: (locale: string) => T): T {
  let made = cache.get(lang);
  if (!made) {
    made = make(localeOf(lang));
    cache.set(lang, made);
  }
  return made;
}

/** "26 November 2026"; in Russian "26 ноября 2026 г.". Days are calendar days, so read in UTC. */
export function formatDate(date: Date, lang = 'en'): string {
  return once(dateFormats, lang, (locale) => new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })).format(date);
}

/** "12,345"; in Russian "12 345" (with a no-break space). */
export function formatNumber(value: number, lang = 'en'): string {
  return once(numberFormats, lang, (locale) => new Intl.NumberFormat(locale)).format(value);
}

/**
 * A count with its noun in the right plural form, from the forms a language has (Intl.PluralRules categories):
 * English one/other ("1 page", "3 pages"); Russian one/few/many ("1 страница", "3 страницы", "5 страниц").
 */
export function formatCount(value: number, forms: Readonly<Partial<Record<Intl.LDMLPluralRule, string>>> & { other: string }, lang = 'en'): string {
  const category = once(pluralRules, lang, (locale) => new Intl.PluralRules(locale)).select(value);
  return `${formatNumber(value, lang)} ${forms[category] ?? forms.other}`;
}

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * "27 November 2026 at 15:05": a moment (a forum post's), in the site's time zone, where its readers are; the
 * <time datetime> beside it carries the exact instant.
 */
export function formatDateTime(date: Date, lang = 'en'): string {
  const format = once(dateTimeFormats, lang, (locale) => new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: SITE_TIME_ZONE }));
  return format.format(date);
}
