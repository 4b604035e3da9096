// What each template under views/ reads: Views.render compiles only with the locals of the template it renders.
import type { Layout } from '../content/page-schema.js';
import type { Translate } from './interface-text.js';
import type { SearchHit } from '../search/search-index.js';
import type { StatsSummary } from '../stats/stats-summary.js';
import type { Chart } from '../stats/views-chart.js';
import type {
  BreadcrumbsLocals,
  ErrorSummaryLocals,
  FooterLocals,
  ForumBarLocals,
  ForumFormLocals,
  HeaderLocals,
  LanguageSwitcherLocals,
  NavLinkLocals,
  NoticeLocals,
  Paragraph,
  SearchFormLocals,
  TextFieldLocals,
} from './partial-locals.js';

// Every key is required, even where its value may be undefined: in development a template that reads a key its
// locals lack throws (strict-locals.ts), so "absent" must be written down, never left out.

/** A day for a <time> element: the machine-readable form and the one people read. */
export interface DayText {
  readonly iso: string;
  readonly text: string;
}

/** What the layout needs besides the page's own content: metadata and the partials around it. */
export interface ChromeLocals {
  /** The page's language, for <html lang>. */
  readonly lang: string;
  readonly documentTitle: string;
  readonly title: string;
  readonly description: string;
  readonly canonicalUrl: string | undefined;
  readonly robots: string | undefined;
  readonly siteName: string;
  /** Open Graph's locale of the page, and of its versions in other languages. */
  readonly ogLocale: string;
  readonly ogLocaleAlternates: readonly string[];
  /** <link rel="alternate" hreflang>: every version of the page, itself included, and x-default; empty without a translation. */
  readonly alternates: readonly { readonly hreflang: string; readonly href: string }[];
  readonly feedUrl: string;
  readonly feedTitle: string;
  readonly skipLink: string;
  /** JSON-LD made safe for a <script> element by jsonForScript. */
  readonly jsonLdHtml: string | undefined;
  readonly assetUrl: (logicalPath: string) => string;
  /** The live-reload script, in development only. */
  readonly devScriptUrl: string | undefined;
  readonly header: HeaderLocals;
  readonly breadcrumbs: BreadcrumbsLocals;
  readonly footer: FooterLocals;
}

/** layouts/base: the one page skeleton, around HTML rendered by one of the content templates. */
export interface LayoutLocals extends ChromeLocals {
  readonly contentHtml: string;
}

export interface ListedChild {
  readonly title: string;
  readonly url: string;
  readonly description: string;
  readonly date: DayText | undefined;
}

/** pages/page: a content page. */
export interface PageTemplateLocals {
  readonly t: Translate;
  readonly title: string;
  readonly layout: Layout;
  readonly draft: boolean;
  readonly published: DayText | undefined;
  /** The page's Markdown, rendered and sanitised when it was read. */
  readonly bodyHtml: string;
  /** The section's pages or news items, listed under the body; empty on a plain page. */
  readonly children: readonly ListedChild[];
  readonly updated: DayText;
}

/** pages/search: one page of search results. */
export interface SearchPageLocals {
  readonly t: Translate;
  /** The edition's search page, for the example and pagination links. */
  readonly searchUrl: string;
  readonly heading: string;
  readonly form: SearchFormLocals;
  readonly query: string;
  /** The query was cut to maxLength. */
  readonly truncated: boolean;
  readonly maxLength: number;
  readonly total: number;
  readonly hits: readonly SearchHit[];
  readonly suggestions: readonly string[];
  /** How many results come before this page's first. */
  readonly offset: number;
  readonly page: number;
  readonly pages: number;
  /** Offered when nothing matches. */
  readonly sections: readonly { readonly title: string; readonly url: string }[];
}

/** pages/stats: the figures, or, without a statistics database, only a notice that they are paused. */
export type StatsPageLocals = { readonly t: Translate; readonly clientViewsPerMinute: number } & (
  | { readonly summary: undefined }
  | {
      readonly summary: StatsSummary;
      /** "12,345"; in Russian "12 345". */
      readonly formatNumber: (value: number) => string;
      readonly last30: number;
      readonly chart: Chart;
      /** The chart's text alternative. */
      readonly chartDescription: string;
      readonly formatDay: (day: string) => string;
      readonly titleOf: (path: string) => string;
    }
);

/** errors/error: what happened and what to do next. */
export interface ErrorPageLocals {
  readonly t: Translate;
  readonly homeUrl: string;
  readonly heading: string;
  readonly paragraphs: readonly string[];
  readonly search: SearchFormLocals;
}

/** One category on the forum's front page; `activity` is undefined while the forum's database cannot be read. */
export interface ForumCategoryLocals {
  readonly title: string;
  readonly description: string;
  readonly activity:
    | {
        /** "3 topics", "1 post": counted and worded in TypeScript. */
        readonly topics: string;
        readonly posts: string;
        readonly latest: { readonly title: string; readonly author: string; readonly date: DayText } | undefined;
      }
    | undefined;
}

/** pages/forum-home: the forum's categories, with their activity when the database can be read. */
export interface ForumHomeLocals {
  readonly bar: ForumBarLocals;
  /** The database cannot be read now: categories show without figures, under a notice saying so. */
  readonly unavailable: boolean;
  readonly categories: readonly ForumCategoryLocals[];
  readonly privacyUrl: string;
}

/** pages/forum-form: a page with one form (log in, register, a new password, log out, change password, delete the account). */
export interface ForumFormPageLocals {
  readonly bar: ForumBarLocals;
  readonly heading: string;
  readonly notice: NoticeLocals | undefined;
  /** Present when the form came back with errors. */
  readonly errorSummary: ErrorSummaryLocals | undefined;
  readonly intro: readonly Paragraph[];
  /** Shown as a warning before the form, for what cannot be undone. */
  readonly warning: string | undefined;
  readonly form: ForumFormLocals;
  readonly after: readonly Paragraph[];
}

/** pages/forum-account: a member's own account. */
export interface ForumAccountLocals {
  readonly bar: ForumBarLocals & { readonly signedIn: true };
  readonly notice: NoticeLocals | undefined;
  readonly username: string;
  readonly role: string;
  readonly memberSince: DayText;
  readonly changePasswordUrl: string;
  readonly deleteAccountUrl: string;
  readonly privacyUrl: string;
}

/** pages/forum-message: a page that only tells something (the account is deleted, a reset link no longer works). */
export interface ForumMessageLocals {
  readonly bar: ForumBarLocals;
  readonly heading: string;
  readonly paragraphs: readonly Paragraph[];
}

/** pages/forum-privacy: what the forum keeps, with the figures read from where they are set. */
export interface ForumPrivacyLocals {
  readonly bar: ForumBarLocals;
  readonly idleHours: number;
  readonly absoluteHours: number;
  readonly formTokenHours: number;
  readonly resetLinkHours: number;
  /** How long a rate-limit counter can be kept at most, in words ("2 days"). */
  readonly counterRetention: string;
  readonly statsUrl: string;
  readonly registerUrl: string;
  /** For a member only: to anyone else the page would lead to the login form. */
  readonly deleteAccountUrl: string | undefined;
}

/** views/<name>.ejs → its locals. A template missing here cannot be rendered. */
export interface TemplateLocals {
  'layouts/base': LayoutLocals;
  'partials/header': HeaderLocals;
  'partials/language-switcher': LanguageSwitcherLocals;
  'partials/breadcrumbs': BreadcrumbsLocals;
  'partials/footer': FooterLocals;
  'partials/nav-link': NavLinkLocals;
  'partials/search-form': SearchFormLocals;
  'partials/error-summary': ErrorSummaryLocals;
  'partials/text-field': TextFieldLocals;
  'partials/forum-form': ForumFormLocals;
  'partials/forum-bar': ForumBarLocals;
  'partials/notice': NoticeLocals;
  'pages/page': PageTemplateLocals;
  'pages/search': SearchPageLocals;
  'pages/stats': StatsPageLocals;
  'pages/forum-home': ForumHomeLocals;
  'pages/forum-form': ForumFormPageLocals;
  'pages/forum-account': ForumAccountLocals;
  'pages/forum-message': ForumMessageLocals;
  'pages/forum-privacy': ForumPrivacyLocals;
  'errors/error': ErrorPageLocals;
}

export type TemplateName = keyof TemplateLocals;
export type PartialName = Extract<TemplateName, `partials/${string}`>;
/** The templates that fill the layout's <main>. */
export type ContentTemplate = Extract<TemplateName, `pages/${string}` | `errors/${string}`>;
