// JSON-LD for search engines: the organisation and website, the page, and its breadcrumbs.
import type { Page } from '../content/page.js';
import { ORGANISATION_NAME, SITE_NAME } from '../content/site-identity.js';
import { homeOf, languageOfUrl } from '../content/languages.js';
import { isoDay } from '../lib/calendar-day.js';
import type { InterfaceText } from './interface-text.js';

/**
 * The page's graph, in the language of its edition (from its address): the organisation and the edition's website
 * (its home page), named in that language when the edition's interface text is given. dateModified is the content's
 * own date, left out when a page has none (a form): never the time of rendering, which would change a kept copy's
 * bytes, and so its ETag, with nothing changed.
 */
export function structuredData(
  siteUrl: string,
  page: Pick<Page, 'title' | 'description' | 'url'> & { readonly updated: Date | undefined },
  breadcrumbs: readonly { title: string; url: string | undefined }[],
  type = 'WebPage',
  text?: InterfaceText,
): object {
  const language = languageOfUrl(page.url);
  const home = homeOf(language);
  const organisationId = `${siteUrl}/#organization`;
  const websiteId = `${siteUrl}${home === '/' ? '/' : `${home}/`}#website`;
  const pageUrl = siteUrl + page.url;
  const siteName = text?.t('site.name') ?? SITE_NAME;
  return {
    '@context': 'https://schema.org',
    '@graph': [
      {
        '@type': 'GovernmentOrganization',
        '@id': organisationId,
        name: text?.t('site.organisation') ?? ORGANISATION_NAME,
        alternateName: siteName,
        url: `${siteUrl}/`,
        areaServed: { '@type': 'Country', name: 'Kyrgyzstan' },
      },
      { '@type': 'WebSite', '@id': websiteId, name: siteName, url: siteUrl + home, inLanguage: language.code, publisher: { '@id': organisationId } },
      {
        '@type': type,
        '@id': `${pageUrl}#webpage`,
        url: pageUrl,
        name: page.title,
        description: page.description,
        inLanguage: language.code,
        dateModified: page.updated && isoDay(page.updated),
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
