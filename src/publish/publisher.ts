// Publishing: reads content, renders it, indexes it, and hands the server one read-only snapshot per generation.
import path from 'node:path';
import { checkSite } from '../content/check-site.js';
import { ContentStore, type FileChange } from '../content/content-store.js';
import { formatProblem, type Problem } from '../content/problem.js';
import { urlForFile } from '../content/url-for-file.js';
import { loadAssets, readPublicFiles, type Assets } from '../http/assets.js';
import type { CachePolicy } from '../http/cache-policy.js';
import type { Logger } from '../lib/logger.js';
import type { RenderContext } from '../render/page-locals.js';
import { SiteRenderer } from '../render/site-renderer.js';
import { Views } from '../render/views.js';
import { SearchIndex } from '../search/search-index.js';
import { affectedUrls } from './affected-pages.js';
import { Edition, type EditionInput } from './edition.js';
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
  private assets: Assets;
  private current: Snapshot;
  private generation = 0;
  private readonly listeners: (() => void)[] = [];

  constructor(options: PublisherOptions) {
    this.options = options;
    this.views = new Views(options.viewsDir);
    this.renderer = new SiteRenderer(this.views);
    this.assets = loadAssets(readPublicFiles(options.publicDir), options.cache);
    // One edition for now: English at the root. The Russian edition adds a source here, with its own folder and prefix.
    this.sources = [
      { lang: 'en', prefix: '', store: new ContentStore(options.contentDir, { includeDrafts: options.includeDrafts }), search: new SearchIndex() },
    ];
    for (const source of this.sources) source.store.loadAll();
    this.reportFileProblems();
    this.current = this.publish((source) => this.renderAll(source));
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

  /** Re-reads public/ after a change there, and renders all, since pages point at fingerprinted addresses. */
  reloadAssets(): void {
    this.assets = loadAssets(readPublicFiles(this.options.publicDir), this.options.cache);
    this.swap(this.publish((source) => this.renderAll(source)));
    this.notify();
  }

  /** Problems in single files (unreadable, invalid): logged as they are read. */
  fileProblems(): Problem[] {
    return this.sources.flatMap((source) => source.store.problems());
  }

  /** Every problem in the content now, for the log, the check and the development overlay. */
  problems(): Problem[] {
    const assets = this.assets.files;
    const routes = new Set(this.options.appPaths);
    return this.sources.flatMap((source) => [...source.store.problems(), ...checkSite(source.store.site(), { routes, assets })]);
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
    const context: RenderContext = { site, siteUrl: this.options.siteUrl, assetUrl: (file) => this.assets.url(file), devScriptUrl: this.options.devScriptUrl };
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
    return new Snapshot(generation, editions, this.assets, ready);
  }

  private swap(next: Snapshot): void {
    this.current = next;
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}
