// Renders the bodies of changed page files on the rendering threads before the change is applied in this thread.
import { bodyOfFile } from '../content/front-matter.js';
import type { Prerendered, PrerenderedLookup } from '../content/page-body.js';
import { ContentError } from '../content/problem.js';
import { readContentFile, type ContentFileBytes } from '../content/read-content-file.js';
import { inSlices } from '../lib/in-slices.js';
import type { BodyPool } from './body-pool.js';

/** A file as read for rendering ahead, its body, and what its thread made of that body once it has. */
interface ReadAhead {
  readonly read: ContentFileBytes;
  readonly body: Buffer;
  result?: Prerendered;
}

/**
 * Bodies rendered ahead, by file, with the bytes they were rendered from. Applying the change takes each file as it
 * was read here (readAhead), not as it is by then, so its body is the one rendered and reading, gating and
 * publishing the change render nothing in this thread. A file changed again meanwhile (an editor saving twice)
 * is the watcher's next change: reading it again then rendered the newer body here, holding every request.
 */
export class Prerenders {
  private readonly files = new Map<string, ReadAhead>();
  private readonly pool: BodyPool;
  private readonly contentDir: string;

  constructor(pool: BodyPool, contentDir: string) {
    this.pool = pool;
    this.contentDir = contentDir;
  }

  readonly lookup: PrerenderedLookup = (file, body) => {
    const entry = this.files.get(file);
    return entry?.body.equals(body) ? entry.result : undefined;
  };

  /** A file's bytes as they were read to render its body ahead, for applying the change. */
  readonly readAhead = (file: string): ContentFileBytes | undefined => this.files.get(file)?.read;

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
      const entry: ReadAhead = { read, body: split.body };
      this.files.set(file, entry);
      const done = this.pool.render({ file, source: split.body, bodyOffset: split.bodyOffset }).then(
        (result) => void (entry.result = result),
        (error: unknown) => {
          if (error instanceof ContentError) entry.result = error;
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
    this.files.clear();
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
