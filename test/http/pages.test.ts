// HTTP tests: the navigation, breadcrumbs and footer on every page, old addresses, one address per page, and 404s.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import request from 'supertest';
import { documentTitle } from '../../src/content/document-title.js';
import { assertAbsent } from '../helpers/assert-absent.js';
import { html, testApp } from '../helpers/test-app.js';

const app = testApp();
const navigation = app.publisher.snapshot().edition().site.navigation;

const PRIMARY = ['UN in Kyrgyzstan', 'Country info', 'Joint Programming and Activities', 'News & events', 'UN GTG', 'UN Day 2006'];
const SECONDARY = ['The UN Link', 'MDG', 'CCA', 'UNDAF', 'Jobs', 'Procurement', 'Contacts', "Report of the Secretary-General's High-level Panel"];
const FOOTER = 'Copyright © UN in Kyrgyzstan, 2007 · Hosted by UNDP in Kyrgyzstan · Design © Dmitry Yakhnov, 2007';

const texts = (nodes: NodeListOf<Element>): string[] => [...nodes].map((node) => node.textContent?.trim() ?? '');

describe('the navigation', () => {
  it('has the original two rows, in the original order', () => {
    assert.deepEqual(
      navigation.primary.map((item) => item.title),
      PRIMARY,
    );
    assert.deepEqual(
      navigation.secondary.map((item) => item.title),
      SECONDARY,
    );
  });
});

describe('every page in the navigation', () => {
  const siteNavUrls = new Set([...navigation.primary, ...navigation.secondary].map((item) => item.url));
  const items = [...navigation.primary, ...navigation.secondary, ...navigation.footer];
  for (const item of items) {
    it(`serves ${item.url} with its title, both navigation rows, breadcrumbs and the footer`, async () => {
      const response = await request(app.handle)
        .get(item.url)
        .expect(200)
        .expect('Content-Type', /text\/html/);
      const document = html(response.text);
      // Footer items such as /search are app routes, not content pages.
      const page = app.publisher.snapshot().edition().site.pages.get(item.url) ?? { title: item.title, linkTitle: item.title, url: item.url };
      assert.equal(document.querySelector('h1')?.textContent, page.title);
      assert.equal(document.title, documentTitle(page.title, page.url, page.linkTitle));
      assert.match(document.title, item.url === '/' ? /in Kyrgyzstan$/ : / – UN in Kyrgyzstan$/);
      assert.deepEqual(texts(document.querySelectorAll('.site-nav__row--primary a')), PRIMARY);
      assert.deepEqual(texts(document.querySelectorAll('.site-nav__row--secondary a')), SECONDARY);
      // Each item of the two rows marks itself as the current page; footer items are not in the site navigation.
      const current = `.site-nav a[href="${item.url}"]`;
      if (siteNavUrls.has(item.url)) assert.equal(document.querySelector(current)?.getAttribute('aria-current'), 'page');
      else assertAbsent(document, current);
      const crumbs = texts(document.querySelectorAll('nav.breadcrumbs li'));
      assert.equal(crumbs[0], 'Home');
      assert.equal(crumbs.at(-1), page.linkTitle);
      assert.equal(document.querySelector('.site-footer__credits')?.textContent?.replace(/\s+/g, ' ').trim(), FOOTER);
      assert.deepEqual(texts(document.querySelectorAll('.site-footer__links a')), ['Web site usage statistics', 'Forum', 'Search']);
      // Content pages tell when they were last updated; the app's own pages (statistics, search) have no such date.
      const updated = document.querySelector('.page__updated')?.textContent;
      if (app.publisher.snapshot().edition().site.pages.has(item.url)) assert.match(updated ?? '', /Last updated \d{1,2} \w+ \d{4}/);
      else assert.equal(updated, undefined);
    });
  }
});

describe('pages below a section', () => {
  it('marks the section with aria-current="true" and shows the full breadcrumb trail', async () => {
    const response = await request(app.handle).get('/un-in-kyrgyzstan/agencies/unodc/projects').expect(200);
    const document = html(response.text);
    assert.equal(document.querySelector('.site-nav a[href="/un-in-kyrgyzstan"]')?.getAttribute('aria-current'), 'true');
    assert.equal(document.querySelectorAll('.site-nav [aria-current]').length, 1);
    assert.deepEqual(texts(document.querySelectorAll('nav.breadcrumbs li')), ['Home', 'UN in Kyrgyzstan', 'Agencies', 'UNODC', 'Projects']);
    assert.equal(document.querySelector('nav.breadcrumbs [aria-current="page"]')?.getAttribute('href'), '/un-in-kyrgyzstan/agencies/unodc/projects');
  });

  it('reaches the UNODC pages from "UN in Kyrgyzstan"', async () => {
    const section = html((await request(app.handle).get('/un-in-kyrgyzstan').expect(200)).text);
    assert.ok(section.querySelector('main a[href="/un-in-kyrgyzstan/agencies"]'));
    const agencies = html((await request(app.handle).get('/un-in-kyrgyzstan/agencies').expect(200)).text);
    assert.ok(agencies.querySelector('main a[href="/un-in-kyrgyzstan/agencies/unodc"]'));
    const unodc = html((await request(app.handle).get('/un-in-kyrgyzstan/agencies/unodc').expect(200)).text);
    for (const child of ['projects', 'fanc', 'mini-dublin-groups'])
      assert.ok(unodc.querySelector(`main a[href="/un-in-kyrgyzstan/agencies/unodc/${child}"]`), child);
  });

  it('keeps the "For more information" links to both related documents on every UNODC page', async () => {
    for (const url of [
      '/un-in-kyrgyzstan/agencies/unodc',
      '/un-in-kyrgyzstan/agencies/unodc/projects',
      '/un-in-kyrgyzstan/agencies/unodc/fanc',
      '/un-in-kyrgyzstan/agencies/unodc/mini-dublin-groups',
    ]) {
      const document = html((await request(app.handle).get(url).expect(200)).text);
      assert.ok(document.querySelector('main a[href="/mdg/progress-report-2003"]'), `${url} links to the MDG report`);
      assert.ok(document.querySelector('main a[href="/cca/common-country-assessment-2003"]'), `${url} links to the CCA`);
    }
  });
});

describe('the seed page content', () => {
  it('keeps the seed wording, with "faced faced" fixed', async () => {
    const projects = (await request(app.handle).get('/un-in-kyrgyzstan/agencies/unodc/projects').expect(200)).text;
    assert.match(projects, /Osh-Knot/);
    assert.match(projects, /about USD 1,800,000/);
    assert.match(projects, /Precursors Control in Central Asia/);
    assert.match(projects, /over USD \$ 8 million/);
    assert.match(projects, /hardship faced by most people/);
    assert.doesNotMatch(projects, /faced faced/);
  });
});

describe('old addresses of the 2007 site', () => {
  const redirects: [string, string][] = [
    ['/english/agency.phtml?unodc', '/un-in-kyrgyzstan/agencies/unodc'],
    ['/english/news.phtml', '/news'],
    ['/english/activities.phtml', '/joint-programming'],
    ['/english/country.phtml', '/country-info'],
  ];
  for (const [from, to] of redirects) {
    it(`redirects ${from} permanently to ${to}`, async () => {
      await request(app.handle).get(from).expect(301).expect('Location', to);
    });
  }
});

describe('one address per page', () => {
  it('redirects uppercase, trailing-slash and double-slash spellings, keeping the query', async () => {
    await request(app.handle).get('/Country-Info').expect(301).expect('Location', '/country-info');
    await request(app.handle).get('/country-info/').expect(301).expect('Location', '/country-info');
    await request(app.handle).get('//un-in-kyrgyzstan//agencies/?a=1&b=2').expect(301).expect('Location', '/un-in-kyrgyzstan/agencies?a=1&b=2');
  });

  it('serves a page with a query string as the same page', async () => {
    await request(app.handle).get('/mdg?utm_source=x').expect(200);
  });
});

describe('unknown addresses', () => {
  it('responds 404 with a page in the site layout', async () => {
    const response = await request(app.handle)
      .get('/no-such-page')
      .expect(404)
      .expect('Content-Type', /text\/html/);
    const document = html(response.text);
    assert.equal(document.querySelector('h1')?.textContent, 'Page not found');
    assert.equal(document.querySelectorAll('.site-nav__row a').length, PRIMARY.length + SECONDARY.length);
    assert.ok(document.querySelector('main a[href="/"]'));
    assert.ok(document.querySelector('main form[action="/search"]'));
    assert.equal(document.querySelector('meta[name="robots"]')?.getAttribute('content'), 'noindex');
  });

  it('answers JSON clients with JSON', async () => {
    const response = await request(app.handle).get('/no-such-page').set('Accept', 'application/json').expect(404);
    assert.equal((response.body as { status: unknown }).status, 404);
  });

  it('does not redirect a misspelt address to another missing one', async () => {
    await request(app.handle).get('/No-Such-Page/').expect(404);
  });
});
