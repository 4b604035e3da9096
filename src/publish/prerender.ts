// Renders the bodies of changed page files on the rendering threads before the change is applied in this thread.
import { bodyOfFile } from '../content/front-matter.js';
import type { Prerendered, PrerenderedLookup } from '../content/page-body.js';
import { ContentError } from '../content/problem.js';
import { readContentFile, type ContentFileBytes } from '../content/read-content-file.js';
import { inSlices } from '../lib/in-slices.js';
import type { BodyPool } from './body-pool.js';

/**
 * Bodies rendered ahead, by file, with the bytes they were rendered from. Applying the change takes each file as it
 * was read here (readAhead), not as it is by then, so its body is the one rendered and reading, gating and
 * publishing the change render nothing in this thread. A file changed again meanwhile (an editor saving twice)
 * is the watcher's next change: reading it again then rendered the newer body here, holding every request.
 */
export class Prerenders {
  private readonly ready = new Map<string, { readonly body: Buffer; readonly result: Prerendered }>();
  /** Each file's bytes as read for rendering ahead. */
  private readonly read = new Map<string, ContentFileBytes>();
  private readonly pool: BodyPool;
  private readonly contentDir: string;

  constructor(pool: BodyPool, contentDir: string) {
    this.pool = pool;
    this.contentDir = contentDir;
  }

  readonly lookup: PrerenderedLookup = (file, body) => {
    const entry = this.ready.get(file);
    return entry?.body.equals(body) ? entry.result : undefined;
  };

  /** A file's bytes as they were read to render its body ahead, for applying the change. */
  readonly readAhead = (file: string): ContentFileBytes | undefined => this.read.get(file);

  /** Reads page files (a few at a time between requests) and renders their bodies on the threads. */
  async render(files: readonly string[]): Promise<void> {
    const rendering: Promise<void>[] = [];
    // The first failure other than the page's own (the threads closing): kept, and thrown once every file is read,
    // since a render may fail while later files are still being read, before anything awaits it.
    let failure: { readonly error: unknown } | undefined;
    await inSlices(files, (file) => {
      const read = readWhole(this.contentDir, file);
      const split = read && bodyOfFile(read.bytes);
      if (!read || !split) return;
      this.read.set(file, read);
      const done = this.pool.render({ file, source: split.body, bodyOffset: split.bodyOffset }).then(
        (result) => void this.ready.set(file, { body: split.body, result }),
        (error: unknown) => {
          if (error instanceof ContentError) this.ready.set(file, { body: split.body, result: error });
          else failure ??= { error };
        },
      );
      rendering.push(done);
    });
    await Promise.all(rendering);
    if (failure) throw failure.error;
  }

  /** Forgets what was rendered ahead, once the change is applied. */
  clear(): void {
    this.ready.clear();
    this.read.clear();
  }
}

/** A whole page file, or undefined when it cannot be read whole (reading it when the change is applied reports why). */
function readWhole(contentDir: string, file: string): ContentFileBytes | undefined {
  try {
    const read = readContentFile(contentDir, file);
    return read.size > read.bytes.length ? undefined : read;
  } catch {
    return undefined;
  }
}
