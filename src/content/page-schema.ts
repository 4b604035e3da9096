// The documented front-matter schema: what an editor may write at the top of a page, and nothing else.
import { z } from 'zod';
import { DAY_FORMAT, dayToDate, impossibleDay, isoDay } from '../lib/calendar-day.js';

/** The same day written as YYYY-MM-DD, when an editor wrote it another way that can only mean one day. */
function asDay(text: string): string | undefined {
  const pad = (part: string): string => part.padStart(2, '0');
  // 2026-2-3 and 2026/02/03: year first.
  const yearFirst = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(text);
  if (yearFirst) return `${yearFirst[1]!}-${pad(yearFirst[2]!)}-${pad(yearFirst[3]!)}`;
  // 27.11.2026, as dates are written in Kyrgyzstan and Russia. Slashes are not guessed: 03/04/2026 is 3 April or 4 March.
  const dotted = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text);
  return dotted ? `${dotted[3]!}-${pad(dotted[2]!)}-${pad(dotted[1]!)}` : undefined;
}

/**
 * A day that exists, written as YYYY-MM-DD. The YAML reader keeps dates as text, so `2026-02-30` arrives as written
 * and is refused here rather than published as 2 March. A bare number (`updated: 2026`) is judged as text too.
 */
const date = z.preprocess(
  (value) => (typeof value === 'number' || typeof value === 'boolean' ? String(value) : value),
  z.string().transform((value, context) => {
    const text = value.trim();
    if (!DAY_FORMAT.test(text)) {
      const day = asDay(text);
      const example = day && !impossibleDay(day) ? `so write ${day}` : 'such as 2007-08-15';
      context.addIssue({ code: 'custom', message: `must be a date written as YYYY-MM-DD, ${example} (you wrote "${text}")` });
      return z.NEVER;
    }
    const impossible = impossibleDay(text);
    if (impossible) {
      context.addIssue({ code: 'custom', message: `must be a real date, and ${text} is not: ${impossible}` });
      return z.NEVER;
    }
    return dayToDate(text);
  }),
);

/** An old address of the site: a root-relative path, optionally with the query the old site used (`/english/agency.phtml?unodc`). */
export const alias = z.string().regex(/^\/[^\s#]*$/, 'must be an old address starting with /, such as /english/news.phtml, without spaces or #');

export const LAYOUTS = ['page', 'section', 'news'] as const;
export const MENU_ROWS = ['primary', 'secondary', 'footer'] as const;

/** A page putting itself in a menu (as Hugo's `menu:`): `menu: secondary`, or a row with a weight and a shorter title. */
const menu = z.union([
  z.enum(MENU_ROWS).transform((row) => ({ row, weight: 0, title: undefined })),
  z.strictObject({
    row: z.enum(MENU_ROWS),
    weight: z.number().int('must be a whole number').default(0),
    title: z.string().trim().min(1, 'must not be empty').max(40, 'must be at most 40 characters').optional(),
  }),
]);

export const pageSchema = z.strictObject({
  title: z.string().trim().min(1, 'must not be empty').max(150, 'must be at most 150 characters'),
  linkTitle: z.string().trim().min(1, 'must not be empty').max(60, 'must be at most 60 characters').optional(),
  description: z.string().trim().min(20, 'must be at least 20 characters: search engines show it under the title').max(300, 'must be at most 300 characters'),
  updated: date,
  date: date.optional(),
  draft: z.boolean().default(false),
  aliases: z.array(alias).default([]),
  sitemap: z.boolean().default(true),
  weight: z.number().int('must be a whole number').default(0),
  layout: z.enum(LAYOUTS).default('page'),
  publish: date.optional(),
  expires: date.optional(),
  review: date.optional(),
  menu: menu.optional(),
  /** A translation whose address differs from its original's: the original page's address ("/un-in-kyrgyzstan"). */
  original: z
    .string()
    .regex(/^\/[^\s?#]*$/, 'must be the address of the English page this page translates, such as /country-info')
    .optional(),
});

export type FrontMatter = z.output<typeof pageSchema>;
export type Layout = (typeof LAYOUTS)[number];

/** A title made from a file's name, as Hugo's archetypes do: "news/2004-03-01-undaf-meeting.md" -> "Undaf meeting". */
function titleFromFile(file: string): string {
  const parts = file.replace(/\.[^./]*$/, '').split('/');
  const name = (parts.at(-1) === 'index' ? parts.at(-2) : parts.at(-1)) ?? '';
  const words = name
    .replace(/^\d{4}-\d{2}-\d{2}-/, '')
    .replace(/[-_]+/g, ' ')
    .trim();
  return words === '' ? 'The page title' : words[0]!.toUpperCase() + words.slice(1);
}

/** What a message suggests writing for a field: a title from the file's name, today for a date. */
export function frontMatterExample(field: PropertyKey | undefined, file: string, today: Date): string {
  switch (field) {
    case 'title':
      return titleFromFile(file);
    case 'linkTitle':
      return 'A short title';
    case 'description':
      return 'One or two sentences on what the page says, which search engines show under its title.';
    case 'updated':
    case 'date':
      return isoDay(today);
    case 'aliases':
      return '- /old-address';
    case 'weight':
      return '10';
    case 'layout':
      return LAYOUTS[0];
    case 'draft':
      return 'true';
    case 'sitemap':
      return 'false';
    default:
      return '…';
  }
}
