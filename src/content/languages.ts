// The site's languages: one edition each, the first the default (English at the root), the others under a prefix.

export interface Language {
  /** BCP 47 tag, as in <html lang> and hreflang: "en", "ru". */
  readonly code: string;
  /** Its name in English, for messages to editors: "Russian". */
  readonly englishName: string;
  /** The address prefix of its pages ("" for the default edition) and the folder of content/ holding them ("" likewise). */
  readonly prefix: string;
  readonly folder: string;
  /** The locale of Intl formats (dates, numbers, plural forms). */
  readonly locale: string;
  /** Open Graph's form of the locale: "en_GB". */
  readonly ogLocale: string;
}

/**
 * English first: its pages are the originals, it answers at the root, and x-default points at it. A new language is
 * one line here, a folder content/<code>/ with its navigation.yml, and i18n/<code>.yml (README: "Add a language").
 */
export const LANGUAGES: readonly Language[] = [
  { code: 'en', englishName: 'English', prefix: '', folder: '', locale: 'en-GB', ogLocale: 'en_GB' },
  { code: 'ru', englishName: 'Russian', prefix: '/ru', folder: 'ru', locale: 'ru-RU', ogLocale: 'ru_RU' },
];

export const DEFAULT_LANGUAGE: Language = LANGUAGES[0]!;

export function languageOf(code: string): Language {
  const found = LANGUAGES.find((language) => language.code === code);
  if (!found) throw new Error(`no language "${code}" in src/content/languages.ts`);
  return found;
}

/** The language an address belongs to: the one whose prefix it starts with, else the default. */
export function languageOfUrl(url: string): Language {
  return LANGUAGES.find((language) => language.prefix !== '' && (url === language.prefix || url.startsWith(`${language.prefix}/`))) ?? DEFAULT_LANGUAGE;
}

/** The language a content file (relative to content/) belongs to, by its top folder. */
export function languageOfFile(file: string): Language {
  return LANGUAGES.find((language) => language.folder !== '' && file.startsWith(`${language.folder}/`)) ?? DEFAULT_LANGUAGE;
}

/** An edition's home page: "/" for English, "/ru" for Russian. */
export function homeOf(language: Language): string {
  return language.prefix || '/';
}

/** An address of the default edition in another language: "/country-info" -> "/ru/country-info", "/" -> "/ru". */
export function inLanguage(language: Language, url: string): string {
  return url === '/' ? homeOf(language) : language.prefix + url;
}

/** The address within its edition: "/ru/country-info" -> "/country-info", "/ru" -> "/". */
export function withoutPrefix(url: string): string {
  const { prefix } = languageOfUrl(url);
  return url.slice(prefix.length) || '/';
}
