// The URL scheme: a page's address is its path under content/, without ".md", "index" or a trailing slash.
export function urlForFile(file: string): string {
  const withoutExtension = file.replace(/\\/g, '/').replace(/\.md$/i, '');
  const withoutIndex = withoutExtension === 'index' ? '' : withoutExtension.replace(/\/index$/i, '');
  return `/${withoutIndex}`.toLowerCase();
}

/** The addresses above a page, nearest last: "/a/b/c" -> ["/", "/a", "/a/b"]. */
export function ancestorUrls(url: string): string[] {
  if (url === '/') return [];
  const segments = url.split('/').filter(Boolean);
  return ['/', ...segments.slice(0, -1).map((_, index) => `/${segments.slice(0, index + 1).join('/')}`)];
}

export function parentUrl(url: string): string | undefined {
  return ancestorUrls(url).at(-1);
}
