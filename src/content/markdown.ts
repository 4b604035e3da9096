// The one markdown-it instance: how page bodies become HTML, and what is collected on the way for checks and search.
import MarkdownIt from 'markdown-it';
import anchor from 'markdown-it-anchor';
import type Token from 'markdown-it/lib/token.mjs';

export interface RenderedMarkdown {
  readonly html: string;
  /** Ids of headings, for checking `#anchor` links. */
  readonly headingIds: readonly string[];
  readonly headings: readonly { level: number; id: string; text: string }[];
  /** Every link with the 1-based line (within the body) it was written on. */
  readonly links: readonly { href: string; line: number }[];
  readonly images: readonly { src: string; alt: string; line: number }[];
  /** Plain text of the body, for search and snippets. */
  readonly text: string;
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

const UNSAFE_SCHEME = /^\s*(javascript|vbscript|data|file):/i;
const EXTERNAL = /^(https?:)?\/\//i;

// html: false because editors are not developers and the site speaks for the UN: raw HTML would let a pasted
//   <script> or onerror= through. Markdown covers everything the content needs.
// linkify: false because bare domains in the 2007 text ("un.org.kg") would turn into links to sites we do not control.
// typographer: false because the seed's wording and punctuation are kept exactly as written.
const md = new MarkdownIt({ html: false, linkify: false, typographer: false });

// markdown-it already refuses javascript:, vbscript: and file:, but lets data:image through; we refuse every data: URL too.
md.validateLink = (url: string): boolean => !UNSAFE_SCHEME.test(decodeEntitiesForCheck(url));

// tabIndex: false, because a focusable heading confuses keyboard users; the ids are for links only.
md.use(anchor, { slugify, tabIndex: false });

// Links off the site must not hand the opener or the full referrer to another host.
md.renderer.rules.link_open = (tokens, index, options, _env, self) => {
  const token = tokens[index]!;
  if (EXTERNAL.test(token.attrGet('href') ?? '')) token.attrSet('rel', 'noopener noreferrer');
  return self.renderToken(tokens, index, options);
};

function decodeEntitiesForCheck(url: string): string {
  // markdown-it has already decoded entities. Undo percent-encoding too, then strip what browsers ignore inside
  // a scheme (controls, whitespace), so "java%09script:" and "java&#x09;script:" are judged as "javascript:".
  let decoded = url;
  try {
    decoded = decodeURIComponent(url);
  } catch {
    // A malformed escape cannot form a scheme name; judge the text as written.
  }
  // eslint-disable-next-line no-control-regex
  return decoded.replace(/[\u0000-\u0020\u007f-\u009f]/g, '');
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
  const text: string[] = [];

  tokens.forEach((token, index) => {
    if (token.type === 'heading_open') {
      const inline = tokens[index + 1];
      headings.push({ level: Number(token.tag.slice(1)), id: token.attrGet('id') ?? '', text: inline ? inlineText(inline.children ?? []) : '' });
    }
    if (token.type !== 'inline') return;
    const line = (token.map?.[0] ?? 0) + 1;
    text.push(inlineText(token.children ?? []));
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
    headingIds: headings.map((heading) => heading.id),
    headings,
    links,
    images,
    text: text.join('\n'),
  };
}
