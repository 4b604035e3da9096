// Small facts about request targets and site addresses: their path, their query, and a trailing slash.

/** The path part of a raw request URL (everything before "?"). */
export function pathOf(rawUrl: string): string {
  const index = rawUrl.indexOf('?');
  return index === -1 ? rawUrl : rawUrl.slice(0, index);
}

/** The query part of a raw request URL, with its "?", or "". */
export function queryOf(rawUrl: string): string {
  const index = rawUrl.indexOf('?');
  return index === -1 ? '' : rawUrl.slice(index);
}

/** "/a/b/" -> "/a/b"; the home page "/" keeps its slash. */
export function withoutTrailingSlash(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, '') || '/' : path;
}
