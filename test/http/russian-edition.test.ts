// HTTP tests: the Russian edition at /ru, paired with the English pages: switcher, hreflang, sitemap, feed, search, errors.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import request from 'supertest';
import { assertAbsent } from '../helpers/assert-absent.js';
import { crawl, type Crawled } from '../helpers/crawl.js';
import { html, testApp } from '../helpers/test-app.js';

const SITE_URL = 'https://un.example.org';
const app = testApp({ SITE_URL });
const CYRILLIC = /[а-яё]/i;

/** hreflang -> address (without the site's origin) of a page's alternates. */
function alternatesOf(document: Document): Map<string, string> {
  const links = [...document.querySelectorAll('link[rel="alternate"][hreflang]')];
  return new Map(links.map((link) => [link.getAttribute('hreflang') ?? '', (link.getAttribute('href') ?? '').slice(SITE_URL.length) || '/']));
}

describe('the Russian edition, crawled from / and from /ru', () => {
  let pages: Crawled[];
  before(async () => {
    const english = await crawl(app, '/');
    const russian = await crawl(app, '/ru');
    pages = [...new Map([...english, ...russian]).values()].filter((page) => page.status === 200 && page.contentType.startsWith('text/html'));
  });

  it('reaches every page of both editions from either home page', async () => {
    const fromRussian = await crawl(app, '/ru');
    for (const edition of app.publisher.snapshot().editions) {
      for (const url of edition.site.pages.keys()) assert.ok(fromRussian.has(url), `${url} cannot be reached from /ru`);
    }
    const broken = [...fromRussian.values()].filter((page) => page.status !== 200).map((page) => `${page.url} → ${page.status}`);
    assert.deepEqual(broken, []);
  });

  it('marks every page with its language: <html lang>, og:locale and JSON-LD inLanguage', () => {
    for (const page of pages) {
      const document = html(page.body);
      const russian = page.url === '/ru' || page.url.startsWith('/ru/');
      assert.equal(document.documentElement.getAttribute('lang'), russian ? 'ru' : 'en', page.url);
      assert.equal(document.querySelector('meta[property="og:locale"]')?.getAttribute('content'), russian ? 'ru_RU' : 'en_GB', page.url);
      const graph = (JSON.parse(document.querySelector('script[type="application/ld+json"]')?.textContent ?? '{}') as { '@graph': { inLanguage?: string }[] })[
        '@graph'
      ];
      assert.ok(
        graph.filter((node) => node.inLanguage).every((node) => node.inLanguage === (russian ? 'ru' : 'en')),
        page.url,
      );
    }
  });

  it('shows both navigation rows, the footer and the chrome in Russian on Russian pages, every link staying in the edition', () => {
    const russianPages = pages.filter((page) => page.url.startsWith('/ru'));
    assert.ok(russianPages.length >= 30, `only ${russianPages.length} Russian pages`);
    for (const page of russianPages) {
      const document = html(page.body);
      const items = [...document.querySelectorAll('nav.site-nav a')];
      assert.ok(items.length >= 14, page.url);
      for (const item of items) {
        assert.match(item.textContent ?? '', CYRILLIC, `${page.url}: ${item.textContent}`);
        assert.match(item.getAttribute('href') ?? '', /^\/ru\//, page.url);
      }
      for (const item of document.querySelectorAll('.site-footer a')) assert.match(item.textContent ?? '', CYRILLIC, page.url);
      assert.equal(document.querySelector('.skip-link')?.textContent, 'Перейти к основному содержанию', page.url);
      assert.equal(document.querySelector('.site-menu__toggle')?.textContent, 'Меню', page.url);
      assert.equal(document.querySelector('.site-search')?.getAttribute('action'), '/ru/search', page.url);
    }
  });

  it('links the Russian footer to the Russian forum', () => {
    const document = html(pages.find((page) => page.url === '/ru')!.body);
    assert.equal(document.querySelector('.site-footer a[href="/ru/forum"]')?.textContent, 'Форум');
  });

  it('offers the switcher both ways on every page: to the translation, whose switcher leads back', () => {
    const byUrl = new Map(pages.map((page) => [page.url, html(page.body)]));
    let pairs = 0;
    for (const [url, document] of byUrl) {
      const link = document.querySelector('nav.language-switcher a');
      assert.ok(link, `${url} has no language switcher`);
      const target = link.getAttribute('href') ?? '';
      const russian = url === '/ru' || url.startsWith('/ru/') || url.startsWith('/ru?');
      assert.equal(link.getAttribute('hreflang'), russian ? 'en' : 'ru', url);
      assert.equal(link.closest('[lang]')?.getAttribute('lang'), russian ? 'en' : 'ru', `${url}: the switcher's words are marked with their language`);
      if (document.querySelector('.language-switcher__note')) continue;
      pairs += 1;
      const back = byUrl.get(target);
      assert.ok(back, `${url} → ${target}, which the crawl did not find`);
      // Search results lead back to the same words searched (q), not to the page number.
      const { pathname, searchParams } = new URL(url, SITE_URL);
      const expected = searchParams.has('q') ? `${pathname}?q=${encodeURIComponent(searchParams.get('q')!)}` : pathname;
      assert.equal(back.querySelector('nav.language-switcher a')?.getAttribute('href'), expected, `${target} does not lead back to ${url}`);
    }
    assert.ok(pairs >= 60, `only ${pairs} pages with a translation`);
  });

  it('switches the forum to the Russian forum, whose interface is translated (the posts are as members wrote them)', () => {
    const forum = html(pages.find((page) => page.url === '/forum')!.body);
    const item = forum.querySelector('nav.language-switcher li');
    assert.equal(item?.getAttribute('lang'), 'ru');
    assertAbsent(forum, '.language-switcher__note');
    assert.equal(forum.querySelector('nav.language-switcher a')?.getAttribute('href'), '/ru/forum');
  });

  it('gives hreflang alternates that are reciprocal: each version lists every version, itself included, and x-default', () => {
    const byUrl = new Map(pages.map((page) => [page.url, html(page.body)]));
    let checked = 0;
    for (const [url, document] of byUrl) {
      const alternates = alternatesOf(document);
      if (alternates.size === 0) continue;
      checked += 1;
      assert.deepEqual([...alternates.keys()].sort(), ['en', 'ru', 'x-default'], url);
      assert.equal(alternates.get(url.startsWith('/ru') ? 'ru' : 'en'), url.split('?')[0], `${url} lists itself`);
      assert.equal(alternates.get('x-default'), alternates.get('en'), url);
      for (const version of new Set(alternates.values())) {
        const other = byUrl.get(version);
        assert.ok(other, `${url} names ${version}, which is not a page`);
        assert.deepEqual(alternatesOf(other), alternates, `${version} and ${url} disagree`);
      }
      const locales = [...document.querySelectorAll('meta[property="og:locale:alternate"]')].map((meta) => meta.getAttribute('content'));
      assert.deepEqual(locales, [url.startsWith('/ru') ? 'en_GB' : 'ru_RU'], url);
    }
    assert.ok(checked >= 60, `only ${checked} pages with alternates`);
  });
});

describe('the sitemap, with both editions', () => {
  it('is an index that lists the one pages sitemap of every edition', async () => {
    const index = (await request(app.handle).get('/sitemap.xml').expect(200)).text;
    assert.match(index, /<sitemapindex /);
    assert.match(index, new RegExp(`<loc>${SITE_URL}/sitemap-pages\\.xml</loc>`));
    assert.doesNotMatch(index, /\/ru\/sitemap/);
  });

  it('lists each page with its versions as xhtml:link alternates, the same set on both versions', async () => {
    const sitemap = (await request(app.handle).get('/sitemap-pages.xml').expect(200)).text;
    assert.match(sitemap, /<urlset xmlns="http:\/\/www\.sitemaps\.org\/schemas\/sitemap\/0\.9" xmlns:xhtml="http:\/\/www\.w3\.org\/1999\/xhtml">/);
    const entries = new Map(
      [...sitemap.matchAll(/<url>\s*<loc>([^<]+)<\/loc>([\s\S]*?)<\/url>/g)].map(([, loc, rest]) => [
        loc!,
        [...rest!.matchAll(/<xhtml:link rel="alternate" hreflang="([^"]+)" href="([^"]+)"\/>/g)].map(([, lang, href]) => `${lang} ${href}`).join('\n'),
      ]),
    );
    const unodc = entries.get(`${SITE_URL}/un-in-kyrgyzstan/agencies/unodc`);
    assert.equal(
      unodc,
      [
        `en ${SITE_URL}/un-in-kyrgyzstan/agencies/unodc`,
        `ru ${SITE_URL}/ru/un-in-kyrgyzstan/agencies/unodc`,
        `x-default ${SITE_URL}/un-in-kyrgyzstan/agencies/unodc`,
      ].join('\n'),
    );
    assert.equal(entries.get(`${SITE_URL}/ru/un-in-kyrgyzstan/agencies/unodc`), unodc);
    assert.equal(entries.get(`${SITE_URL}/ru`), entries.get(`${SITE_URL}/`));
    const russian = [...entries.keys()].filter((loc) => loc.startsWith(`${SITE_URL}/ru`));
    assert.ok(russian.length >= 29, `${russian.length} Russian addresses`);
    for (const loc of russian) assert.ok(entries.get(loc), `${loc} has no alternates`);
  });
});

describe('the Russian news feed', () => {
  it('is Atom in Russian at /ru/news.atom, with the Russian news items, linked from every Russian page', async () => {
    const response = await request(app.handle)
      .get('/ru/news.atom')
      .expect(200)
      .expect('Content-Type', /application\/atom\+xml/);
    assert.match(response.text, /<feed xmlns="http:\/\/www\.w3\.org\/2005\/Atom" xml:lang="ru">/);
    assert.match(response.text, /<title>Новости и события – ООН в Кыргызстане<\/title>/);
    assert.match(response.text, new RegExp(`<link rel="self" type="application/atom\\+xml" href="${SITE_URL}/ru/news\\.atom"/>`));
    const ids = [...response.text.matchAll(/<entry>\s*<id>([^<]+)<\/id>\s*<title>([^<]+)<\/title>/g)];
    assert.equal(ids.length, 7);
    for (const [, id, title] of ids) {
      assert.ok(id!.startsWith(`${SITE_URL}/ru/news/`), id);
      assert.match(title!, CYRILLIC);
    }
    // As in the English feed: each entry's updated is its own date, and the feed's that of its newest entry.
    const entries = [...response.text.matchAll(/<entry>([\s\S]*?)<\/entry>/g)].map(([, entry]) => entry!);
    const updated = entries.map((entry) => /<updated>([^<]+)<\/updated>/.exec(entry)?.[1]);
    assert.deepEqual(
      updated,
      entries.map((entry) => /<published>([^<]+)<\/published>/.exec(entry)?.[1]),
    );
    assert.equal(/^ {2}<updated>([^<]+)<\/updated>$/m.exec(response.text)?.[1], [...updated].sort().at(-1));
    const document = html((await request(app.handle).get('/ru/mdg').expect(200)).text);
    const link = document.querySelector('link[rel="alternate"][type="application/atom+xml"]');
    assert.equal(link?.getAttribute('href'), '/ru/news.atom');
    assert.equal(link?.getAttribute('title'), 'Новости и события – ООН в Кыргызстане');
  });
});

describe('search in the Russian edition', () => {
  /** Every result, of every page of results. */
  const hits = async (query: string): Promise<string[]> => {
    const found: string[] = [];
    for (let page = 1; page <= 5; page += 1) {
      const response = await request(app.handle)
        .get(`/ru/search?q=${encodeURIComponent(query)}&page=${page}`)
        .expect(200);
      const document = html(response.text);
      found.push(...[...document.querySelectorAll('.search-result__title a')].map((link) => link.getAttribute('href') ?? ''));
      if (!document.querySelector('a[rel="next"]')) break;
    }
    return found;
  };

  it('finds Russian pages by another form of a word ("наркотиков" finds "наркотики"), only in Russian', async () => {
    const found = await hits('наркотиков');
    assert.ok(found.includes('/ru/un-in-kyrgyzstan/agencies/unodc'), found.join(' '));
    assert.ok(
      found.every((url) => url === '/ru' || url.startsWith('/ru/')),
      found.join(' '),
    );
  });

  it('folds ё into е, and tolerates a typo', async () => {
    assert.deepEqual(await hits('объединенных'), await hits('объединённых'));
    assert.ok((await hits('Объединённых')).length > 0);
    assert.ok((await hits('тысечелетия')).includes('/ru/mdg'));
  });

  it('answers in Russian with the plural form the count needs, and keeps English search as it was', async () => {
    const response = await request(app.handle).get('/ru/search?q=наркотиков').expect(200);
    const document = html(response.text);
    assert.equal(document.documentElement.getAttribute('lang'), 'ru');
    assert.match(document.querySelector('.search-count')?.textContent ?? '', /^Запросу наркотиков соответству(ет|ют) \d+ страниц[аы]?/);
    const english = await request(app.handle).get('/search?q=drugs').expect(200);
    assert.match(english.text, /<html lang="en">/);
    assert.ok([...html(english.text).querySelectorAll('.search-result__title a')].every((link) => !(link.getAttribute('href') ?? '').startsWith('/ru')));
  });
});

describe('Russian error pages and old addresses', () => {
  it('answers a Russian address that does not exist with the Russian 404', async () => {
    const response = await request(app.handle).get('/ru/no-such-page').set('Accept', 'text/html').expect(404);
    const document = html(response.text);
    assert.equal(document.documentElement.getAttribute('lang'), 'ru');
    assert.equal(document.querySelector('h1')?.textContent, 'Страница не найдена');
    assert.equal(document.querySelector('.error-search')?.getAttribute('action'), '/ru/search');
    const english = await request(app.handle).get('/no-such-page').set('Accept', 'text/html').expect(404);
    assert.match(english.text, /<html lang="en">[\s\S]*Page not found/);
  });

  it('answers a removed Russian page with the Russian 410 and its note', async () => {
    const response = await request(app.handle).get('/ru/un-day-2004').expect(410);
    assert.match(response.text, /<html lang="ru">[\s\S]*Страница удалена[\s\S]*Дне ООН 2006 года/);
  });

  it('sends the JSON form of a Russian error in Russian', async () => {
    const response = await request(app.handle).get('/ru/no-such-page').set('Accept', 'application/json').expect(404);
    assert.equal((response.body as { title: string }).title, 'Страница не найдена');
  });

  it('redirects the old /russian/….phtml addresses to their Russian pages', async () => {
    for (const [old, page] of [
      ['/russian/agency.phtml?unodc', '/ru/un-in-kyrgyzstan/agencies/unodc'],
      ['/russian/news.phtml', '/ru/news'],
      ['/russian/country.phtml', '/ru/country-info'],
    ] as const) {
      const response = await request(app.handle).get(old).redirects(0).expect(301);
      assert.equal(response.headers['location'], page, old);
    }
  });
});
