// The console's search syntax and access scope as SQL over `articles a` (issue #6): exact phrases, excluded
// words, OR groups, the story's tip status and a team account's rounds/units.
import { matchableWords, type NormalizedSearchQuery } from '../query.js';
import { ftsTermExpression } from './fts-match.js';
import { type SqlParams, scopeCondition } from './scope-sql.js';

/** Append the clauses of the extended query fields to `clauses` and their parameters to `params`. */
export function syntaxClauses(q: NormalizedSearchQuery, clauses: string[], params: SqlParams): void {
  const phrases = matchableWords(q.phrases ?? []);
  const groups = (q.anyOf ?? []).map(matchableWords).filter((g) => g.length > 0);
  const positive = [
    ...phrases.map(ftsTermExpression),
    ...groups.map((g) => `(${g.map(ftsTermExpression).join(' OR ')})`),
  ];
  if (positive.length > 0) {
    clauses.push('a.seq IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH @syntaxMatch)');
    params.syntaxMatch = positive.join(' AND ');
  }
  // The index ignores punctuation and spacing; the phrase must also occur verbatim (case-insensitively).
  phrases.forEach((phrase, i) => {
    clauses.push(`(instr(lower(a.title), @phrase${i}) > 0 OR instr(lower(a.body), @phrase${i}) > 0)`);
    params[`phrase${i}`] = phrase.toLowerCase();
  });
  const exclude = matchableWords(q.exclude ?? []);
  if (exclude.length > 0) {
    clauses.push('a.seq NOT IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH @excludeMatch)');
    params.excludeMatch = exclude.map(ftsTermExpression).join(' OR ');
  }
  if (q.tipStatus !== undefined) {
    const round = q.roundId !== undefined ? ' AND t.round_id = @roundId' : '';
    // A scoped search asks only about tips inside the scope: another round's tip status must not show through.
    const inScope =
      q.scope === undefined
        ? ''
        : ` AND ${scopeCondition(q.scope, { round: 't.round_id', unit: 't.unit_id' }, params, 'tscope')}`;
    clauses.push(
      `EXISTS (SELECT 1 FROM tips t WHERE t.cluster_id = a.cluster_id AND t.status = @tipStatus${round}${inScope})`,
    );
    params.tipStatus = q.tipStatus;
    if (q.roundId !== undefined) params.roundId = q.roundId;
  }
  if (q.scope !== undefined) {
    const inScope = scopeCondition(q.scope, { round: 's.round_id', unit: 's.unit_id' }, params, 'scope');
    clauses.push(`EXISTS (SELECT 1 FROM article_units s WHERE s.article_id = a.id AND ${inScope})`);
  }
}
