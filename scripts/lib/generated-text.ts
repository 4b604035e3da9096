// Text that reads like the site's, made deterministically: for the generated site (gen-pages.ts) and the bench's forum.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './root.js';

export interface TextGenerator {
  /** The next number in [0, 1) of this generator's sequence. */
  readonly random: () => number;
  readonly pick: <T>(items: readonly T[]) => T;
  /** One sentence of up to 30 words; `names` are sprinkled in, about one word in 25. */
  readonly sentence: (names: readonly string[]) => string;
  /** Four to seven sentences. */
  readonly paragraph: (names: readonly string[]) => string;
  /** Six made-up names drawn by Zipf's law: a page's (or a topic's) own. */
  readonly pageNames: () => string[];
}

/**
 * Text that reads like the site's, so search meets real word frequencies: a word-pair chain learnt from the prose
 * of content/ (common words on nearly every page, topical words on some), and a long tail of made-up names (people,
 * places, projects), a few per page, drawn by Zipf's law from 30,000, so most of them are on a handful of pages only.
 * (The first generator drew 45 words uniformly: every query word was on every page, which no real site is like.)
 */
function corpusSentences(): string[][] {
  const files = readdirSync(path.join(ROOT, 'content'), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.md'))
    .sort();
  const prose = files.map((file) =>
    readFileSync(path.join(ROOT, 'content', file), 'utf8')
      .replace(/^---\n[\s\S]*?\n---\n/, '')
      .replace(/\]\([^)]*\)|[#*_>|[\]`]/g, ' '),
  );
  return prose
    .join(' ')
    .split(/(?<=[.!?])\s+/)
    .map((sentence) => sentence.split(/\s+/).filter((word) => /^[\p{L}\p{N}][\p{L}\p{N}'’,;:-]*$/u.test(word)))
    .filter((sentence) => sentence.length >= 4);
}

const SYLLABLES = 'ka ra bal ta tok mok jal al na ba dy ish kul sar y ko chon at bash ke min tash su zar or to gul ai mur ken bek nur'.split(' ');

/**
 * A generator seeded with `seed`: the same seed gives the same text on every run, so figures compare.
 * mulberry32, in 32-bit integer arithmetic: the earlier linear congruential step multiplied past 2^53, lost its low bits
 * and fell into a short cycle, so a 10,000-page site had fewer than 900 distinct words.
 */
export function textGenerator(seed: number): TextGenerator {
  let state = seed;
  const random = (): number => {
    state = (state + 0x6d2b79f5) | 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 2 ** 32;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

  const sentences = corpusSentences();
  const next = new Map<string, string[]>();
  for (const sentence of sentences) {
    for (let index = 0; index < sentence.length - 1; index += 1) {
      const list = next.get(sentence[index]!) ?? [];
      list.push(sentence[index + 1]!);
      next.set(sentence[index]!, list);
    }
  }
  const starts = sentences.map((sentence) => sentence[0]!);

  const tail = Array.from({ length: 30_000 }, (_, index) => {
    const name = Array.from({ length: 2 + (index % 3) }, () => pick(SYLLABLES)).join('');
    return `${name[0]!.toUpperCase()}${name.slice(1)}`;
  });
  /** Zipf's law over the tail: the name of rank r comes up about 1/r as often as the first. */
  const tailWord = (): string => tail[Math.min(tail.length - 1, Math.floor(Math.exp(random() * Math.log(tail.length))) - 1)]!;

  const sentence = (names: readonly string[]): string => {
    const words = [pick(starts)];
    while (words.length < 30) {
      const following = next.get(words.at(-1)!);
      if (!following) break;
      words.push(random() < 0.04 ? pick(names) : pick(following));
    }
    const text = words.join(' ').replace(/[,;:]$/, '');
    return `${text[0]!.toUpperCase()}${text.slice(1)}${/[.!?]$/.test(text) ? '' : '.'}`;
  };
  const paragraph = (names: readonly string[]): string => Array.from({ length: 4 + Math.floor(random() * 4) }, () => sentence(names)).join(' ');
  const pageNames = (): string[] => Array.from({ length: 6 }, tailWord);
  return { random, pick, sentence, paragraph, pageNames };
}
