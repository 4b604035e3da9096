// Turns one Markdown file's bytes into a Page, or throws a ContentError naming the file and line.
import { isUtf8 } from 'node:buffer';
import { pageNameFault } from './content-file.js';
import { fieldFaults, type FieldWords } from './field-message.js';
import { splitFrontMatter, type SplitFile } from './front-matter.js';
import { mayOverflowOutline, topLevelHeadings } from './markdown.js';
import { inNewsSection } from './news.js';
import { detached, PageBody, withBody, type PrerenderedLookup } from './page-body.js';
import type { Page } from './page.js';
import { frontMatterExample, pageSchema, type FrontMatter } from './page-schema.js';
import { ContentError, problemAt, type Problem } from './problem.js';
import { urlForFile } from './url-for-file.js';
import { valuesCutByComments } from './yaml-comments.js';
import type { LineFault } from './yaml-error-message.js';
import { lineOfPath } from './yaml-lines.js';

/** Far above any real page (the largest seed page is 10 KB); a bigger file is a mistake such as a pasted export. */
export const MAX_PAGE_BYTES = 1024 * 1024;

/** The error for a page or data file of `size` bytes, over MAX_PAGE_BYTES. */
export function tooLarge(file: string, size: number): ContentError {
  return new ContentError(file, 1, `the file is ${(size / 1024 / 1024).toFixed(1)} MB; a page may be at most ${MAX_PAGE_BYTES / 1024 / 1024} MB`);
}

/** Refuses what is not a Markdown text file: empty, huge, binary, or not UTF-8. The bytes are not decoded here. */
function checkBytes(file: string, bytes: Buffer): void {
  if (bytes.length === 0) throw new ContentError(file, 1, 'the file is empty: a page needs front matter with at least title:, description: and updated:');
  if (bytes.length > MAX_PAGE_BYTES) throw tooLarge(file, bytes.length);
  if (bytes.includes(0)) throw new ContentError(file, 1, 'this is not a text file (it contains binary data); only Markdown text belongs in a .md file');
  // isUtf8 checks in native code, several times faster than a fatal TextDecoder on 10,000 files.
  if (!isUtf8(bytes)) throw new ContentError(file, 1, 'the file is not valid UTF-8 text; save it as UTF-8');
}

export interface ReadOptions {
  /** Today, for the dates that messages suggest writing; tests fix it. */
  readonly today?: Date;
  /** Told each warning about a page that is read all the same (a value YAML cut at " #"). */
  readonly warn?: (warning: Problem) => void;
  /** Bodies rendered on a rendering thread before the file was read here (src/publish/prerender.ts). */
  readonly prerendered?: PrerenderedLookup;
}

function frontMatterWords(file: string, split: SplitFile, today: Date): FieldWords {
  return {
    lines: split.yamlLines,
    firstLine: 1,
    whole: 'the front matter',
    example: (path) => (path.length > 1 ? '/old-address' : frontMatterExample(path[0], file, today)),
    fields: (path) => (path.length === 0 ? Object.keys(pageSchema.shape) : []),
  };
}

function headingFaults(split: SplitFile): LineFault[] {
  const reason = "would be a second top heading: the title is the page's heading, so start sections at ##";
  return topLevelHeadings(split.body).map(({ line, text, underlined }) => ({
    line: line + split.bodyOffset,
    message: underlined
      ? `"${text}" underlined with "=" ${reason} (## ${text}, and delete the "=" line), or delete it if it repeats the title`
      : `"# ${text}" ${reason} (## ${text}), or delete this line if it repeats the title`,
  }));
}

/** Every fault of a page whose front matter could be read: its fields, then what its address asks of it, then its body. */
function pageFaults(file: string, split: SplitFile, today: Date): { data?: FrontMatter; faults: LineFault[] } {
  const words = frontMatterWords(file, split, today);
  const result = pageSchema.safeParse(split.data, { reportInput: true });
  const faults = result.success ? [] : fieldFaults(result.error.issues, words);
  // A news item is listed by its date: one without would be listed nowhere.
  if (result.success && result.data.date === undefined && inNewsSection(urlForFile(file))) {
    const line = lineOfPath(split.yamlLines, ['date']) + 1;
    faults.push({ line, message: `date is missing: a news item needs the day of the event, so add a line date: ${words.example(['date'])}` });
  }
  faults.push(...headingFaults(split));
  return { data: result.data, faults };
}

/** Throws every fault at once, in line order, so one save shows them all. */
function refuse(file: string, faults: readonly LineFault[]): never {
  const [first, ...more] = [...faults].sort((a, b) => a.line - b.line);
  throw new ContentError(file, first!.line, first!.message, { more });
}

export function readPage(file: string, bytes: Buffer, options: ReadOptions = {}): Page {
  checkBytes(file, bytes);
  const misnamed = pageNameFault(file);
  const faults: LineFault[] = misnamed ? [{ line: 1, message: misnamed }] : [];
  let split: SplitFile;
  try {
    split = splitFrontMatter(file, bytes);
  } catch (error) {
    if (error instanceof ContentError && faults.length > 0) refuse(file, [...faults, ...error.toProblems()]);
    throw error;
  }
  const read = pageFaults(file, split, options.today ?? new Date());
  faults.push(...read.faults);
  const prerendered = options.prerendered?.(file, split.body);
  const body = new PageBody(file, split.body, split.bodyOffset, prerendered);
  // A body that failed on a rendering thread is refused as one too large to render is: the last good version stays.
  const overflow = prerendered instanceof ContentError || mayAmplify(split.body) || mayOverflowOutline(split.body) ? renderFault(body) : undefined;
  if (overflow) faults.push(overflow);
  if (faults.length > 0 || !read.data) refuse(file, faults);
  for (const cut of valuesCutByComments(split.yamlLines, 1)) options.warn?.(problemAt(file, cut.line, cut.message, 'warning'));
  const data = read.data;
  return withRenderedParts(body, {
    url: urlForFile(file),
    file,
    title: detached(data.title),
    linkTitle: detached(data.linkTitle ?? data.title),
    description: detached(data.description),
    updated: data.updated,
    date: data.date,
    draft: data.draft,
    aliases: data.aliases,
    aliasLines: data.aliases.map((_, index) => lineOfPath(split.yamlLines, ['aliases', index]) + 1),
    sitemap: data.sitemap,
    weight: data.weight,
    layout: data.layout,
    publish: data.publish,
    expires: data.expires,
    review: data.review,
    reviewLine: data.review && lineOfPath(split.yamlLines, ['review']) + 1,
    original: data.original === undefined ? undefined : { url: data.original, line: lineOfPath(split.yamlLines, ['original']) + 1 },
    menu: data.menu && { ...data.menu, title: data.menu.title && detached(data.menu.title), line: lineOfPath(split.yamlLines, ['menu']) + 1 },
  });
}

/** The parts of a page that come from its body, which is rendered when one of them is first asked for. */
type RenderedParts = 'bodyHtml' | 'headings' | 'links' | 'images';

/**
 * The page with getters for what its body renders into, made here, apart from readPage: closures share their
 * function's scope, so getters made in readPage kept its `split` alive, and with it the file's bytes long after the
 * body was rendered (56 MB on the generated 10,000-page site, the largest part of the server's memory outside its heap).
 */
function withRenderedParts(body: PageBody, fields: Omit<Page, RenderedParts>): Page {
  return withBody(body, {
    ...fields,
    get bodyHtml() {
      return body.render().html.toString();
    },
    get headings() {
      return body.render().headings;
    },
    get links() {
      return body.render().links;
    },
    get images() {
      return body.render().images;
    },
  });
}

const REFERENCE_MARK = Buffer.from(']:');

/**
 * Whether a body has a link-reference definition ("[name]: address"), the one construct whose HTML can be many
 * times the size of the file: each use writes the address out again. Such a body is rendered when the file is
 * read, so that a page too large to render is refused with its line, and the last good version stays; so is one
 * that may have more links or headings than a page may (mayOverflowOutline). Any other body writes at most a few
 * times its size (MAX_BODY_HTML allows for that) and is rendered later, on first use.
 */
function mayAmplify(body: Buffer): boolean {
  return body.includes(REFERENCE_MARK);
}

/** Renders the body now; the fault when it is too large to render. */
function renderFault(body: PageBody): LineFault | undefined {
  try {
    body.render();
    return undefined;
  } catch (error) {
    if (error instanceof ContentError) return { line: error.line, message: error.message };
    throw error;
  }
}
