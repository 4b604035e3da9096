// The locals of each partial under views/partials/: the parameters of our components.

// A template includes a partial with locals it was given, built in TypeScript against these types, never with an
// object literal written in the template, where no compiler would check it.

/** partials/nav-link: one link of a navigation list. */
export interface NavLinkLocals {
  readonly title: string;
  readonly url: string;
  /** aria-current: "page" on the link to the page itself, "true" on the link to the section it is in. */
  readonly current: 'page' | 'true' | undefined;
}

/** partials/search-form: a GET form to /search. Each place it appears needs its own id and landmark name. */
export interface SearchFormLocals {
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
  readonly items: readonly Breadcrumb[];
}

/** partials/header: wordmark, search and the two navigation rows. */
export interface HeaderLocals {
  readonly isHome: boolean;
  readonly search: SearchFormLocals;
  readonly primary: readonly NavLinkLocals[];
  readonly secondary: readonly NavLinkLocals[];
}

/** partials/footer: credits and the footer links. */
export interface FooterLocals {
  readonly links: readonly NavLinkLocals[];
}
