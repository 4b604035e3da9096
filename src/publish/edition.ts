// One language's site as prepared responses: its pages, generated files, 404 and 410 pages, and its search index.
import { createHash } from 'node:crypto';
import { bodyOf } from '../content/page-body.js';
import type { Page } from '../content/page.js';
import type { Site } from '../content/site.js';
import type { CachePolicy } from '../http/cache-policy.js';
import { precompressInBackground, prepare, type Prepared, type PrepareOptions } from '../http/prepared.js';
import { prepareUnavailable } from '../http/prepared-unavailable.js';
import { SECURITY_HEADERS } from '../http/security-headers.js';
import { inSlices } from '../lib/in-slices.js';
import type { GonePage } from '../content/site.js';
import { formatDate } from '../render/format.js';
import type { RenderContext } from '../render/page-locals.js';
import type { SiteRenderer } from '../render/site-renderer.js';
import type { SearchIndex } from '../search/search-index.js';
import { newsItems } from '../content/news.js';
import { FEED_SIZE, feedUrlOf } from '../render/news-feed.js';
import { changesGenerated, renderEditionFiles } from './generated-files.js';

const HTML = 'text/html; charset=utf-8';

export interface EditionInput {
  /** BCP 47 language tag of the edition: "en". */
  readonly lang: string;
  /** The address prefix of its pages: "" for English at the root. */
  readonly prefix: string;
  readonly site: Site;
  readonly context: RenderContext;
  readonly search: SearchIndex;
  /** Cache-Control of its pages, generated files and error pages. */
  readonly cache: CachePolicy;
  /** Whether page bodies are rendered on the rendering threads (the server): a large one is then never rendered here. */
  readonly bodiesOnThreads?: boolean;
}

/**
 * The edition's generated files made with the edition: all of them when bodies are rendered here; none when they
 * are rendered on threads, as the feed carries news bodies (Edition.feed() makes it once they are rendered).
 */
function generatedNow(input: EditionInput): Map<string, Prepared> {
  if (input.bodiesOnThreads) return new Map();
  return renderEditionFiles(input.site, input.context.siteUrl, input.context.text, input.cache.page);
}

function prepareError(renderer: SiteRenderer, input: EditionInput, status: number, note?: string): Prepared {
  const html = renderer.renderError(input.context, status, note);
  return prepare(html, { status, contentType: HTML, cacheControl: input.cache.error, securityHeaders: SECURITY_HEADERS });
}

/** What a 410 adds: the editor's note from removed.yml, or until when an expired page was available. */
function goneNote(input: EditionInput, entry: GonePage): string | undefined {
  const { t, language } = input.context.text;
  return entry.until ? t('errors.available_until', { date: formatDate(entry.until, language.code) }) : entry.note;
}

function goneResponses(renderer: SiteRenderer, input: EditionInput, reuse: ReadonlyMap<string, Prepared> = new Map()): Map<string, Prepared> {
  return new Map(
    [...input.site.gone.values()].map((entry) => [entry.url, reuse.get(entry.url) ?? prepareError(renderer, input, 410, goneNote(input, entry))] as const),
  );
}

/**
 * An edition of one generation. Read-only to its users: its site and responses never change once it is made; a
 * content change makes a new edition (derive) that shares the untouched responses. A page the background pass has
 * not reached yet is rendered on first request, which only fills this edition's own cache.
 */
export class Edition {
  readonly lang: string;
  readonly prefix: string;
  readonly site: Site;
  readonly context: RenderContext;
  readonly search: SearchIndex;
  readonly cache: CachePolicy;
  readonly gone: ReadonlyMap<string, Prepared>;
  readonly notFound: Prepared;
  /** Whether this edition's list of pages (addresses, dates, sitemap flags) may differ from the one before: the sitemap follows it. */
  readonly listingChanged: boolean;
  /** Pages and generated files rendered so far, by address. */
  private readonly prepared: Map<string, Prepared>;
  /** Made in this generation and not yet compressed: the generated files, and changed pages. */
  private readonly fresh: readonly Prepared[];
  private readonly renderer: SiteRenderer;
  private readonly bodiesOnThreads: boolean;
  /** The 503 a large page answers until its thread has rendered it; made when first needed. */
  private waiting: Prepared | undefined;

  private constructor(
    renderer: SiteRenderer,
    input: EditionInput,
    parts: { prepared: Map<string, Prepared>; gone: ReadonlyMap<string, Prepared>; notFound: Prepared; fresh: readonly Prepared[]; listed: boolean },
  ) {
    this.renderer = renderer;
    ({ lang: this.lang, prefix: this.prefix, site: this.site, context: this.context, search: this.search, cache: this.cache } = input);
    this.prepared = parts.prepared;
    this.gone = parts.gone;
    this.notFound = parts.notFound;
    this.fresh = parts.fresh;
    this.listingChanged = parts.listed;
    this.bodiesOnThreads = input.bodiesOnThreads ?? false;
  }

  /** Every page anew: at start, and when the navigation, the removed pages, the templates or the assets change. */
  static renderAll(renderer: SiteRenderer, input: EditionInput): Edition {
    const generated = generatedNow(input);
    return new Edition(renderer, input, {
      prepared: new Map(generated),
      gone: goneResponses(renderer, input),
      notFound: prepareError(renderer, input, 404),
      fresh: [...generated.values()],
      listed: true,
    });
  }

  /**
   * The next edition after some pages changed: only those pages are rendered again, every other response is
   * shared. They are rendered when first asked for, or by the background pass a slice at a time: a change of a section's
   * link title touches every page below it, thousands on a large site, which rendered here held every request. The
   * generated files are made again only when the change shows in them.
   */
  derive(input: EditionInput, changedUrls: Iterable<string>): Edition {
    const urls = [...changedUrls];
    const prepared = new Map(this.prepared);
    for (const url of urls) prepared.delete(url);
    const fresh: Prepared[] = [];
    const listed = changesGenerated(this.site, input.site, urls);
    if (listed) {
      // With bodies on threads the feed is made later (feed()): the one shown so far carries the old text.
      prepared.delete(feedUrlOf(input.site.language));
      for (const [url, file] of generatedNow(input)) {
        prepared.set(url, file);
        fresh.push(file);
      }
    }
    // A deleted page whose address removed.yml lists answers 410 from now on; a page back at such an address is no longer gone.
    const gone = goneResponses(this.renderer, input, this.gone);
    return new Edition(this.renderer, input, { prepared, gone, notFound: this.notFound, fresh, listed });
  }

  /** The prepared response of a page or generated file, rendering a page now if the background pass has not yet. */
  page(url: string): Prepared | undefined {
    const prepared = this.prepared.get(url);
    if (prepared) return prepared;
    if (url === feedUrlOf(this.site.language)) return this.feed();
    const page = this.site.pages.get(url);
    if (!page) return undefined;
    // Rendering a large body here would hold every request behind it: it is its thread's work (the background pass).
    if (this.bodiesOnThreads && bodyOf(page)?.tooLargeToRenderHere()) return this.waitingPage();
    return this.renderInto(this.prepared, this.context, page);
  }

  /**
   * The news feed, made on first use once its items' bodies are rendered (bodies on threads). It carries the text of
   * up to 50 news items (a large one by its summary): one not yet rendered on its thread makes it answer 503
   * meanwhile, as that page does, rather than rendering the body here.
   */
  private feed(): Prepared {
    const waiting = newsItems(this.site)
      .slice(0, FEED_SIZE)
      .some((page) => bodyOf(page)?.tooLargeToRenderHere());
    if (waiting) return this.waitingPage();
    const files = renderEditionFiles(this.site, this.context.siteUrl, this.context.text, this.cache.page);
    for (const [url, file] of files) this.prepared.set(url, file);
    return files.get(feedUrlOf(this.site.language))!;
  }

  /** A 503 asking to come back in a moment, not cached, for a page whose body its thread is rendering. */
  private waitingPage(): Prepared {
    this.waiting ??= prepareUnavailable(this.renderer.renderError(this.context, 503), 5);
    return this.waiting;
  }

  /** Every page and generated file, each rendered now if it was not yet (the static export). */
  allResponses(): Map<string, Prepared> {
    for (const url of [...this.site.pages.keys(), feedUrlOf(this.site.language)]) this.page(url);
    return new Map(this.prepared);
  }

  /**
   * Renders and compresses every page not yet done, a slice at a time between requests, then this generation's
   * generated files. Stops when `superseded` says a newer generation took over: its own pass finishes the work.
   */
  prepareInBackground(superseded: () => boolean, onError: (page: Page, error: unknown) => void): Promise<void> {
    // One page that fails to render is that page's problem: the pass goes on to the next, and the page itself
    // answers with an error page when asked for.
    // A large page is compressed on libuv's threads once the rest are done (precompressInBackground).
    const large: Prepared[] = [];
    const prepareOne = (page: Page): void => {
      try {
        const prepared = this.page(page.url);
        if (prepared?.compressesOffThread) large.push(prepared);
        else prepared?.precompress();
      } catch (error) {
        onError(page, error);
      }
    };
    // Then the feed, whose items' bodies the pass before this one rendered on the threads.
    const feed = (): Prepared[] => (this.bodiesOnThreads ? [this.page(feedUrlOf(this.site.language))!] : []);
    return inSlices(this.site.pages.values(), prepareOne, superseded).then(() =>
      superseded() ? undefined : precompressInBackground([...this.fresh, ...large, ...feed()]),
    );
  }

  private renderInto(prepared: Map<string, Prepared>, context: RenderContext, page: Page): Prepared {
    const options = {
      contentType: HTML,
      cacheControl: this.cache.page,
      lastModified: page.updated,
      securityHeaders: SECURITY_HEADERS,
      releaseWhenCompressed: true,
    };
    const response = this.layOutLarge(context, page, options) ?? prepare(this.renderer.renderPage(context, page), options);
    prepared.set(page.url, response);
    return response;
  }

  /**
   * A large body's page as bytes: the layout around it, joined with the body's bytes from its thread, and an ETag
   * from the hashes of the parts. Writing 3 MB of HTML into the layout as a string, encoding and hashing it held
   * every request for tens of milliseconds per change. Undefined for a body to lay out as text (small, or with
   * images to size).
   */
  private layOutLarge(context: RenderContext, page: Page, options: PrepareOptions): Prepared | undefined {
    const large = page.images.length === 0 ? bodyOf(page)?.laidOut() : undefined;
    const around = large && this.renderer.renderPageAround(context, page);
    if (!large || !around) return undefined;
    const head = Buffer.from(around.head, 'utf8');
    const tail = Buffer.from(around.tail, 'utf8');
    const contentHash = createHash('sha256').update(head).update(large.digest).update(tail).digest('base64url');
    return prepare(Buffer.concat([head, large.bytes, tail]), { ...options, contentHash });
  }
}
