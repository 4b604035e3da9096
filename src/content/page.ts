// The site model's page: validated front matter, rendered body, and what checks and search need to know.
import type { Layout } from './page-schema.js';
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
  readonly sitemap: boolean;
  readonly weight: number;
  readonly layout: Layout;
  readonly bodyHtml: string;
  readonly headings: RenderedMarkdown['headings'];
  /** Links and images with their line in the file, for the content check. */
  readonly links: readonly { href: string; line: number }[];
  readonly images: readonly { src: string; alt: string; line: number }[];
}
