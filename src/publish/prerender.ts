// Renders the bodies of changed page files on the rendering threads before the change is applied in this thread.
import { bodyOfFile } from '../content/front-matter.js';
import type { Prerendered, PrerenderedLookup } from '../content/page-body.js';
import { ContentError } from '../content/problem.js';
import { readContentFile } from '../content/read-content-file.js';
import { inSlices } from '../lib/in-slices.js';
import type { BodyPool } from './body-pool.js';

/**
 * Bodies rendered ahead, by file, with the bytes they were rendered from. Applying a change reads each file again
 * in this thread; a body that still has the same bytes is taken from here, so reading, gating and publishing the
 * change render nothing. A file changed again in between is rendered as before, in this thread.
 */
export class Prerenders {
  private readonly ready = new Map<string, { readonly body: Buffer; readonly result: Prerendered }>();
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

  /** Reads page files (a few at a time between requests) and renders their bodies on the threads. */
  async render(files: readonly string[]): Promise<void> {
    const rendering: Promise<void>[] = [];
    await inSlices(files, (file) => {
      const split = readBody(this.contentDir, file);
      if (!split) return;
      const done = this.pool.render({ file, source: split.body, bodyOffset: split.bodyOffset }).then(
        (body) => body,
        (error: unknown) => {
          if (error instanceof ContentError) return error;
          throw error;
        },
      );
      rendering.push(done.then((result) => void this.ready.set(file, { body: split.body, result })));
    });
    await Promise.all(rendering);
  }

  /** Forgets what was rendered ahead, once the change is applied. */
  clear(): void {
    this.ready.clear();
  }
}

/** The body of a page file, or undefined when it cannot be read or has no front matter (reading it reports why). */
function readBody(contentDir: string, file: string): ReturnType<typeof bodyOfFile> {
  try {
    const { bytes, size } = readContentFile(contentDir, file);
    return size > bytes.length ? undefined : bodyOfFile(bytes);
  } catch {
    return undefined;
  }
}
