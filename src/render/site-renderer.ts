// Renders pages and error pages to HTML through the layout. Pure: the same site and views give the same bytes.
import { randomUUID } from 'node:crypto';
import type { Page } from '../content/page.js';
import { errorPageContent } from './error-pages.js';
import { chromeLocals, pageChrome, pageLocals, type RenderContext } from './page-locals.js';
import { errorPageSearch } from './search-forms.js';
import { homeOf } from '../content/languages.js';
import type { ChromeLocals, ContentTemplate, TemplateLocals } from './template-locals.js';
import type { Views } from './views.js';

/** Where a page's body goes, for renderPageAround: a comment no body (html: false escapes "<") nor template can write. */
const BODY_MARKER = `<!--body-${randomUUID()}-->`;

export class SiteRenderer {
  private readonly views: Views;

  constructor(views: Views) {
    this.views = views;
  }

  renderPage(context: RenderContext, page: Page): string {
    return this.renderInLayout('pages/page', pageLocals(context, page), pageChrome(context, page));
  }

  /**
   * A page's HTML before and after its body, without touching the body: a large body (megabytes) is then joined in
   * as bytes, where writing it into the layout as a string held the serving thread. The body must need no change of
   * its own (sizeImages: a body with no images). Undefined if the marker did not come out exactly once.
   */
  renderPageAround(context: RenderContext, page: Page): { readonly head: string; readonly tail: string } | undefined {
    const html = this.renderInLayout('pages/page', pageLocals(context, page, BODY_MARKER), pageChrome(context, page));
    const at = html.indexOf(BODY_MARKER);
    if (at === -1 || html.indexOf(BODY_MARKER, at + 1) !== -1) return undefined;
    return { head: html.slice(0, at), tail: html.slice(at + BODY_MARKER.length) };
  }

  /** A template rendered into the one page skeleton (views/layouts/base.ejs), which receives it as contentHtml. */
  renderInLayout<N extends ContentTemplate>(template: N, locals: TemplateLocals[N], chrome: ChromeLocals): string {
    return this.views.render('layouts/base', { ...chrome, contentHtml: this.views.render(template, locals) });
  }

  /** The error page of a status, in the site's layout; a removed page's 410 adds the editor's note, a 429 when to retry. */
  renderError(context: RenderContext, status: number, note?: string, title?: string): string {
    const { t, language } = context.text;
    const content = errorPageContent(t, status, note, title);
    const homeUrl = homeOf(language);
    const chrome = chromeLocals(context, {
      title: content.title,
      description: content.paragraphs[0] ?? content.title,
      url: undefined,
      breadcrumbs: [
        { title: t('chrome.home'), url: homeUrl },
        { title: content.title, url: undefined },
      ],
      robots: 'noindex',
    });
    const locals = { t, homeUrl, heading: content.title, paragraphs: content.paragraphs, search: errorPageSearch(context.text) };
    return this.renderInLayout('errors/error', locals, chrome);
  }
}
