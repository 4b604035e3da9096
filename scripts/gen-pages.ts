// `npm run gen:pages -- 10000 [dir]`: writes a large synthetic site (sections of pages) for scale tests.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './lib/root.js';

const count = Number(process.argv[2] ?? 10_000);
const outDir = path.resolve(process.argv[3] ?? `test-output/site-${count}`);
if (!Number.isInteger(count) || count < 2) {
  console.error('usage: npm run gen:pages -- <number of pages> [folder]');
  process.exit(2);
}

// A deterministic generator, so every run makes the same site and figures compare.
// mulberry32, in 32-bit integer arithmetic: the earlier linear congruential step multiplied past 2^53, lost its low bits
// and fell into a short cycle, so a 10,000-page site had fewer than 900 distinct words.
let seed = 42;
const random = (): number => {
  seed = (seed + 0x6d2b79f5) | 0;
  let mixed = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
  return ((mixed ^ (mixed >>> 14)) >>> 0) / 2 ** 32;
};
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

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

const SYLLABLES = 'ka ra bal ta tok mok jal al na ba dy ish kul sar y ko chon at bash ke min tash su zar or to gul ai mur ken bek nur'.split(' ');
const TAIL = Array.from({ length: 30_000 }, (_, index) => {
  const name = Array.from({ length: 2 + (index % 3) }, () => pick(SYLLABLES)).join('');
  return `${name[0]!.toUpperCase()}${name.slice(1)}`;
});
/** Zipf's law over the tail: the name of rank r comes up about 1/r as often as the first. */
const tailWord = (): string => TAIL[Math.min(TAIL.length - 1, Math.floor(Math.exp(random() * Math.log(TAIL.length))) - 1)]!;

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

const sections = Math.max(1, Math.round(Math.sqrt(count)));
const perSection = Math.ceil((count - 1 - sections) / sections);
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
const write = (file: string, text: string): void => {
  mkdirSync(path.dirname(path.join(outDir, file)), { recursive: true });
  writeFileSync(path.join(outDir, file), text);
};
const description = (names: readonly string[]): string => {
  const text = sentence(names);
  return JSON.stringify(text.length > 280 ? `${text.slice(0, text.lastIndexOf(' ', 276))}.` : text.padEnd(24, '.'));
};
const page = (title: string, body: string, names: readonly string[], extra = ''): string =>
  `---\ntitle: ${title}\ndescription: ${description(names)}\nupdated: 2007-08-15\n${extra}---\n\n${body}\n`;

let written = 0;
const siteNames = pageNames();
write('index.md', page('Generated site', `A generated site of ${count} pages in ${sections} sections.\n\n${paragraph(siteNames)}`, siteNames));
written += 1;
const navigation: string[] = [];
for (let section = 1; section <= sections && written < count; section += 1) {
  const slug = `section-${section}`;
  const names = pageNames();
  navigation.push(`  - title: Section ${section}\n    url: /${slug}`);
  write(`${slug}/index.md`, page(`Section ${section}`, `## About section ${section}\n\n${paragraph(names)}`, names, 'layout: section\n'));
  written += 1;
  for (let item = 1; item <= perSection && written < count; item += 1) {
    const own = pageNames();
    const body = [
      `## Overview\n\n${paragraph(own)}`,
      `## Details\n\n${paragraph(own)}\n\n${paragraph(own)}`,
      `## Related\n\nSee [section ${section}](/${slug}) and [the first page](/${slug}/page-1).\n\n${paragraph(own)}`,
      `## ${own[0]} and ${own[1]}\n\n${paragraph(own)}\n\n${paragraph(own)}`,
    ].join('\n\n');
    write(`${slug}/page-${item}.md`, page(`${own[0]} (page ${item} of section ${section})`, body, own));
    written += 1;
  }
}
write('navigation.yml', `primary:\n${navigation.slice(0, 6).join('\n')}\nsecondary:\n${navigation.slice(6, 14).join('\n')}\nfooter: []\n`);
console.log(`wrote ${written} pages in ${sections} sections to ${path.relative(process.cwd(), outDir)}`);
