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
  405: { title: 'Method not allowed', paragraphs: ['This address can only be read. Pages on this site are fetched with GET or HEAD.'] },
  410: { title: 'Page removed', paragraphs: ['This page has been removed from the site on purpose and will not come back.'] },
  414: { title: 'Address too long', paragraphs: ['The address is longer than any page on this site.'] },
  431: { title: 'Request headers too large', paragraphs: ['The request carried more header data than the site accepts.'] },
  500: {
    title: 'Something went wrong',
    paragraphs: ['The site could not show this page because of a fault on our side. It has been logged. Please try again in a moment.'],
  },
};

export function errorPageContent(status: number, note?: string): ErrorPageContent {
  const base = PAGES[status] ?? (status >= 500 ? PAGES[500]! : PAGES[400]!);
  return note ? { title: base.title, paragraphs: [...base.paragraphs, note] } : base;
}
