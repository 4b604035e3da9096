// The content check behind `npm run check`: every problem in a content folder, single-file and site-wide.
import { checkSite } from '../content/check-site.js';
import { ContentStore } from '../content/content-store.js';
import type { Problem } from '../content/problem.js';
import { listFiles } from '../lib/list-files.js';

/**
 * The same rules the running server applies, with drafts included (a draft is tomorrow's page). `appPaths` are
 * the addresses the app answers that are not pages (src/app-paths.ts), so links to them count as working.
 */
export function checkContent(contentDir: string, publicDir: string, appPaths: readonly string[]): Problem[] {
  const store = new ContentStore(contentDir, { includeDrafts: true });
  store.loadAll();
  const failedUrls = store.failedUrls();
  let assets: Set<string>;
  try {
    assets = new Set(listFiles(publicDir).map((file) => `/${file}`));
  } catch {
    assets = new Set();
  }
  return [...store.problems(), ...checkSite(store.site(), { routes: new Set(appPaths), assets, failedUrls })];
}
