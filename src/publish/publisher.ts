// Publishing: reads content, renders it, indexes it, and hands the server one read-only snapshot per generation.
import path from 'node:path';
import { ContentStore, type FileChange } from '../content/content-store.js';
import type { Page } from '../content/page.js';
import { formatProblem, type Problem } from '../content/problem.js';
import { urlForFile } from '../content/url-for-file.js';
import type { CachePolicy } from '../http/cache-policy.js';
import { ImageVariants } from '../images/image-variants.js';
import { errorFields, type Logger } from '../lib/logger.js';
import type { RenderContext } from '../render/page-locals.js';
import { imagePath } from '../render/responsive-images.js';
import { SiteRenderer } from '../render/site-renderer.js';
import { Views } from '../render/views.js';
import { SearchIndex } from '../search/search-index.js';
import { affectedUrls } from './affected-pages.js';
import { checkSiteAndFiles } from './check-content.js';
import { Edition, type EditionInput } from './edition.js';
import { PublishedAssets } from './published-assets.js';
import { Snapshot } from './snapshot.js';

export interface PublisherOptions {
  readonly contentDir: string;
  readonly viewsDir: string;
  readonly publicDir: string;
  readonly siteUrl: string;
  /** Development shows drafts; production never publishes them. */
  readonly includeDrafts: boolean;
  /** Addresses the app answers that are not content pages, so links to them count as working. */
  readonly appPaths: readonly string[];
  readonly logger: Logger;
  /** The live-reload script, in development only. */
  readonly devScriptUrl?: string | undefined;
  readonly cache: CachePolicy;
  /** Where image variants are kept across restarts; undefined keeps them in memory only. */
  readonly imageCacheDir: string | undefined;
}

/** One language's sources: its content folder read into a store, and its search index. */
interface EditionSource {
  readonly lang: string;
  readonly prefix: string;
  readonly store: ContentStore;
  readonly search: SearchIndex;
}

export class Publisher {
  readonly renderer: SiteRenderer;
  private readonly options: PublisherOptions;
  private readonly views: Views;
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

  constructor(options: PublisherOptions) {
    this.options = options;
    this.views = new Views(options.viewsDir);
    this.renderer = new SiteRenderer(this.views);
    this.variants = new ImageVariants(options.imageCacheDir, options.logger);
    this.published = PublishedAssets.read(options.publicDir, this.variants, options.cache);
    // One edition for now: English at the root. The Russian edition adds a source here, with its own folder and prefix.
    this.sources = [
      { lang: 'en', prefix: '', store: new ContentStore(options.contentDir, { includeDrafts: options.includeDrafts }), search: new SearchIndex() },
    ];
    for (const source of this.sources) source.store.loadAll();
    this.reportFileProblems();
    this.current = this.publish((source) => this.renderAll(source));
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
    const source = this.sources[0]!;
    const before = source.store.site();
    let changes: FileChange[] = ['changed'];
    if (files) changes = files.map((file) => source.store.refresh(file));
    else source.store.loadAll();
    this.reportFileProblems();
    const applied = files ? files.filter((_, index) => ['added', 'changed', 'removed'].includes(changes[index]!)) : [];
    if (!files || applied.some((file) => !file.toLowerCase().endsWith('.md'))) {
      this.swap(this.publish((each) => this.renderAll(each)));
    } else if (applied.length > 0) {
      const changed = applied.map(urlForFile);
      this.swap(this.publish((each, previous) => this.renderSome(each, previous, before, changed)));
    }
    this.notify();
    return changes;
  }

  /** Forgets compiled templates after a change under views/ (development), and renders all. */
  reloadTemplates(): void {
    this.views.clear();
    this.swap(this.publish((source) => this.renderAll(source)));
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
  async settled(): Promise<void> {
    let work: Promise<void>;
    do {
      work = this.imageWork;
      await work;
    } while (work !== this.imageWork);
  }

  /** Problems in single files (unreadable, invalid): logged as they are read. */
  fileProblems(): Problem[] {
    return this.sources.flatMap((source) => source.store.problems());
  }

  /** Every problem in the content now, for the log, the check and the development overlay. */
  problems(): Problem[] {
    const routes = new Set(this.options.appPaths);
    return this.sources.flatMap((source) => [...source.store.problems(), ...checkSiteAndFiles(source.store.site(), routes, this.published.assets.files)]);
  }

  /** Error lines as `content/file.md:line: message`, for the development overlay. */
  errorLines(rootDir: string): string[] {
    const prefix = `${path.relative(rootDir, this.options.contentDir) || '.'}/`;
    return this.problems()
      .filter((problem) => problem.severity === 'error')
      .map((problem) => formatProblem(problem, prefix));
  }

  private reportFileProblems(): void {
    const { logger } = this.options;
    for (const problem of this.fileProblems()) {
      logger[problem.severity === 'error' ? 'error' : 'warn']('content problem', { problem: formatProblem(problem), file: problem.file, line: problem.line });
    }
  }

  private input(source: EditionSource): EditionInput {
    const site = source.store.site();
    const assetUrl = (file: string): string => {
      this.chromeAssets.add(`/${file}`);
      return this.published.assets.url(file);
    };
    // Read through `this.published` at each call, so a page first rendered after public/ changed shows the new files.
    const image = (path: string) => this.published.image(path);
    const context: RenderContext = { site, siteUrl: this.options.siteUrl, assetUrl, image, devScriptUrl: this.options.devScriptUrl };
    return { lang: source.lang, prefix: source.prefix, site, context, search: source.search, cache: this.options.cache };
  }

  private renderAll(source: EditionSource): Edition {
    const input = this.input(source);
    void source.search.rebuild(input.site);
    return Edition.renderAll(this.renderer, input);
  }

  private renderSome(source: EditionSource, previous: Edition | undefined, before: EditionInput['site'], changed: readonly string[]): Edition {
    if (!previous) return this.renderAll(source);
    const input = this.input(source);
    source.search.update(input.site, changed);
    return previous.derive(input, affectedUrls(before, input.site, changed));
  }

  /** A new generation: each edition made by `make`, and a background pass that prepares every page of it. */
  private publish(make: (source: EditionSource, previous: Edition | undefined) => Edition): Snapshot {
    const generation = ++this.generation;
    const editions = this.sources.map((source, index) => make(source, this.current?.editions[index]));
    const superseded = (): boolean => generation !== this.generation;
    const ready = Promise.all(editions.map((edition) => edition.prepareInBackground(superseded))).then(() => undefined);
    return new Snapshot(generation, editions, this.published.assets, ready);
  }

  /** Publishes new assets: every page again if the layout's files changed, else the pages showing a changed file. */
  private applyAssets(next: PublishedAssets): void {
    const changed = next.changedSince(this.published);
    this.published = next;
    if ([...changed].some((path) => this.chromeAssets.has(path))) {
      this.swap(this.publish((source) => this.renderAll(source)));
    } else {
      this.swap(this.publish((source, previous) => this.renderShowing(source, previous, changed)));
    }
    this.notify();
  }

  private renderShowing(source: EditionSource, previous: Edition | undefined, files: ReadonlySet<string>): Edition {
    if (!previous) return this.renderAll(source);
    const input = this.input(source);
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
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}
