// The one form of every address: lowercase, single slashes, no trailing slash except for the home page.
import { withoutTrailingSlash } from '../lib/url-path.js';

export function canonicalPath(path: string): string {
  return withoutTrailingSlash(path.replace(/\/{2,}/g, '/').toLowerCase());
}
