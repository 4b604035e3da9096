// The site's three search forms, one home for all: a page may show two at once, so each has its own id and name.
import type { Language } from '../content/languages.js';
import { MAX_QUERY_LENGTH } from '../search/search-index.js';
import type { InterfaceText } from './interface-text.js';
import type { SearchFormLocals } from './partial-locals.js';

/** The search page of an edition: "/search", "/ru/search". */
export function searchPathOf(language: Language): string {
  return `${language.prefix}/search`;
}

function form(
  text: InterfaceText,
  parts: Pick<SearchFormLocals, 'className' | 'landmarkLabel' | 'inputId' | 'value' | 'compact' | 'rowClass'>,
): SearchFormLocals {
  return { ...parts, action: searchPathOf(text.language), label: text.t('search.label'), button: text.t('search.button'), maxLength: MAX_QUERY_LENGTH };
}

/** In every page's header, where there is room for the box only. */
export function headerSearch(text: InterfaceText): SearchFormLocals {
  return form(text, {
    className: 'site-search',
    landmarkLabel: text.t('search.header_landmark'),
    inputId: 'site-search-q',
    value: undefined,
    compact: true,
    rowClass: undefined,
  });
}

/** On error pages, as a way on from an address that led nowhere. */
export function errorPageSearch(text: InterfaceText): SearchFormLocals {
  return form(text, {
    className: 'error-search',
    landmarkLabel: text.t('search.again_landmark'),
    inputId: 'error-search-q',
    value: undefined,
    compact: false,
    rowClass: undefined,
  });
}

/** On the results page, holding the query so that it can be changed and searched again. */
export function resultsPageSearch(text: InterfaceText, query: string): SearchFormLocals {
  return form(text, {
    className: 'search-form',
    landmarkLabel: text.t('search.again_landmark'),
    inputId: 'search-page-q',
    value: query,
    compact: false,
    rowClass: 'search-form__row',
  });
}
