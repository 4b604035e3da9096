// The one form of every address: lowercase, single slashes, no trailing slash except for the home page.
export function canonicalPath(path: string): string {
  const collapsed = path.replace(/\/{2,}/g, '/').toLowerCase();
  return collapsed.length > 1 ? collapsed.replace(/\/+$/, '') : collapsed;
}

/** The query part of a raw request URL, with its "?", or "". */
export function queryOf(rawUrl: string): string {
  const index = rawUrl.indexOf('?');
  return index === -1 ? '' : rawUrl.slice(index);
}

export function pathOf(rawUrl: string): string {
  const index = rawUrl.indexOf('?');
  return index === -1 ? rawUrl : rawUrl.slice(0, index);
}
