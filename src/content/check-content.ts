// The content check behind `npm run check`: every problem in a content folder, single-file and site-wide.
import path from 'node:path';
import { APP_ROUTES } from '../app-routes.js';
import { checkSite } from './check-site.js';
import { ContentStore, listContentFiles } from './content-store.js';
import type { Problem } from './problem.js';

export function checkContent(contentDir: string, publicDir: string): Problem[] {
  // Drafts are checked too: a draft is tomorrow's page.
  const store = new ContentStore(contentDir, { includeDrafts: true });
  store.loadAll();
  let assets: Set<string>;
  try {
    assets = new Set(listContentFiles(publicDir).map((file) => `/${file}`));
  } catch {
    assets = new Set();
  }
  return [...store.problems(), ...checkSite(store.site(), { routes: APP_ROUTES, assets })];
}

export function publicDirOf(rootDir: string): string {
  return path.join(rootDir, 'public');
}
