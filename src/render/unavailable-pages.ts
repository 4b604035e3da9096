// 503 pages rendered once per edition and message: a flood of refused requests then costs only their sending.
import type { RenderContext } from './page-locals.js';

type Render = (context: RenderContext, status: number, note?: string, title?: string) => string;

/**
 * A 503 says the same to every visitor of an edition (search busy, forum unavailable), and comes in floods: fifty
 * connections searching were refused hundreds of times a second, each refusal rendering the layout anew. Other
 * statuses may show what the request carried, so they are rendered each time. Kept per RenderContext (one per
 * edition of a generation), so a new generation renders them again.
 */
export function memoUnavailablePages(render: Render): Render {
  const kept = new WeakMap<RenderContext, Map<string, string>>();
  return (context, status, note, title) => {
    if (status !== 503) return render(context, status, note, title);
    const pages = kept.get(context) ?? new Map<string, string>();
    kept.set(context, pages);
    const key = JSON.stringify([note ?? '', title ?? '']);
    const page = pages.get(key) ?? render(context, status, note, title);
    pages.set(key, page);
    return page;
  };
}
