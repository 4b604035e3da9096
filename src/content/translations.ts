// Which pages translate which: a page and its translation are paired by their address within their edition
// ("/country-info" and "/ru/country-info"), or by a translation's `original:` when its address differs.
import { isoDay } from '../lib/calendar-day.js';
import { DEFAULT_LANGUAGE, inLanguage, LANGUAGES, withoutPrefix, type Language } from './languages.js';
import type { Page } from './page.js';
import { problemAt, type Problem } from './problem.js';
import type { Site } from './site.js';

/** One language's version of a page. */
export interface Version {
  readonly language: Language;
  readonly url: string;
}

/** Every address that has a version in another language -> all its versions (itself included), in the order of LANGUAGES. */
export type Translations = ReadonlyMap<string, readonly Version[]>;

/** The address of the default edition a page translates (its own, for a page of the default edition). */
export function originalUrlOf(page: Page, language: Language): string {
  if (language === DEFAULT_LANGUAGE) return page.url;
  return page.original?.url ?? withoutPrefix(page.url);
}

/**
 * Pairs the pages of every edition, and the app's own pages that exist in several languages (/search and
 * /ru/search). `appPaths` are the app's addresses; an address only one language has is in no pair. The work is in
 * proportion to the translated pages, not to the whole site: a 10,000-page English site with no translation costs nothing.
 */
export function pairTranslations(sites: readonly Site[], appPaths: readonly string[] = []): Translations {
  const [originals, ...translated] = sites;
  const groups = new Map<string, Version[]>();
  const add = (key: string, version: Version): void => {
    const group = groups.get(key) ?? [];
    if (!group.some((each) => each.language === version.language)) group.push(version);
    groups.set(key, group);
  };
  for (const site of translated) for (const page of site.pages.values()) add(originalUrlOf(page, site.language), { language: site.language, url: page.url });
  if (originals) for (const [key, group] of groups) if (originals.pages.has(key)) group.push({ language: originals.language, url: key });
  const routes = new Set(appPaths);
  for (const path of appPaths) {
    if (!languageFree(path)) continue;
    for (const language of LANGUAGES) if (routes.has(inLanguage(language, path))) add(path, { language, url: inLanguage(language, path) });
  }
  const pairs = new Map<string, readonly Version[]>();
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const ordered = [...group].sort((a, b) => LANGUAGES.indexOf(a.language) - LANGUAGES.indexOf(b.language));
    for (const version of ordered) pairs.set(version.url, ordered);
  }
  return pairs;
}

function languageFree(path: string): boolean {
  return LANGUAGES.every((language) => language.prefix === '' || !(path === language.prefix || path.startsWith(`${language.prefix}/`)));
}

/** The addresses whose versions differ between two pairings: their pages show the language switcher and hreflang. */
export function changedPairs(before: Translations, after: Translations): Set<string> {
  const changed = new Set<string>();
  const key = (versions: readonly Version[] | undefined): string => (versions ?? []).map((version) => `${version.language.code}:${version.url}`).join(' ');
  for (const url of new Set([...before.keys(), ...after.keys()])) if (key(before.get(url)) !== key(after.get(url))) changed.add(url);
  return changed;
}

/**
 * Warnings for editors (npm run check): each page of the default edition with no translation, and each translation
 * older than its original (`updated` earlier), naming both files; an `original:` that names no page is an error.
 * `label` writes a file name as the editor sees it ("content/ru/jobs.md").
 */
export function translationProblems(sites: readonly Site[], label: (file: string) => string = (file) => file): Problem[] {
  const [originals, ...translated] = sites;
  if (!originals) return [];
  const problems: Problem[] = [];
  // A language with no page yet has no edition to report on (its folder is not there).
  for (const site of translated.filter((each) => each.pages.size > 0)) {
    const { language } = site;
    const byOriginal = new Map<string, Page>();
    for (const page of site.pages.values()) {
      const url = originalUrlOf(page, language);
      if (page.original && !originals.pages.has(url)) {
        const message = `original: ${url} is no ${DEFAULT_LANGUAGE.englishName} page; write the address of the page this one translates, or remove the line`;
        problems.push(problemAt(page.file, page.original.line, message));
      }
      byOriginal.set(url, page);
    }
    for (const original of originals.pages.values()) {
      const translation = byOriginal.get(original.url);
      if (!translation) {
        const expected = language.folder === '' ? original.file : `${language.folder}/${original.file}`;
        const name = language.englishName;
        const message = `not translated into ${name} yet: ${name} readers are told so and offered the ${name} home page; translate it as ${label(expected)}`;
        problems.push(problemAt(original.file, 1, message, 'warning'));
      } else if (translation.updated.getTime() < original.updated.getTime()) {
        const message =
          `translation out of date: updated ${isoDay(translation.updated)}, ` +
          `but its original ${label(original.file)} was updated ${isoDay(original.updated)}; ` +
          `bring the ${language.englishName} text up to date, then set updated: ${isoDay(original.updated)} or later`;
        problems.push(problemAt(translation.file, 1, message, 'warning'));
      }
    }
  }
  return problems;
}
