// What the server answers from, for one generation of the content: every edition and the assets, swapped whole.
import type { Assets } from '../http/assets.js';
import type { Prepared } from '../http/prepared.js';
import type { Addresses, AddressHit } from '../http/resolve.js';
import type { Edition } from './edition.js';

/**
 * One generation of the published site. The publisher makes a new snapshot for every change and swaps it in at
 * once, so a request sees one consistent site: its pages, redirects, assets and error pages all from one moment.
 */
export class Snapshot implements Addresses {
  readonly generation: number;
  readonly editions: readonly Edition[];
  /** The files of the whole site, every edition in one: the sitemap and robots.txt. */
  readonly files: ReadonlyMap<string, Prepared>;
  readonly assets: Assets;
  /** Settles when every page of this generation is rendered and compressed (tests, the export and benchmarks wait on it). */
  readonly ready: Promise<void>;

  constructor(generation: number, editions: readonly Edition[], files: ReadonlyMap<string, Prepared>, assets: Assets, ready: Promise<void>) {
    this.generation = generation;
    this.editions = editions;
    this.files = files;
    this.assets = assets;
    this.ready = ready;
  }

  /** The edition of a language; the first (the default language) when none is named. */
  edition(lang?: string): Edition {
    const found = lang === undefined ? this.editions[0] : this.editions.find((edition) => edition.lang === lang);
    if (!found) throw new Error(`no edition in the language "${lang}"`);
    return found;
  }

  /** The edition an address belongs to: the one with the longest matching prefix, else the default. */
  editionFor(path: string): Edition {
    let best = this.edition();
    for (const edition of this.editions) {
      if (edition.prefix.length > best.prefix.length && (path === edition.prefix || path.startsWith(`${edition.prefix}/`))) best = edition;
    }
    return best;
  }

  prepared(path: string): AddressHit | undefined {
    for (const edition of this.editions) {
      const page = edition.page(path);
      if (page) return { prepared: page, page: edition.site.pages.has(path) };
    }
    const file = this.files.get(path);
    if (file) return { prepared: file, page: false };
    const asset = this.assets.responses.get(path);
    if (asset) return { prepared: asset, page: false };
    for (const edition of this.editions) {
      const gone = edition.gone.get(path);
      if (gone) return { prepared: gone, page: false };
    }
    return undefined;
  }

  redirect(address: string): string | undefined {
    for (const edition of this.editions) {
      const target = edition.site.redirects.get(address);
      if (target) return target;
    }
    return undefined;
  }

  notFound(path: string): Prepared {
    return this.editionFor(path).notFound;
  }

  /** Every page and generated file of every edition and of the whole site, each rendered now if it was not yet (the static export). */
  allResponses(): Map<string, Prepared> {
    return new Map([...this.editions.flatMap((edition) => [...edition.allResponses()]), ...this.files]);
  }
}
