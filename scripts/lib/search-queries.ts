// Search queries for the bench, from a generated site's own words: what visitors type, and what an attacker would.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The words of a sample of the site's pages, most frequent first (four letters or more: "the" and "of" are not typed alone). */
function vocabulary(siteDir: string): string[] {
  const counts = new Map<string, number>();
  const sections = readdirSync(siteDir, { withFileTypes: true }).filter((entry) => entry.isDirectory());
  for (const section of sections.slice(0, 20)) {
    for (const file of readdirSync(path.join(siteDir, section.name)).slice(0, 10)) {
      for (const word of readFileSync(path.join(siteDir, section.name, file), 'utf8')
        .toLowerCase()
        .match(/\p{L}{4,}/gu) ?? []) {
        counts.set(word, (counts.get(word) ?? 0) + 1);
      }
    }
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([word]) => word);
}

/** A deterministic generator, so every run asks the same queries. */
function generator(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 2 ** 32;
  };
}

/**
 * `count` search paths of one to three of the site's words, each word drawn by Zipf's law over the vocabulary
 * (frequent words more often, as people search for what a site is about), all different when `distinct`.
 */
export function visitorQueries(siteDir: string, count: number, distinct: boolean): string[] {
  const words = vocabulary(siteDir);
  const random = generator(7);
  const word = (): string => words[Math.min(words.length - 1, Math.floor(Math.exp(random() * Math.log(words.length))) - 1)]!;
  const queries = new Set<string>();
  const list: string[] = [];
  while (list.length < count) {
    const length = random() < 0.5 ? 1 : random() < 0.7 ? 2 : 3;
    const query = Array.from({ length }, word).join('+');
    if (distinct && queries.has(query)) continue;
    queries.add(query);
    list.push(`/search?q=${encodeURI(query)}`);
  }
  return list;
}

/**
 * The costliest query we know for the index (src/search/term-index.ts): eight words, seven of them on nearly every
 * page and long enough for prefix and typo matching, the eighth a new made-up word, so that no page has them all,
 * typo tolerance is tried too, and no cache can answer it.
 */
export function worstCaseQueries(siteDir: string): string[] {
  const common = vocabulary(siteDir).filter((word) => word.length >= 6);
  return [0, 7, 14].map((start) => `/search?q=${encodeURI(common.slice(start, start + 7).join('+'))}+{unique}`);
}
