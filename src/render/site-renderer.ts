// Renders pages and error pages to HTML through the layout. Pure: the same site and views give the same bytes.
import type { Page } from '../content/page.js';
import { errorPageContent } from './error-pages.js';
import { chromeLocals, pageChrome, pageLocals, type RenderContext } from './page-locals.js';
import { ERROR_PAGE_SEARCH } from './search-forms.js';
import type { ChromeLocals, ContentTemplate, TemplateLocals } from './template-locals.js';
import type { Views } from './views.js';

export class SiteRenderer {
  private readonly views: Views;

  constructor(views: Views) {
    this.views = views;
  }

  renderPage(context: RenderContext, page: Page): string {
    return this.renderInLayout('pages/page', pageLocals(context, page), pageChrome(context, page));
  }

  /** A template rendered into the one page skeleton (views/layouts/base.ejs), which receives it as contentHtml. */
  renderInLayout<N extends ContentTemplate>(template: N, locals: TemplateLocals[N], chrome: ChromeLocals): string {
    return this.views.render('layouts/base', { ...chrome, contentHtml: this.views.render(template, locals) });
  }

  /** The error page of a status, in the site's layout; a removed page's 410 adds the editor's note, a 429 when to retry. */
  renderError(context: RenderContext, status: number, note?: string, title?: string): string {
    const content = errorPageContent(status, note, title);
    const chrome = chromeLocals(context, {
      title: content.title,
      description: content.paragraphs[0] ?? content.title,
      url: undefined,
      breadcrumbs: [
        { title: 'Home', url: '/' },
        { title: content.title, url: undefined },
      ],
      robots: 'noindex',
    });
    return this.renderInLayout('errors/error', { heading: content.title, paragraphs: content.paragraphs, search: ERROR_PAGE_SEARCH }, chrome);
  }
}
