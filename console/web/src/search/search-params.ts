// The search state lives in the URL (/search?q=…&unit=…) so that back, reload and shared links keep it.

/** Filter and paging fields of the search screen, all as URL strings. */
export interface SearchState {
  q?: string;
  round?: string;
  unit?: string;
  level?: string;
  phase?: string;
  sourceType?: string;
  source?: string;
  from?: string;
  to?: string;
  tipStatus?: string;
  sort?: string;
  /** `0` lists every copy; otherwise near-duplicates are folded under their story. */
  fold?: string;
  page?: string;
}

/** The fields of SearchState, in URL order. */
export const SEARCH_FIELDS: readonly (keyof SearchState)[] = [
  'q',
  'round',
  'unit',
  'level',
  'phase',
  'sourceType',
  'source',
  'from',
  'to',
  'tipStatus',
  'sort',
  'fold',
  'page',
];

/** Page size of the result list. */
export const PAGE_SIZE = 20;

/** Read the search state from URL parameters. */
export function readSearchState(params: URLSearchParams): SearchState {
  const state: SearchState = {};
  for (const field of SEARCH_FIELDS) {
    const value = params.get(field);
    if (value !== null && value !== '') state[field] = value;
  }
  return state;
}

/** The URL query of a search state (empty fields left out). */
export function searchStateQuery(state: SearchState): string {
  const params = new URLSearchParams();
  for (const field of SEARCH_FIELDS) {
    const value = state[field];
    if (value !== undefined && value !== '') params.set(field, value);
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

/** The API parameters of a search state: the page number becomes limit/offset. */
export function apiParams(state: SearchState): Record<string, string | number | undefined> {
  const { page, fold, ...filters } = state;
  const pageNumber = Math.max(1, Number(page ?? '1') || 1);
  return {
    ...filters,
    fold: fold === '0' ? '0' : '1',
    limit: PAGE_SIZE,
    offset: (pageNumber - 1) * PAGE_SIZE,
  };
}
