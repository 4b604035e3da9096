// Forum posts as HTML: the members' Markdown through a markdown-it of its own, stricter than the editors' one.
import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';
import { alignTablesWithClasses, isSafeLink, leavesSite } from '../content/markdown.js';
import { LruCache } from '../lib/lru-cache.js';

/**
 * Anyone with an account writes posts, so:
 * html: false, as for pages: a pasted <script> or onerror= is shown as text.
 * linkify: true, because members paste addresses and expect them to work; fuzzyLink off, so only addresses with a
 *   scheme become links ("un.org.kg" or "www.un.org" in a sentence stay text, as the editors' pages treat them).
 * typographer: false, so what a member typed is shown as typed.
 */
const md = new MarkdownIt({ html: false, linkify: true, typographer: false });
md.linkify.set({ fuzzyLink: false, fuzzyEmail: false });
md.validateLink = isSafeLink;
alignTablesWithClasses(md);

/**
 * Links members write are not the site's word: nofollow and ugc tell search engines so (Google's "qualify your
 * outbound links"), noopener and noreferrer keep the opener and the address of the page from the other site.
 */
export const POST_LINK_REL = 'nofollow ugc noopener noreferrer';

md.renderer.rules.link_open = (tokens, index, options, _env, self) => {
  const token = tokens[index]!;
  if (leavesSite(token.attrGet('href') ?? '')) token.attrSet('rel', POST_LINK_REL);
  return self.renderToken(tokens, index, options);
};

/**
 * An image in a post is shown as a link to it: the CSP loads images from the site only, and an image from anywhere
 * would tell its host who reads the forum (a tracking pixel). markdown-it has already refused an unsafe address.
 */
md.renderer.rules.image = (tokens, index, options, env, self) => {
  const token = tokens[index]!;
  const escape = md.utils.escapeHtml;
  const src = token.attrGet('src') ?? '';
  const alt = self.renderInlineAsText(token.children ?? [], options, env);
  const rel = leavesSite(src) ? ` rel="${POST_LINK_REL}"` : '';
  return `<a href="${escape(src)}"${rel}>Image: ${escape(alt || src)}</a>`;
};

/** The level each heading level of one post is shown at: see levelsOf(). */
interface PostEnv {
  readonly levels: ReadonlyMap<string, string>;
}

/**
 * A post sits under the topic's <h1> and its own <h2>, so its headings start at <h3>: the levels a member used, in
 * order, become h3, h4 … (a post of "##" and "####" gets h3 and h4), so no heading of theirs breaks the page's
 * outline or skips a level after the post's own. They carry no id, so they cannot clash with the page's own ids.
 */
function levelsOf(tokens: readonly Token[]): Map<string, string> {
  const used = [...new Set(tokens.filter((token) => token.type === 'heading_open').map((token) => Number(token.tag.slice(1))))].sort();
  return new Map(used.map((level, rank) => [`h${level}`, `h${Math.min(6, rank + 3)}`]));
}
md.renderer.rules.heading_open = (tokens, index, _options, env: PostEnv) => `<${env.levels.get(tokens[index]!.tag) ?? 'h6'}>`;
md.renderer.rules.heading_close = (tokens, index, _options, env: PostEnv) => `</${env.levels.get(tokens[index]!.tag) ?? 'h6'}>\n`;

/** Rendered bodies by their text: a topic page shows the same posts to every reader, so each is rendered once. */
const rendered = new LruCache<string, string>(500);

/** A post's Markdown as HTML safe to put in a page. */
export function renderPostHtml(markdown: string): string {
  return rendered.get(markdown, (source) => {
    const tokens = md.parse(source, {});
    const env: PostEnv = { levels: levelsOf(tokens) };
    return md.renderer.render(tokens, md.options, env);
  });
}
