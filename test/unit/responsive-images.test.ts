// Image markup: a page body's images pointed at fingerprinted files, sized, and given variants; which widths are made.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderMarkdown } from '../../src/content/markdown.js';
import { urlPathOf } from '../../src/http/assets.js';
import { variantWidths } from '../../src/images/image-variants.js';
import { IMAGE_SIZES, sizeImages, type ImageInfo } from '../../src/render/responsive-images.js';

const OSH: ImageInfo = {
  src: '/assets/images/osh.0123456789.jpg',
  size: { width: 2400, height: 1600 },
  sources: [
    { type: 'image/avif', srcset: '/a/osh.320.avif 320w, /a/osh.640.avif 640w' },
    { type: 'image/webp', srcset: '/a/osh.320.webp 320w, /a/osh.640.webp 640w' },
  ],
};
const lookup = (path: string): ImageInfo | undefined => (path === '/images/osh.jpg' ? OSH : undefined);

describe('sizeImages', () => {
  it('writes a photo of public/ as a <picture> with a source per format, and the fingerprinted file with its size', () => {
    const body = renderMarkdown('![The office in Osh](/images/osh.jpg)').html;
    assert.equal(
      sizeImages(body, '/news/item', lookup),
      '<p><picture>' +
        `<source type="image/avif" srcset="/a/osh.320.avif 320w, /a/osh.640.avif 640w" sizes="${IMAGE_SIZES}">` +
        `<source type="image/webp" srcset="/a/osh.320.webp 320w, /a/osh.640.webp 640w" sizes="${IMAGE_SIZES}">` +
        '<img src="/assets/images/osh.0123456789.jpg" alt="The office in Osh" width="2400" height="1600"></picture></p>\n',
    );
  });

  it('finds an image written relative to the page, and keeps its title and escaped alt text', () => {
    const body = renderMarkdown('![Osh & "Bishkek"](../images/osh.jpg "The front door")').html;
    const sized = sizeImages(body, '/news/item', lookup);
    assert.match(sized, /<img src="\/assets\/images\/osh\.0123456789\.jpg" alt="Osh &amp; &quot;Bishkek&quot;" title="The front door" width="2400"/);
  });

  it('leaves images off the site and files that public/ does not have as written', () => {
    const body = renderMarkdown('![Elsewhere](https://example.org/osh.jpg) ![Missing](/images/missing.jpg)').html;
    assert.equal(sizeImages(body, '/', lookup), body);
  });

  it('gives an image without variants (an SVG, or a photo not yet resized) no <picture>', () => {
    const svg: ImageInfo = { src: '/assets/images/map.abc.svg', size: undefined, sources: [] };
    const body = renderMarkdown('![Map of Kyrgyzstan](/images/map.svg)').html;
    assert.equal(
      sizeImages(body, '/', () => svg),
      '<p><img src="/assets/images/map.abc.svg" alt="Map of Kyrgyzstan"></p>\n',
    );
  });

  it('never touches text that only shows an img tag, since Markdown escapes it', () => {
    const body = renderMarkdown('`<img src="/images/osh.jpg" alt="x">` and <img src="/images/osh.jpg" alt="x">').html;
    assert.equal(sizeImages(body, '/', lookup), body);
  });
});

describe('variantWidths', () => {
  it('makes every standard width up to 1280 px of a large photo, and nothing wider', () => {
    assert.deepEqual(variantWidths(2400), [320, 640, 960, 1280]);
  });

  it('makes a small photo at its own width too, never enlarged', () => {
    assert.deepEqual(variantWidths(500), [320, 500]);
    assert.deepEqual(variantWidths(640), [320, 640]);
    assert.deepEqual(variantWidths(200), [200]);
  });
});

describe('urlPathOf', () => {
  it('percent-encodes a file name as a browser sends it, so "Annual Report 2006.pdf" is found', () => {
    assert.equal(urlPathOf('docs/Annual Report 2006.pdf'), '/docs/Annual%20Report%202006.pdf');
    assert.equal(urlPathOf('docs/отчёт #1?.pdf'), '/docs/%D0%BE%D1%82%D1%87%D1%91%D1%82%20%231%3F.pdf');
    assert.equal(urlPathOf('css/site.css'), '/css/site.css');
  });
});
