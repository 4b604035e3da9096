// The content check behind `npm run check`: every problem in a content folder, single-file and site-wide.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { checkFiles } from '../content/check-files.js';
import { checkSite } from '../content/check-site.js';
import { ContentStore } from '../content/content-store.js';
import { LANGUAGES } from '../content/languages.js';
import type { Problem } from '../content/problem.js';
import { placeholderWarnings } from '../content/new-page.js';
import type { Site } from '../content/site.js';
import { translationProblems } from '../content/translations.js';
import { listFiles } from '../lib/list-files.js';

/**
 * The rules between files, for the check and the running server alike. `routes` are the addresses the app answers
 * that are not pages; `publicFiles` the files of public/ by decoded URL path ("/docs/report.pdf"); `editions` every
 * edition's site, so that a link to another language's page counts as working.
 */
export function checkSiteAndFiles(
  site: Site,
  routes: ReadonlySet<string>,
  publicFiles: ReadonlySet<string>,
  failedUrls?: ReadonlySet<string>,
  routePrefixes: readonly string[] = [],
  editions?: () => readonly Site[],
): Problem[] {
  const files = checkFiles(site, publicFiles, routes);
  // A link to a file is checkFiles' to judge, which says how to fix the path; checkSite would call the same link
  // "no page" as well, and one fault should give one error.
  const judged = new Set([...publicFiles, ...files.linked]);
  return [...checkSite(site, { routes, routePrefixes, assets: judged, failedUrls, editions }), ...files.problems];
}

/**
 * The same rules the running server applies, to every edition, with drafts included (a draft is tomorrow's page);
 * then the state of the translations (warnings). `appPaths` are the addresses the app answers that are not pages
 * (src/app-paths.ts), so links to them count as working. `label` writes a file name as the editor sees it, for
 * messages that name a second file.
 */
export function checkContent(
  contentDir: string,
  publicDir: string,
  appPaths: readonly string[],
  appPrefixes: readonly string[] = [],
  label?: (file: string) => string,
): Problem[] {
  let publicFiles: Set<string>;
  try {
    publicFiles = new Set(listFiles(publicDir).map((file) => `/${file}`));
  } catch {
    publicFiles = new Set();
  }
  // Pages made by npm run new and not yet written: warnings, so a half-written draft does not fail the check.
  const readText = (file: string): string => readFileSync(path.join(contentDir, file), 'utf8');
  const stores = LANGUAGES.map((language) => new ContentStore(contentDir, { includeDrafts: true, language }));
  for (const store of stores) store.loadAll();
  // Every edition is read before any is checked: a Russian page may link to an English page.
  const sites: Site[] = stores.map((store) => store.site());
  const problems: Problem[] = [];
  stores.forEach((store, index) => {
    const site = sites[index]!;
    const siteProblems = checkSiteAndFiles(site, new Set(appPaths), publicFiles, store.failedUrls(), appPrefixes, () => sites);
    problems.push(...store.problems(), ...siteProblems, ...placeholderWarnings(site, readText));
  });
  return [...problems, ...translationProblems(sites, label)];
}
