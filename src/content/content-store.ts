// Holds what has been read from content/: the last good version of each file, and each file's current problem.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isHidden, listFiles } from '../lib/list-files.js';
import { EMPTY_NAVIGATION, NAVIGATION_FILE, readNavigation, type Navigation } from './navigation.js';
import type { Page } from './page.js';
import { isPageFile, notAPageProblem } from './content-file.js';
import { ContentError, problemAt, type Problem } from './problem.js';
import { readPage } from './read-page.js';
import { REMOVED_FILE, readRemoved, type RemovedPage } from './removed-pages.js';
import { buildSite, type Site } from './site.js';

export type FileChange = 'added' | 'changed' | 'removed' | 'failed' | 'ignored';

export class ContentStore {
  readonly dir: string;
  private readonly includeDrafts: boolean;
  private readonly pages = new Map<string, Page>();
  private readonly errors = new Map<string, readonly Problem[]>();
  private navigation: Navigation = EMPTY_NAVIGATION;
  private removed: RemovedPage[] = [];
  private cached: Site | undefined;

  constructor(dir: string, options: { includeDrafts: boolean }) {
    this.dir = dir;
    this.includeDrafts = options.includeDrafts;
  }

  /** Reads every file. Safe to call again: files that vanished are forgotten. */
  loadAll(): void {
    const files = new Set(listFiles(this.dir));
    for (const known of [...this.pages.keys(), ...this.errors.keys()]) if (!files.has(known)) this.forget(known);
    for (const file of files) this.refresh(file);
    if (!files.has(NAVIGATION_FILE)) {
      this.errors.set(NAVIGATION_FILE, [problemAt(NAVIGATION_FILE, 1, 'the navigation file is missing: the site has no menus without it')]);
    }
  }

  /** Re-reads one file (relative path) after a change on disk. A broken file keeps its last good version. */
  refresh(file: string): FileChange {
    const normalised = file.replace(/\\/g, '/');
    if (normalised.split('/').some(isHidden)) return 'ignored';
    let bytes: Buffer;
    try {
      bytes = readFileSync(path.join(this.dir, normalised));
    } catch (error) {
      // A folder (EISDIR) is not content; a file that is gone was removed.
      if ((error as NodeJS.ErrnoException).code === 'EISDIR') return 'ignored';
      // A folder that was deleted or moved away takes every file under it along.
      const under = [...this.pages.keys(), ...this.errors.keys()].filter((known) => known.startsWith(`${normalised}/`));
      const forgotten = [normalised, ...under].map((gone) => this.forget(gone));
      return forgotten.some(Boolean) ? 'removed' : 'ignored';
    }
    try {
      const change = this.accept(normalised, bytes);
      if (change !== 'ignored') this.errors.delete(normalised);
      return change;
    } catch (error) {
      if (!(error instanceof ContentError)) throw error;
      this.errors.set(normalised, error.toProblems());
      this.cached = undefined;
      return 'failed';
    }
  }

  private accept(file: string, bytes: Buffer): FileChange {
    this.cached = undefined;
    if (file === NAVIGATION_FILE) {
      this.navigation = readNavigation(bytes.toString('utf8'));
      return 'changed';
    }
    if (file === REMOVED_FILE) {
      this.removed = readRemoved(bytes.toString('utf8'));
      return 'changed';
    }
    if (!isPageFile(file)) return this.notAPage(file, bytes);
    const existed = this.pages.has(file);
    this.pages.set(file, readPage(file, bytes));
    return existed ? 'changed' : 'added';
  }

  /** A file that is not a page is left out; an error when it looks like a page that missed its ".md", else a warning. */
  private notAPage(file: string, bytes: Buffer): FileChange {
    const problem = notAPageProblem(file, bytes);
    if (problem?.severity === 'error') throw new ContentError(file, problem.line, problem.message);
    if (problem) this.errors.set(file, [problem]);
    else this.errors.delete(file);
    return 'ignored';
  }

  private forget(file: string): boolean {
    this.cached = undefined;
    const had = this.pages.delete(file) || this.errors.has(file);
    this.errors.delete(file);
    if (file === NAVIGATION_FILE) this.navigation = EMPTY_NAVIGATION;
    if (file === REMOVED_FILE) this.removed = [];
    return had || file === NAVIGATION_FILE || file === REMOVED_FILE;
  }

  /** The current site model; rebuilt only after a change. */
  site(): Site {
    this.cached ??= buildSite({ pages: this.pages.values(), navigation: this.navigation, removed: this.removed, includeDrafts: this.includeDrafts });
    return this.cached;
  }

  /** Problems in single files (unreadable, invalid) followed by those between files. */
  problems(): Problem[] {
    return [...[...this.errors.values()].flat(), ...this.site().problems].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
  }
}
