// `npm run gen:pages -- 10000 [dir]`: writes a large synthetic site (sections of pages) for scale tests.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const count = Number(process.argv[2] ?? 10_000);
const outDir = path.resolve(process.argv[3] ?? `test-output/site-${count}`);
if (!Number.isInteger(count) || count < 2) {
  console.error('usage: npm run gen:pages -- <number of pages> [folder]');
  process.exit(2);
}

const WORDS = [
  'programme development country team agency office project drug control border training assessment report health',
  'education gender water poverty governance partnership support capacity regional national law enforcement',
  'precursors trafficking prevention cooperation Bishkek Osh oblast mountains Кыргызстан развитие программа',
]
  .join(' ')
  .split(' ');
// A deterministic generator, so every run makes the same site and figures compare.
let seed = 42;
const random = (): number => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};
const word = (): string => WORDS[Math.floor(random() * WORDS.length)]!;
const sentence = (length: number): string => {
  const text = Array.from({ length }, word).join(' ');
  return `${text[0]!.toUpperCase()}${text.slice(1)}.`;
};
const paragraph = (): string => Array.from({ length: 6 }, () => sentence(12)).join(' ');

const sections = Math.max(1, Math.round(Math.sqrt(count)));
const perSection = Math.ceil((count - 1 - sections) / sections);
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
const write = (file: string, text: string): void => {
  mkdirSync(path.dirname(path.join(outDir, file)), { recursive: true });
  writeFileSync(path.join(outDir, file), text);
};
const page = (title: string, body: string, extra = ''): string =>
  `---\ntitle: ${title}\ndescription: ${sentence(14)}\nupdated: 2007-08-15\n${extra}---\n\n${body}\n`;

let written = 0;
write('index.md', page('Generated site', `A generated site of ${count} pages in ${sections} sections.\n\n${paragraph()}`));
written += 1;
const navigation: string[] = [];
for (let section = 1; section <= sections && written < count; section += 1) {
  const slug = `section-${section}`;
  navigation.push(`  - title: Section ${section}\n    url: /${slug}`);
  write(`${slug}/index.md`, page(`Section ${section}`, `## About section ${section}\n\n${paragraph()}`, 'layout: section\n'));
  written += 1;
  for (let item = 1; item <= perSection && written < count; item += 1) {
    const body = [
      `## Overview\n\n${paragraph()}`,
      `## Details\n\n${paragraph()}\n\n${paragraph()}`,
      `## Related\n\nSee [section ${section}](/${slug}) and [the first page](/${slug}/page-1).\n\n${paragraph()}`,
      `## Background\n\n${paragraph()}\n\n${paragraph()}`,
    ].join('\n\n');
    write(`${slug}/page-${item}.md`, page(`Page ${item} of section ${section}`, body));
    written += 1;
  }
}
write('navigation.yml', `primary:\n${navigation.slice(0, 6).join('\n')}\nsecondary:\n${navigation.slice(6, 14).join('\n')}\nfooter: []\n`);
console.log(`wrote ${written} pages in ${sections} sections to ${path.relative(process.cwd(), outDir)}`);
