// Unit tests for the sitemap made in steps (src/publish/generated-files.ts): the same file, a piece at a time.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ContentStore } from '../../src/content/content-store.js';
import { prepare } from '../../src/http/prepared.js';
import { PAGES_SITEMAP_PATH } from '../../src/render/sitemap.js';
import { hashing, renderingSiteFiles } from '../../src/publish/generated-files.js';
import { freshFixture } from '../helpers/test-app.js';

const PAGES = 1200;

describe('site files in steps', () => {
  const fixture = freshFixture('small-site');

  /** The small site with PAGES more pages in one section, written in an order unlike their addresses'. */
  function largeSite(): ContentStore {
    mkdirSync(path.join(fixture.dir, 'many'));
    for (let index = PAGES - 1; index >= 0; index -= 1) {
      const file = path.join(fixture.dir, 'many', `page-${(index * 7) % PAGES}.md`);
      const updated = `2026-11-${String((index % 27) + 1).padStart(2, '0')}`;
      writeFileSync(file, `---\ntitle: Page ${index}\ndescription: Page ${index} of many generated pages.\nupdated: ${updated}\n---\nText.\n`);
    }
    const store = new ContentStore(fixture.dir, { includeDrafts: false });
    store.loadAll();
    assert.deepEqual(store.problems(), []);
    return store;
  }

  it('lists every page once, by address, and pauses every few hundred of them', () => {
    const site = largeSite().site();
    const steps = renderingSiteFiles([site], 'https://example.org', 'no-cache', [], new Map());
    let pauses = 0;
    let next = steps.next();
    for (; !next.done; next = steps.next()) pauses += 1;
    const sitemap = next.value.get(PAGES_SITEMAP_PATH)!.identity().body.toString('utf8');
    const listed = [...sitemap.matchAll(/<loc>https:\/\/example\.org([^<]*)<\/loc>/g)].map((match) => match[1]!);
    const expected = [...site.pages.keys()].filter((url) => !site.pages.get(url)!.draft).sort();
    assert.deepEqual(listed, expected);
    assert.ok(listed.length > PAGES);
    assert.ok(pauses >= PAGES / 500, `only ${pauses} pauses for ${listed.length} pages`);
  });

  it("gives the sitemap the ETag a response made at once would have: its hash in pieces is the whole body's", () => {
    const site = largeSite().site();
    const files = renderingSiteFiles([site], 'https://example.org', 'no-cache', [], new Map());
    let next = files.next();
    while (!next.done) next = files.next();
    const sitemap = next.value.get(PAGES_SITEMAP_PATH)!;
    const body = sitemap.identity().body;
    const atOnce = prepare(Buffer.from(body), { contentType: 'application/xml; charset=utf-8', cacheControl: 'no-cache', securityHeaders: [] });
    assert.equal(sitemap.identity().etag, atOnce.identity().etag);
  });

  it('hashes a body of several pieces as one hash of the whole would, pausing between pieces', () => {
    // Larger than a few pieces, and not a whole number of them, so that a piece lost or joined twice would show.
    const body = Buffer.from(Array.from({ length: 900_001 }, (_, index) => (index * 31) % 251));
    const steps = hashing(body);
    let pauses = 0;
    let next = steps.next();
    for (; !next.done; next = steps.next()) pauses += 1;
    assert.equal(next.value, createHash('sha256').update(body).digest('base64url'));
    assert.ok(pauses >= 3, `only ${pauses} pauses`);
  });
});
