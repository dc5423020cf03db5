// Exclusion suggestions from 误报 dismissals; the accepted ones are the rounds' learned exclusions.
import { createHash } from 'node:crypto';
import { StoreError } from '../../core/errors.js';
import type { Tip } from '../../core/types.js';
import type { ExclusionSuggestion, SuggestionDecision, SuggestionStatus } from '../store.js';
import { allOf, type EsContext, getDoc, indexIfUnchanged, isConflict, searchDocs } from './context.js';

type SuggestionDoc = ExclusionSuggestion & { seq: number };

/** Short id people can type: 10 hex digits of round, unit, phrase and time (as the SQLite store). */
function suggestionId(tip: Tip, phrase: string, at: string): string {
  return createHash('sha256')
    .update(`${tip.roundId}\u0000${tip.unitId}\u0000${phrase}\u0000${at}`)
    .digest('hex')
    .slice(0, 10);
}

function strip({ seq: _seq, ...s }: SuggestionDoc): ExclusionSuggestion {
  return s;
}

/** Record a pending suggestion unless (round, unit, phrase) is already pending or accepted; returns its id. */
export async function insertSuggestion(
  ctx: EsContext,
  input: { tip: Tip; phrase: string; at: string; by: string },
): Promise<string> {
  const { tip, phrase, at, by } = input;
  const query = allOf([
    { term: { roundId: tip.roundId } },
    { term: { unitId: tip.unitId } },
    { term: { phrase } },
    { terms: { status: ['pending', 'accepted'] } },
  ]);
  const { docs } = await searchDocs<SuggestionDoc>(ctx, ctx.names.suggestions, query, [{ seq: 'asc' }], 1);
  if (docs[0]) return docs[0].id;
  const id = suggestionId(tip, phrase, at);
  const doc: SuggestionDoc = {
    id,
    roundId: tip.roundId,
    unitId: tip.unitId,
    phrase,
    tipId: tip.id,
    status: 'pending',
    createdAt: at,
    createdBy: by,
    seq: ctx.nextSeq(),
  };
  try {
    await ctx.client.create({ index: ctx.names.suggestions, id, document: doc, refresh: ctx.refresh });
  } catch (error) {
    if (!isConflict(error)) throw error;
  }
  return id;
}

/** Suggestions with the status (all when absent), newest first. */
export async function listSuggestions(
  ctx: EsContext,
  status?: SuggestionStatus,
): Promise<ExclusionSuggestion[]> {
  const query = allOf(status === undefined ? [] : [{ term: { status } }]);
  return (await searchDocs<SuggestionDoc>(ctx, ctx.names.suggestions, query, [{ seq: 'desc' }])).docs.map(
    strip,
  );
}

/** Accept or reject a pending suggestion; the write is conditional on the version read. */
export async function decideSuggestion(
  ctx: EsContext,
  id: string,
  decision: SuggestionDecision,
): Promise<ExclusionSuggestion> {
  const read = await getDoc<SuggestionDoc>(ctx, ctx.names.suggestions, id);
  if (!read) throw new StoreError('E_STORE_NOT_FOUND', `decideSuggestion: no suggestion ${id}`);
  const conflict = new StoreError('E_STORE_CONFLICT', `suggestion ${id} is already ${read.source.status}`);
  if (read.source.status !== 'pending') throw conflict;
  const next: SuggestionDoc = {
    ...read.source,
    status: decision.status,
    decidedAt: decision.at,
    decidedBy: decision.by,
  };
  await indexIfUnchanged(
    ctx,
    ctx.names.suggestions,
    id,
    next,
    read,
    `suggestion ${id} was decided meanwhile`,
  );
  return strip(next);
}
