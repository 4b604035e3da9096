// The Russian forum (/ru/forum): the same posts as /forum, with every word of its interface in Russian from i18n/ru.yml.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { HtmlValidate } from 'html-validate';
import request from 'supertest';
import { languageOf } from '../../src/content/languages.js';
import { parseYaml } from '../../src/content/parse-yaml.js';
import { PROJECT_PATHS } from '../../src/project-paths.js';
import { InterfaceTexts } from '../../src/render/interface-text.js';
import { forumSite, uniqueText, type ForumSite } from '../helpers/forum-site.js';
import { html } from '../helpers/test-app.js';

/** Every English text of the forum's section of i18n/en.yml, as the pages could show it (placeholders cut out). */
function englishForumWords(): string[] {
  const words: string[] = [];
  const walk = (value: unknown): void => {
    if (typeof value === 'string') words.push(...value.split(/\{\w+\}/).map((part) => part.trim()));
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk((parseYaml(readFileSync(path.join(PROJECT_PATHS.i18n, 'en.yml'), 'utf8')) as { forum: unknown }).forum);
  // Short pieces ("Quote", "Reply") could be part of a member's text; whole phrases cannot be by chance.
  return [...new Set(words.filter((word) => word.length >= 12))];
}

const ENGLISH = englishForumWords();

/** The visible words of a page's main content and header, without what members wrote (their posts, topics' titles). */
function interfaceText(body: string): string {
  const document = html(body);
  for (const post of document.querySelectorAll('.forum-post__body')) post.remove();
  return document.querySelector('body')?.textContent ?? '';
}

function englishIn(body: string): string[] {
  const text = interfaceText(body);
  return ENGLISH.filter((phrase) => text.includes(phrase));
}

describe('the Russian forum', () => {
  let site: ForumSite;
  let topicId = 0;

  before(async () => {
    site = forumSite();
    const author = await site.member('Aibek', 'trusted');
    ({ topicId } = await site.startTopic(author.id, { title: 'Вакансии ПРООН в Оше', body: uniqueText('Где смотреть вакансии?') }));
    for (let n = 0; n < 4; n += 1) await site.reply(author.id, topicId, uniqueText('Ответ'));
  });

  after(() => site.close());

  for (const address of ['/ru/forum', '/ru/forum/c/general', () => `/ru/forum/t/${topicId}`, '/ru/forum/login', '/ru/forum/register', '/ru/forum/privacy']) {
    it(`answers ${typeof address === 'string' ? address : '/ru/forum/t/{id}'} in Russian, with no English interface text`, async () => {
      const url = typeof address === 'string' ? address : address();
      const response = await request(site.app.handle).get(url).expect(200);
      const document = html(response.text);
      assert.equal(document.documentElement.getAttribute('lang'), 'ru');
      assert.match(document.querySelector('.forum-bar')?.textContent ?? '', /Войти/);
      assert.deepEqual(englishIn(response.text), []);
    });
  }

  it('writes valid HTML on its pages (html-validate, recommended preset), a form with errors included', async () => {
    const validator = new HtmlValidate({ extends: ['html-validate:recommended'] });
    const member = await site.member('Validator', 'trusted');
    const failed = await site.fill(member, '/ru/forum/c/general/new', { title: '', body: '' });
    const pages: [string, string][] = [[`/ru/forum/c/general/new (errors)`, failed.text]];
    for (const address of ['/ru/forum', '/ru/forum/c/general', `/ru/forum/t/${topicId}`, '/ru/forum/login', '/ru/forum/privacy']) {
      pages.push([address, (await request(site.app.handle).get(address).expect(200)).text]);
    }
    const problems: string[] = [];
    for (const [address, body] of pages) {
      const report = await validator.validateString(body, address);
      for (const result of report.results) for (const message of result.messages) problems.push(`${address}: ${message.ruleId} ${message.message}`);
    }
    assert.deepEqual(problems, []);
  });

  it('names the categories as content/forum.yml translates them, in Russian on /ru/forum and in English on /forum', async () => {
    const russian = html((await request(site.app.handle).get('/ru/forum').expect(200)).text);
    const english = html((await request(site.app.handle).get('/forum').expect(200)).text);
    const titles = (document: ReturnType<typeof html>): string[] =>
      [...document.querySelectorAll('.forum-category__title a')].map((link) => link.textContent ?? '');
    assert.equal(titles(russian)[0], 'Общие вопросы о работе ООН в Кыргызстане');
    assert.equal(titles(english)[0], 'General questions about the UN in Kyrgyzstan');
    const topic = html((await request(site.app.handle).get(`/ru/forum/t/${topicId}`).expect(200)).text);
    assert.equal(topic.querySelector('.forum-topic-category a')?.getAttribute('href'), '/ru/forum/c/general');
    assert.equal(topic.querySelector('.forum-topic-category a')?.textContent, 'Общие вопросы о работе ООН в Кыргызстане');
  });

  it('links the forum topics /ru/search finds into /ru/forum, and those /search finds into /forum', async () => {
    const russian = html((await request(site.app.handle).get('/ru/search?q=ПРООН').expect(200)).text);
    const english = html((await request(site.app.handle).get('/search?q=ПРООН').expect(200)).text);
    const topicLinks = (document: ReturnType<typeof html>): string[] =>
      [...document.querySelectorAll('a[href*="/forum/t/"]')].map((link) => link.getAttribute('href') ?? '');
    assert.deepEqual(topicLinks(russian), [`/ru/forum/t/${topicId}`]);
    assert.deepEqual(topicLinks(english), [`/forum/t/${topicId}`]);
  });

  it('counts replies with Russian plural forms', async () => {
    const { t } = InterfaceTexts.read(PROJECT_PATHS.i18n).of(languageOf('ru'));
    assert.deepEqual(
      [1, 2, 3, 5, 11, 21, 22].map((count) => t('forum.replies', { count })),
      ['1 ответ', '2 ответа', '3 ответа', '5 ответов', '11 ответов', '21 ответ', '22 ответа'],
    );
    const page = html((await request(site.app.handle).get('/ru/forum/c/general').expect(200)).text);
    assert.match(page.querySelector('.forum-topic__meta')?.textContent ?? '', /4 ответа/);
  });

  it('pairs each forum page with its other language by hreflang, both ways, and the switcher leads there', async () => {
    const pairs: [string, string][] = [
      ['/forum', '/ru/forum'],
      [`/forum/t/${topicId}`, `/ru/forum/t/${topicId}`],
    ];
    for (const [english, russian] of pairs) {
      for (const [own, other, otherLang] of [
        [english, russian, 'ru'],
        [russian, english, 'en'],
      ] as const) {
        const document = html((await request(site.app.handle).get(own).expect(200)).text);
        const links: Record<string, string> = Object.fromEntries(
          [...document.querySelectorAll('link[rel="alternate"][hreflang]')].map((link) => [
            link.getAttribute('hreflang') ?? '',
            new URL(link.getAttribute('href')!).pathname,
          ]),
        );
        assert.deepEqual(links, { en: english, ru: russian, 'x-default': english }, own);
        const switcher = document.querySelector(`.language-switcher a[hreflang="${otherLang}"], a[hreflang="${otherLang}"][lang="${otherLang}"]`);
        assert.equal(switcher?.getAttribute('href'), other, `${own} switches to ${other}`);
        assert.doesNotMatch(document.querySelector('header')?.textContent ?? '', /not been translated|не переведена/);
      }
    }
  });

  it('sends a form with mistakes back in Russian with what was typed, and a topic posted there into /ru/forum', async () => {
    const member = await site.member('Gulnara', 'trusted');
    const failed = await site.fill(member, '/ru/forum/c/general/new', { title: 'Хм', body: 'Текст, который нужно сохранить' });
    assert.equal(failed.status, 422);
    const document = html(failed.text);
    assert.match(document.querySelector('title')?.textContent ?? '', /^Ошибка: /);
    assert.match(document.querySelector('.error-summary')?.textContent ?? '', /Есть ошибки[\s\S]*Заголовок должен содержать не меньше/);
    assert.equal(document.querySelector('form.forum-form')?.getAttribute('action'), '/ru/forum/c/general/new');
    assert.match(document.querySelector('#body')?.textContent ?? '', /Текст, который нужно сохранить/);
    assert.deepEqual(englishIn(failed.text), []);

    const sent = await site.fill(member, '/ru/forum/c/general/new', { title: 'Стажировки в ЮНИСЕФ', body: uniqueText('Есть ли стажировки?') });
    assert.equal(sent.status, 303);
    assert.match(sent.headers['location'] as string, /^\/ru\/forum\/t\/\d+#post-\d+$/);
  });

  it('sends a reader who must log in to the Russian login page, and back into /ru/forum afterwards', async () => {
    const redirect = await request(site.app.handle).get('/ru/forum/c/general/new').expect(303);
    assert.equal(redirect.headers['location'], `/ru/forum/login?next=${encodeURIComponent('/ru/forum/c/general/new')}`);
  });

  it('answers an unknown address under /ru/forum with the Russian 404', async () => {
    const response = await request(site.app.handle).get('/ru/forum/t/999999').expect(404);
    assert.equal(html(response.text).documentElement.getAttribute('lang'), 'ru');
  });

  it('has its own feed with Russian titles, whose entries lead into /ru/forum', async () => {
    const feed = (await request(site.app.handle).get('/ru/forum/feed.atom').expect(200)).text;
    assert.match(feed, /<title[^>]*>Форум – ООН в Кыргызстане<\/title>/);
    assert.match(feed, /<link[^>]*href="https:\/\/un\.example\.org\/ru\/forum\/post\/\d+"/);
    assert.doesNotMatch(feed, /href="https:\/\/un\.example\.org\/forum\/post\//);
    const category = (await request(site.app.handle).get('/ru/forum/c/general/feed.atom').expect(200)).text;
    assert.match(category, /– Форум – ООН в Кыргызстане<\/title>/);
  });

  it('lists each topic in both languages in the forum sitemap, each with both alternates and x-default', async () => {
    const sitemap = (await request(site.app.handle).get('/forum/sitemap.xml').expect(200)).text;
    for (const loc of [`/forum/t/${topicId}`, `/ru/forum/t/${topicId}`]) {
      const entry = new RegExp(`<url>\\s*<loc>https://un\\.example\\.org${loc}</loc>[\\s\\S]*?</url>`).exec(sitemap)?.[0] ?? '';
      assert.match(entry, new RegExp(`hreflang="en" href="https://un\\.example\\.org/forum/t/${topicId}"`), loc);
      assert.match(entry, new RegExp(`hreflang="ru" href="https://un\\.example\\.org/ru/forum/t/${topicId}"`), loc);
      assert.match(entry, new RegExp(`hreflang="x-default" href="https://un\\.example\\.org/forum/t/${topicId}"`), loc);
    }
  });
});
