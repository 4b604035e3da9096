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

/**
 * "/a/b/" -> "/a/b"; the home page "/" keeps its slash. By hand rather than with /\/+$/: the content gate calls it for
 * every link of a changed page, and the RegExp was its largest single cost on a page of hundreds of links.
 */
export function withoutTrailingSlash(path: string): string {
  let end = path.length;
  while (end > 0 && path.charCodeAt(end - 1) === 0x2f) end -= 1;
  if (end === path.length) return path;
  return end === 0 ? '/' : path.slice(0, end);
}
