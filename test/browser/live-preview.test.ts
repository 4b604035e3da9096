// Browser test: the development server shows a saved change, a content error overlay and its fix without a reload.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startServer, type ServerProcess } from '../../scripts/lib/server-process.js';
import { browserUnavailable, launchBrowser, type BrowserSession } from '../helpers/browser.js';
import { copyFixture } from '../helpers/test-app.js';

const skip = browserUnavailable();
/** Only turns a change the page never shows into a failure: under load a reload can take seconds, so no speed is assumed. */
const WATCH_BOUND_MS = 30_000;

describe('live preview in development', { skip }, () => {
  let session: BrowserSession;
  let fixture: ReturnType<typeof copyFixture>;
  let server: ServerProcess;

  before(async () => {
    fixture = copyFixture('small-site');
    // The server as `npm run dev` runs it: its own file watcher, reload and event stream, in a process of its own.
    server = await startServer({ source: true, readStdout: true, env: { NODE_ENV: 'development', CONTENT_DIR: fixture.dir, DATA_DIR: ':memory:' } });
    session = await launchBrowser();
  });

  after(async () => {
    await session?.close();
    await server?.stop();
    fixture?.cleanup();
  });

  it('shows a saved change, then a broken file as an overlay naming file and line, then the fix, with no reload pressed', async () => {
    const page = await session.browser.newPage();
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.goto(`${server.origin}/about`);
    // The page opens its event stream before we change anything.
    await page.waitForSelector('html[data-live-reload="connected"]', { timeout: WATCH_BOUND_MS });

    const write = (text: string): void => writeFileSync(path.join(fixture.dir, 'about.md'), text);
    // How fast a change shows is measured by `npm run scale` ("one changed file live"); a test only waits for it.
    write('---\ntitle: About, edited\ndescription: The about page after an editor saved a change to it.\nupdated: 2007-08-20\n---\n## Who we are\n');
    await page.waitForSelector('h1:text("About, edited")', { timeout: WATCH_BOUND_MS });

    write('---\ntitle: About\ndescription: About: a colon YAML cannot read\nupdated: 2007-08-20\n---\n');
    const overlay = await page.waitForSelector('[role="alert"][aria-label="Content errors"]', { timeout: WATCH_BOUND_MS });
    assert.match(
      (await overlay.textContent()) ?? '',
      /about\.md:3: the description contains ": ", which is read as the start of another field: put it in quotes/,
    );
    assert.equal(await page.textContent('h1'), 'About, edited');

    write('---\ntitle: About, fixed\ndescription: The about page after the editor fixed the broken front matter.\nupdated: 2007-08-21\n---\n## Who we are\n');
    await page.waitForSelector('h1:text("About, fixed")', { timeout: WATCH_BOUND_MS });
    // Counted: a failing assert.equal on an element handle prints its innards (15 KB of Playwright objects).
    assert.equal(await page.locator('[role="alert"][aria-label="Content errors"]').count(), 0, 'the overlay is gone');
    assert.deepEqual(errors, []);
    await page.close();
  });
});
