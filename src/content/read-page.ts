// Turns one Markdown file's bytes into a Page, or throws a ContentError naming the file and line.
import { isUtf8 } from 'node:buffer';
import { renderMarkdown } from './markdown.js';
import { PackedText } from './packed-text.js';
import type { Page } from './page.js';
import type { z } from 'zod';
import { pageSchema } from './page-schema.js';
import { splitFrontMatter } from './front-matter.js';
import { ContentError } from './problem.js';
import { urlForFile } from './url-for-file.js';

/** Far above any real page (the largest seed page is 10 KB); a bigger file is a mistake such as a pasted export. */
export const MAX_PAGE_BYTES = 1024 * 1024;

function lineOfKey(yamlLines: readonly string[], key: PropertyKey | undefined): number {
  if (typeof key !== 'string') return 2;
  const index = yamlLines.findIndex((line) => new RegExp(`^${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*:`).test(line));
  return index === -1 ? 2 : index + 2;
}

/** Refuses what is not a Markdown text file: empty, huge, binary, or not UTF-8. The bytes are not decoded here. */
function checkBytes(file: string, bytes: Buffer): void {
  if (bytes.length === 0) throw new ContentError(file, 1, 'the file is empty: a page needs front matter with at least title:, description: and updated:');
  if (bytes.length > MAX_PAGE_BYTES) {
    throw new ContentError(file, 1, `the file is ${(bytes.length / 1024 / 1024).toFixed(1)} MB; a page may be at most ${MAX_PAGE_BYTES / 1024 / 1024} MB`);
  }
  if (bytes.includes(0)) throw new ContentError(file, 1, 'this is not a text file (it contains binary data); only Markdown text belongs in a .md file');
  // isUtf8 checks in native code, several times faster than a fatal TextDecoder on 10,000 files.
  if (!isUtf8(bytes)) throw new ContentError(file, 1, 'the file is not valid UTF-8 text; save it as UTF-8');
}

/**
 * Every fault in the front matter, in line order, so one save shows them all. Kept out of readPage on purpose:
 * a closure there that used `split` would keep every page's whole file text alive through the page's getters.
 */
function frontMatterFaults(issues: readonly z.core.$ZodIssue[], yamlLines: readonly string[]): { line: number; message: string }[] {
  return issues
    .flatMap((issue) => {
      if (issue.code === 'unrecognized_keys') {
        const allowed = Object.keys(pageSchema.shape).join(', ');
        return issue.keys.map((key) => ({ line: lineOfKey(yamlLines, key), message: `unknown front matter field "${key}"; allowed fields are ${allowed}` }));
      }
      const where = issue.path.length > 0 ? `"${issue.path.join('.')}"` : 'front matter';
      const message = issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : issue.message;
      return [{ line: lineOfKey(yamlLines, issue.path[0]), message: `${where} ${message}` }];
    })
    .sort((a, b) => a.line - b.line);
}

/**
 * A copy of a string that shares no memory with the file it came from. Parsers hand out slices and ropes of the
 * source text, and one kept slice keeps the whole file alive: for 10,000 pages, tens of megabytes.
 */
function detached(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8');
}

export function readPage(file: string, bytes: Buffer): Page {
  checkBytes(file, bytes);
  const split = splitFrontMatter(file, bytes);
  const result = pageSchema.safeParse(split.data);
  if (!result.success) {
    const faults = frontMatterFaults(result.error.issues, split.yamlLines);
    const [first, ...more] = faults;
    throw new ContentError(file, first!.line, first!.message, { more });
  }
  const data = result.data;
  const body = lazyBody(split.body, split.bodyOffset);
  return {
    url: urlForFile(file),
    file,
    title: detached(data.title),
    linkTitle: detached(data.linkTitle ?? data.title),
    description: detached(data.description),
    updated: data.updated,
    date: data.date,
    draft: data.draft,
    aliases: data.aliases,
    sitemap: data.sitemap,
    weight: data.weight,
    layout: data.layout,
    publish: data.publish,
    expires: data.expires,
    review: data.review,
    reviewLine: data.review && lineOfKey(split.yamlLines, 'review'),
    menu: data.menu && { ...data.menu, title: data.menu.title === undefined ? undefined : detached(data.menu.title), line: lineOfKey(split.yamlLines, 'menu') },
    get bodyHtml() {
      return body().html.toString();
    },
    get headings() {
      return body().headings;
    },
    get links() {
      return body().links;
    },
    get images() {
      return body().images;
    },
  };
}

type RenderedBody = Pick<Page, 'headings' | 'links' | 'images'> & { readonly html: PackedText };

/**
 * The Markdown body, rendered on first use. Reading 10,000 files is then only reading their front matter, so the
 * site answers its first request sooner; the background rendering pass renders the bodies right after. Until
 * then the body is kept as the file's bytes (one byte a letter of English, where a string takes two as soon as
 * one Cyrillic letter is in it); once rendered, as packed HTML.
 */
function lazyBody(source: Buffer, bodyOffset: number): () => RenderedBody {
  let pending: Buffer | undefined = source;
  let rendered: RenderedBody | undefined;
  return () => {
    if (!rendered) {
      const markdown = renderMarkdown(pending?.toString('utf8') ?? '');
      const shift = (line: number): number => line + bodyOffset;
      rendered = {
        html: new PackedText(markdown.html),
        headings: markdown.headings.map((heading) => ({ level: heading.level, id: detached(heading.id), text: detached(heading.text) })),
        links: markdown.links.map((link) => ({ href: detached(link.href), line: shift(link.line) })),
        images: markdown.images.map((image) => ({ ...image, line: shift(image.line) })),
      };
      pending = undefined;
    }
    return rendered;
  };
}
