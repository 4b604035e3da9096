// Unit tests for the XSS check itself, and for rendering every XSS fixture without anything that runs.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { renderMarkdown } from '../../src/content/markdown.js';
import { FIXTURES, html } from '../helpers/test-app.js';
import { xssProblems } from '../helpers/xss.js';

// Each fixture under test/fixtures/xss is a page body an attacker (or a careless paste) could give an editor.
const XSS_DIR = path.join(FIXTURES, 'xss');
const fixtures = readdirSync(XSS_DIR)
  .filter((file) => file.endsWith('.md'))
  .sort();

describe('the XSS check itself', () => {
  it('finds every kind of dangerous markup it looks for', () => {
    const hostile = [
      '<script>alert(1)</script>',
      '<svg></svg>',
      '<iframe></iframe>',
      '<object></object>',
      '<embed>',
      '<style></style>',
      '<img src="/x.png" onerror="alert(1)">',
      '<td style="text-align:right">',
      '<a href="java&#x09;script:alert(1)">x</a>',
      '<a href="%6Aavascript:alert(1)">x</a>',
      '<a href="java%2509script:alert(1)%E0">x</a>',
      '<img src=" data:image/svg+xml,x">',
      '<a href="VBScript:x">x</a>',
      '<a href="https://evil.example/">x</a>',
      '<a href="//evil.example/" rel="noopener">x</a>',
    ].join('\n');
    const problems = xssProblems(html(`<!DOCTYPE html><html><body>${hostile}</body></html>`));
    for (const expected of [
      '<script>',
      '<svg>',
      '<iframe>',
      '<object>',
      '<embed>',
      '<style>',
      'onerror=',
      'style= on <td>',
      'javascript: in href "java\\tscript:alert(1)"',
      'javascript: in href "%6Aavascript:alert(1)"',
      'javascript: in href "java%2509script:alert(1)%E0"',
      'data: in src " data:image/svg+xml,x"',
      'vbscript: in href "VBScript:x"',
      'external link https://evil.example/ without rel="noopener noreferrer"',
      'external link //evil.example/ without rel="noopener noreferrer"',
    ]) {
      assert.ok(
        problems.some((problem) => problem.includes(expected)),
        `expected a problem with ${expected} among ${JSON.stringify(problems, null, 1)}`,
      );
    }
  });

  it('passes safe markup', () => {
    assert.deepEqual(
      xssProblems(
        html(
          '<!DOCTYPE html><html><body><a href="/mdg">in</a> ' +
            '<a href="https://www.un.org/" rel="noopener noreferrer">out</a> <img src="/x.png" alt="x"></body></html>',
        ),
      ),
      [],
    );
  });
});

describe('rendering the XSS fixtures', () => {
  it('has the fixture set the issue asks for', () => {
    for (const name of [
      'script-tags.md',
      'event-handlers.md',
      'javascript-links.md',
      'vbscript-and-data-links.md',
      'svg-payloads.md',
      'entity-tricks.md',
      'external-links.md',
      'inline-styles.md',
    ])
      assert.ok(fixtures.includes(name), name);
  });

  for (const file of fixtures) {
    it(`renders ${file} with no script, no handler and no dangerous URL`, () => {
      const { html: output } = renderMarkdown(readFileSync(path.join(XSS_DIR, file), 'utf8'));
      assert.deepEqual(xssProblems(html(`<!DOCTYPE html><html><body><main>${output}</main></body></html>`)), [], `${file} rendered as:\n${output}`);
    });
  }

  it('keeps a refused link as visible text, so an editor sees it did not work', () => {
    const { html: output } = renderMarkdown('[plain](javascript:alert(1))');
    assert.match(output, /\[plain\]\(javascript:alert\(1\)\)/);
  });

  it('writes table alignment as a class, because the CSP blocks inline style', () => {
    const document = html(`<!DOCTYPE html><html><body>${renderMarkdown('| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |\n').html}</body></html>`);
    assert.deepEqual(
      [...document.querySelectorAll('td')].map((cell) => cell.getAttribute('class')),
      ['align-left', 'align-center', 'align-right'],
    );
  });

  it('still links safe URLs that only look unusual', () => {
    const { html: output } = renderMarkdown('[a](/search?q=javascript%3A) [b](https://www.un.org/data) [c](/data:x)');
    const document = html(output);
    assert.deepEqual(
      [...document.querySelectorAll('a')].map((a) => a.getAttribute('href')),
      ['/search?q=javascript%3A', 'https://www.un.org/data', '/data:x'],
    );
  });
});
