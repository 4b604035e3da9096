// The site model's page: validated front matter, rendered body, and what checks and search need to know.
import type { Layout, MENU_ROWS } from './page-schema.js';

export type MenuRow = (typeof MENU_ROWS)[number];
import type { RenderedMarkdown } from './markdown.js';

export interface Page {
  /** The page's one address: lowercase, no trailing slash except the home page "/". */
  readonly url: string;
  /** Source path relative to the content directory, with forward slashes. */
  readonly file: string;
  readonly title: string;
  /** Label for breadcrumbs and lists; the title when the editor gave none. */
  readonly linkTitle: string;
  readonly description: string;
  readonly updated: Date;
  readonly date: Date | undefined;
  readonly draft: boolean;
  readonly aliases: readonly string[];
  /** The line of each alias, in the same order, for messages about one. */
  readonly aliasLines?: readonly number[];
  readonly sitemap: boolean;
  readonly weight: number;
  readonly layout: Layout;
  /** The day the page goes live by itself (start of that day in Bishkek); hidden everywhere before. */
  readonly publish: Date | undefined;
  /** The day the page is taken down by itself, answering 410 from then on. */
  readonly expires: Date | undefined;
  /** The day by which its owner must check the page again; `npm run check` warns after it. */
  readonly review: Date | undefined;
  /** The line of `review:`, for the warning. */
  readonly reviewLine: number | undefined;
  /** The menu row the page puts itself in, if any. */
  readonly menu: { readonly row: MenuRow; readonly weight: number; readonly title: string | undefined; readonly line: number } | undefined;
  /** A translation's original page, when the addresses differ (front matter `original:`), with the line it is on. */
  readonly original: { readonly url: string; readonly line: number } | undefined;
  readonly bodyHtml: string;
  readonly headings: RenderedMarkdown['headings'];
  /** Links and images with their line in the file, for the content check. */
  readonly links: readonly { href: string; line: number }[];
  readonly images: readonly { src: string; alt: string; line: number }[];
}
