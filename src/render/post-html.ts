// Forum posts as HTML: the members' Markdown through a markdown-it of its own, stricter than the editors' one.
import MarkdownIt from 'markdown-it';
import { alignTablesWithClasses, isSafeLink, leavesSite } from '../content/markdown.js';
import { LruCache } from '../lib/lru-cache.js';

/**
 * Anyone with an account writes posts, so:
 * html: false, as for pages: a pasted <script> or onerror= is shown as text.
 * linkify: true, because members paste addresses and expect them to work; fuzzyLink off, so only addresses with a
 *   scheme or "www." become links ("un.org.kg" in a sentence stays text), as spam.ts counts them.
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

/**
 * A post sits under the topic's <h1> and its own <h2>: its headings start at <h3>, so a member's "# Heading" cannot
 * break the page's outline, and carry no id, so they cannot clash with the page's own ids.
 */
const demote = (tag: string): string => `h${Math.min(6, Number(tag.slice(1)) + 2)}`;
md.renderer.rules.heading_open = (tokens, index) => `<${demote(tokens[index]!.tag)}>`;
md.renderer.rules.heading_close = (tokens, index) => `</${demote(tokens[index]!.tag)}>\n`;

/** Rendered bodies by their text: a topic page shows the same posts to every reader, so each is rendered once. */
const rendered = new LruCache<string, string>(500);

/** A post's Markdown as HTML safe to put in a page. */
export function renderPostHtml(markdown: string): string {
  return rendered.get(markdown, (source) => md.render(source));
}
