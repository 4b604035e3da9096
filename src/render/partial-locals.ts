// The locals of each partial under views/partials/: the parameters of our components.
import type { Translate } from './interface-text.js';

// A template includes a partial with locals it was given, built in TypeScript against these types, never with an
// object literal written in the template, where no compiler would check it.

/** partials/nav-link: one link of a navigation list. */
export interface NavLinkLocals {
  readonly title: string;
  readonly url: string;
  /** aria-current: "page" on the link to the page itself, "true" on the link to the section it is in. */
  readonly current: 'page' | 'true' | undefined;
}

/** partials/search-form: a GET form to its edition's search page. Each place it appears needs its own id and landmark name. */
export interface SearchFormLocals {
  /** The edition's search page: /search, /ru/search. */
  readonly action: string;
  /** The label of the box (hidden in the header, where the placeholder says it) and the button's text. */
  readonly label: string;
  readonly button: string;
  /** Sets the form's look: site-search (header), search-form (results page) or error-search (error pages). */
  readonly className: string;
  /** Names the search landmark; two landmarks on one page must not share a name. */
  readonly landmarkLabel: string;
  /** The input's id, unique on the page, which the label points at. */
  readonly inputId: string;
  readonly maxLength: number;
  /** Text already in the box (the results page repeats the query). */
  readonly value: string | undefined;
  /** The header has no room for a visible label: the label is hidden and a placeholder says the same. */
  readonly compact: boolean;
  /** Class of a <div> keeping the box and the button on one row under the label. */
  readonly rowClass: string | undefined;
}

export interface Breadcrumb {
  readonly title: string;
  /** undefined when the page itself has no address of its own (error pages). */
  readonly url: string | undefined;
}

/** partials/breadcrumbs: Home › section › … › the page itself, which is the last item. */
export interface BreadcrumbsLocals {
  /** The landmark's name, in the page's language. */
  readonly label: string;
  readonly items: readonly Breadcrumb[];
}

/** One link of the language switcher: to the same page in another language, or to its home page when there is none. */
export interface LanguageLink {
  /** The language of the page linked to (hreflang), and of the link's own words (lang). */
  readonly lang: string;
  readonly url: string;
  /** The language's own name ("Русский"), or, for a page not translated, the way to that language's home page. */
  readonly text: string;
  /** Said before the link, in that language, when the page is not translated into it. */
  readonly note: string | undefined;
}

/** partials/language-switcher: the page in the other languages. */
export interface LanguageSwitcherLocals {
  readonly label: string;
  readonly links: readonly LanguageLink[];
}

/** partials/header: wordmark, language switcher, search and the two navigation rows. */
export interface HeaderLocals {
  readonly isHome: boolean;
  readonly homeUrl: string;
  /** The wordmark's words and the menu button's, in the page's language. */
  readonly wordmark: { readonly short: string; readonly name: string; readonly in: string };
  readonly menuLabel: string;
  readonly navLabel: string;
  readonly languages: LanguageSwitcherLocals;
  readonly search: SearchFormLocals;
  readonly primary: readonly NavLinkLocals[];
  readonly secondary: readonly NavLinkLocals[];
}

/** partials/footer: credits and the footer links. */
export interface FooterLocals {
  readonly credits: readonly string[];
  readonly label: string;
  readonly links: readonly NavLinkLocals[];
}

/** One error of a form, as the summary lists it: the message, linking to the field it is about. */
export interface FormError {
  /** The id of the field's input, which the summary's link jumps to. */
  readonly fieldId: string;
  readonly text: string;
}

/** partials/error-summary: GOV.UK's "There is a problem" box at the top of a form sent back with errors. */
export interface ErrorSummaryLocals {
  /** The interface text of the page's language (the forum's words: i18n/<code>.yml, forum.*). */
  readonly t: Translate;
  readonly errors: readonly FormError[];
}

/** partials/text-field: one labelled input (or textarea) with its hint and error message (GOV.UK's text input and textarea). */
export interface TextFieldLocals {
  /** The interface text of the page's language (the forum's words: i18n/<code>.yml, forum.*). */
  readonly t: Translate;
  /** Unique on the page: the label, the summary's link, the hint and the error point at it. */
  readonly id: string;
  readonly name: string;
  readonly label: string;
  readonly type: 'text' | 'password' | 'email' | 'textarea';
  /** The height of a textarea in lines; undefined for an input. */
  readonly rows: number | undefined;
  /** What the person typed, shown back; ignored for passwords, which are never sent back to the browser. */
  readonly value: string | undefined;
  readonly hint: string | undefined;
  readonly error: string | undefined;
  /** The HTML autocomplete token: username, current-password, new-password, email. */
  readonly autocomplete: string;
  /** Off for names and addresses, which a spellchecker would only mark as wrong. */
  readonly spellcheck: boolean;
}

/** partials/forum-form: a form that changes something, sent by POST, with its CSRF token and a link to the privacy page. */
export interface ForumFormLocals {
  /** The interface text of the page's language (the forum's words: i18n/<code>.yml, forum.*). */
  readonly t: Translate;
  readonly action: string;
  /** The CSRF token, and anything else the form carries back unseen (the page to return to, a reset link's token). */
  readonly hidden: readonly { readonly name: string; readonly value: string }[];
  readonly fields: readonly TextFieldLocals[];
  readonly submit: string;
  /** A red button, for what cannot be undone. */
  readonly warning: boolean;
  readonly privacyUrl: string;
  /** The honeypot of a posting form: a field people never see (nor hear), which only a bot fills in. */
  readonly trap: { readonly id: string; readonly name: string } | undefined;
}

/** partials/forum-bar: who is signed in, with their account and a log-out button; or the ways to log in and register. */
export type ForumBarLocals =
  | { readonly t: Translate; readonly signedIn: false; readonly loginUrl: string; readonly registerUrl: string }
  | {
      readonly t: Translate;
      readonly signedIn: true;
      readonly username: string;
      readonly accountUrl: string;
      readonly logoutUrl: string;
      /** The session's CSRF token: logging out changes state too. */
      readonly csrfToken: string;
      /** For moderators and administrators: the queue, and how many posts wait in it ("3 waiting"). */
      readonly moderation: { readonly url: string; readonly waiting: string } | undefined;
    };

/** partials/notice: a short confirmation at the top of a page, after something was done ("Your password has been changed"). */
export interface NoticeLocals {
  readonly title: string;
  readonly text: string | undefined;
}

/** A paragraph of interface text with at most one link in it: the text before the link, the link, the text after. */
export interface Paragraph {
  readonly before: string;
  readonly link: { readonly text: string; readonly url: string } | undefined;
  readonly after: string;
}

/** A moment for a <time> element: the exact instant (ISO 8601) and the words people read. */
export interface MomentText {
  readonly iso: string;
  readonly text: string;
}

/** partials/pagination: previous and next links of a paged list, and where the reader is ("Page 2 of 5"). */
export interface PaginationLocals {
  /** The interface text of the page's language (the forum's words: i18n/<code>.yml, forum.*). */
  readonly t: Translate;
  /** Names the navigation landmark ("Pages of this topic"). */
  readonly label: string;
  readonly page: number;
  readonly pageCount: number;
  readonly previousUrl: string | undefined;
  readonly nextUrl: string | undefined;
}

/** A link under a post, with words only a screen reader hears that say which post it is about. */
export interface PostAction {
  readonly text: string;
  readonly url: string;
  /** " the post by Aida of 27 November 2026": read after the text, hidden on screen. */
  readonly hiddenText: string;
}

/** partials/forum-post: one post of a topic page, with its author, time, body and the links that act on it. */
export interface ForumPostLocals {
  /** The interface text of the page's language (the forum's words: i18n/<code>.yml, forum.*). */
  readonly t: Translate;
  /** "post-12": the anchor its permanent link leads to. */
  readonly anchor: string;
  readonly author: string;
  /** "Moderator" or "Administrator" beside the name; undefined for a member. */
  readonly role: string | undefined;
  readonly written: MomentText;
  readonly edited: MomentText | undefined;
  /** The post's Markdown rendered by src/render/post-html.ts. */
  readonly bodyHtml: string;
  /** Why only some people see it: "Awaiting approval" (its author and moderators), "Hidden" or "Rejected" (moderators). */
  readonly statusLabel: string | undefined;
  readonly permalink: string;
  readonly actions: readonly PostAction[];
}
