// The locals of each partial under views/partials/: the parameters of our components.

/** partials/nav-link: one link of a navigation list. */
export interface NavLinkLocals {
  readonly title: string;
  readonly url: string;
  /** aria-current: "page" on the link to the page itself, "true" on the link to the section it is in. */
  readonly current: 'page' | 'true' | undefined;
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
  readonly primary: readonly NavLinkLocals[];
  readonly secondary: readonly NavLinkLocals[];
}

/** partials/footer: credits and the footer links. */
export interface FooterLocals {
  readonly links: readonly NavLinkLocals[];
}
