// HTTP tests: the forum's front page, privacy page, account pages and reset links; no cookie for readers; a database that fails.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import type { App } from '../../src/app.js';
import { APP_PATHS } from '../../src/app-paths.js';
import { formatProblem } from '../../src/content/problem.js';
import { PROJECT_PATHS } from '../../src/project-paths.js';
import { checkContent } from '../../src/publish/check-content.js';
import { RESERVED_SLUGS } from '../../src/content/forum-settings.js';
import type { ForumDatabase } from '../../src/db/database.js';
import { isoTime } from '../../src/db/values.js';
import { forumRoute } from '../../src/routes/forum/index.js';
import { captureLogs } from '../../scripts/lib/log-lines.js';
import { rawRequest } from '../helpers/raw-request.js';
import { GOOD_PASSWORD, hiddenFields, setCookies, Visitor } from '../helpers/forum-web.js';
import { addMember } from '../helpers/forum.js';
import { copyFixture, FIXTURES, html, testApp } from '../helpers/test-app.js';
import { xssProblems } from '../helpers/xss.js';

async function database(app: App): Promise<ForumDatabase> {
  const open = await app.forum.ready();
  assert.ok(open, 'the forum opened');
  return open.forum.database;
}

/** A topic with its posts straight into the tables, as the topic services will write them. */
async function addTopic(
  db: ForumDatabase,
  topic: {
    category: string;
    title: string;
    authorId: number;
    status?: 'visible' | 'held' | 'hidden';
    posts: { authorId: number; at: number; status?: 'visible' | 'held' }[];
  },
): Promise<void> {
  const first = topic.posts[0]!;
  const row = await db.db
    .insertInto('topics')
    .values({
      category_slug: topic.category,
      title: topic.title,
      author_id: topic.authorId,
      created_at: isoTime(first.at),
      last_post_at: isoTime(first.at),
      changed_at: isoTime(first.at),
      status: topic.status ?? 'visible',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  let visible = 0;
  for (const post of topic.posts) {
    const status = post.status ?? 'visible';
    const inserted = await db.db
      .insertInto('posts')
      .values({ topic_id: row.id, author_id: post.authorId, body: 'Text.', body_sha256: null, created_at: isoTime(post.at), edited_at: null, status })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (status !== 'visible') continue;
    visible += 1;
    await db.db
      .updateTable('topics')
      .set({ last_post_id: inserted.id, last_post_at: isoTime(post.at), post_count: visible })
      .where('id', '=', row.id)
      .execute();
  }
}

describe('the forum’s front page', () => {
  const app = testApp();
  after(() => app.close());

  it('lists the categories of content/forum.yml in order, with what belongs in each', async () => {
    const response = await request(app.handle).get('/forum').expect(200);
    const document = html(response.text);
    assert.equal(document.querySelector('main h1')?.textContent, 'Forum');
    assert.deepEqual(
      [...document.querySelectorAll('.forum-category__title')].map((title) => title.textContent),
      ['General questions about the UN in Kyrgyzstan', 'Millennium Development Goals', 'Jobs and procurement', 'Drug control and crime prevention'],
    );
    assert.match(document.querySelector('.forum-category__description')?.textContent ?? '', /UN agencies, funds and programmes/);
    assert.deepEqual(
      [...document.querySelectorAll('.breadcrumbs li')].map((item) => item.textContent),
      ['Home', 'Forum'],
    );
    assert.equal(document.querySelector('link[rel="canonical"]')?.getAttribute('href'), 'https://un.example.org/forum');
    assert.equal(document.querySelector('nav[aria-labelledby="footer-nav-name"] a[href="/forum"]')?.getAttribute('aria-current'), 'page');
  });

  it('gives a reader no cookie, and lets caches keep the page for a minute, apart from members’ (Vary: Cookie)', async () => {
    for (const path of ['/forum', '/forum/privacy']) {
      const response = await request(app.handle).get(path).expect(200);
      assert.equal(response.headers['set-cookie'], undefined, path);
      assert.equal(response.headers['cache-control'], 'max-age=60', path);
      assert.equal(response.headers['vary'], 'Cookie, Accept-Encoding', path);
    }
    await request(app.handle).head('/forum').expect(200);
  });

  it('sends its pages compressed as the browser accepts, as prepared pages are', async () => {
    for (const [accept, encoding] of [
      ['br, gzip', 'br'],
      ['gzip', 'gzip'],
      ['identity', undefined],
    ] as const) {
      const response = await rawRequest(app, '/forum/login', { headers: { 'Accept-Encoding': accept } });
      assert.equal(response.headers['content-encoding'], encoding, accept);
      assert.equal(Number(response.headers['content-length']), response.body.length, accept);
    }
  });

  it('counts visible topics and posts, and names the newest visible post, leaving out held and hidden ones', async () => {
    const db = await database(app);
    const aida = await addMember(db, 'Aida');
    const gone = await addMember(db, 'Gone');
    await db.db
      .updateTable('users')
      .set({ deleted_at: isoTime(Date.UTC(2026, 10, 1)), username: 'deleted member', username_key: '#deleted:x' })
      .where('id', '=', gone)
      .execute();
    const day = (date: number): number => Date.UTC(2026, 10, date, 12);
    await addTopic(db, {
      category: 'general',
      title: 'Where is UN House?',
      authorId: aida,
      posts: [
        { authorId: aida, at: day(2) },
        { authorId: gone, at: day(3) },
      ],
    });
    await addTopic(db, {
      category: 'general',
      title: 'Office hours',
      authorId: aida,
      posts: [
        { authorId: aida, at: day(4) },
        { authorId: aida, at: day(9), status: 'held' },
      ],
    });
    await addTopic(db, { category: 'general', title: 'Held topic', authorId: aida, status: 'held', posts: [{ authorId: aida, at: day(10), status: 'held' }] });
    await addTopic(db, { category: 'general', title: 'Hidden topic', authorId: aida, status: 'hidden', posts: [{ authorId: aida, at: day(11) }] });
    await addTopic(db, { category: 'jobs-and-procurement', title: 'Tender for printing', authorId: gone, posts: [{ authorId: gone, at: day(5) }] });

    const document = html((await request(app.handle).get('/forum').expect(200)).text);
    const categories = [...document.querySelectorAll('.forum-category')];
    const text = (index: number, selector: string): string => categories[index]?.querySelector(selector)?.textContent ?? '';
    assert.equal(text(0, '.forum-category__counts'), '2 topics · 3 posts');
    assert.equal(text(0, '.forum-category__latest'), 'Latest post: “Office hours” by Aida, 4 November 2026');
    assert.equal(categories[0]?.querySelector('time')?.getAttribute('datetime'), '2026-11-04');
    assert.equal(text(1, '.forum-category__counts'), '0 topics · 0 posts');
    assert.equal(text(1, '.forum-category__latest'), 'No posts yet');
    assert.equal(text(2, '.forum-category__counts'), '1 topic · 1 post');
    assert.equal(text(2, '.forum-category__latest'), 'Latest post: “Tender for printing” by deleted member, 5 November 2026');
  });

  it('shows a member who they are, and then keeps the page out of shared caches', async () => {
    const member = new Visitor(app);
    await member.register('Nurlan');
    const response = await member.get('/forum');
    assert.equal(response.headers['cache-control'], 'private, no-store');
    assert.equal(html(response.text).querySelector('.forum-bar__who strong')?.textContent, 'Nurlan');
  });

  it('answers other methods with 405 and what the address allows', async () => {
    const put = await request(app.handle).put('/forum').expect(405);
    assert.equal(put.headers['allow'], 'GET, HEAD');
    const remove = await request(app.handle).delete('/forum/login').expect(405);
    assert.equal(remove.headers['allow'], 'GET, HEAD, POST');
  });

  it('keeps every address of its own pages out of the slugs categories may take', () => {
    // Every language's forum has the same pages below its own base (/forum, /ru/forum).
    const bases = forumRoute.prefixes ?? [];
    const own = forumRoute.paths
      .filter((path) => !bases.includes(path))
      .map((path) => path.slice(bases.find((base) => path.startsWith(`${base}/`))!.length + 1).split('/')[0]!);
    assert.deepEqual(
      own.filter((name) => !RESERVED_SLUGS.includes(name)),
      [],
    );
  });
});

describe('the forum’s old addresses (aliases in content/forum.yml)', () => {
  let fixture: ReturnType<typeof copyFixture>;
  let app: App;
  before(() => {
    fixture = copyFixture('small-site');
    writeFileSync(
      path.join(fixture.dir, 'forum.yml'),
      [
        'aliases:',
        '  - /english/forum.phtml',
        '  - /english/forum.phtml?id=3',
        'categories:',
        '  - slug: general',
        '    title: General',
        '    description: Questions about the UN in Kyrgyzstan.',
        '',
      ].join('\n'),
    );
    app = testApp({ CONTENT_DIR: fixture.dir });
  });
  after(() => {
    app.close();
    fixture.cleanup();
  });

  it('redirect permanently to /forum, query and all', async () => {
    for (const old of ['/english/forum.phtml', '/english/forum.phtml?id=3']) {
      const response = await request(app.handle).get(old).expect(301);
      assert.equal(response.headers['location'], '/forum', old);
    }
  });
});

describe('categories edited while the site runs', () => {
  let fixture: ReturnType<typeof copyFixture>;
  let app: App;
  const category = (slug: string, title: string): string =>
    `  - slug: ${slug}\n    title: ${title}\n    description: A category of the fixture site, for the test.\n`;
  before(() => {
    fixture = copyFixture('small-site');
    writeFileSync(path.join(fixture.dir, 'forum.yml'), `categories:\n${category('general', 'General')}`);
    app = testApp({ CONTENT_DIR: fixture.dir });
  });
  after(() => {
    app.close();
    fixture.cleanup();
  });
  const titles = async (): Promise<string[]> =>
    [...html((await request(app.handle).get('/forum').expect(200)).text).querySelectorAll('.forum-category__title')].map((title) => title.textContent ?? '');

  it('shows a saved change at once, and keeps the last good categories while the file is broken, which npm run check reports by line', async () => {
    assert.deepEqual(await titles(), ['General']);
    writeFileSync(path.join(fixture.dir, 'forum.yml'), `categories:\n${category('general', 'General')}${category('jobs', 'Jobs')}`);
    app.publisher.reload(['forum.yml']);
    assert.deepEqual(await titles(), ['General', 'Jobs']);
    writeFileSync(path.join(fixture.dir, 'forum.yml'), `categories:\n${category('general', 'General')}${category('general', 'Twice')}`);
    app.publisher.reload(['forum.yml']);
    assert.deepEqual(await titles(), ['General', 'Jobs']);
    const problems = checkContent(fixture.dir, PROJECT_PATHS.public, APP_PATHS).map((problem) => formatProblem(problem));
    assert.ok(
      problems.some((line) => line.startsWith('forum.yml:5: the slug of the 2nd item of categories is "general"')),
      problems.join('\n'),
    );
  });
});

describe('the privacy page', () => {
  const app = testApp();
  after(() => app.close());

  it('says what the forum keeps, the two cookies and for how long, and that readers get none', async () => {
    const text = html((await request(app.handle).get('/forum/privacy').expect(200)).text).querySelector('main')?.textContent ?? '';
    for (const expected of [
      'Reading the forum sets no cookie',
      '__Host-session, only while you are logged in',
      'after 2 hours without use, 12 hours after you logged in at the latest',
      '__Host-presession, only when you open the form',
      'expires after 2 hours',
      'a key that changes every day (UTC)',
      'after 2 days at most',
      'works once, for 24 hours',
      'shown as written by “deleted member”',
    ]) {
      assert.ok(text.includes(expected), `the privacy page says: ${expected}`);
    }
  });

  it('is linked from every forum form', async () => {
    const member = new Visitor(app);
    await member.register('Omurbek');
    const reader = new Visitor(app);
    const pages: [Visitor, string][] = [
      [reader, '/forum/login'],
      [reader, '/forum/register'],
      [member, '/forum/logout'],
      [member, '/forum/account/password'],
      [member, '/forum/account/delete'],
    ];
    for (const [visitor, path] of pages) {
      const document = html((await visitor.get(path)).text);
      const forms = [...document.querySelectorAll('main form.forum-form')];
      assert.ok(forms.length > 0, path);
      for (const form of forms) assert.ok(form.querySelector('a[href="/forum/privacy"]'), `${path} links the privacy page`);
    }
  });
});

describe('page views of the forum', () => {
  const app = testApp({ STATS: 'on' });
  after(() => app.close());

  it('counts the public pages like any other, and never a form or a member’s own page', async () => {
    const member = new Visitor(app);
    await member.register('Perizat');
    const browser = { 'User-Agent': 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36' };
    for (const path of ['/forum', '/forum/privacy', '/forum/login', '/forum/register', '/forum/reset?token=x'])
      await request(app.handle).get(path).set(browser);
    for (const path of ['/forum', '/forum/account', '/forum/account/password', '/forum/logout']) await member.get(path, browser);
    const pages = new Map((await app.counter?.summary())?.topPages.map((row) => [row.name, row.views]));
    assert.equal(pages.get('/forum'), 2);
    assert.equal(pages.get('/forum/privacy'), 1);
    assert.deepEqual(
      [...pages.keys()].filter((page) => page.startsWith('/forum/') && page !== '/forum/privacy'),
      [],
    );
  });
});

describe('a member’s own account', () => {
  const app = testApp({ TRUST_PROXY: 'on' });
  after(() => app.close());

  it('sends anyone else to log in first, and back afterwards', async () => {
    for (const path of ['/forum/account', '/forum/account/password', '/forum/account/delete']) {
      const response = await new Visitor(app).get(path);
      assert.equal(response.status, 303, path);
      assert.equal(response.headers['location'], `/forum/login?next=${encodeURIComponent(path)}`);
    }
  });

  it('changes the password: the old one stops working, every other session ends, and this one gets a new token', async () => {
    const member = new Visitor(app);
    await member.register('Rustam');
    const elsewhere = new Visitor(app);
    await elsewhere.login('Rustam');
    const before = member.sessionToken;
    const wrong = await member.submit('/forum/account/password', {
      'current-password': 'not my password at all',
      password: 'a whole new passphrase',
      'password-confirm': 'a whole new passphrase',
    });
    assert.equal(wrong.status, 422);
    assert.match(wrong.text, /Your current password is not right/);
    const changed = await member.submit('/forum/account/password', {
      'current-password': GOOD_PASSWORD,
      password: 'a whole new passphrase',
      'password-confirm': 'a whole new passphrase',
    });
    assert.equal(changed.status, 303);
    assert.equal(changed.headers['location'], '/forum/account?password=changed');
    assert.ok(member.sessionToken && member.sessionToken !== before);
    assert.match((await member.get('/forum/account?password=changed')).text, /Your password has been changed/);
    assert.equal((await elsewhere.get('/forum/account')).status, 303, 'the other session ended');
    const stale = new Visitor(app);
    stale.cookies.set('__Host-session', before!);
    assert.equal((await stale.get('/forum/account')).status, 303, 'the old token ended');
    assert.equal((await new Visitor(app).login('Rustam')).status, 422);
    assert.equal((await new Visitor(app).login('Rustam', 'a whole new passphrase')).status, 303);
  });

  it('explains what deleting keeps and why, then deletes after the password, freeing the name and keeping the posts', async () => {
    const member = new Visitor(app);
    await member.register('Saltanat');
    const page = html((await member.get('/forum/account/delete')).text).querySelector('main')?.textContent ?? '';
    assert.match(page, /Your topics and replies stay on the forum, shown as written by “deleted member”/);
    assert.match(page, /other members’ replies quote and answer them/);
    assert.match(page, /This cannot be undone\./);
    const wrong = await member.submit('/forum/account/delete', { password: 'not my password at all' });
    assert.equal(wrong.status, 422);
    assert.match(wrong.text, /The password is not right/);
    const deleted = await member.submit('/forum/account/delete', { password: GOOD_PASSWORD });
    assert.equal(deleted.status, 303);
    assert.equal(deleted.headers['location'], '/forum/account/deleted');
    assert.equal(member.sessionToken, undefined);
    assert.match((await member.get('/forum/account/deleted')).text, /Your account has been deleted/);
    assert.equal((await new Visitor(app).login('Saltanat')).status, 422);
    assert.equal((await new Visitor(app).register('Saltanat')).status, 303, 'the name is free again');
  });
});

describe('a reset link a moderator issued', () => {
  const app = testApp({ TRUST_PROXY: 'on' });
  after(() => app.close());

  it('lets the member choose a new password once, with no referrer sent from the page', async () => {
    const db = await database(app);
    const open = (await app.forum.ready())!;
    const moderator = await addMember(db, 'Moderator1', 'moderator');
    const member = await addMember(db, 'Temir');
    const issued = await open.forum.resets.issue(moderator, member);
    assert.equal(issued.status, 'issued');
    const link = `/forum/reset?token=${issued.status === 'issued' ? issued.token : ''}`;

    const visitor = new Visitor(app);
    const form = await visitor.get(link);
    assert.equal(form.status, 200);
    assert.equal(form.headers['referrer-policy'], 'no-referrer');
    assert.match(html(form.text).querySelector('main')?.textContent ?? '', /This link lets Temir choose a new password/);
    const mismatch = await visitor.post('/forum/reset', {
      ...hiddenFields(form.text, '/forum/reset'),
      password: 'a fresh passphrase here',
      'password-confirm': 'other',
    });
    assert.equal(mismatch.status, 422);
    assert.equal(mismatch.headers['referrer-policy'], 'no-referrer');
    const done = await visitor.post('/forum/reset', {
      ...hiddenFields(form.text, '/forum/reset'),
      password: 'a fresh passphrase here',
      'password-confirm': 'a fresh passphrase here',
    });
    assert.equal(done.status, 303);
    assert.equal(done.headers['location'], '/forum/login?reset=done');
    assert.match((await visitor.get('/forum/login?reset=done')).text, /Your password has been changed/);
    assert.equal((await new Visitor(app).login('Temir', 'a fresh passphrase here')).status, 303);

    const again = await new Visitor(app).get(link);
    assert.equal(again.status, 410);
    assert.match(again.text, /This link no longer works/);
  });
});

describe('a forum whose database cannot be opened', () => {
  let dir: string;
  let app: App;
  const { logger, lines } = captureLogs();
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'un-kg-forum-down-'));
    // DATA_DIR names a file, so no database can be made in it: statistics pause and the forum cannot open.
    writeFileSync(path.join(dir, 'not-a-folder'), '');
    app = testApp({ DATA_DIR: path.join(dir, 'not-a-folder') }, { logger });
  });
  after(() => {
    app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps serving pages, shows the categories under a notice with 503, and refuses forms with a 503 page', async () => {
    await request(app.handle).get('/country-info').expect(200);
    const home = await request(app.handle).get('/forum').expect(503);
    assert.equal(home.headers['retry-after'], '60');
    const document = html(home.text);
    assert.equal(document.querySelectorAll('.forum-category').length, 4);
    assert.match(document.querySelector('main .notice')?.textContent ?? '', /The forum is unavailable at the moment/);
    await request(app.handle).get('/forum/privacy').expect(200);
    const login = await request(app.handle).get('/forum/login').expect(503);
    assert.match(login.text, /The forum is unavailable/);
    const post = await request(app.handle).post('/forum/register').type('form').send({ username: 'Someone' }).expect(503);
    assert.match(post.text, /nothing was changed/);
    assert.equal(setCookies(post).length, 0);
  });

  it('logs the failure once, not once per request', async () => {
    for (let index = 0; index < 3; index += 1) await request(app.handle).get('/forum/login').expect(503);
    const failures = lines.atLevel('error').filter((line) => /forum's database cannot be opened/.test(String(line['message'])));
    assert.equal(failures.length, 1, lines.text());
  });
});

/** Every line of every XSS fixture (test/fixtures/xss/) that is not blank: each one a username someone could type. */
const HOSTILE_NAMES = readdirSync(path.join(FIXTURES, 'xss'))
  .filter((file) => file.endsWith('.md'))
  .sort()
  .flatMap((file) => readFileSync(path.join(FIXTURES, 'xss', file), 'utf8').split('\n'))
  .map((line) => line.trim())
  .filter((line) => line !== '');

/** What in a page's main could run, forms aside (the page's own are counted instead): test/helpers/xss.ts. */
function inert(main: Element, forms: number, label: string): void {
  assert.deepEqual(xssProblems(main, { allowElements: ['form'] }), [], label);
  assert.equal(main.querySelectorAll('form').length, forms, `${label}: a form was injected`);
}

describe('usernames written to attack the page (the XSS fixtures)', () => {
  const app = testApp({ TRUST_PROXY: 'on' });
  after(() => app.close());

  it('are refused at registration and shown back as text, exactly as typed', async () => {
    assert.ok(HOSTILE_NAMES.length > 100, `only ${HOSTILE_NAMES.length} lines`);
    const visitor = new Visitor(app);
    const hidden = hiddenFields((await visitor.get('/forum/register')).text, '/forum/register');
    for (const name of HOSTILE_NAMES) {
      const response = await visitor.post('/forum/register', { ...hidden, username: name, password: GOOD_PASSWORD, 'password-confirm': GOOD_PASSWORD });
      assert.equal(response.status, 422, name);
      const main = html(response.text).querySelector('main')!;
      inert(main, 1, name);
      assert.equal(main.querySelector('#username')?.getAttribute('value'), name);
    }
  });

  it('render inert wherever the forum shows a name or a topic title, even stored without the checks', async () => {
    const db = await database(app);
    const open = (await app.forum.ready())!;
    for (const [index, name] of HOSTILE_NAMES.entries()) {
      const row = await db.db
        .insertInto('users')
        .values({
          username: name,
          username_key: `#hostile-${index}`,
          email: null,
          password_hash: null,
          created_at: isoTime(Date.now()),
          suspended_until: null,
          deleted_at: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await addTopic(db, { category: 'general', title: name, authorId: row.id, posts: [{ authorId: row.id, at: Date.UTC(2026, 10, 20) + index }] });
      const visitor = new Visitor(app);
      visitor.cookies.set('__Host-session', (await open.forum.sessions.start(row.id)).token);
      for (const [address, forms] of [
        ['/forum', 1],
        ['/forum/account', 1],
      ] as const) {
        const main = html((await visitor.get(address)).text).querySelector('main')!;
        inert(main, forms, `${address} with ${name}`);
        assert.equal(main.querySelector('.forum-bar__who strong')?.textContent, name);
      }
      const front = html((await request(app.handle).get('/forum')).text).querySelector('main')!;
      assert.equal(front.querySelector('.forum-category__latest')?.textContent, `Latest post: “${name}” by ${name}, 20 November 2026`);
    }
  });
});
