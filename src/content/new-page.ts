// `npm run new`: where a new page goes, what its file is called and what it starts with, decided without touching disk.
import yaml from 'js-yaml';
import { dayToDate, isoDay } from '../lib/calendar-day.js';
import { documentTitle, MAX_DOCUMENT_TITLE, titleLength } from './document-title.js';
import { NEWS_SECTION } from './news.js';
import { ContentError, problemAt, type Problem } from './problem.js';
import { readPage } from './read-page.js';
import type { Site } from './site.js';
import { parentUrl, urlForFile } from './url-for-file.js';

export const KINDS = ['news', 'page', 'section'] as const;
export type NewKind = (typeof KINDS)[number];

export const USAGE = `Usage:
  npm run new -- news "Title of the news item" [--date YYYY-MM-DD]
  npm run new -- page <folder/name> "Title of the page"
  npm run new -- section <folder/name> "Title of the section"

Examples:
  npm run new -- news "UNDP opens office in Osh"
  npm run new -- page un-in-kyrgyzstan/agencies/undp "UNDP"
  npm run new -- section un-in-kyrgyzstan/programmes "Joint programmes"

A news item is dated today unless --date says otherwise. A page goes in a folder that has a page of its own
(its index.md, or a .md file of the same name beside it); "section" makes such a folder page.`;

/**
 * What an editor must replace, written so the content check accepts the file (20 to 300 characters) and then warns
 * until it is replaced: placeholderWarnings() below.
 */
export const PLACEHOLDER_DESCRIPTION = 'Replace this sentence with one or two that say what the page is about; search engines show them under the title.';
export const PLACEHOLDER_TEXT = 'Replace this paragraph with the text of the page.';

/** Bad arguments: the script prints the message and the usage. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** A request that cannot be carried out as it stands (the file exists, no section above it): the message says what to do. */
export class NewPageError extends Error {
  override readonly name = 'NewPageError';
}

export interface NewPageRequest {
  readonly kind: NewKind;
  /** The folder and name of a page or section as the editor wrote it; undefined for news. */
  readonly path: string | undefined;
  readonly title: string;
  /** YYYY-MM-DD: today, or the news item's --date. */
  readonly date: string;
}

export interface NewPagePlan {
  /** Path relative to content/, with forward slashes. */
  readonly file: string;
  readonly url: string;
  readonly text: string;
  /** Things the editor should know: a name written differently from how it was typed, a title too long for a tab. */
  readonly notes: readonly string[];
}

/** Cyrillic letters of Russian and Kyrgyz in Latin, so a Russian title still gives a readable, typeable address. */
const LATIN = new Map(
  'а:a б:b в:v г:g д:d е:e ё:yo ж:zh з:z и:i й:y к:k л:l м:m н:n о:o п:p р:r с:s т:t у:u ф:f х:kh ц:ts ч:ch ш:sh щ:shch ъ: ы:y ь: э:e ю:yu я:ya ң:ng ө:o ү:u'
    .split(' ')
    .map((pair) => pair.split(':') as [string, string]),
);
/** Long enough for any real title's words, short enough to read in an address bar. */
const MAX_SLUG = 60;

/** "UNDP opens office in Osh" -> "undp-opens-office-in-osh": lowercase Latin letters, digits and single hyphens. */
export function slugOf(text: string): string {
  const latin = [...text.toLowerCase()].map((char) => LATIN.get(char) ?? char).join('');
  const slug = latin
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  if (slug.length <= MAX_SLUG) return slug;
  const cut = slug.slice(0, MAX_SLUG + 1);
  return cut.slice(0, cut.lastIndexOf('-') > 0 ? cut.lastIndexOf('-') : MAX_SLUG);
}

/** A YYYY-MM-DD that names a real day (2026-02-30 does not). */
function isRealDay(day: string): boolean {
  const date = dayToDate(day);
  return !Number.isNaN(date.getTime()) && isoDay(date) === day;
}

/** The arguments after `npm run new --`; throws UsageError. Words after the name are the title, quoted or not. */
export function parseNewArgs(args: readonly string[], today: string): NewPageRequest {
  const words = [...args];
  let date = today;
  const dateAt = words.indexOf('--date');
  if (dateAt !== -1) {
    const [, value] = words.splice(dateAt, 2);
    if (value === undefined || !isRealDay(value)) throw new UsageError(`--date needs a day written as YYYY-MM-DD, for example --date ${today}`);
    date = value;
  }
  const unknown = words.find((word) => word.startsWith('--'));
  if (unknown) throw new UsageError(`unknown option ${unknown}`);
  const [kind, ...rest] = words;
  if (kind === undefined) throw new UsageError('say what to create: news, page or section');
  if (!(KINDS as readonly string[]).includes(kind)) throw new UsageError(`"${kind}" is not something npm run new makes: write news, page or section`);
  if (kind !== 'news' && dateAt !== -1) throw new UsageError('--date is for news items only');
  const [path, ...title] = kind === 'news' ? [undefined, ...rest] : rest;
  if (kind !== 'news' && !path) throw new UsageError(`say where the ${kind} goes, for example un-in-kyrgyzstan/agencies/undp`);
  const joined = title.join(' ').trim();
  if (joined === '') throw new UsageError(`give the ${kind === 'news' ? 'news item' : kind} a title, in quotes`);
  return { kind: kind as NewKind, path, title: joined, date };
}

/** "content\\UN-in-Kyrgyzstan/Agencies/UNDP.md" -> "un-in-kyrgyzstan/agencies/undp": the folders and name as addresses use them. */
export function normalisePath(written: string): string {
  const segments = written
    .replace(/\\/g, '/')
    .replace(/^\/*(content\/)?/i, '')
    .replace(/(\/index)?(\.md)?\/*$/i, '')
    .split('/')
    .map(slugOf);
  if (segments.some((segment) => segment === ''))
    throw new UsageError(`"${written}" is not a folder and name: use letters, digits and hyphens, for example agencies/undp`);
  return segments.join('/');
}

/** Each content page's file by its address, so a clash is found whatever the file's spelling (x.md, x/index.md, X.md). */
function filesByUrl(existing: Iterable<string>): Map<string, string> {
  const byUrl = new Map<string, string>();
  for (const file of existing) if (file.toLowerCase().endsWith('.md')) byUrl.set(urlForFile(file), file);
  return byUrl;
}

function fileFor(request: NewPageRequest): { file: string; notes: string[] } {
  if (request.kind === 'news') {
    const slug = slugOf(request.title);
    if (slug === '') throw new UsageError('the title has no letters or digits to name the file after');
    // As the news items already there: the day first, so the folder lists them in order.
    return { file: `${NEWS_SECTION.slice(1)}/${request.date}-${slug}.md`, notes: [] };
  }
  const written = request.path ?? '';
  const name = normalisePath(written);
  const notes = name === written ? [] : [`Named ${name}, as addresses use lowercase letters, digits and hyphens only.`];
  return { file: request.kind === 'section' ? `${name}/index.md` : `${name}.md`, notes };
}

/** The new file: every required field, the placeholders, and `draft: true` so nothing half-written is published. */
function pageText(request: NewPageRequest): string {
  // js-yaml quotes a title only where YAML needs it ("UNDP: a new office"), as an editor would.
  const scalar = (value: string): string => yaml.dump(value, { lineWidth: -1 }).trimEnd();
  return [
    '---',
    `title: ${scalar(request.title)}`,
    `description: ${scalar(PLACEHOLDER_DESCRIPTION)}`,
    `updated: ${request.date}`,
    ...(request.kind === 'news' ? [`date: ${request.date}`] : []),
    ...(request.kind === 'section' ? ['layout: section'] : []),
    'draft: true',
    '---',
    '',
    PLACEHOLDER_TEXT,
    '',
  ].join('\n');
}

function noSectionAbove(parent: string): string {
  const fix = `create it first: npm run new -- section ${parent.slice(1)} "Title of the section"`;
  return `there is no page at ${parent}, so the new page would be in no list and have no breadcrumb above it; ${fix}`;
}

/**
 * Where the new page goes and what it says; throws NewPageError if the address is taken, is the site's own, or has
 * no section above it. `existing` are the files under content/, relative; `routes` the app's own addresses.
 */
export function planNewPage(request: NewPageRequest, existing: Iterable<string>, routes: ReadonlySet<string>): NewPagePlan {
  const { file, notes } = fileFor(request);
  const url = urlForFile(file);
  const byUrl = filesByUrl(existing);
  const holder = byUrl.get(url);
  const other = request.kind === 'news' ? 'title' : 'name';
  if (holder) throw new NewPageError(`content/${holder} already has the address ${url}; edit that file, or choose another ${other}`);
  if (routes.has(url)) throw new NewPageError(`${url} is an address of the site itself (not a page); choose another ${other}`);
  const parent = parentUrl(url);
  if (parent !== undefined && !byUrl.has(parent)) throw new NewPageError(noSectionAbove(parent));
  const text = pageText(request);
  try {
    // The reader the site uses: what npm run new writes passes every check of a single file.
    readPage(file, Buffer.from(text));
  } catch (error) {
    if (error instanceof ContentError) throw new NewPageError(`the page would not be valid: ${error.message}`, { cause: error });
    throw error;
  }
  const long = titleLength(documentTitle(request.title, url)) > MAX_DOCUMENT_TITLE;
  const shorter = `The title is long for a browser tab: add a line "linkTitle:" with a shorter one, of at most ${MAX_DOCUMENT_TITLE} characters.`;
  return { file, url, text, notes: long ? [...notes, shorter] : notes };
}

/**
 * Warnings for pages that still carry what npm run new wrote, so `npm run check` says what is left to write.
 * `readText` gives a content file's text, to find the line.
 */
export function placeholderWarnings(site: Site, readText: (file: string) => string): Problem[] {
  const problems: Problem[] = [];
  for (const page of site.pages.values()) {
    const description = page.description === PLACEHOLDER_DESCRIPTION;
    const text = page.bodyHtml.includes(PLACEHOLDER_TEXT);
    if (!description && !text) continue;
    const lines = readText(page.file).split(/\r?\n/);
    const lineOf = (needle: string): number => lines.findIndex((line) => line.includes(needle)) + 1 || 1;
    if (description) {
      const message = 'the description is still the placeholder from npm run new: write one or two sentences about this page';
      problems.push(problemAt(page.file, lineOf(PLACEHOLDER_DESCRIPTION), message, 'warning'));
    }
    if (text) {
      const message = 'the text is still the placeholder from npm run new: replace that paragraph with the text of the page';
      problems.push(problemAt(page.file, lineOf(PLACEHOLDER_TEXT), message, 'warning'));
    }
  }
  return problems;
}
