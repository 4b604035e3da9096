// The one markdown-it instance: how page bodies become HTML, and what is collected on the way for checks and search.
import MarkdownIt from 'markdown-it';
import type Renderer from 'markdown-it/lib/renderer.mjs';
import type Token from 'markdown-it/lib/token.mjs';

/**
 * The most HTML one page's body may become: eight times the largest page (1 MB), which ordinary Markdown never
 * reaches (entity escaping, the most any markup writes per byte, is six times). A link-reference definition is
 * written out again at every use, so a 400 KB file could otherwise become gigabytes of HTML.
 */
export const MAX_BODY_HTML = 8 * 1024 * 1024;

/**
 * The most links, the most images and the most headings one page may have: fifty times what the largest real page
 * has (20 links). The server checks a changed page's links, anchors and images in the thread that answers
 * requests, so this bounds that work: 50,000 links held every request for hundreds of milliseconds per change.
 */
export const MAX_OUTLINE_ITEMS = 1000;

const TOO_MUCH_HTML =
  `this page would become more than ${MAX_BODY_HTML / 1024 / 1024} MB of HTML (a link or image reference used very many times, or a very long address): ` +
  'write each address once, or split the page';

/** A body whose HTML would run past MAX_BODY_HTML, or with too many links; `line` is the body line (from 1) where it did. */
export class RenderLimitError extends Error {
  readonly line: number;

  constructor(line: number, message = TOO_MUCH_HTML) {
    super(message);
    this.name = 'RenderLimitError';
    this.line = line;
  }
}

export interface RenderedMarkdown {
  readonly html: string;
  readonly headings: readonly { level: number; id: string; text: string }[];
  /** Every link with the 1-based line (within the body) it was written on. */
  readonly links: readonly { href: string; line: number }[];
  readonly images: readonly { src: string; alt: string; line: number }[];
}

/** Heading ids: lowercase words joined by hyphens; letters of any script survive so Cyrillic headings get ids. */
export function slugify(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .trim()
    .replace(/[\s-]+/g, '-');
}

const UNSAFE_SCHEME = /^(javascript|vbscript|data|file):/i;
/** Anything with a scheme (https:, ftp:, mailto:) or a host (//host, and /\host, which browsers read as //host) leaves the site. */
const EXTERNAL = /^([a-z][a-z0-9+.-]*:|\/\/|\/\\|\\)/i;

// html: false because editors are not developers and the site speaks for the UN: raw HTML would let a pasted
//   <script> or onerror= through. Markdown covers everything the content needs.
// linkify: false because bare domains in the 2007 text ("un.org.kg") would turn into links to sites we do not control.
// typographer: false because the seed's wording and punctuation are kept exactly as written.
const md = new MarkdownIt({ html: false, linkify: false, typographer: false });

/** markdown-it already refuses javascript:, vbscript: and file:, but lets data:image through; we refuse every data: URL too. */
export function isSafeLink(url: string): boolean {
  return !UNSAFE_SCHEME.test(schemeForCheck(url));
}

/** Whether a link's address leaves the site (a scheme or another host). */
export function leavesSite(href: string): boolean {
  return EXTERNAL.test(href);
}

md.validateLink = isSafeLink;

/**
 * Heading ids, unique within the page: the second "Annex" is annex-1, the third annex-2, skipping an id a heading
 * already has. Not markdown-it-anchor: it searched for a free number from 1 at every heading and found each
 * heading's token with indexOf, so 60,000 identical headings held the server for minutes. Here each base
 * remembers its next number, so the work is linear. No tabindex: a focusable heading confuses keyboard users.
 */
md.core.ruler.push('heading_ids', (state) => {
  const taken = new Set<string>();
  const next = new Map<string, number>();
  const { tokens } = state;
  for (let index = 0; index < tokens.length; index += 1) {
    const token = tokens[index]!;
    if (token.type !== 'heading_open') continue;
    const base = slugify(inlineText(tokens[index + 1]?.children ?? []));
    let id = base;
    if (taken.has(id)) {
      let number = next.get(base) ?? 1;
      while (taken.has(`${base}-${number}`)) number += 1;
      id = `${base}-${number}`;
      next.set(base, number + 1);
    }
    taken.add(id);
    token.attrSet('id', id);
  }
});

// Links off the site must not hand the opener or the full referrer to another host.
md.renderer.rules.link_open = (tokens, index, options, _env, self) => {
  const token = tokens[index]!;
  if (leavesSite(token.attrGet('href') ?? '')) token.attrSet('rel', 'noopener noreferrer');
  return self.renderToken(tokens, index, options);
};

// Images in one fixed form, <img src="…" alt="…"> with an optional title (markdown-it's own, written out so it cannot
// drift): src/render/responsive-images.ts finds this form when a page is rendered and adds the image's size and variants.
md.renderer.rules.image = (tokens, index, options, env, self) => {
  const token = tokens[index]!;
  const escape = md.utils.escapeHtml;
  const title = token.attrGet('title');
  const alt = self.renderInlineAsText(token.children ?? [], options, env);
  return `<img src="${escape(token.attrGet('src') ?? '')}" alt="${escape(alt)}"${title ? ` title="${escape(title)}"` : ''}>`;
};

/**
 * markdown-it writes a table column's alignment as style="text-align:right", which the CSP (style-src 'self', no
 * 'unsafe-inline') blocks. A class does the same from the stylesheet: .align-left, .align-center, .align-right.
 */
export function alignTablesWithClasses(instance: MarkdownIt): void {
  for (const rule of ['th_open', 'td_open'] as const) {
    instance.renderer.rules[rule] = (tokens, index, options, _env, self) => {
      const token = tokens[index]!;
      const align = /^text-align:(left|center|right)$/.exec(token.attrGet('style') ?? '')?.[1];
      token.attrs = token.attrs?.filter(([name]) => name !== 'style') ?? null;
      if (align) token.attrJoin('class', `align-${align}`);
      return self.renderToken(tokens, index, options);
    };
  }
}
alignTablesWithClasses(md);

/**
 * The URL as a browser might read its scheme. markdown-it has already decoded entities and percent-encoded the rest.
 * Percent escapes are undone byte by byte (decodeURIComponent gives up on one bad escape, so "java%09script:alert(1)%E0"
 * would pass as written), and again until nothing changes (each round shortens the text, so it ends), so that double
 * encoding cannot hide a scheme from a later decoder.
 * Then what browsers ignore inside a scheme (controls, whitespace, soft hyphens, zero-width characters) is dropped, so
 * "java%09script:" and "java&#x09;script:" are judged as "javascript:". No legitimate link decodes to a script scheme.
 */
function schemeForCheck(url: string): string {
  let decoded = url;
  for (;;) {
    const next = decoded.replace(/%([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    if (next === decoded) break;
    decoded = next;
  }
  // eslint-disable-next-line no-control-regex
  return decoded.replace(/[\u0000-\u0020\u007f-\u009f\u00ad\u200b-\u200d\ufeff]/g, '');
}

function inlineText(children: readonly Token[]): string {
  return children
    .filter((child) => child.type === 'text' || child.type === 'code_inline')
    .map((child) => child.content)
    .join('');
}

/**
 * markdown-it's render and renderInline, the same loop, but stopping as soon as the HTML passes MAX_BODY_HTML:
 * the bound holds while rendering, so the gigabytes are never written. The line is that of the block being written.
 */
function renderBounded(renderer: Renderer, tokens: readonly Token[], options: MarkdownIt['options']): string {
  let html = '';
  let line = 1;
  const add = (part: string): void => {
    html += part;
    if (html.length > MAX_BODY_HTML) throw new RenderLimitError(line);
  };
  const each = (list: readonly Token[], inline: boolean): void => {
    for (let index = 0; index < list.length; index += 1) {
      const token = list[index]!;
      if (!inline && token.map) line = token.map[0] + 1;
      const rule = renderer.rules[token.type];
      if (token.type === 'inline') each(token.children ?? [], true);
      else add(rule ? rule(list as Token[], index, options, {}, renderer) : renderer.renderToken(list as Token[], index, options));
    }
  };
  each(tokens, false);
  return html;
}

/** The error for a body with more links, images or headings than `limit`, at the line of the first one over. */
function tooMany(name: string, limit: number, line: number): RenderLimitError {
  return new RenderLimitError(line, `this page has more than ${limit} ${name} (this line has number ${limit + 1}): split it into smaller pages`);
}

/**
 * Renders a body; throws RenderLimitError when its HTML would be larger than MAX_BODY_HTML, or when it has more
 * than `limit` links, images or headings (page bodies: renderPageBody).
 */
export function renderMarkdown(source: string, limit = Infinity): RenderedMarkdown {
  const tokens = md.parse(source, {});
  const headings: { level: number; id: string; text: string }[] = [];
  const links: { href: string; line: number }[] = [];
  const images: { src: string; alt: string; line: number }[] = [];

  tokens.forEach((token, index) => {
    const line = (token.map?.[0] ?? 0) + 1;
    if (token.type === 'heading_open') {
      if (headings.length >= limit) throw tooMany('headings', limit, line);
      const inline = tokens[index + 1];
      headings.push({ level: Number(token.tag.slice(1)), id: token.attrGet('id') ?? '', text: inline ? inlineText(inline.children ?? []) : '' });
    }
    if (token.type !== 'inline') return;
    const walk = (children: readonly Token[]): void => {
      for (const child of children) {
        if (child.type === 'link_open') {
          if (links.length >= limit) throw tooMany('links', limit, line);
          links.push({ href: child.attrGet('href') ?? '', line });
        }
        if (child.type === 'image') {
          if (images.length >= limit) throw tooMany('images', limit, line);
          images.push({ src: child.attrGet('src') ?? '', alt: inlineText(child.children ?? []), line });
        }
        if (child.children) walk(child.children);
      }
    };
    walk(token.children ?? []);
  });

  return {
    html: renderBounded(md.renderer, tokens, md.options),
    headings,
    links,
    images,
  };
}

/**
 * A page's body: renderMarkdown, refusing a body with more links, images or headings than a page may have
 * (MAX_OUTLINE_ITEMS) at the line of the first one over, before any HTML is written. Both the rendering threads
 * and this thread render page bodies through it.
 */
export function renderPageBody(source: string): RenderedMarkdown {
  return renderMarkdown(source, MAX_OUTLINE_ITEMS);
}

/**
 * Whether a body might have more links, images or headings than a page may (see renderPageBody): each link or image
 * needs a "[" or a "<", each heading a line. Counted in the bytes, so an ordinary body is not rendered to know.
 */
export function mayOverflowOutline(body: Buffer): boolean {
  const count = (byte: number): number => {
    let found = 0;
    for (let at = body.indexOf(byte); at !== -1 && found <= MAX_OUTLINE_ITEMS; at = body.indexOf(byte, at + 1)) found += 1;
    return found;
  };
  return count(0x5b) + count(0x3c) > MAX_OUTLINE_ITEMS || count(0x0a) > MAX_OUTLINE_ITEMS;
}

const HASH = 0x23;
const EQUALS = 0x3d;

/** Whether the byte at `at` opens a line, after at most three spaces (where Markdown lets a heading start). */
function opensLine(bytes: Buffer, at: number): boolean {
  let cursor = at - 1;
  while (cursor >= 0 && at - cursor <= 3 && bytes[cursor] === 0x20) cursor -= 1;
  return cursor < 0 || bytes[cursor] === 0x0a;
}

/**
 * Whether a body might hold a level-1 heading: a line "# text", or a line of "=" under a paragraph. Searched in the
 * bytes, so that the common body (none, only "## " headings) is never decoded or parsed when a page is read.
 */
function mayHaveTopHeading(body: Buffer): boolean {
  for (let at = body.indexOf(HASH); at !== -1; at = body.indexOf(HASH, at + 1)) {
    const next = body[at + 1];
    if ((next === undefined || next === 0x20 || next === 0x09 || next === 0x0a || next === 0x0d) && opensLine(body, at)) return true;
  }
  for (let at = body.indexOf(EQUALS); at !== -1; at = body.indexOf(EQUALS, at + 1)) {
    if (opensLine(body, at)) return true;
  }
  return false;
}

/** Level-1 headings in a body, with their line (from 1, within the body): each would be a second <h1> under the title's. */
export function topLevelHeadings(body: Buffer): { line: number; text: string; underlined: boolean }[] {
  if (!mayHaveTopHeading(body)) return [];
  const tokens = md.parse(body.toString('utf8'), {});
  return tokens.flatMap((token, index) =>
    token.type === 'heading_open' && token.tag === 'h1'
      ? [{ line: (token.map?.[0] ?? 0) + 1, text: inlineText(tokens[index + 1]?.children ?? []), underlined: token.markup.startsWith('=') }]
      : [],
  );
}
