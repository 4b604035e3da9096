// Publishing: reads content, renders it, indexes it, and hands the server one read-only snapshot per generation.
import path from 'node:path';
import type { CheckOptions } from '../content/check-site.js';
import { ContentStore, type FileChange } from '../content/content-store.js';
import { LANGUAGES, type Language } from '../content/languages.js';
import type { Page } from '../content/page.js';
import type { Site } from '../content/site.js';
import { changedPairs, pairTranslations, type Translations } from '../content/translations.js';
import { formatProblem, type Problem } from '../content/problem.js';
import { urlForFile } from '../content/url-for-file.js';
import type { CachePolicy } from '../http/cache-policy.js';
import { precompressInBackground, type Prepared } from '../http/prepared.js';
import { ImageVariants } from '../images/image-variants.js';
import { errorFields, type Logger } from '../lib/logger.js';
import { runInSlices, runNow, type Steps } from '../lib/steps.js';
import { untilStill } from '../lib/until-still.js';
import type { RenderContext } from '../render/page-locals.js';
import { InterfaceTexts } from '../render/interface-text.js';
import { imagePath } from '../render/responsive-images.js';
import { SiteRenderer } from '../render/site-renderer.js';
import { Views } from '../render/views.js';
import type { SearchEngine } from '../search/search-engine.js';
import { SearchIndex } from '../search/search-index.js';
import { affectedUrls } from './affected-pages.js';
import { checkSiteAndFiles } from './check-content.js';
import { Edition, type EditionInput } from './edition.js';
import { renderingSiteFiles } from './generated-files.js';
import { openLastGood } from './last-good-files.js';
import { PublishedAssets } from './published-assets.js';
import type { BodyPool } from './body-pool.js';
import { Prerenders } from './prerender.js';
import { Snapshot } from './snapshot.js';
import { renderBodiesOnThreads } from './thread-bodies.js';

export interface PublisherOptions {
  readonly contentDir: string;
  /** Where the last good generation is kept across restarts; ":memory:" keeps nothing. */
  readonly dataDir: string;
  readonly viewsDir: string;
  /** The interface text of each language (i18n/<code>.yml). */
  readonly i18nDir: string;
  readonly publicDir: string;
  readonly siteUrl: string;
  /** Development shows drafts; production never publishes them. */
  readonly includeDrafts: boolean;
  /** Addresses the app answers that are not content pages, so links to them count as working. */
  readonly appPaths: readonly string[];
  /** Prefixes the app answers everything below (/forum, /assets): no page or alias may be there. */
  readonly appPrefixes?: readonly string[];
  /** Those of them that are public pages for search engines (the forum's front page), listed in the sitemap. */
  readonly sitemapPaths?: readonly string[];
  readonly logger: Logger;
  /** The live-reload script, in development only. */
  readonly devScriptUrl?: string | undefined;
  /** Templates throw on a local they were not given (development and tests; production pays nothing for it). */
  readonly checkLocals: boolean;
  readonly cache: CachePolicy;
  /** Where image variants are kept across restarts; undefined keeps them in memory only. */
  readonly imageCacheDir: string | undefined;
  /** Keeps every edition's search index (the search thread); in-thread when not given (scripts, unit tests). */
  readonly searchEngine?: SearchEngine;
  /**
   * The threads that render page bodies (the server), so that a large page never holds up requests: see
   * publishChanges(). Without them (scripts, unit tests), bodies are rendered in this thread as they are needed.
   */
  readonly bodyPool?: BodyPool;
}

/** One language's sources: its folder of content/ read into a store, and its search index. */
interface EditionSource {
  readonly language: Language;
  readonly store: ContentStore;
  readonly search: SearchIndex;
}

/** The translations of the generation being made, and those of one edition's addresses that changed since the last. */
interface Pairing {
  readonly translations: Translations;
  readonly changed: ReadonlySet<string>;
}

/** How one edition of the next generation is made from the one before. */
type MakeEdition = (source: EditionSource, previous: Edition | undefined, pairing: Pairing) => Edition;

export class Publisher {
  readonly renderer: SiteRenderer;
  private readonly options: PublisherOptions;
  private readonly views: Views;
  private texts: InterfaceTexts;
  /** The pairs of translations of the generation served now. */
  private translations: Translations = new Map();
  private readonly sources: readonly EditionSource[];
  private readonly variants: ImageVariants;
  private published: PublishedAssets;
  /** Logical paths of public/ that the layout links (stylesheets, icon): a change to one renders every page. */
  private readonly chromeAssets = new Set<string>();
  /** Variants being made, one batch after another; see settled(). */
  private imageWork: Promise<void> = Promise.resolve();
  private current: Snapshot;
  private generation = 0;
  private readonly listeners: (() => void)[] = [];
  private readonly lastGood: ReturnType<typeof openLastGood>;
  private timer: NodeJS.Timeout | undefined;
  /** Problems already logged, so each is logged once, when it appears. */
  private logged = new Set<string>();
  /** Bodies of changed files rendered on the threads just before the change is applied. */
  private readonly prerenders: Prerenders | undefined;
  /** Set by close(): changes not applied yet are left for the next start. */
  private closing = false;
  /** The change being published by publishChanges(), so that the next waits for it. */
  private changing: Promise<unknown> = Promise.resolve();
  /** Each site's pass rendering its pages' bodies on the threads; search and the background pass wait for it. */
  private readonly bodyPasses = new WeakMap<Site, { readonly generation: number; readonly pass: Promise<void> }>();
  /** Sites whose every body a pass has rendered on the threads (or failed there): a change need not walk them again. */
  private readonly allBodiesRendered = new WeakSet<Site>();

  constructor(options: PublisherOptions) {
    this.options = options;
    this.views = new Views(options.viewsDir, { checkLocals: options.checkLocals });
    this.texts = InterfaceTexts.read(options.i18nDir);
    this.renderer = new SiteRenderer(this.views);
    this.variants = new ImageVariants(options.imageCacheDir, options.logger);
    this.published = PublishedAssets.read(options.publicDir, this.variants, options.cache);
    // One edition per language (src/content/languages.ts): English at the root from content/, Russian at /ru from content/ru/.
    this.lastGood = openLastGood(options.dataDir, options.contentDir, (error) =>
      options.logger.error('cannot keep the last good content under DATA_DIR; the site serves on', errorFields(error)),
    );
    this.prerenders = options.bodyPool && new Prerenders(options.bodyPool, options.contentDir);
    const prerendered = this.prerenders?.lookup;
    const readAhead = this.prerenders?.readAhead;
    this.sources = LANGUAGES.map((language) => ({
      language,
      store: new ContentStore(options.contentDir, {
        language,
        includeDrafts: options.includeDrafts,
        gate: () => this.checkOptions(),
        lastGood: this.lastGood,
        prerendered,
        readAhead,
      }),
      // Each edition's index lives on the one search thread, apart by language (SearchEngine.open).
      search: new SearchIndex(language.code, options.searchEngine),
    }));
    for (const source of this.sources) source.store.loadAll();
    this.reportFileProblems();
    this.current = this.publish(this.everyPage);
    this.scheduleNextChange();
    this.makeImageVariants();
  }

  /** The snapshot being served now. */
  snapshot(): Snapshot {
    return this.current;
  }

  /** Calls listener after every reload, whether it published or held back a broken file (live reload in development). */
  onReload(listener: () => void): void {
    this.listeners.push(listener);
  }

  /**
   * Re-reads changed content files (relative paths), or everything, and publishes the result. Only the pages a
   * change shows on are rendered again; a change to navigation.yml or removed.yml, or a full reload, renders all.
   */
  reload(files?: readonly string[]): FileChange[] {
    return runNow(this.reloading(files));
  }

  /**
   * reload() in steps (src/lib/steps.ts): reading a file, gating and hashing pause between pieces of work, and the
   * new generation is published in one piece at the end.
   */
  private *reloading(files?: readonly string[]): Steps<FileChange[]> {
    const before = new Map(this.sources.map((source) => [source, source.store.site()] as const));
    const applied = new Map<EditionSource, string[]>();
    const results = new Map<string, FileChange>();
    for (const source of this.sources) {
      if (!files) {
        yield* source.store.loadingAll();
        continue;
      }
      const own = files.filter((file) => source.store.owns(file.replace(/\\/g, '/')));
      if (own.length === 0) continue;
      const { changes, taken } = yield* source.store.applying(own);
      own.forEach((file, index) => results.set(file, changes[index]!));
      applied.set(source, taken);
    }
    this.reportFileProblems();
    yield;
    const taken = [...applied.values()].flat();
    if (!files || taken.some((file) => !file.toLowerCase().endsWith('.md'))) {
      this.swap(yield* this.publishing(this.everyPage));
    } else if (taken.length > 0) {
      this.swap(
        yield* this.publishing((each, previous, pairing) => {
          const changed = [...(applied.get(each) ?? []).map(urlForFile), ...pairing.changed];
          return this.renderSome(each, previous, before.get(each)!, changed, pairing.translations);
        }),
      );
    }
    this.notify();
    return files ? files.map((file) => results.get(file) ?? 'ignored') : ['changed'];
  }

  /**
   * reload(), with the bodies of the files it reads rendered on the threads first, and the rest done a slice at a
   * time: reading, gating and publishing the change render nothing in this thread, which goes on answering requests
   * meanwhile. Changes are published one after another, in the order asked (the watcher, SIGHUP, scheduled pages).
   * Never rejects for a file's fault.
   */
  publishChanges(files?: readonly string[]): Promise<FileChange[]> {
    // Once the server is closing, a change not applied yet is left for the next start, which reads content/ again:
    // the threads it needs are closing too, and that is nobody's fault to report.
    const left = (): FileChange[] => (files ?? []).map(() => 'ignored');
    return this.oneAtATime(() => this.inSlicesAfterThreads(files, () => this.reloading(files), left));
  }

  /**
   * Renders on the threads the bodies of the page files that applying a change to `files` reads (those given, or all,
   * and the held ones), then runs the change's steps a slice at a time. At shutdown, gives `left()` instead.
   */
  private async inSlicesAfterThreads<T>(files: readonly string[] | undefined, steps: () => Steps<T>, left: () => T): Promise<T> {
    if (this.closing) return left();
    const prerenders = this.prerenders;
    try {
      if (prerenders) {
        const toRead = this.sources.flatMap((source) => source.store.pageFilesToRead(files));
        await Promise.all([prerenders.render(toRead), this.liveBodiesOnThreads()]);
      }
      return this.closing ? left() : await runInSlices(steps());
    } catch (error) {
      if (this.closing) return left();
      throw error;
    } finally {
      prerenders?.clear();
    }
  }

  /** Settles when no change is being published or waiting to be (tests, after a scheduled moment has passed). */
  idle(): Promise<void> {
    return untilStill(() => this.changing);
  }

  /** Runs a change after the one being published: a change applied in slices must not meet another halfway. */
  private oneAtATime<T>(run: () => Promise<T>): Promise<T> {
    const result = this.changing.then(run, run);
    this.changing = result.catch(() => undefined);
    return result;
  }

  /**
   * Every body of the live sites rendered on the threads, and those of the pages scheduled to go live: the gate
   * compares the live versions of changed files with the new ones, and when a change takes an address away, it
   * reads the links of every page to find those that linked there. A change soon after start waits for the
   * background pass to get there first; otherwise a large page not reached yet would be rendered in this thread.
   */
  private async liveBodiesOnThreads(): Promise<void> {
    const pool = this.options.bodyPool;
    if (!pool) return;
    const sites = this.sources.map((source) => source.store.site());
    await Promise.all(sites.map((site) => this.bodiesOnThreads(site)));
    // What a pass cut short by a newer generation left (walking 10,000 pages again took a change some 50 ms), and the
    // pages scheduled to go live.
    const rest = sites.flatMap((site) => [...(this.allBodiesRendered.has(site) ? [] : site.pages.values()), ...site.scheduled.values()]);
    await renderBodiesOnThreads(pool, rest, () => false, this.renderFailed);
  }

  /** Logs a page that could not be rendered, with its file: once, where it is prepared (see thread-bodies.ts). */
  private readonly renderFailed = (page: Page, error: unknown): void =>
    this.options.logger.error('page failed to render', { file: page.file, url: page.url, ...errorFields(error) });

  /** Forgets compiled templates after a change under views/ (development), and renders all. */
  reloadTemplates(): void {
    this.views.clear();
    this.texts = InterfaceTexts.read(this.options.i18nDir);
    this.swap(this.publish(this.everyPage));
    this.notify();
  }

  /**
   * Re-reads public/ after a change there and publishes it at once; then makes the variants of new photos in the
   * background and publishes them when done. Only the pages that show a changed file are rendered again.
   */
  reloadAssets(): void {
    this.applyAssets(PublishedAssets.read(this.options.publicDir, this.variants, this.options.cache));
    this.makeImageVariants();
  }

  /** Settles when no image variants are being made and what was made is published (tests, the export). */
  settled(): Promise<void> {
    return untilStill(() => this.imageWork);
  }

  /** Problems in single files (unreadable, invalid): logged as they are read. */
  fileProblems(): Problem[] {
    return this.sources.flatMap((source) => source.store.problems());
  }

  /** Every problem in the content now, for the log, the check and the development overlay. */
  problems(): Problem[] {
    return this.sources.flatMap((source) => [
      ...source.store.problems(),
      ...checkSiteAndFiles(
        source.store.site(),
        new Set(this.options.appPaths),
        this.published.assets.files,
        source.store.failedUrls(),
        this.options.appPrefixes,
        () => this.editionSites(),
      ),
    ]);
  }

  /** Shutdown: writes the kept generation now, stops waiting for scheduled pages, and takes no more changes. */
  close(): void {
    this.closing = true;
    clearTimeout(this.timer);
    this.lastGood?.flush();
  }

  /** What a link may point to besides its edition's pages: the app's own addresses, the files of public/, other editions' pages. */
  private checkOptions(): CheckOptions {
    return {
      routes: new Set(this.options.appPaths),
      routePrefixes: this.options.appPrefixes,
      assets: this.published.assets.files,
      editions: () => this.editionSites(),
    };
  }

  /** Each edition's live site, for links from one edition to another. */
  private editionSites(): Site[] {
    return this.sources.map((source) => source.store.site());
  }

  /** Error lines as `content/file.md:line: message`, for the development overlay. */
  errorLines(rootDir: string): string[] {
    const prefix = `${path.relative(rootDir, this.options.contentDir) || '.'}/`;
    return this.problems()
      .filter((problem) => problem.severity === 'error')
      .map((problem) => formatProblem(problem, prefix));
  }

  /** Logs each problem of a file, or of a change held back, once: when it appears. */
  private reportFileProblems(): void {
    const { logger } = this.options;
    const now = new Set<string>();
    for (const problem of this.fileProblems()) {
      const line = formatProblem(problem);
      now.add(line);
      if (this.logged.has(line)) continue;
      logger[problem.severity === 'error' ? 'error' : 'warn']('content problem', { problem: line, file: problem.file, line: problem.line });
    }
    this.logged = now;
  }

  private input(source: EditionSource, translations: Translations): EditionInput {
    const site = source.store.site();
    const assetUrl = (file: string): string => {
      this.chromeAssets.add(`/${file}`);
      return this.published.assets.url(file);
    };
    // Read through `this.published` at each call, so a page first rendered after public/ changed shows the new files.
    const image = (path: string) => this.published.image(path);
    const texts = this.texts;
    const context: RenderContext = {
      site,
      text: texts.of(source.language),
      texts: (code) => texts.of(LANGUAGES.find((language) => language.code === code) ?? source.language),
      translations,
      siteUrl: this.options.siteUrl,
      assetUrl,
      image,
      devScriptUrl: this.options.devScriptUrl,
    };
    const { cache, bodyPool } = this.options;
    return { lang: source.language.code, prefix: source.language.prefix, site, context, search: source.search, cache, bodiesOnThreads: bodyPool !== undefined };
  }

  /** Makes an edition with every page rendered anew. */
  private readonly everyPage: MakeEdition = (source, _, { translations }) => this.renderAll(source, translations);

  private renderAll(source: EditionSource, translations: Translations): Edition {
    const input = this.input(source, translations);
    // In the background; a failure leaves search on the previous index and must not end the process.
    source.search
      .rebuild(input.site, this.bodiesOnThreads(input.site))
      .catch((error: unknown) => this.options.logger.error('search index rebuild failed', errorFields(error)));
    return Edition.renderAll(this.renderer, input);
  }

  private renderSome(
    source: EditionSource,
    previous: Edition | undefined,
    before: EditionInput['site'],
    changed: readonly string[],
    translations: Translations,
  ): Edition {
    if (!previous) return this.renderAll(source, translations);
    const input = this.input(source, translations);
    source.search.update(input.site, changed);
    return previous.derive(input, affectedUrls(before, input.site, changed));
  }

  /** publishing() at once: at start, and for the rare changes of templates and public/. */
  private publish(make: MakeEdition): Snapshot {
    return runNow(this.publishing(make));
  }

  /**
   * A new generation: the translations paired again, each edition made by `make` (told which of its pages' translations
   * changed, so their switcher and hreflang are rendered again), the site-wide files, and a background pass that
   * prepares every page of it. In steps (src/lib/steps.ts): a page added to a 10,000-page site makes the sitemap
   * again, which held the serving thread about 25 ms in one piece.
   */
  private *publishing(make: MakeEdition): Steps<Snapshot> {
    const from = this.current;
    const generation = ++this.generation;
    const sites = this.sources.map((source) => source.store.site());
    const translations = pairTranslations(sites, this.options.appPaths);
    const pairs = changedPairs(this.translations, translations);
    const editions: Edition[] = [];
    for (const [index, source] of this.sources.entries()) {
      editions.push(make(source, from?.editions[index], { translations, changed: pairsIn(sites[index]!, pairs) }));
      yield;
    }
    const files = yield* this.siteFiles(from, sites, editions, translations, pairs.size > 0);
    // A generation published at once meanwhile (public/ changed, photos' variants made) would be undone by this
    // one, made from the generation before it: this one is made again from it, at once. Rare; it costs one piece.
    if (this.current !== from) return this.publish(make);
    this.translations = translations;
    const superseded = (): boolean => generation !== this.generation;
    const prepare = (edition: Edition): Promise<void> =>
      this.bodiesOnThreads(edition.site).then(() => edition.prepareInBackground(superseded, this.renderFailed));
    const ready = Promise.all(editions.map(prepare)).then(() => undefined);
    void ready.then(() => (superseded() ? undefined : precompressInBackground([...files.values()])));
    return new Snapshot(generation, editions, files, this.published.assets, ready);
  }

  /**
   * The pass rendering the bodies of a site's pages on the threads (once per site), which stops when a newer
   * generation takes over; settled at once without threads.
   */
  private bodiesOnThreads(site: Site): Promise<void> {
    const pool = this.options.bodyPool;
    if (!pool) return Promise.resolve();
    // A site unchanged in a newer generation (the other edition's) gets a new pass if its own was cut short.
    const known = this.bodyPasses.get(site);
    if (known?.generation === this.generation) return known.pass;
    const generation = this.generation;
    const pass = renderBodiesOnThreads(pool, site.pages.values(), () => generation !== this.generation, this.renderFailed).then((whole) => {
      if (whole) this.allBodiesRendered.add(site);
    });
    this.bodyPasses.set(site, { generation, pass });
    return pass;
  }

  /**
   * The sitemaps and robots.txt: kept from the generation before unless an edition's list of pages changed (a page
   * added, removed, re-dated, the forum's categories) or a pair of translations did; a change to a page's text alone
   * leaves them as they were.
   */
  private *siteFiles(
    previous: Snapshot | undefined,
    sites: readonly Site[],
    editions: readonly Edition[],
    translations: Translations,
    paired: boolean,
  ): Steps<ReadonlyMap<string, Prepared>> {
    if (previous && !paired && editions.every((edition) => !edition.listingChanged)) return previous.files;
    return yield* renderingSiteFiles(sites, this.options.siteUrl, this.options.cache.page, this.options.sitemapPaths ?? [], translations);
  }

  /** Publishes new assets: every page again if the layout's files changed, else the pages showing a changed file. */
  private applyAssets(next: PublishedAssets): void {
    const changed = next.changedSince(this.published);
    this.published = next;
    if ([...changed].some((path) => this.chromeAssets.has(path))) {
      this.swap(this.publish(this.everyPage));
    } else {
      this.swap(this.publish((source, previous, { translations }) => this.renderShowing(source, previous, changed, translations)));
    }
    this.notify();
  }

  private renderShowing(source: EditionSource, previous: Edition | undefined, files: ReadonlySet<string>, translations: Translations): Edition {
    if (!previous) return this.renderAll(source, translations);
    const input = this.input(source, translations);
    const shows = (page: Page): boolean => page.images.some((image) => files.has(imagePath(image.src, page.url) ?? ''));
    return previous.derive(
      input,
      [...input.site.pages.values()].filter(shows).map((page) => page.url),
    );
  }

  /** Makes the variants of the photos published now, then publishes them unless public/ changed meanwhile. */
  private makeImageVariants(): void {
    const target = this.published;
    if (target.photos.length === 0) return;
    this.imageWork = this.imageWork
      .then(() => this.variants.make(target.photos))
      .then(() => {
        if (this.published !== target) return;
        const next = target.withVariants(this.variants, this.options.cache);
        if (next.changedSince(target).size > 0) this.applyAssets(next);
      })
      .catch((error: unknown) => this.options.logger.error('image variants failed', errorFields(error)));
  }

  private swap(next: Snapshot): void {
    this.current = next;
    this.scheduleNextChange();
  }

  /**
   * Wakes up when the next page publishes or expires by itself (publish: and expires: in front matter), and
   * publishes the site as it is then. Such moments are rare (days apart), so the whole site is rendered again; held
   * changes are tried again too, since a link to a page that has just gone live may now fit.
   */
  private scheduleNextChange(): void {
    clearTimeout(this.timer);
    const next = Math.min(...this.sources.map((source) => source.store.site().nextChange ?? Infinity));
    if (next === Infinity) return;
    // setTimeout takes at most 2^31-1 ms (24.8 days); wake at least daily and look again.
    const delay = Math.min(Math.max(next - Date.now(), 0), 86_400_000);
    this.timer = setTimeout(() => void this.oneAtATime(() => this.publishScheduled()), delay);
    this.timer.unref();
  }

  /**
   * Publishes the site as it is now, trying the held changes again as a change is (their bodies on the threads,
   * the rest in slices). Runs from a timer: a failure here would escape every handler, so it is logged and the site
   * serves on.
   */
  private publishScheduled(): Promise<void> {
    return this.inSlicesAfterThreads(
      [],
      () => this.publishingAsNow(),
      () => undefined,
    ).catch((error: unknown) => this.options.logger.error('publishing scheduled pages failed', errorFields(error)));
  }

  private *publishingAsNow(): Steps<void> {
    for (const source of this.sources) yield* source.store.applying([]);
    this.reportFileProblems();
    this.swap(yield* this.publishing(this.everyPage));
    this.notify();
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}

/** The addresses of a site among those whose translations changed. */
function pairsIn(site: Site, pairs: ReadonlySet<string>): Set<string> {
  return new Set([...pairs].filter((url) => site.pages.has(url)));
}
