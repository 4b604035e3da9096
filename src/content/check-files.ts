// Checks links and images that point at files of public/: the file must be there, and the path must not name public/.
import path from 'node:path/posix';
import { runNow, type Steps } from '../lib/steps.js';
import { withoutTrailingSlash } from '../lib/url-path.js';
import { internalLinks, resolveInternal } from './internal-links.js';
import type { Page } from './page.js';
import { problemAt, type Problem } from './problem.js';
import type { Site } from './site.js';

/** Extensions that name a page, not a file: such a link is the page check's to judge ("there is no page …"). */
const PAGE_LIKE = new Set(['', '.md', '.markdown', '.html', '.htm', '.php', '.phtml', '.asp', '.aspx']);
const PUBLIC_PREFIX = '/public/';

export interface FileCheck {
  readonly problems: Problem[];
  /** Paths of every link this check judged as a link to a file, so the page check does not report them again. */
  readonly linked: ReadonlySet<string>;
}

/** Where a reference points, and how the editor wrote it. */
interface Reference {
  readonly page: Page;
  readonly line: number;
  readonly written: string;
  readonly path: string;
  readonly kind: 'image' | 'link';
}

/** How to fix a path to a missing file: the same name with other capitals, or the same file name in another folder. */
function suggestion(target: string, publicFiles: ReadonlySet<string>): string {
  const files = [...publicFiles];
  const sameLetters = files.find((file) => file.toLowerCase() === target.toLowerCase());
  if (sameLetters) return `the file is public${sameLetters}: write its name exactly, capitals included`;
  const sameName = files.find((file) => path.basename(file) === path.basename(target));
  if (sameName) return `did you mean ${sameName}? Paths start with / and the folder under public/`;
  return `put the file at public${target}, or correct the path`;
}

function check(reference: Reference, publicFiles: ReadonlySet<string>): Problem | undefined {
  const { page, line, written, kind } = reference;
  const what = kind === 'image' ? `image ${written}` : `link to ${written}`;
  if (reference.path.startsWith(PUBLIC_PREFIX)) {
    const fixed = reference.path.slice(PUBLIC_PREFIX.length - 1);
    const missing = publicFiles.has(fixed) ? '' : `; there is no file public${fixed} either`;
    return problemAt(page.file, line, `${what}: remove public/ from the path and write ${fixed}, as files in public/ are served from the top${missing}`);
  }
  if (publicFiles.has(reference.path)) return undefined;
  return problemAt(page.file, line, `${what}: there is no file public${reference.path}; ${suggestion(reference.path, publicFiles)}`);
}

/** Whether an internal link means a file of public/ rather than a page, a redirect or one of the app's routes. */
function isFileLink(site: Site, target: string, routes: ReadonlySet<string>): boolean {
  if (target.startsWith(PUBLIC_PREFIX)) return true;
  const trimmed = withoutTrailingSlash(target);
  if (routes.has(trimmed) || site.pages.has(trimmed) || site.redirects.has(trimmed)) return false;
  return !PAGE_LIKE.has(path.extname(trimmed).toLowerCase());
}

/** Every image on the site, and every link to a file, against the files of public/ (by decoded URL path). */
export function checkFiles(site: Site, publicFiles: ReadonlySet<string>, routes: ReadonlySet<string>, pages: Iterable<Page> = site.pages.values()): FileCheck {
  return runNow(checkingFiles(site, publicFiles, routes, pages));
}

/** References judged between two pauses of checkingFiles(). */
const REFERENCES_PER_STEP = 64;

/** checkFiles() in steps, pausing every few dozen references: a page may have a thousand links and as many images. */
export function* checkingFiles(site: Site, publicFiles: ReadonlySet<string>, routes: ReadonlySet<string>, pages: Iterable<Page>): Steps<FileCheck> {
  const problems: Problem[] = [];
  const linked = new Set<string>();
  let judged = 0;
  for (const page of pages) {
    for (const image of page.images) {
      if (++judged % REFERENCES_PER_STEP === 0) yield;
      const target = resolveInternal(image.src, page.url);
      const problem = target && check({ page, line: image.line, written: image.src, path: target.path, kind: 'image' }, publicFiles);
      if (problem) problems.push(problem);
    }
    // The links as the page check resolves them too, once per page version.
    for (const link of internalLinks(page)) {
      if (++judged % REFERENCES_PER_STEP === 0) yield;
      if (!isFileLink(site, link.path, routes)) continue;
      linked.add(link.path);
      const problem = check({ page, line: link.line, written: link.href, path: link.path, kind: 'link' }, publicFiles);
      if (problem) problems.push(problem);
    }
  }
  return { problems, linked };
}
