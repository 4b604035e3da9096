// Unit tests for the posts' Markdown: no raw HTML, no script links, members' links marked, images as links, headings under the post's.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { parseHTML } from 'linkedom';
import { POST_LINK_REL, renderPostHtml } from '../../src/render/post-html.js';
import { assertAbsent } from '../helpers/assert-absent.js';
import { FIXTURES } from '../helpers/test-app.js';
import { xssProblems } from '../helpers/xss.js';

const dom = (markdown: string): Document => parseHTML(`<!DOCTYPE html><html><body>${renderPostHtml(markdown)}</body></html>`).document;

describe('renderPostHtml', () => {
  it('shows raw HTML as text', () => {
    const document = dom('Hello <script>alert(1)</script> <b onmouseover="x()">bold</b>');
    assertAbsent(document, 'script, b');
    assert.equal(document.querySelector('p')?.textContent, 'Hello <script>alert(1)</script> <b onmouseover="x()">bold</b>');
  });

  it('refuses javascript:, vbscript: and data: links, however they are spelt', () => {
    const document = dom(
      '[a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) [c](java&#x09;script:x) [d](vbscript:x) [e](data:text/html,x) <javascript:alert(1)>',
    );
    assert.equal(document.querySelectorAll('a').length, 0);
  });

  it('marks links that leave the site nofollow ugc noopener noreferrer, and leaves the site’s own alone', () => {
    const document = dom('[UNDP](https://www.undp.org/) and [the profile](/un-in-kyrgyzstan) and [proto](//evil.example/x)');
    assert.equal(document.querySelector('a[href="https://www.undp.org/"]')?.getAttribute('rel'), POST_LINK_REL);
    assert.equal(document.querySelector('a[href="//evil.example/x"]')?.getAttribute('rel'), POST_LINK_REL);
    assert.equal(document.querySelector('a[href="/un-in-kyrgyzstan"]')?.hasAttribute('rel'), false);
    assert.deepEqual(POST_LINK_REL.split(' '), ['nofollow', 'ugc', 'noopener', 'noreferrer']);
  });

  it('links addresses with a scheme, and leaves the rest as text', () => {
    const document = dom('See https://un.org.kg/page and www.unodc.org, not un.org.kg.');
    assert.deepEqual(
      [...document.querySelectorAll('a')].map((link) => [link.getAttribute('href'), link.getAttribute('rel')]),
      [['https://un.org.kg/page', POST_LINK_REL]],
    );
  });

  it('shows an image as a link to it, so no image from elsewhere loads in the page', () => {
    const document = dom('![A map of Osh](https://tracker.example/pixel.png)');
    assertAbsent(document, 'img');
    const link = document.querySelector('a');
    assert.equal(link?.getAttribute('href'), 'https://tracker.example/pixel.png');
    assert.equal(link?.textContent, 'Image: A map of Osh');
    assert.equal(link?.getAttribute('rel'), POST_LINK_REL);
  });

  it('puts the post’s headings from h3 on, in the order of the levels used, without ids', () => {
    const document = dom('## First\n\n#### Deeper\n\n## Second');
    assert.deepEqual(
      [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((heading) => `${heading.tagName.toLowerCase()} ${heading.textContent}`),
      ['h3 First', 'h4 Deeper', 'h3 Second'],
    );
    assertAbsent(document, '[id]');
  });

  it('aligns table columns with classes, not the style attribute the CSP would block', () => {
    const document = dom('| a | b |\n|:-:|--:|\n| 1 | 2 |');
    assertAbsent(document, '[style]');
    assert.equal(document.querySelector('td.align-right')?.textContent, '2');
  });

  it('renders every XSS fixture inert', () => {
    const dir = path.join(FIXTURES, 'xss');
    const problems = readdirSync(dir)
      .filter((file) => file.endsWith('.md'))
      .flatMap((file) => xssProblems(dom(readFileSync(path.join(dir, file), 'utf8'))).map((problem) => `${file}: ${problem}`));
    assert.deepEqual(problems, []);
  });
});
