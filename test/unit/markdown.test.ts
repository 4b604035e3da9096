// Unit tests for renderMarkdown: heading ids, escaped HTML, refused script links, external links and images.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderMarkdown, slugify } from '../../src/content/markdown.js';

describe('renderMarkdown', () => {
  it('gives headings ids from their text', () => {
    const result = renderMarkdown('## The “Mini” Dublin Groups\n\n### Osh-Knot\n');
    assert.deepEqual(
      result.headings.map((heading) => heading.id),
      ['the-mini-dublin-groups', 'osh-knot'],
    );
  });

  it('keeps Cyrillic letters in heading ids', () => {
    assert.equal(slugify('Организация Объединённых Наций'), 'организация-объединённых-наций');
  });

  it('escapes raw HTML instead of passing it through', () => {
    const result = renderMarkdown('<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>');
    assert.doesNotMatch(result.html, /<script|<img/);
    assert.match(result.html, /&lt;script&gt;/);
  });

  it('refuses javascript:, vbscript: and data: links', () => {
    for (const href of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      'vbscript:msgbox',
      'data:text/html;base64,PHNjcmlwdD4=',
      'java&#x09;script:alert(1)',
      '&#106;avascript:alert(1)',
    ]) {
      const result = renderMarkdown(`[x](${href})`);
      assert.doesNotMatch(result.html, /<a /, href);
    }
  });

  it('marks external links noopener noreferrer and leaves internal ones alone', () => {
    const result = renderMarkdown('[out](https://www.unodc.org/) and [in](/mdg)');
    assert.match(result.html, /<a href="https:\/\/www.unodc.org\/" rel="noopener noreferrer">out<\/a>/);
    assert.match(result.html, /<a href="\/mdg">in<\/a>/);
  });

  it('collects images with their alt text and line', () => {
    const result = renderMarkdown('Text\n\n![A map of Osh](/images/osh.png)\n');
    assert.deepEqual(result.images, [{ src: '/images/osh.png', alt: 'A map of Osh', line: 3 }]);
  });

  it('does not turn bare domains into links', () => {
    assert.doesNotMatch(renderMarkdown('Visit un.org.kg today').html, /<a /);
  });
});
