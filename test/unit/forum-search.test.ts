// Unit tests for the forum's search index: rebuilt when the forum's version moves, and searches at once share its reads.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FORUM_PAGE_TOPICS, ForumSearch, type ForumSearchDocument } from '../../src/search/forum-search.js';
import { testHold } from '../helpers/hold.js';

/** A forum in memory whose version reads can be held open, to see which searches share one. */
function heldForum(): {
  documents: ForumSearchDocument[];
  reads: number;
  source: { version(): Promise<string>; documents(): Promise<readonly ForumSearchDocument[]> };
  hold(): void;
  release(): void;
} {
  const gate = testHold();
  const forum = {
    documents: [] as ForumSearchDocument[],
    reads: 0,
    source: {
      version: async (): Promise<string> => {
        forum.reads += 1;
        const seen = String(forum.documents.length);
        if (gate.passage) await gate.passage;
        return seen;
      },
      documents: () => Promise.resolve([...forum.documents]),
    },
    hold: () => gate.hold(),
    release: () => gate.release(),
  };
  return forum;
}

const topic = (id: number, title: string): ForumSearchDocument => ({ id, categorySlug: 'general', title, text: `About ${title}.` });
const everywhere = (): boolean => true;

describe('forum search', () => {
  it('reads the forum version once for many searches at once, and a search never uses a read begun before it', async () => {
    const forum = heldForum();
    forum.documents.push(topic(1, 'Water in Osh'));
    const index = new ForumSearch(forum.source, (id) => `/forum/t/${id}`);
    forum.hold();
    const early = index.search('osh', everywhere, 5);
    // A topic added while the first read is under way: searches asked after it must find it.
    forum.documents.push(topic(2, 'Roads in Osh'));
    const later = Array.from({ length: 10 }, () => index.search('osh', everywhere, 5));
    forum.release();
    await early;
    for (const found of await Promise.all(later)) assert.equal(found.total, 2);
    assert.equal(forum.reads, 2, 'the ten later searches shared one read');
  });

  it('reads the topics a page at a time when it builds, so no one read holds the serving thread long', async () => {
    const topics = Array.from({ length: 2 * FORUM_PAGE_TOPICS + 5 }, (_, index) => topic(index + 1, `Topic ${index + 1} in Osh`));
    const pages: [number, number][] = [];
    const source = {
      version: () => Promise.resolve('1'),
      documents: (after: number, limit: number): Promise<ForumSearchDocument[]> => {
        pages.push([after, limit]);
        return Promise.resolve(topics.filter((each) => each.id > after).slice(0, limit));
      },
    };
    const found = await new ForumSearch(source, (id) => `/forum/t/${id}`).search('osh', everywhere, 5);
    assert.equal(found.total, topics.length);
    assert.deepEqual(pages, [
      [0, FORUM_PAGE_TOPICS],
      [FORUM_PAGE_TOPICS, FORUM_PAGE_TOPICS],
      [2 * FORUM_PAGE_TOPICS, FORUM_PAGE_TOPICS],
    ]);
  });
});
