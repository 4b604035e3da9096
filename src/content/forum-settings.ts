// The forum's file (content/forum.yml): the categories editors define, and old addresses that lead to the forum.
import { z } from 'zod';
import { ordinal } from '../lib/words.js';
import { DEFAULT_LANGUAGE, LANGUAGES } from './languages.js';
import { alias } from './page-schema.js';
import { readYamlFile, type DataFileWords } from './read-yaml-file.js';
import { lineOfPath } from './yaml-lines.js';

export const FORUM_FILE = 'forum.yml';
/** The forum's address: its own pages and its categories are below it, and the file's aliases lead to it. */
export const FORUM_PATH = '/forum';
/**
 * The forum's own sitemap: its topics change at any moment, so the app serves it fresh, and the site's sitemap index
 * (/sitemap.xml, made with the content) lists it beside the pages' sitemap.
 */
export const FORUM_SITEMAP_PATH = `${FORUM_PATH}/sitemap.xml`;

/** A category's page: the forum's routes answer it, and the sitemap lists it. */
export function forumCategoryPath(slug: string): string {
  return `${FORUM_PATH}/c/${slug}`;
}

/**
 * Names of the forum's own pages under /forum (src/routes/forum/): a category with one of these slugs would share its
 * address. test/http/forum-pages.test.ts checks that every page of the forum route is listed here.
 */
export const RESERVED_SLUGS: readonly string[] = ['login', 'logout', 'register', 'account', 'reset', 'privacy', 'moderation', 'members', 'feed'];

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The languages a category's title and description may be translated into: every one but the default's. */
const TRANSLATED = LANGUAGES.filter((language) => language !== DEFAULT_LANGUAGE).map((language) => language.code) as [string, ...string[]];

const categoryTitle = z.string().trim().min(1, 'must not be empty').max(80, 'must be at most 80 characters');
const categoryDescription = z
  .string()
  .trim()
  .min(20, 'must be at least 20 characters: it tells readers what belongs here')
  .max(300, 'must be at most 300 characters');

const category = z.strictObject({
  slug: z
    .string()
    .max(40, 'must be at most 40 characters')
    .regex(SLUG, 'must be lowercase letters, digits and single hyphens, such as jobs-and-procurement, because it is the address /forum/<slug>'),
  title: categoryTitle,
  description: categoryDescription,
  order: z.number().int('must be a whole number').default(0),
  // The category's title and description in the forum's other languages (ru: …): the Russian forum shows them.
  translations: z.partialRecord(z.enum(TRANSLATED), z.strictObject({ title: categoryTitle, description: categoryDescription })).default({}),
});

const forumSchema = z
  .strictObject({
    aliases: z.array(alias).default([]),
    categories: z.array(category).min(1, 'must list at least one category'),
  })
  .superRefine((forum, context) => {
    const seen = new Map<string, number>();
    forum.categories.forEach((each, index) => {
      const first = seen.get(each.slug);
      const path = ['categories', index, 'slug'];
      if (RESERVED_SLUGS.includes(each.slug)) {
        context.addIssue({ code: 'custom', path, message: `cannot be "${each.slug}": /forum/${each.slug} is one of the forum's own pages, so choose another` });
      } else if (first !== undefined) {
        const message = `is "${each.slug}", which is already the slug of the ${ordinal(first + 1)} category: each category needs its own address`;
        context.addIssue({ code: 'custom', path, message });
      } else {
        seen.set(each.slug, index);
      }
    });
  });

export interface ForumCategory {
  readonly slug: string;
  readonly title: string;
  readonly description: string;
  readonly order: number;
  /** Its title and description in other languages, by language code; a language without one shows the default's. */
  readonly translations: Readonly<Partial<Record<string, { readonly title: string; readonly description: string }>>>;
}

/** The categories as a language's forum names them: translated where forum.yml gives a translation, else as written. */
export function categoriesIn(categories: readonly ForumCategory[], code: string): readonly ForumCategory[] {
  return categories.map((each) => {
    const translated = each.translations[code];
    return translated ? { ...each, title: translated.title, description: translated.description } : each;
  });
}

export interface ForumSettings {
  /** In the order they are listed on /forum: by `order`, then as written. */
  readonly categories: readonly ForumCategory[];
  /** Old addresses that redirect to /forum, each with the line it is written on. */
  readonly aliases: readonly { readonly address: string; readonly line: number }[];
}

const CATEGORY_EXAMPLE = 'slug: general\ntitle: General questions\ndescription: Questions about the work of the UN in Kyrgyzstan.\norder: 1';

/** How messages about forum.yml name its parts and what they suggest writing. */
const FORUM_WORDS: DataFileWords = {
  whole: FORUM_FILE,
  example: (path) => {
    if (path[0] === 'aliases') return path.length === 1 ? '- /old-address' : '/old-address';
    if (path.length <= 1) return `- ${CATEGORY_EXAMPLE.replace(/\n/g, '\n  ')}`;
    if (path.length === 2) return CATEGORY_EXAMPLE;
    return { slug: 'general', title: 'General questions', description: 'What belongs in this category, in a sentence.', order: '1' }[String(path[2])] ?? '…';
  },
  fields: (path) => (path.length === 0 ? Object.keys(forumSchema.shape) : Object.keys(category.shape)),
};

export function readForumSettings(text: string): ForumSettings {
  const parsed = readYamlFile(FORUM_FILE, text, forumSchema, FORUM_WORDS);
  const lines = text.split(/\r?\n/);
  // A stable sort: categories with the same order keep the order they are written in.
  const categories = [...parsed.categories].sort((a, b) => a.order - b.order);
  const aliases = parsed.aliases.map((address, index) => ({ address, line: lineOfPath(lines, ['aliases', index]) + 1 }));
  return { categories, aliases };
}
