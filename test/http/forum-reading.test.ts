// HTTP tests: category and topic pages, their paging, permanent links to posts, and who sees a post awaiting approval.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { HtmlValidate } from 'html-validate';
import request from 'supertest';
import { captureLogs } from '../../scripts/lib/log-lines.js';
import { READER_COPY_MS } from '../../src/routes/forum/reader-pages.js';
import { assertAbsent } from '../helpers/assert-absent.js';
import { Visitor } from '../helpers/forum-web.js';
import { forumSite, uniqueText } from '../helpers/forum-site.js';
import { FIXTURES, html, testApp } from '../helpers/test-app.js';
import { xssProblems } from '../helpers/xss.js';

const texts = (scope: ParentNode, selector: string): string[] => [...scope.querySelectorAll(selector)].map((element) => element.textContent?.trim() ?? '');

describe('a category page', () => {
  const site = forumSite({ STATS: 'on' });
  let ids: { old: number; pinned: number; locked: number; newest: number };
  before(async () => {
    const author = await site.member('Aida', 'trusted');
    const staff = await site.member('Bakyt', 'moderator');
    const pinned = await site.startTopic(author.id, { title: 'Read this first: how the forum works' });
    const old = await site.startTopic(author.id, { title: 'Where is UN House?' });
    const locked = await site.startTopic(author.id, { title: 'Office hours in 2004' });
    const newest = await site.startTopic(author.id, { title: 'Internships at UNDP' });
    await site.reply(staff.id, old.topicId, uniqueText('An answer'));
    const { forum } = await site.open();
    await forum.moderation.setPinned(staff.id, pinned.topicId, true);
    await forum.moderation.setLocked(staff.id, locked.topicId, true);
    await site.startTopic(author.id, { title: 'A job question', category: 'jobs-and-procurement' });
    ids = { old: old.topicId, pinned: pinned.topicId, locked: locked.topicId, newest: newest.topicId };
  });
  after(() => site.close());

  it('lists its topics pinned first, then by newest activity, each with author, replies and the latest post’s time', async () => {
    const response = await request(site.app.handle).get('/forum/c/general').expect(200);
    const document = html(response.text);
    assert.equal(document.querySelector('main h1')?.textContent, 'General questions about the UN in Kyrgyzstan');
    assert.deepEqual(texts(document, '.forum-topic__title'), [
      'Read this first: how the forum works',
      'Where is UN House?',
      'Internships at UNDP',
      'Office hours in 2004',
    ]);
    const rows = [...document.querySelectorAll('.forum-topic')];
    assert.equal(rows[0]?.querySelector('.forum-marks')?.textContent?.trim(), 'Pinned');
    assert.equal(rows[3]?.querySelector('.forum-marks')?.textContent?.trim(), 'Locked');
    assertAbsent(rows[2], '.forum-marks');
    assert.match(rows[1]?.querySelector('.forum-topic__meta')?.textContent ?? '', /^Started by Aida, 27 November 2026 at \d\d:\d\d · 1 reply$/);
    assert.equal(rows[1]?.querySelector('.forum-topic__title a')?.getAttribute('href'), `/forum/t/${ids.old}`);
    const latest = rows[1]?.querySelector('.forum-topic__latest');
    assert.match(latest?.textContent ?? '', /^Latest post by Bakyt, /);
    assert.match(latest?.querySelector('time')?.getAttribute('datetime') ?? '', /^2026-11-27T\d\d:\d\d:\d\d\.000Z$/);
    assert.match(latest?.querySelector('a')?.getAttribute('href') ?? '', /^\/forum\/post\/\d+$/);
    assert.match(rows[2]?.querySelector('.forum-topic__meta')?.textContent ?? '', /· No replies$/);
    assertAbsent(rows[2], '.forum-topic__latest');
  });

  it('sits under Home › Forum with its canonical address, and the forum’s front page links to it', async () => {
    const document = html((await request(site.app.handle).get('/forum/c/general').expect(200)).text);
    assert.deepEqual(texts(document, '.breadcrumbs li'), ['Home', 'Forum', 'General questions about the UN in Kyrgyzstan']);
    assert.equal(document.querySelector('.breadcrumbs a[href="/forum"]')?.textContent, 'Forum');
    assert.equal(document.querySelector('link[rel="canonical"]')?.getAttribute('href'), 'https://un.example.org/forum/c/general');
    assert.equal(document.querySelector('title')?.textContent, 'General questions about the UN in Kyrgyzstan – Forum');
    const home = html((await request(site.app.handle).get('/forum').expect(200)).text);
    assert.deepEqual(
      [...home.querySelectorAll('.forum-category__title a')].map((link) => link.getAttribute('href')),
      ['/forum/c/general', '/forum/c/millennium-development-goals', '/forum/c/jobs-and-procurement', '/forum/c/drug-control-and-crime-prevention'],
    );
  });

  it('gives a reader no cookie, lets caches keep it for a minute, and asks a reader to log in to start a topic', async () => {
    for (const address of ['/forum/c/general', `/forum/t/${ids.old}`]) {
      const response = await request(site.app.handle).get(address).expect(200);
      assert.equal(response.headers['set-cookie'], undefined, address);
      assert.equal(response.headers['cache-control'], 'max-age=60', address);
      assert.equal(response.headers['vary'], 'Cookie, Accept-Encoding', address);
    }
    const document = html((await request(site.app.handle).get('/forum/c/general')).text);
    assert.equal(document.querySelector('.forum-start a')?.getAttribute('href'), `/forum/login?next=${encodeURIComponent('/forum/c/general/new')}`);
  });

  it('answers 404 for a category that content/forum.yml does not list, and 405 for other methods', async () => {
    await request(site.app.handle).get('/forum/c/no-such-category').expect(404);
    await request(site.app.handle).get('/forum/c/General').expect(404);
    await request(site.app.handle).get('/forum/c/no-such-category/new').expect(404);
    const put = await request(site.app.handle).put('/forum/c/general').expect(405);
    assert.equal(put.headers['allow'], 'GET, HEAD');
    await request(site.app.handle).head('/forum/c/general').expect(200);
  });

  it('counts readers’ views of categories and topics in the statistics, under the page’s own address', async () => {
    const browser = { 'User-Agent': 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36' };
    await request(site.app.handle).get('/forum/c/jobs-and-procurement').set(browser).expect(200);
    await request(site.app.handle).get(`/forum/t/${ids.newest}`).set(browser).expect(200);
    await request(site.app.handle).get(`/forum/t/${ids.newest}`).set(browser).expect(200);
    const pages = new Map((await site.app.counter?.summary())?.topPages.map((row) => [row.name, row.views]));
    assert.equal(pages.get('/forum/c/jobs-and-procurement'), 1);
    assert.equal(pages.get(`/forum/t/${ids.newest}`), 2);
  });
});

describe('paging of categories and topics', () => {
  const site = forumSite();
  let topicId = 0;
  const postIds: number[] = [];
  before(async () => {
    const { forum } = await site.open();
    const staff = await site.member('Chynara', 'administrator');
    for (let index = 1; index <= 41; index += 1)
      await site.startTopic(staff.id, { title: `Question number ${index}`, category: 'millennium-development-goals' });
    const topic = await site.startTopic(staff.id, { title: 'A long discussion', body: 'Post 1 of the discussion.' });
    topicId = topic.topicId;
    postIds.push(topic.postId);
    for (let index = 2; index <= 45; index += 1) postIds.push(await site.reply(staff.id, topicId, `Post ${index} of the discussion.`));
    assert.equal((await forum.topics.list('millennium-development-goals', undefined, 1)).total, 41);
  });
  after(() => site.close());

  it('shows 20 a page, the first page without ?page, each page canonical with links to the pages around it', async () => {
    const first = html((await request(site.app.handle).get('/forum/c/millennium-development-goals').expect(200)).text);
    assert.equal(first.querySelectorAll('.forum-topic').length, 20);
    assert.equal(first.querySelector('.forum-topic__title')?.textContent, 'Question number 41');
    assert.equal(first.querySelector('.pagination a[rel="next"]')?.getAttribute('href'), '/forum/c/millennium-development-goals?page=2');
    assertAbsent(first, '.pagination a[rel="prev"]');
    const second = html((await request(site.app.handle).get('/forum/c/millennium-development-goals?page=2').expect(200)).text);
    assert.equal(second.querySelector('.forum-topic__title')?.textContent, 'Question number 21');
    assert.equal(second.querySelector('link[rel="canonical"]')?.getAttribute('href'), 'https://un.example.org/forum/c/millennium-development-goals?page=2');
    assert.equal(second.querySelector('.pagination a[rel="prev"]')?.getAttribute('href'), '/forum/c/millennium-development-goals');
    assert.equal(second.querySelector('.forum-page-note')?.textContent, 'Page 2 of 3');
    const third = html((await request(site.app.handle).get('/forum/c/millennium-development-goals?page=3').expect(200)).text);
    assert.deepEqual(texts(third, '.forum-topic__title'), ['Question number 1']);
    assertAbsent(third, '.pagination a[rel="next"]');

    const topicPage = html((await request(site.app.handle).get(`/forum/t/${topicId}?page=3`).expect(200)).text);
    assert.deepEqual(texts(topicPage, '.forum-post__body'), [
      'Post 41 of the discussion.',
      'Post 42 of the discussion.',
      'Post 43 of the discussion.',
      'Post 44 of the discussion.',
      'Post 45 of the discussion.',
    ]);
    assert.equal(topicPage.querySelector('link[rel="canonical"]')?.getAttribute('href'), `https://un.example.org/forum/t/${topicId}?page=3`);
    assert.equal(topicPage.querySelector('title')?.textContent, 'A long discussion (page 3 of 3) – Forum – UN in Kyrgyzstan');
  });

  it('redirects ?page=1 and malformed numbers to the first page for good, and answers 404 past the end', async () => {
    for (const base of ['/forum/c/millennium-development-goals', `/forum/t/${topicId}`]) {
      for (const query of ['?page=1', '?page=0', '?page=02', '?page=two', '?page=-2', '?page=2&page=3', '?page=']) {
        const response = await request(site.app.handle)
          .get(base + query)
          .expect(301);
        assert.equal(response.headers['location'], base, base + query);
      }
      for (const query of ['?page=4', '?page=99999999999999999999'])
        await request(site.app.handle)
          .get(base + query)
          .expect(404);
    }
    for (const id of ['0', '01', 'abc', '99999999', '1e3']) await request(site.app.handle).get(`/forum/t/${id}`).expect(404);
  });

  it('leads a post’s permanent address to its page and anchor, without ?page on the first', async () => {
    const first = await request(site.app.handle).get(`/forum/post/${postIds[0]}`).expect(302);
    assert.equal(first.headers['location'], `/forum/t/${topicId}#post-${postIds[0]}`);
    const later = await request(site.app.handle).get(`/forum/post/${postIds[24]}`).expect(302);
    assert.equal(later.headers['location'], `/forum/t/${topicId}?page=2#post-${postIds[24]}`);
    const page = html((await request(site.app.handle).get(`/forum/t/${topicId}?page=2`).expect(200)).text);
    assert.equal(page.querySelector(`#post-${postIds[24]} .forum-post__body`)?.textContent?.trim(), 'Post 25 of the discussion.');
    assert.equal(page.querySelector(`#post-${postIds[24]} .forum-post__permalink`)?.getAttribute('href'), `/forum/post/${postIds[24]}`);
    await request(site.app.handle).get('/forum/post/99999999').expect(404);
  });
});

describe('a topic page', () => {
  const site = forumSite();
  let topicId = 0;
  let firstPost = 0;
  let heldPost = 0;
  let newcomer: Awaited<ReturnType<typeof site.member>>;
  before(async () => {
    const author = await site.member('Dinara', 'trusted');
    const staff = await site.member('Erlan', 'moderator');
    newcomer = await site.member('Farida');
    const topic = await site.startTopic(author.id, {
      title: 'Drug control in Osh',
      body: 'What does **UNODC** do in Osh?\n\nSee <https://www.unodc.org/> and [the profile](/un-in-kyrgyzstan).',
    });
    topicId = topic.topicId;
    firstPost = topic.postId;
    await site.reply(staff.id, topicId, '> **Dinara** wrote:\n>\n> What does UNODC do in Osh?\n\nIt runs the Osh-Knot project.');
    heldPost = await site.reply(newcomer.id, topicId, 'A first post, waiting for a moderator.');
    const { forum } = await site.open();
    const stamp = forum.formStamps.issue(author.id);
    site.advance(5000);
    assert.equal(
      (
        await forum.posts.edit({
          editorId: author.id,
          postId: firstPost,
          body: 'What does **UNODC** do in Osh and Batken?\n\nSee <https://www.unodc.org/> and [the profile](/un-in-kyrgyzstan).',
          form: { honeypot: '', stamp },
        })
      ).status,
      'edited',
    );
  });
  after(() => site.close());

  it('shows its posts in order with author, time, edit mark, permanent link, rendered Markdown and quotes', async () => {
    const document = html((await request(site.app.handle).get(`/forum/t/${topicId}`).expect(200)).text);
    assert.equal(document.querySelector('main h1')?.textContent, 'Drug control in Osh');
    assert.deepEqual(texts(document, '.breadcrumbs li'), ['Home', 'Forum', 'General questions about the UN in Kyrgyzstan', 'Drug control in Osh']);
    const posts = [...document.querySelectorAll('article.forum-post')];
    assert.equal(posts.length, 2, 'the held post is not shown to a reader');
    assert.equal(posts[0]?.id, `post-${firstPost}`);
    assert.equal(posts[0]?.querySelector('h2')?.textContent, 'Dinara');
    assert.equal(posts[1]?.querySelector('h2')?.textContent, 'Erlan Moderator');
    assert.match(posts[0]?.querySelector('.forum-post__permalink time')?.getAttribute('datetime') ?? '', /^2026-11-27T/);
    assert.match(posts[0]?.querySelector('.forum-post__edited')?.textContent ?? '', /^· edited 27 November 2026 at \d\d:\d\d$/);
    assertAbsent(posts[1], '.forum-post__edited');
    assert.equal(posts[0]?.querySelector('strong')?.textContent, 'UNODC');
    const external = posts[0]?.querySelector('a[href="https://www.unodc.org/"]');
    assert.equal(external?.getAttribute('rel'), 'nofollow ugc noopener noreferrer');
    assert.equal(posts[0]?.querySelector('a[href="/un-in-kyrgyzstan"]')?.hasAttribute('rel'), false);
    assert.equal(posts[1]?.querySelector('blockquote strong')?.textContent, 'Dinara');
    assert.deepEqual(texts(posts[0], '.forum-post__actions a'), [], 'a reader has no actions');
    assert.match(document.querySelector('.forum-reply')?.textContent ?? '', /Log in to reply/);
    assertAbsent(document, '.forum-reply form');
  });

  it('shows a held post to its author, marked as awaiting approval, and to moderators; to nobody else, nor its permanent link', async () => {
    const own = html((await newcomer.get(`/forum/t/${topicId}`)).text);
    assert.equal(own.querySelector(`#post-${heldPost} .forum-mark--status`)?.textContent, 'Awaiting approval');
    const other = await site.member('Gulnara', 'trusted');
    assertAbsent(html((await other.get(`/forum/t/${topicId}`)).text), `#post-${heldPost}`);
    await request(site.app.handle).get(`/forum/post/${heldPost}`).expect(404);
    assert.equal((await other.get(`/forum/post/${heldPost}`)).status, 404);
    assert.equal((await newcomer.get(`/forum/post/${heldPost}`)).status, 302);
    const staff = new Visitor(site.app);
    await staff.login('Erlan');
    const moderator = html((await staff.get(`/forum/t/${topicId}`)).text);
    assert.equal(moderator.querySelector(`#post-${heldPost} .forum-mark--status`)?.textContent, 'Awaiting approval');
  });

  it('gives moderators a link to moderate each post and the topic, and the queue with its count in the account bar', async () => {
    const staff = new Visitor(site.app);
    await staff.login('Erlan');
    const response = await staff.get(`/forum/t/${topicId}`);
    assert.equal(response.headers['cache-control'], 'private, no-store');
    const document = html(response.text);
    assert.equal(document.querySelector(`#post-${firstPost} a[href="/forum/moderation/post/${firstPost}"]`)?.textContent?.startsWith('Moderate'), true);
    assert.equal(document.querySelector(`a[href="/forum/moderation/topic/${topicId}"]`)?.textContent, 'Moderate this topic');
    assert.equal(document.querySelector('.forum-bar a[href="/forum/moderation"]')?.textContent, 'Moderation (1 waiting)');
    const member = html((await newcomer.get(`/forum/t/${topicId}`)).text);
    assertAbsent(member, 'a[href^="/forum/moderation"]');
  });

  it('offers members the reply form, quote and report links, and their own post’s edit link', async () => {
    const member = await site.member('Hasan', 'trusted');
    const document = html((await member.get(`/forum/t/${topicId}`)).text);
    const form = document.querySelector(`.forum-reply form[action="/forum/t/${topicId}/reply"]`);
    assert.ok(form, 'the reply form');
    assert.ok(form.querySelector('textarea#body'));
    assert.ok(form.querySelector('input[name="stamp"]'));
    assert.ok(form.querySelector('.form-trap input[name="website"]'));
    assert.ok(form.querySelector('a[href="/forum/privacy"]'));
    assert.deepEqual(
      [...document.querySelectorAll(`#post-${firstPost} .forum-post__actions a`)].map((link) => link.getAttribute('href')),
      [`/forum/t/${topicId}/reply?quote=${firstPost}`, `/forum/post/${firstPost}/report`],
    );
    assert.match(document.querySelector(`#post-${firstPost} .forum-post__actions a`)?.textContent ?? '', /^Quote the post by Dinara of 27 November 2026/);
    const author = new Visitor(site.app);
    await author.login('Dinara');
    const own = html((await author.get(`/forum/t/${topicId}`)).text);
    assert.ok(own.querySelector(`#post-${firstPost} a[href="/forum/post/${firstPost}/edit"]`));
    assertAbsent(own, `#post-${firstPost} a[href="/forum/post/${firstPost}/report"]`);
  });

  it('says a locked topic is locked and offers no reply form', async () => {
    const { forum } = await site.open();
    const staff = (await forum.accounts.findByUsername('Erlan'))!;
    const locked = await site.startTopic(staff.id, { title: 'A closed discussion' });
    await forum.moderation.setLocked(staff.id, locked.topicId, true);
    const member = await site.member('Ilim', 'trusted');
    const document = html((await member.get(`/forum/t/${locked.topicId}`)).text);
    assert.equal(document.querySelector('.forum-topic-mark--locked')?.textContent, 'Locked: this topic takes no new replies.');
    assertAbsent(document, '.forum-reply form');
    assert.match(document.querySelector('.forum-reply')?.textContent ?? '', /This topic is locked/);
  });
});

describe('hostile text in posts, titles and usernames', () => {
  const fixtures = readdirSync(path.join(FIXTURES, 'xss')).filter((file) => file.endsWith('.md'));
  const site = forumSite();
  const topics: number[] = [];
  before(async () => {
    const lines = fixtures.flatMap((file) => readFileSync(path.join(FIXTURES, 'xss', file), 'utf8').split('\n')).filter((line) => line.trim().length >= 5);
    const author = await site.member('Janyl', 'trusted');
    for (const file of fixtures) {
      const body = readFileSync(path.join(FIXTURES, 'xss', file), 'utf8');
      topics.push((await site.startTopic(author.id, { title: `Fixture ${file}`, body })).topicId);
    }
    for (const line of lines.slice(0, 30)) topics.push((await site.startTopic(author.id, { title: line.slice(0, 120), body: uniqueText() })).topicId);
    const { forum } = await site.open();
    const hostile = await forum.database.db
      .insertInto('users')
      .values({
        username: '<img src=x onerror=alert(1)>',
        username_key: 'hostile-name',
        email: null,
        password_hash: 'x',
        role: 'member',
        created_at: '2026-01-01T00:00:00.000Z',
        suspended_until: null,
        deleted_at: null,
        approved_post_count: 2,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    topics.push((await site.startTopic(hostile.id, { title: 'A topic by a hostile name', body: uniqueText() })).topicId);
  });
  after(() => site.close());

  it('renders every XSS fixture inert, as a post body, a title and a username, on category and topic pages', async () => {
    assert.ok(fixtures.length >= 8);
    const problems: string[] = [];
    const pages = ['/forum', '/forum/c/general', '/forum/c/general?page=2', ...topics.map((id) => `/forum/t/${id}`)];
    for (const address of pages) {
      const document = html((await request(site.app.handle).get(address).expect(200)).text);
      problems.push(...xssProblems(document.querySelector('main')!, { allowElements: ['form'] }).map((problem) => `${address}: ${problem}`));
    }
    assert.deepEqual(problems, []);
    const byName = html((await request(site.app.handle).get(`/forum/t/${topics.at(-1)}`)).text);
    assert.equal(byName.querySelector('.forum-post h2')?.textContent, '<img src=x onerror=alert(1)>');
  });
});

describe('the forum while its database cannot be opened', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'un-kg-forum-reading-down-'));
  // DATA_DIR names a file, so no database can be made in it.
  writeFileSync(path.join(dir, 'not-a-folder'), '');
  const app = testApp({ DATA_DIR: path.join(dir, 'not-a-folder') }, { logger: captureLogs().logger });
  after(() => {
    app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers its reading pages with 503, never 500', async () => {
    for (const address of ['/forum/c/general', '/forum/t/1', '/forum/post/1']) await request(app.handle).get(address).expect(503);
  });
});

describe('the HTML of the forum’s reading and posting pages', () => {
  const site = forumSite();
  after(() => site.close());

  it('is valid (html-validate, recommended preset), with one h1 and headings in order, for readers, members and moderators', async () => {
    const author = await site.member('Kubat', 'trusted');
    const moderator = await site.member('Lira', 'moderator');
    const newcomer = await site.member('Mirlan');
    const body =
      '# A heading\n\nText with a [link](https://example.org) and ![a photo](https://example.org/x.png).\n\n| a | b |\n|:-|-:|\n| 1 | 2 |\n\n> quoted';
    const topic = await site.startTopic(author.id, { title: 'Every kind of post', body });
    const reply = await site.reply(moderator.id, topic.topicId, '## Moderator’s answer\n\nYes.');
    await site.reply(newcomer.id, topic.topicId, 'Held until approved.');
    const errors = await site.fill(author, '/forum/c/general/new', { title: 'x', body: '' });
    const pages: [string, string][] = [
      ['reader: category', (await request(site.app.handle).get('/forum/c/general')).text],
      ['reader: topic', (await request(site.app.handle).get(`/forum/t/${topic.topicId}`)).text],
      ['author: topic', (await author.get(`/forum/t/${topic.topicId}`)).text],
      ['moderator: topic', (await moderator.get(`/forum/t/${topic.topicId}`)).text],
      ['newcomer: topic', (await newcomer.get(`/forum/t/${topic.topicId}`)).text],
      ['new topic form', (await author.get('/forum/c/general/new')).text],
      ['new topic with errors', errors.text],
      ['reply with a quote', (await author.get(`/forum/t/${topic.topicId}/reply?quote=${reply}`)).text],
      ['edit', (await author.get(`/forum/post/${topic.postId}/edit`)).text],
      ['report', (await author.get(`/forum/post/${reply}/report`)).text],
    ];
    const validator = new HtmlValidate({ extends: ['html-validate:recommended'] });
    const failures: string[] = [];
    for (const [name, text] of pages) {
      const report = await validator.validateString(text, name);
      for (const result of report.results)
        for (const message of result.messages) failures.push(`${name}:${message.line}: ${message.ruleId} ${message.message}`);
      const levels = [...html(text).querySelectorAll('h1, h2, h3, h4, h5, h6')].map((heading) => Number(heading.tagName[1]));
      assert.equal(levels.filter((level) => level === 1).length, 1, name);
      levels.forEach((level, index) => {
        if (index > 0 && level > levels[index - 1]! + 1) failures.push(`${name}: h${levels[index - 1]} is followed by h${level}`);
      });
    }
    assert.deepEqual(failures, []);
  });
});

describe('readers’ copies of category and topic pages', () => {
  const site = forumSite();
  after(() => site.close());

  it('answers readers from a copy for a few seconds, with an ETag, and forgets it when a form changes the forum', async () => {
    const author = await site.member('Nurbek', 'trusted');
    const { topicId } = await site.startTopic(author.id, { title: 'Copies of pages', body: 'The first post.' });
    const first = await request(site.app.handle).get(`/forum/t/${topicId}`).expect(200);
    const etag = first.headers['etag'] as string;
    assert.match(etag, /^"[\w-]+"$/);
    assert.equal(first.headers['vary'], 'Cookie, Accept-Encoding');
    assert.equal(first.headers['cache-control'], 'max-age=60');
    assert.equal(first.headers['content-security-policy'], (await request(site.app.handle).get('/forum')).headers['content-security-policy']);
    await request(site.app.handle).get(`/forum/t/${topicId}`).set('If-None-Match', etag).expect(304);

    // Written behind the web pages' back (a second server, the command line): readers see it once the copy is old.
    await site.reply(author.id, topicId, 'A reply written elsewhere.');
    site.advance(-(3 * 60 * 1000 + 3000));
    assert.ok(!(await request(site.app.handle).get(`/forum/t/${topicId}`)).text.includes('A reply written elsewhere.'), 'the copy still serves');
    site.advance(10_000);
    assert.ok((await request(site.app.handle).get(`/forum/t/${topicId}`)).text.includes('A reply written elsewhere.'), 'a copy 10 s old is made again');

    // Through this server's own form: at once.
    await request(site.app.handle).get(`/forum/c/general`).expect(200);
    const sent = await site.fill(author, `/forum/t/${topicId}`, { body: 'A reply through the form.' }, `/forum/t/${topicId}/reply`);
    assert.equal(sent.status, 303);
    site.advance(-(3 * 60 * 1000));
    assert.ok((await request(site.app.handle).get(`/forum/t/${topicId}`)).text.includes('A reply through the form.'));
    assert.ok((await author.get(`/forum/t/${topicId}`)).text.includes('Signed in as'), 'a member never gets a reader’s copy');
  });

  it('dates a copy by what it shows, not by when it was made, so that two copies of the same page have one ETag', async () => {
    const author = await site.member('Chynara', 'trusted');
    const { topicId } = await site.startTopic(author.id, { title: 'An old topic', category: 'jobs-and-procurement' });
    const { forum } = await site.open();
    await forum.database.db.updateTable('topics').set({ changed_at: '2025-03-14T08:00:00.000Z' }).where('id', '=', topicId).execute();
    const dateModified = (text: string): unknown[] =>
      [...html(text).querySelectorAll('script[type="application/ld+json"]')].flatMap(
        (script) =>
          (JSON.parse(script.textContent ?? '{}') as { '@graph'?: { dateModified?: string }[] })['@graph']?.flatMap((node) => node.dateModified ?? []) ?? [],
      );
    for (const address of [`/forum/t/${topicId}`, '/forum/c/jobs-and-procurement']) {
      const first = await request(site.app.handle).get(address).expect(200);
      assert.deepEqual(dateModified(first.text), ['2025-03-14'], address);
      // A copy made again later (the first one old, and forgotten) is the same page, so it has the same validator.
      site.advance(READER_COPY_MS + 1000);
      const again = await request(site.app.handle).get(address).expect(200);
      assert.equal(again.headers['etag'], first.headers['etag'], address);
    }
  });

  it('keeps a copy only at the page’s own address: other spellings are redirected or refused, never served from it', async () => {
    const author = await site.member('Omurbek', 'trusted');
    const { topicId } = await site.startTopic(author.id, { title: 'One address per page' });
    await request(site.app.handle).get(`/forum/t/${topicId}`).expect(200);
    assert.equal((await request(site.app.handle).get(`/forum/t/${topicId}?page=1`).expect(301)).headers['location'], `/forum/t/${topicId}`);
    await request(site.app.handle).get(`/forum/t/${topicId}?page=2`).expect(404);
    const withNotice = await request(site.app.handle).get(`/forum/t/${topicId}?notice=held`).expect(200);
    assertAbsent(html(withNotice.text), '.notice');
  });
});
