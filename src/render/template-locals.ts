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
  ForumPostLocals,
  HeaderLocals,
  LanguageSwitcherLocals,
  MomentText,
  NavLinkLocals,
  NoticeLocals,
  PaginationLocals,
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
  /** Feeds of this page besides the news feed (the forum's, a category's), for autodiscovery in the head. */
  readonly alternateFeeds: readonly { readonly title: string; readonly url: string }[];
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
  /** Why only part of the query was searched: longer than maxLength characters, or more than maxWords words. */
  readonly cut: 'length' | 'words' | undefined;
  readonly maxLength: number;
  readonly maxWords: number;
  readonly total: number;
  readonly hits: readonly SearchHit[];
  readonly suggestions: readonly string[];
  /** How many results come before this page's first. */
  readonly offset: number;
  readonly page: number;
  readonly pages: number;
  /** Offered when nothing matches. */
  readonly sections: readonly { readonly title: string; readonly url: string }[];
  /** Forum topics that match, shown apart from pages on the first page of results; undefined without a forum to search. */
  readonly forum: { readonly total: number; readonly hits: readonly (SearchHit & { readonly category: string })[] } | undefined;
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
  readonly url: string;
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
  readonly t: Translate;
  readonly bar: ForumBarLocals;
  /** The database cannot be read now: categories show without figures, under a notice saying so. */
  readonly unavailable: boolean;
  readonly categories: readonly ForumCategoryLocals[];
  readonly privacyUrl: string;
}

/** pages/forum-form: a page with one form (log in, register, a new password, log out, change password, delete the account). */
export interface ForumFormPageLocals {
  readonly t: Translate;
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
  readonly t: Translate;
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
  readonly t: Translate;
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

/** One topic in a category's list. */
export interface ForumTopicRowLocals {
  readonly title: string;
  readonly url: string;
  readonly author: string;
  readonly started: MomentText;
  /** "3 replies", "No replies". */
  readonly replies: string;
  readonly latest: { readonly author: string; readonly at: MomentText; readonly url: string } | undefined;
  readonly pinned: boolean;
  readonly locked: boolean;
  /** "Awaiting approval" (its author and moderators see it), "Hidden" or "Rejected" (moderators); else undefined. */
  readonly statusLabel: string | undefined;
}

/** pages/forum-category: a category's topics, pinned first, then newest activity first, one page of them. */
export interface ForumCategoryPageLocals {
  readonly t: Translate;
  readonly bar: ForumBarLocals;
  readonly heading: string;
  readonly description: string;
  /** "Page 2 of 3" after the heading, from the second page on. */
  readonly pageNote: string | undefined;
  readonly topics: readonly ForumTopicRowLocals[];
  /** For a member: the new-topic form's address; for a reader, the way to log in first; for a suspended member, why not. */
  readonly newTopic: { readonly kind: 'start' | 'log-in'; readonly url: string } | { readonly kind: 'suspended'; readonly text: string };
  readonly pagination: PaginationLocals | undefined;
  readonly privacyUrl: string;
}

/** What a topic page offers under its posts: a reply form, or why there is none and what to do. */
export interface TopicReplyLocals {
  /** Undefined for a reader, and in a locked topic or one still awaiting approval. */
  readonly form: ForumFormLocals | undefined;
  readonly intro: readonly Paragraph[];
}

/** pages/forum-topic: a topic's posts in order, one page of them, and the reply form for members. */
export interface ForumTopicPageLocals {
  readonly t: Translate;
  readonly bar: ForumBarLocals;
  readonly notice: NoticeLocals | undefined;
  readonly heading: string;
  readonly category: { readonly title: string; readonly url: string };
  readonly pageNote: string | undefined;
  /** What is true of the whole topic: "Locked: …", "Pinned", "Awaiting approval: …". */
  readonly marks: readonly { readonly kind: 'locked' | 'pinned' | 'held' | 'hidden'; readonly text: string }[];
  readonly posts: readonly ForumPostLocals[];
  readonly pagination: PaginationLocals | undefined;
  readonly reply: TopicReplyLocals;
  /** For moderators: the topic's moderation page (lock, pin, move). */
  readonly moderateUrl: string | undefined;
  readonly privacyUrl: string;
}

/** One line of facts about what a moderator looks at: its term, its text, perhaps a link or a <time>. */
export interface ModerationFact {
  readonly term: string;
  readonly text: string;
  readonly url: string | undefined;
  /** When set, the text is shown in a <time> with this machine-readable value. */
  readonly datetime: string | undefined;
}

/** A choice among a few values, as GOV.UK's radios: a fieldset with its legend, hint and error. */
export interface ModerationChoice {
  /** The first radio's id: the error summary links to it. */
  readonly id: string;
  readonly name: string;
  readonly legend: string;
  readonly hint: string | undefined;
  readonly error: string | undefined;
  readonly options: readonly { readonly value: string; readonly label: string; readonly checked: boolean }[];
}

/** One action of a moderator, as a POST form: its button, and perhaps a reason and a choice (a category, a duration). */
export interface ModerationForm {
  readonly action: string;
  /** The session's CSRF token, and the page to come back to. */
  readonly hidden: readonly { readonly name: string; readonly value: string }[];
  readonly choice: ModerationChoice | undefined;
  readonly fields: readonly TextFieldLocals[];
  readonly submit: string;
  /** A red button, for what takes something away (reject, hide, suspend). */
  readonly warning: boolean;
}

/** A post, a topic, a report or a member on a moderator's page, with what can be done to it. */
export interface ModerationCard {
  readonly heading: string;
  readonly url: string | undefined;
  readonly facts: readonly ModerationFact[];
  /** What a member wrote, as plain text exactly as typed: a moderator reads the Markdown itself, link targets and all. */
  readonly text: { readonly label: string; readonly body: string } | undefined;
  readonly links: readonly { readonly text: string; readonly url: string }[];
  readonly forms: readonly ModerationForm[];
}

/** One line of the moderation log. */
export interface ModerationLogRow {
  readonly at: MomentText;
  readonly actor: { readonly text: string; readonly url: string | undefined };
  readonly action: string;
  readonly targets: readonly { readonly text: string; readonly url: string | undefined }[];
  readonly reason: string;
  readonly details: string;
}

/** pages/forum-moderation: the moderators' pages (queue, reports, log, members, one member, one post, one topic). */
export interface ForumModerationLocals {
  /** The words of the page's language (i18n/<code>.yml, forum.moderation.*): the address says which. */
  readonly t: Translate;
  readonly bar: ForumBarLocals;
  /** Queue, reports, log, members, the current one marked. */
  readonly tabs: readonly NavLinkLocals[];
  readonly heading: string;
  readonly notice: NoticeLocals | undefined;
  readonly errorSummary: ErrorSummaryLocals | undefined;
  readonly intro: readonly Paragraph[];
  /** A one-time reset link, shown on the page that issued it and nowhere else. */
  readonly secret: { readonly label: string; readonly value: string; readonly expires: MomentText } | undefined;
  /** The form to find a member (a GET: finding changes nothing). */
  readonly lookup: { readonly action: string; readonly field: TextFieldLocals } | undefined;
  readonly cards: readonly ModerationCard[];
  /** Said when there are no cards (an empty queue); undefined on pages that never list any. */
  readonly empty: string | undefined;
  readonly log: readonly ModerationLogRow[] | undefined;
  readonly paging: PaginationLocals | undefined;
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
  'partials/pagination': PaginationLocals;
  'partials/forum-post': ForumPostLocals;
  'pages/page': PageTemplateLocals;
  'pages/search': SearchPageLocals;
  'pages/stats': StatsPageLocals;
  'pages/forum-home': ForumHomeLocals;
  'pages/forum-form': ForumFormPageLocals;
  'pages/forum-account': ForumAccountLocals;
  'pages/forum-message': ForumMessageLocals;
  'pages/forum-privacy': ForumPrivacyLocals;
  'pages/forum-category': ForumCategoryPageLocals;
  'pages/forum-topic': ForumTopicPageLocals;
  'pages/forum-moderation': ForumModerationLocals;
  'errors/error': ErrorPageLocals;
}

export type TemplateName = keyof TemplateLocals;
export type PartialName = Extract<TemplateName, `partials/${string}`>;
/** The templates that fill the layout's <main>. */
export type ContentTemplate = Extract<TemplateName, `pages/${string}` | `errors/${string}`>;
