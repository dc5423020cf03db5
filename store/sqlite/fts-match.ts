import { termGrams } from '../search-grams.js';

/** A double-quoted FTS5 string, inner quotes doubled, so query syntax inside a term stays literal. */
function quote(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}

/**
 * The FTS5 expression for one term: its jieba tokens as a phrase over the token columns, OR its gram phrase
 * over the gram columns (substring semantics, see searchGrams). The token branch keeps every match the
 * token-only index found.
 */
export function ftsTermExpression(term: string): string {
  const byTokens = `{title_tokens body_tokens} : ${quote(term)}`;
  const grams = termGrams(term);
  if (grams.tokens.length === 0) return `(${byTokens})`;
  const byGrams = `{title_grams body_grams} : ${quote(grams.tokens.join(' '))}${grams.prefix ? ' *' : ''}`;
  return `(${byTokens} OR ${byGrams})`;
}

/** An FTS5 query requiring every term (AND). */
export function ftsMatchExpression(terms: readonly string[]): string {
  return terms.map(ftsTermExpression).join(' AND ');
}
