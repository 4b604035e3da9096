// Which pages must be rendered again after some pages changed: themselves, the lists above them, the trails below.
import type { Site } from '../content/site.js';
import { parentUrl } from '../content/url-for-file.js';

/**
 * A page's HTML depends on its own file, its parent (the section list it appears in, which shows its title and
 * description) and its ancestors' link titles (breadcrumbs). So a change touches the page, its parent, and,
 * when its link title appeared, changed or vanished, every page below it.
 */
export function affectedUrls(before: Site, after: Site, changed: Iterable<string>): Set<string> {
  const affected = new Set<string>();
  const descendantsOf = new Set<string>();
  for (const url of changed) {
    affected.add(url);
    const parent = parentUrl(url);
    if (parent !== undefined) affected.add(parent);
    if (before.pages.get(url)?.linkTitle !== after.pages.get(url)?.linkTitle) descendantsOf.add(url);
  }
  if (descendantsOf.size > 0) {
    for (const url of after.pages.keys()) {
      for (const ancestor of descendantsOf) if (ancestor === '/' || url.startsWith(`${ancestor}/`)) affected.add(url);
    }
  }
  return affected;
}
