// `npm run gen:pages -- 10000 [dir]`: writes a large synthetic site (sections of pages) for scale tests.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { textGenerator } from './lib/generated-text.js';

const count = Number(process.argv[2] ?? 10_000);
const outDir = path.resolve(process.argv[3] ?? `test-output/site-${count}`);
if (!Number.isInteger(count) || count < 2) {
  console.error('usage: npm run gen:pages -- <number of pages> [folder]');
  process.exit(2);
}

// A deterministic generator, so every run makes the same site and figures compare (scripts/lib/generated-text.ts).
const { sentence, paragraph, pageNames } = textGenerator(42);

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
