// Renders the bodies of a site's pages on the rendering threads, a few at a time, before this thread needs them.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { bodyOf } from '../content/page-body.js';
import type { Page } from '../content/page.js';
import { ContentError } from '../content/problem.js';
import type { BodyPool } from './body-pool.js';

/** Bodies sent ahead of those being rendered: enough to keep every thread busy, few enough to hold little text. */
const AHEAD = 16;

/**
 * Pages looked at between two turns of the event loop when their bodies are rendered already: every generation's
 * pass walks every page, and 10,000 of them held the thread about 15 ms in one piece after each change.
 */
const PAGES_PER_TURN = 500;

/**
 * Every page whose body is not rendered yet gets it from a thread; one that cannot be rendered there (too large,
 * or its thread died) fails with its file and line and is never tried again in this thread. Never rejects. Only
 * failures that are not the page's own go to `onError`: the page's fault is logged when the page is prepared.
 * Resolves with whether every page was reached: false when `superseded` or the pool's closing cut the pass short.
 */
export async function renderBodiesOnThreads(
  pool: BodyPool,
  pages: Iterable<Page>,
  superseded: () => boolean,
  onError: (page: Page, error: unknown) => void,
): Promise<boolean> {
  const rendering = new Set<Promise<void>>();
  let seen = 0;
  let cut = false;
  for (const page of pages) {
    if (++seen % PAGES_PER_TURN === 0) await nextTurn();
    if (superseded() || pool.isClosed) {
      cut = true;
      break;
    }
    const body = bodyOf(page);
    const source = body?.unrendered();
    if (!body || source === undefined) continue;
    const job: Promise<void> = pool
      .render({ file: body.file, source, bodyOffset: body.bodyOffset })
      .then(
        (rendered) => body.supply(rendered),
        (error: unknown) => {
          // The page's own fault: it fails with it when it is prepared, which logs it then, once.
          if (error instanceof ContentError) return body.supply(error);
          if (!pool.isClosed) onError(page, error);
        },
      )
      .finally(() => rendering.delete(job));
    rendering.add(job);
    if (rendering.size >= AHEAD) await Promise.race(rendering);
  }
  await Promise.all(rendering);
  return !cut;
}
