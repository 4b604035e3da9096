// What each error status tells a visitor: what happened and what to do next, in plain words.
export interface ErrorPageContent {
  readonly title: string;
  readonly paragraphs: readonly string[];
}

const PAGES: Record<number, ErrorPageContent> = {
  400: { title: 'Bad request', paragraphs: ['The address or request could not be understood. It may have been mistyped or cut short.'] },
  404: {
    title: 'Page not found',
    paragraphs: ['There is no page at this address. If you typed it, check the spelling. If you followed a link, the page may have moved.'],
  },
  403: {
    title: 'Not allowed',
    paragraphs: ['The site refused this request. If you followed a link or sent a form on this site, go back, reload the page and try again.'],
  },
  405: {
    title: 'Method not allowed',
    paragraphs: ['This address does not accept this kind of request. Pages on this site are fetched with GET or HEAD, and forms are sent with POST.'],
  },
  410: { title: 'Page removed', paragraphs: ['This page has been removed from the site on purpose and will not come back.'] },
  413: { title: 'Too much sent', paragraphs: ['The form sent more text than the site accepts. Shorten it and try again.'] },
  414: { title: 'Address too long', paragraphs: ['The address is longer than any page on this site.'] },
  429: {
    title: 'Too many attempts',
    paragraphs: ['This was tried too many times in a short while, so the site is asking you to wait. This protects members and their accounts.'],
  },
  431: { title: 'Request headers too large', paragraphs: ['The request carried more header data than the site accepts.'] },
  500: {
    title: 'Something went wrong',
    paragraphs: ['The site could not show this page because of a fault on our side. It has been logged. Please try again in a moment.'],
  },
  503: {
    title: 'Service unavailable',
    paragraphs: ['This part of the site is unavailable at the moment. The rest of the site works as usual. Please try again in a few minutes.'],
  },
};

/** The status's words; `title` replaces the heading and `note` adds a sentence (a removed page's note, when to retry). */
export function errorPageContent(status: number, note?: string, title?: string): ErrorPageContent {
  const base = PAGES[status] ?? (status >= 500 ? PAGES[500]! : PAGES[400]!);
  if (!note && !title) return base;
  return { title: title ?? base.title, paragraphs: note ? [...base.paragraphs, note] : base.paragraphs };
}
