// The site's three search forms, one home for all: a page may show two at once, so each has its own id and name.
import { MAX_QUERY_LENGTH } from '../search/search-index.js';
import type { SearchFormLocals } from './partial-locals.js';

/** In every page's header, where there is room for the box only. */
export const HEADER_SEARCH: SearchFormLocals = {
  className: 'site-search',
  landmarkLabel: 'Site',
  inputId: 'site-search-q',
  maxLength: MAX_QUERY_LENGTH,
  value: undefined,
  compact: true,
  rowClass: undefined,
};

/** On error pages, as a way on from an address that led nowhere. */
export const ERROR_PAGE_SEARCH: SearchFormLocals = {
  className: 'error-search',
  landmarkLabel: 'Search again',
  inputId: 'error-search-q',
  maxLength: MAX_QUERY_LENGTH,
  value: undefined,
  compact: false,
  rowClass: undefined,
};

/** On the results page, holding the query so that it can be changed and searched again. */
export function resultsPageSearch(query: string): SearchFormLocals {
  return {
    className: 'search-form',
    landmarkLabel: 'Search again',
    inputId: 'search-page-q',
    maxLength: MAX_QUERY_LENGTH,
    value: query,
    compact: false,
    rowClass: 'search-form__row',
  };
}
