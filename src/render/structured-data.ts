// JSON-LD for search engines: the organisation and website, the page, and its breadcrumbs.
import type { Page } from '../content/page.js';
import { ORGANISATION_NAME, SITE_NAME } from '../content/site-identity.js';
import { isoDay } from '../lib/calendar-day.js';

export function structuredData(
  siteUrl: string,
  page: Pick<Page, 'title' | 'description' | 'updated' | 'url'>,
  breadcrumbs: readonly { title: string; url: string | undefined }[],
  type = 'WebPage',
): object {
  const organisationId = `${siteUrl}/#organization`;
  const websiteId = `${siteUrl}/#website`;
  const pageUrl = siteUrl + page.url;
  return {
    '@context': 'https://schema.org',
    '@graph': [
      {
        '@type': 'GovernmentOrganization',
        '@id': organisationId,
        name: ORGANISATION_NAME,
        alternateName: SITE_NAME,
        url: `${siteUrl}/`,
        areaServed: { '@type': 'Country', name: 'Kyrgyzstan' },
      },
      { '@type': 'WebSite', '@id': websiteId, name: SITE_NAME, url: `${siteUrl}/`, inLanguage: 'en', publisher: { '@id': organisationId } },
      {
        '@type': type,
        '@id': `${pageUrl}#webpage`,
        url: pageUrl,
        name: page.title,
        description: page.description,
        inLanguage: 'en',
        dateModified: isoDay(page.updated),
        isPartOf: { '@id': websiteId },
        breadcrumb: { '@id': `${pageUrl}#breadcrumb` },
      },
      {
        '@type': 'BreadcrumbList',
        '@id': `${pageUrl}#breadcrumb`,
        itemListElement: breadcrumbs.map((crumb, index) => ({
          '@type': 'ListItem',
          position: index + 1,
          name: crumb.title,
          item: siteUrl + (crumb.url ?? page.url),
        })),
      },
    ],
  };
}

/** JSON safe to place inside <script>: "<" is escaped so "</script>" cannot close the element early. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
