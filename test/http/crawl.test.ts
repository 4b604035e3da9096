// HTTP tests: a crawl from / finds every page of both editions linked, valid, titled, described and listed in the sitemap.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { HtmlValidate } from 'html-validate';
import request from 'supertest';
import { crawl, type Crawled } from '../helpers/crawl.js';
import { html, testApp } from '../helpers/test-app.js';

const SITE_URL = 'https://un.example.org';
const app = testApp({ SITE_URL });

describe('a crawl of the whole site from /, English and Russian', () => {
  let pages: Map<string, Crawled>;
  let htmlPages: Crawled[];
  before(async () => {
    pages = await crawl(app);
    htmlPages = [...pages.values()].filter((page) => page.contentType.startsWith('text/html'));
  });

  it('reaches every page of both editions', () => {
    assert.ok(htmlPages.length >= 60, `only ${htmlPages.length} pages`);
    for (const edition of app.publisher.snapshot().editions) {
      for (const url of edition.site.pages.keys()) assert.ok(pages.has(url), `${url} is linked from nowhere`);
    }
  });

  it('finds no broken link: every internal link answers 200', () => {
    const broken = [...pages.values()].filter((page) => page.status !== 200).map((page) => `${page.url} → ${page.status}`);
    assert.deepEqual(broken, []);
  });

  it('finds a canonical link, a description and JSON-LD on every page', () => {
    for (const page of htmlPages) {
      const document = html(page.body);
      assert.equal(document.querySelector('link[rel="canonical"]')?.getAttribute('href'), SITE_URL + page.url.replace(/\?.*$/, ''), page.url);
      assert.ok((document.querySelector('meta[name="description"]')?.getAttribute('content') ?? '').length >= 20, page.url);
      const data = JSON.parse(document.querySelector('script[type="application/ld+json"]')?.textContent ?? '{}') as { '@graph': { '@type': string }[] };
      const graph = data['@graph'];
      assert.deepEqual(
        graph.map((node) => node['@type']),
        ['GovernmentOrganization', 'WebSite', /^(\/ru)?\/search/.test(page.url) ? 'SearchResultsPage' : 'WebPage', 'BreadcrumbList'],
        page.url,
      );
      assert.ok(document.querySelector('meta[property="og:title"]') && document.querySelector('meta[name="twitter:card"]'), page.url);
      assert.equal(document.documentElement.getAttribute('lang'), /^\/ru(\/|\?|$)/.test(page.url) ? 'ru' : 'en', page.url);
      assert.ok(document.querySelector('link[rel="alternate"][type="application/atom+xml"]'), page.url);
    }
  });

  it('gives every page a unique title', () => {
    // One title per address: a query such as the login form's ?next= (where to return) does not make another page.
    const byAddress = new Map(htmlPages.map((page) => [page.url.replace(/\?next=.*$/, ''), html(page.body).title]));
    const titles = [...byAddress.values()];
    assert.equal(new Set(titles).size, titles.length);
  });

  it('gives every page exactly one h1 and headings in order', () => {
    for (const page of htmlPages) {
      const levels = [...html(page.body).querySelectorAll('h1, h2, h3, h4, h5, h6')].map((heading) => Number(heading.tagName[1]));
      assert.equal(levels.filter((level) => level === 1).length, 1, page.url);
      assert.equal(levels[0], 1, page.url);
      levels.forEach((level, index) => {
        if (index > 0) assert.ok(level <= levels[index - 1]! + 1, `${page.url}: h${levels[index - 1]} is followed by h${level}`);
      });
    }
  });

  it('finds no invalid HTML (html-validate, recommended preset)', async () => {
    const validator = new HtmlValidate({ extends: ['html-validate:recommended'] });
    const failures: string[] = [];
    for (const page of htmlPages) {
      const report = await validator.validateString(page.body, page.url);
      for (const result of report.results)
        for (const message of result.messages) failures.push(`${page.url}:${message.line}: ${message.ruleId} ${message.message}`);
    }
    for (const address of ['/no-such-page', '/ru/no-such-page', '/un-day-2004', '/ru/un-day-2004']) {
      const errorPage = await request(app.handle).get(address);
      const report = await validator.validateString(errorPage.text, address);
      for (const result of report.results)
        for (const message of result.messages) failures.push(`${address}:${message.line}: ${message.ruleId} ${message.message}`);
    }
    assert.deepEqual(failures, []);
  });

  it('matches the sitemap: every page is in it, and every sitemap address is linked from somewhere', async () => {
    const sitemap = (await request(app.handle).get('/sitemap-pages.xml').expect(200)).text;
    const listed = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => match[1]!.slice(SITE_URL.length));
    const linked = new Set([...pages.values()].flatMap((page) => page.links));
    // Pages that ask not to be indexed (search results) belong in no sitemap.
    const crawledPages = htmlPages
      .filter((page) => !/<meta name="robots" content="noindex">/.test(page.body))
      .map((page) => page.url)
      .sort();
    assert.deepEqual([...listed].sort(), crawledPages);
    for (const url of listed) assert.ok(linked.has(url), `${url} is in the sitemap but linked from nowhere`);
  });
});
