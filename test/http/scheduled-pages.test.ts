// Pages that publish and expire by themselves (publish:, expires:), a page that puts itself in a menu (menu:),
// and the review date the check warns about; time is a mocked clock, never waited for.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import request from 'supertest';
import { APP_PATHS } from '../../src/app-paths.js';
import { PROJECT_PATHS } from '../../src/project-paths.js';
import { BodyPool } from '../../src/publish/body-pool.js';
import { checkContent } from '../../src/publish/check-content.js';
import { freshFixture, testApp } from '../helpers/test-app.js';

// 2026-11-27 12:00 in Bishkek (UTC+6).
const NOW = Date.parse('2026-11-27T06:00:00Z');
const HOUR = 3_600_000;

const page = (title: string, extra: string): string =>
  `---\ntitle: ${title}\ndescription: A page that appears or goes by itself, on the day its front matter names.\nupdated: 2026-11-27\n${extra}---\nText.\n`;

describe('scheduled pages', () => {
  const fixture = freshFixture('small-site');
  beforeEach(() => mock.timers.enable({ apis: ['setTimeout', 'Date'], now: NOW }));
  afterEach(() => mock.timers.reset());
  const write = (file: string, text: string): void => writeFileSync(path.join(fixture.dir, file), text);

  it('keeps a page with a future publish: day out of everything until that day begins in Bishkek, then shows it by itself', async () => {
    write('section/tomorrow.md', page('Tomorrow', 'publish: 2026-11-28\n'));
    const app = testApp({ CONTENT_DIR: fixture.dir });
    await request(app.handle).get('/section/tomorrow').expect(404);
    assert.doesNotMatch((await request(app.handle).get('/sitemap-pages.xml')).text, /tomorrow/);
    assert.doesNotMatch((await request(app.handle).get('/section')).text, /Tomorrow/);
    // 2026-11-28 begins in Bishkek at 18:00 UTC on the 27th: 12 hours after NOW.
    mock.timers.tick(12 * HOUR - 1);
    await request(app.handle).get('/section/tomorrow').expect(404);
    mock.timers.tick(1);
    await app.publisher.idle();
    await request(app.handle).get('/section/tomorrow').expect(200);
    assert.match((await request(app.handle).get('/sitemap-pages.xml')).text, /section\/tomorrow/);
    assert.match((await request(app.handle).get('/section')).text, /Tomorrow/);
    app.close();
  });

  it('takes a page down with 410 Gone when its expires: day begins', async () => {
    write('section/offer.md', page('An offer', 'expires: 2026-11-28\n'));
    const app = testApp({ CONTENT_DIR: fixture.dir });
    await request(app.handle).get('/section/offer').expect(200);
    mock.timers.tick(12 * HOUR);
    await app.publisher.idle();
    const gone = await request(app.handle).get('/section/offer').expect(410);
    assert.match(gone.text, /available until 28 November 2026/);
    app.close();
  });

  it('renders the bodies of held changes on the rendering threads when it tries them again at that moment', async () => {
    write('section/tomorrow.md', page('Tomorrow', 'publish: 2026-11-28\n'));
    const pool = new BodyPool({ threads: 1 });
    const sent: string[] = [];
    const render = pool.render.bind(pool);
    pool.render = (job) => {
      sent.push(job.file);
      return render(job);
    };
    const app = testApp({ CONTENT_DIR: fixture.dir }, { bodyPool: pool });
    await app.publisher.snapshot().ready;
    // Held back (it breaks the home page's link to #who-we-are), and long enough that reading it renders it to count
    // its links: on this thread, unless its thread rendered it first.
    write('about.md', page('About, without its heading', '').replace('Text.', `Text.\n${'\nA line.\n'.repeat(600)}`));
    assert.deepEqual(await app.publisher.publishChanges(['about.md']), ['held']);
    sent.length = 0;
    mock.timers.tick(12 * HOUR);
    await app.publisher.idle();
    await request(app.handle).get('/section/tomorrow').expect(200);
    assert.deepEqual(sent, ['about.md']);
    app.close();
  });

  it('puts a page with menu: in that menu row, after navigation.yml items', async () => {
    write('contacts.md', page('Contacts', 'menu:\n  row: footer\n  title: Contact us\n'));
    const app = testApp({ CONTENT_DIR: fixture.dir });
    const home = await request(app.handle).get('/').expect(200);
    assert.match(home.text, /<a href="\/contacts"[^>]*>Contact us<\/a>/);
    app.close();
  });
});

describe('review dates', () => {
  const fixture = freshFixture('small-site');
  it('warns in npm run check for a page whose review: day has passed, and not for one still ahead', () => {
    writeFileSync(path.join(fixture.dir, 'about.md'), page('About', 'review: 2020-01-31\n'));
    writeFileSync(path.join(fixture.dir, 'section/child.md'), page('Child', 'review: 2999-01-31\n'));
    const problems = checkContent(fixture.dir, PROJECT_PATHS.public, APP_PATHS).filter((problem) => /review date/.test(problem.message));
    assert.deepEqual(
      problems.map((problem) => `${problem.file}:${problem.line}: ${problem.severity}`),
      ['about.md:5: warning'],
    );
  });
});
