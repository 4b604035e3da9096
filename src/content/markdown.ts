// The one markdown-it instance: how page bodies become HTML, and what is collected on the way for checks and search.
import MarkdownIt from 'markdown-it';
import anchor from 'markdown-it-anchor';
import type Token from 'markdown-it/lib/token.mjs';

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

// tabIndex: false, because a focusable heading confuses keyboard users; the ids are for links only.
md.use(anchor, { slugify, tabIndex: false });

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

export function renderMarkdown(source: string): RenderedMarkdown {
  const tokens = md.parse(source, {});
  const headings: { level: number; id: string; text: string }[] = [];
  const links: { href: string; line: number }[] = [];
  const images: { src: string; alt: string; line: number }[] = [];

  tokens.forEach((token, index) => {
    if (token.type === 'heading_open') {
      const inline = tokens[index + 1];
      headings.push({ level: Number(token.tag.slice(1)), id: token.attrGet('id') ?? '', text: inline ? inlineText(inline.children ?? []) : '' });
    }
    if (token.type !== 'inline') return;
    const line = (token.map?.[0] ?? 0) + 1;
    const walk = (children: readonly Token[]): void => {
      for (const child of children) {
        if (child.type === 'link_open') links.push({ href: child.attrGet('href') ?? '', line });
        if (child.type === 'image') images.push({ src: child.attrGet('src') ?? '', alt: inlineText(child.children ?? []), line });
        if (child.children) walk(child.children);
      }
    };
    walk(token.children ?? []);
  });

  return {
    html: md.renderer.render(tokens, md.options, {}),
    headings,
    links,
    images,
  };
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
