// The documented front-matter schema: what an editor may write at the top of a page, and nothing else.
import { z } from 'zod';
import { dayToDate } from '../lib/calendar-day.js';

const date = z
  .union([z.date(), z.string()])
  .transform((value, context) => {
    const parsed = value instanceof Date ? value : dayToDate(value);
    if (Number.isNaN(parsed.getTime())) {
      context.addIssue({ code: 'custom', message: 'must be a date written as YYYY-MM-DD, for example 2007-08-15' });
      return z.NEVER;
    }
    return parsed;
  });

/** An old address of the site: a root-relative path, optionally with the query the old site used (`/english/agency.phtml?unodc`). */
const alias = z
  .string()
  .regex(/^\/[^\s#]*$/, 'must be a root-relative address such as /english/news.phtml, without spaces or #');

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
});

export type FrontMatter = z.output<typeof pageSchema>;
export type Layout = (typeof LAYOUTS)[number];
