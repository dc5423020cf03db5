// The highlight section of a search: Elasticsearch marks the words in the original title and body (the
// `standard`-analysed display fields with `index_options: offsets`, see mappings.ts), HTML-escaped by its html
// encoder, so no snippet is built from `_source` here. highlight-response.ts turns the fragments into hits.
import type { estypes } from '@elastic/elasticsearch';
import { highlightTerms, matchableWords, type NormalizedSearchQuery } from '../query.js';

/** The tags around a marked word, as the SQLite backend writes them (store/highlight.ts). */
export const MARK_OPEN = '<mark>';
/** The closing tag of a marked word. */
export const MARK_CLOSE = '</mark>';

/** About how many characters a body snippet holds, how many at most, and the lead when nothing matches. */
const FRAGMENT_SIZE = 80;
const FRAGMENTS = 3;
const LEAD_SIZE = 100;
const DISPLAY_FIELDS = ['title', 'body'] as const;

/** Every word a hit should mark (terms, exact phrases, OR alternatives) that can match at all. */
export function highlightWords(q: NormalizedSearchQuery): string[] {
  return matchableWords(highlightTerms(q));
}

/**
 * The words as phrases on the display fields themselves: the search query runs on the token and gram fields,
 * which the highlighter cannot map back to the original text. The standard analyzer splits Chinese into single
 * characters, so a word must match as a phrase (and its characters are marked one by one).
 */
function highlightQuery(words: readonly string[]): estypes.QueryDslQueryContainer {
  return {
    bool: {
      should: words.flatMap((word) => DISPLAY_FIELDS.map((field) => ({ match_phrase: { [field]: word } }))),
      minimum_should_match: 1,
    },
  };
}

/** The highlight section of a search for the words, or undefined when there is nothing to mark. */
export function searchHighlight(q: NormalizedSearchQuery): estypes.SearchHighlight | undefined {
  const words = highlightWords(q);
  if (words.length === 0) return undefined;
  return {
    type: 'unified',
    encoder: 'html',
    pre_tags: [MARK_OPEN],
    post_tags: [MARK_CLOSE],
    highlight_query: highlightQuery(words),
    fields: {
      // The whole title, marked (returned only when it matched).
      title: { number_of_fragments: 0 },
      // Snippets in document order; with no match in the body, its escaped lead.
      body: { fragment_size: FRAGMENT_SIZE, number_of_fragments: FRAGMENTS, no_match_size: LEAD_SIZE },
    },
  };
}
