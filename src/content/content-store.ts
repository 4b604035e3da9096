// Holds what has been read from content/: the live version of each file, and why a newer one is not live.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { isHidden, listFiles } from '../lib/list-files.js';
import { runNow, type Steps } from '../lib/steps.js';
import type { CheckOptions } from './check-site.js';
import { gatingChanges } from './content-gate.js';
import { FORUM_FILE, readForumSettings, type ForumSettings } from './forum-settings.js';
import { EMPTY_NAVIGATION, NAVIGATION_FILE, readNavigation, type Navigation } from './navigation.js';
import type { Page } from './page.js';
import { isPageFile, notAPageProblem } from './content-file.js';
import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from './languages.js';
import { ContentError, problemAt, type Problem } from './problem.js';
import { readContentFile, type ContentFileBytes } from './read-content-file.js';
import type { PrerenderedLookup } from './page-body.js';
import { readPage, tooLarge } from './read-page.js';
import { REMOVED_FILE, readRemoved, type RemovedPage } from './removed-pages.js';
import { buildingSite, type Site } from './site.js';
import { urlForFile } from './url-for-file.js';

export type FileChange = 'added' | 'changed' | 'removed' | 'failed' | 'held' | 'ignored';

/** One version of one content file, as read. */
type Version =
  | { readonly kind: 'page'; readonly page: Page }
  | { readonly kind: 'navigation'; readonly navigation: Navigation }
  | { readonly kind: 'removed'; readonly removed: readonly RemovedPage[] }
  | { readonly kind: 'forum'; readonly forum: ForumSettings };

/** What applying changed files did: each file's fate, in the order given, and the files whose change went live. */
export interface Applied {
  readonly changes: FileChange[];
  readonly taken: string[];
}

/** A change read from disk: the new version with its bytes, or undefined for a file that is gone. */
type Proposal = { readonly version: Version; readonly bytes: Buffer } | undefined;

/** Where the last good version of each file is kept across restarts (DATA_DIR), so a broken file never means a 404. */
export interface LastGoodFiles {
  /** The content hash recorded for each file of the last good generation, or undefined when none was recorded. */
  manifest(): ReadonlyMap<string, string> | undefined;
  read(file: string): Buffer | undefined;
  save(file: string, bytes: Buffer, hash: string): void;
  forget(file: string): void;
}

export interface StoreOptions {
  readonly includeDrafts: boolean;
  /**
   * With a gate, a change that would bring in an error the check reports is held back and the live version stays
   * (the running server). Without one, every readable change is taken (npm run check, which reports everything).
   */
  readonly gate?: () => CheckOptions;
  readonly lastGood?: LastGoodFiles;
  /** The time, for pages that publish or expire by themselves; tests pass a fixed one. */
  readonly clock?: () => number;
  /**
   * The edition this store reads: the files of its folder of content/ (the default language: every file outside the
   * other languages' folders). File names stay relative to content/, so a page's address is its path.
   */
  readonly language?: Language;
  /** Bodies rendered on a rendering thread just before a change is applied (the server; src/publish/prerender.ts). */
  readonly prerendered?: PrerenderedLookup;
  /** The bytes those bodies were rendered from: a change applies the file as it was read for that, not as it is by now. */
  readonly readAhead?: (file: string) => ContentFileBytes | undefined;
}

/** Whether a file (relative to content/) belongs to a language's edition. */
export function inEdition(language: Language, file: string): boolean {
  if (language.folder !== '') return file === language.folder || file.startsWith(`${language.folder}/`);
  return !LANGUAGES.some((other) => other.folder !== '' && (file === other.folder || file.startsWith(`${other.folder}/`)));
}

export function hashOf(bytes: Buffer): string {
  return createHash('sha1').update(bytes).digest('base64url');
}

/**
 * One file's version, or undefined for a file that is not a page (left out). Such a file that looks like a page
 * that missed its ".md" is an error (thrown); other files of content/ are a warning, given to `warn`.
 */
function readVersion(
  file: string,
  { bytes, size }: { bytes: Buffer; size: number },
  language: Language,
  warn: (problems: readonly Problem[]) => void = () => {},
  prerendered?: PrerenderedLookup,
): Version | undefined {
  const own = language.folder === '' ? file : file.slice(language.folder.length + 1);
  // A page or data file over the limit was read only in part (read-content-file.ts): refused by its whole size.
  const whole = own === NAVIGATION_FILE || own === REMOVED_FILE || file === FORUM_FILE || isPageFile(file);
  if (whole && size > bytes.length) throw tooLarge(file, size);
  if (own === NAVIGATION_FILE) return { kind: 'navigation', navigation: readNavigation(bytes.toString('utf8')) };
  if (own === REMOVED_FILE) return { kind: 'removed', removed: readRemoved(bytes.toString('utf8')) };
  // One forum for every language: its settings live beside the default edition's navigation.
  if (file === FORUM_FILE) return { kind: 'forum', forum: readForumSettings(bytes.toString('utf8')) };
  if (isPageFile(file)) {
    const warnings: Problem[] = [];
    const page = readPage(file, bytes, { warn: (warning) => warnings.push(warning), prerendered });
    warn(warnings);
    return { kind: 'page', page };
  }
  const problem = notAPageProblem(file, bytes);
  if (problem?.severity === 'error') throw new ContentError(file, problem.line, problem.message);
  warn(problem ? [problem] : []);
  return undefined;
}

export class ContentStore {
  readonly dir: string;
  private readonly options: StoreOptions;
  /** The live version of each file. */
  private readonly live = new Map<string, Version>();
  /** Files whose newest version cannot be read, with why. */
  private readonly failed = new Map<string, readonly Problem[]>();
  /** Files whose newest version reads but would bring in an error elsewhere or in itself, with why. */
  private readonly held = new Map<string, readonly Problem[]>();
  /** Files of content/ that are not published, such as a PDF, with a warning saying so. */
  private readonly warnings = new Map<string, readonly Problem[]>();
  private cached: Site | undefined;

  private readonly language: Language;

  constructor(dir: string, options: StoreOptions) {
    this.dir = dir;
    this.options = options;
    this.language = options.language ?? DEFAULT_LANGUAGE;
  }

  /** The edition's navigation file, relative to content/: "navigation.yml", "ru/navigation.yml". */
  private get navigationFile(): string {
    return this.language.folder === '' ? NAVIGATION_FILE : `${this.language.folder}/${NAVIGATION_FILE}`;
  }

  /** Whether a file (relative to content/) is this store's to read. */
  owns(file: string): boolean {
    return inEdition(this.language, file);
  }

  /**
   * Reads every file. The first load takes every readable file as it is, unless a last good generation was kept:
   * then files that changed since are gated like any change. Later loads (SIGHUP) gate what differs.
   */
  loadAll(): void {
    runNow(this.loadingAll());
  }

  /** loadAll() in steps (src/lib/steps.ts): the server reads everything again on SIGHUP while it answers requests. */
  *loadingAll(): Steps<void> {
    const files = new Set(this.listOwnFiles());
    const known = [...this.live.keys(), ...this.failed.keys(), ...this.held.keys()];
    const manifest = this.live.size === 0 ? this.ownManifest() : undefined;
    if (known.length > 0) yield* this.applying([...new Set([...files, ...known])]);
    else if (manifest) yield* this.applying(this.restore(manifest, files));
    else this.takeAll(files);
    // Another edition's gate may have asked for this site before it was read (links between editions).
    this.cached = undefined;
    // A language whose folder is not there has no edition in this content (a test's fixture, a site being set up).
    const absent = this.language.folder !== '' && !existsSync(path.join(this.dir, this.language.folder));
    if (!absent && !this.live.has(this.navigationFile) && !this.failed.has(this.navigationFile)) {
      this.failed.set(this.navigationFile, [problemAt(this.navigationFile, 1, 'the navigation file is missing: the site has no menus without it')]);
    }
  }

  /** This edition's files, relative to content/: another language's walks its own folder only, which may not exist yet. */
  private listOwnFiles(): string[] {
    const { folder } = this.language;
    // Links are listed so that each is refused with a message, as the watcher's report of one is.
    if (folder === '') return listFiles(this.dir, { links: true }).filter((file) => this.owns(file));
    if (!existsSync(path.join(this.dir, folder))) return [];
    return listFiles(path.join(this.dir, folder), { links: true }).map((file) => `${folder}/${file}`);
  }

  /** The kept generation's files of this edition; the manifest holds every edition's. */
  private ownManifest(): ReadonlyMap<string, string> | undefined {
    const manifest = this.options.lastGood?.manifest();
    return manifest && new Map([...manifest].filter(([file]) => this.owns(file)));
  }

  /**
   * The page files that applying a change to `files` (or loadAll, without) reads again: those given, and those held
   * back, which are tried again at every change. Their bodies can then be rendered on a thread beforehand.
   */
  pageFilesToRead(files?: readonly string[]): string[] {
    const given = files ? files.map((file) => file.replace(/\\/g, '/')).filter((file) => this.owns(file)) : this.listOwnFiles();
    return [...new Set([...given, ...this.held.keys()])].filter((file) => isPageFile(file) && !file.split('/').some(isHidden));
  }

  /** Re-reads one file (relative path) after a change on disk. */
  refresh(file: string): FileChange {
    return this.apply([file]).changes[0]!;
  }

  /**
   * Re-reads changed files (relative paths) and takes each change that is readable and, with a gate, brings in no
   * error. Files held back earlier are tried again too, since a change elsewhere may have made them fit.
   */
  apply(files: readonly string[]): Applied {
    return runNow(this.applying(files));
  }

  /**
   * apply() in steps, pausing between files and inside the gate (src/lib/steps.ts). Nothing is taken before the
   * gate has decided, and the live site is rebuilt only at the end: meanwhile site() is the site as it was.
   */
  *applying(files: readonly string[]): Steps<Applied> {
    const normalised = files.map((file) => file.replace(/\\/g, '/'));
    const proposals = new Map<string, Proposal>();
    const results = new Map<string, FileChange>();
    for (const file of [...normalised, ...this.held.keys()]) {
      this.propose(file, proposals, results);
      yield;
    }
    const { held: decision, site } = yield* this.deciding(proposals);
    // Hashed here, a file a step, for the last good copy: a 1 MB page takes about 1 ms.
    const hashes = new Map<string, string>();
    for (const [file, proposal] of proposals) {
      if (!proposal || decision.has(file) || !this.options.lastGood) continue;
      hashes.set(file, hashOf(proposal.bytes));
      yield;
    }
    const taken: string[] = [];
    for (const [file, proposal] of proposals) {
      const problems = decision.get(file);
      if (problems) {
        this.held.set(file, problems);
        results.set(file, 'held');
      } else {
        const change = this.take(file, proposal, hashes.get(file));
        if (change !== 'ignored') taken.push(file);
        if (!results.has(file) || change !== 'ignored') results.set(file, change);
      }
    }
    // The gate built the site as it now is to check it: a 10,000-page site model is not made twice per change.
    this.cached = site;
    return { changes: normalised.map((file) => results.get(file) ?? 'ignored'), taken };
  }

  /** The live site model; rebuilt only after a change. */
  site(): Site {
    // A page's publish or expiry moment passing changes the site as much as a saved file does.
    if (this.cached?.nextChange !== undefined && this.now() >= this.cached.nextChange) this.cached = undefined;
    this.cached ??= runNow(this.building(new Map()));
    return this.cached;
  }

  private now(): number {
    return (this.options.clock ?? Date.now)();
  }

  /** Problems in single files (unreadable, invalid), changes held back, and those between files. */
  problems(): Problem[] {
    const all = [...[...this.failed.values()], ...this.held.values(), ...this.warnings.values()].flat().concat(this.site().problems);
    return all.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
  }

  /** Addresses of page files that cannot be read: links to them are that file's fault, not the linker's. */
  failedUrls(): Set<string> {
    return new Set([...this.failed.keys()].filter((file) => file.toLowerCase().endsWith('.md')).map((file) => this.urlOf(file)));
  }

  private urlOf(file: string): string {
    const version = this.live.get(file);
    return version?.kind === 'page' ? version.page.url : urlForFile(file);
  }

  /** Reads one file into proposals; a file that cannot be read is recorded as failed and proposes nothing. */
  private propose(file: string, proposals: Map<string, Proposal>, results: Map<string, FileChange>): void {
    if (file.split('/').some(isHidden) || proposals.has(file) || !this.owns(file)) return;
    let read: ContentFileBytes;
    try {
      read = this.options.readAhead?.(file) ?? readContentFile(this.dir, file);
    } catch (error) {
      if (error instanceof ContentError) return this.fail(file, error, results);
      // A folder (EISDIR) is not content; a file or folder that is gone takes every file under it along.
      if ((error as NodeJS.ErrnoException).code === 'EISDIR') return;
      const gone = this.goneWith(file);
      for (const each of gone) proposals.set(each, undefined);
      if (gone.length > 0) results.set(file, 'removed');
      return;
    }
    try {
      const version = readVersion(file, read, this.language, this.noteWarnings(file), this.options.prerendered);
      if (version) proposals.set(file, { version, bytes: read.bytes });
      this.failed.delete(file);
    } catch (error) {
      if (!(error instanceof ContentError)) throw error;
      this.fail(file, error, results);
    }
  }

  /**
   * The known files that went with a path that is gone: the file itself, or every file under a folder. A known file
   * is looked up, not searched for: a folder of 10,000 pages removed was reported file by file, and a search of every
   * known file for each made that quadratic.
   */
  private goneWith(path: string): string[] {
    const isKnown = (file: string): boolean => this.live.has(file) || this.failed.has(file) || this.held.has(file);
    if (isKnown(path) || this.warnings.has(path)) {
      this.warnings.delete(path);
      return isKnown(path) ? [path] : [];
    }
    const under = (file: string): boolean => file.startsWith(`${path}/`);
    for (const warned of [...this.warnings.keys()]) if (under(warned)) this.warnings.delete(warned);
    return [...new Set([...this.live.keys(), ...this.failed.keys(), ...this.held.keys()])].filter(under);
  }

  /** Keeps a file's warnings (a PDF in content/, a value cut at " #") as the newest reading of it says. */
  private noteWarnings(file: string): (warnings: readonly Problem[]) => void {
    return (warnings) => (warnings.length > 0 ? this.warnings.set(file, warnings) : this.warnings.delete(file));
  }

  private fail(file: string, error: ContentError, results: Map<string, FileChange>): void {
    this.failed.set(file, error.toProblems());
    this.warnings.delete(file);
    this.held.delete(file);
    results.set(file, 'failed');
  }

  /** With a gate: the files to hold back, with their problems, and the site with the rest applied. */
  private *deciding(proposals: ReadonlyMap<string, Proposal>): Steps<{ readonly held: ReadonlyMap<string, readonly Problem[]>; readonly site?: Site }> {
    if (!this.options.gate || proposals.size === 0) return { held: new Map() };
    const withOnly = (files: ReadonlySet<string>): Steps<Site> => this.building(new Map([...proposals].filter(([file]) => files.has(file))));
    return yield* gatingChanges(this.site(), proposals.keys(), withOnly, this.options.gate());
  }

  private take(file: string, proposal: Proposal, hash?: string): FileChange {
    const existed = this.live.has(file) || this.failed.has(file) || this.held.has(file);
    this.held.delete(file);
    if (!proposal) {
      this.live.delete(file);
      this.failed.delete(file);
      this.options.lastGood?.forget(file);
      return existed ? 'removed' : 'ignored';
    }
    this.live.set(file, proposal.version);
    if (this.options.lastGood) this.options.lastGood.save(file, proposal.bytes, hash ?? hashOf(proposal.bytes));
    return existed ? 'changed' : 'added';
  }

  /** The first load with nothing kept from before: every readable file goes live as it is. */
  private takeAll(files: ReadonlySet<string>): void {
    for (const file of files) {
      const proposals = new Map<string, Proposal>();
      this.propose(file, proposals, new Map());
      const proposal = proposals.get(file);
      if (proposal) this.take(file, proposal);
    }
  }

  /**
   * Starts from the last good generation kept on disk: files unchanged since are taken as they are; for a file that
   * changed, appeared or went while the server was down, its last good version goes live and the change is
   * returned, to be gated like any change.
   */
  private restore(manifest: ReadonlyMap<string, string>, files: ReadonlySet<string>): string[] {
    const pending: string[] = [];
    for (const file of new Set([...files, ...manifest.keys()])) {
      const current = files.has(file) ? this.readQuietly(file) : undefined;
      const kept = manifest.get(file);
      if (current && kept === hashOf(current)) {
        this.takeBytes(file, current);
        continue;
      }
      pending.push(file);
      const previous = kept === undefined ? undefined : this.options.lastGood?.read(file);
      if (previous) this.takeBytes(file, previous);
    }
    return pending;
  }

  private readQuietly(file: string): Buffer | undefined {
    try {
      const { bytes, size } = readContentFile(this.dir, file);
      return size > bytes.length ? undefined : bytes;
    } catch {
      return undefined;
    }
  }

  /** Takes bytes known to be good (kept from before) as the live version, without gating. */
  private takeBytes(file: string, bytes: Buffer): void {
    try {
      const version = readVersion(file, { bytes, size: bytes.length }, this.language, this.noteWarnings(file));
      if (version) this.live.set(file, version);
    } catch (error) {
      // Kept bytes that no longer read (the rules grew stricter since): the file is then simply not live.
      if (!(error instanceof ContentError)) throw error;
    }
  }

  /** The site with the live files and the given proposals applied on top. */
  private *building(proposals: ReadonlyMap<string, Proposal>): Steps<Site> {
    const versions = new Map(this.live);
    for (const [file, proposal] of proposals) {
      if (proposal) versions.set(file, proposal.version);
      else versions.delete(file);
    }
    const pages: Page[] = [];
    let navigation: Navigation = EMPTY_NAVIGATION;
    let removed: readonly RemovedPage[] = [];
    let forum: ForumSettings | undefined;
    let seen = 0;
    for (const version of versions.values()) {
      // 10,000 files' versions gathered in one piece held the serving thread a few milliseconds per change.
      if (++seen % 1000 === 0) yield;
      if (version.kind === 'page') pages.push(version.page);
      else if (version.kind === 'navigation') navigation = version.navigation;
      else if (version.kind === 'forum') forum = version.forum;
      else removed = version.removed;
    }
    return yield* buildingSite({
      pages,
      navigation,
      removed: [...removed],
      forum,
      language: this.language,
      includeDrafts: this.options.includeDrafts,
      now: this.now(),
    });
  }
}
