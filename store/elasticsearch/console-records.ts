// The console's append-only audit log, saved searches and tip notes (issue #6).
import { StoreError } from '../../core/errors.js';
import { clampInt } from '../query.js';
import type { AuditEntry, AuditFilter, NewAuditEntry, SavedSearch, TipNote } from '../store.js';
import { allOf, compact, type EsContext, isConflict, requireMs, searchDocs } from './context.js';
import { docId } from './docs.js';

/**
 * The next value of a named counter: a painless increment on one document is atomic on the cluster, so audit
 * numbers are unique across instances.
 */
async function nextCounter(ctx: EsContext, name: string): Promise<number> {
  const res = await ctx.client.update<{ value: number }, unknown, { value: number }>({
    index: ctx.names.counters,
    id: name,
    script: { lang: 'painless', source: 'ctx._source.value += 1' },
    upsert: { value: 1 },
    retry_on_conflict: 10,
    _source: true,
  });
  const value = res.get?._source?.value;
  if (typeof value !== 'number') throw new StoreError('E_STORE_IO', `counter ${name}: no value returned`);
  return value;
}

/** Append one entry and return it numbered (created, never updated: the id is its number). */
export async function appendAudit(ctx: EsContext, entry: NewAuditEntry): Promise<AuditEntry> {
  const atMs = requireMs('appendAudit.at', entry.at);
  const seq = await nextCounter(ctx, 'audit');
  const numbered: AuditEntry = { ...entry, seq };
  await ctx.client.create({
    index: ctx.names.audit,
    id: String(seq),
    document: compact({ ...numbered, atMs }),
    refresh: ctx.refresh,
  });
  return numbered;
}

/** Entries matching the filter, newest first (limit default 50, at most 500). */
export async function listAudit(
  ctx: EsContext,
  filter: AuditFilter,
): Promise<{ total: number; entries: AuditEntry[] }> {
  const range: Record<string, number> = {};
  if (filter.from !== undefined) range.gte = requireMs('listAudit.from', filter.from);
  if (filter.to !== undefined) range.lte = requireMs('listAudit.to', filter.to);
  const query = allOf([
    ...(filter.user !== undefined ? [{ term: { user: filter.user } }] : []),
    ...(filter.action !== undefined ? [{ term: { action: filter.action } }] : []),
    ...(Object.keys(range).length > 0 ? [{ range: { atMs: { ...range, format: 'epoch_millis' } } }] : []),
  ]);
  const size = clampInt(filter.limit, 50, 0, 500);
  const from = clampInt(filter.offset, 0, 0, Number.MAX_SAFE_INTEGER);
  const { total, docs } = await searchDocs<AuditEntry & { atMs: number }>(
    ctx,
    ctx.names.audit,
    query,
    [{ seq: 'desc' }],
    size,
    from,
  );
  return { total, entries: docs.map(({ atMs: _at, ...e }) => e) };
}

/** A user's saved searches, newest first. */
export async function listSavedSearches(ctx: EsContext, user: string): Promise<SavedSearch[]> {
  const { docs } = await searchDocs<SavedSearch & { seq: number }>(ctx, ctx.names.saved, { term: { user } }, [
    { createdAt: 'desc' },
    { id: 'asc' },
  ]);
  return docs.map(({ seq: _seq, ...s }) => s);
}

/** Save a search; E_STORE_CONFLICT when the user already has one with that name (the id is (user, name)). */
export async function createSavedSearch(ctx: EsContext, s: SavedSearch): Promise<void> {
  try {
    await ctx.client.create({
      index: ctx.names.saved,
      id: docId(s.user, s.name),
      document: { ...s, seq: ctx.nextSeq() },
      refresh: ctx.refresh,
    });
  } catch (error) {
    if (isConflict(error))
      throw new StoreError(
        'E_STORE_CONFLICT',
        `createSavedSearch: ${s.user} already has a search named ${s.name}`,
      );
    throw error;
  }
}

/** Delete one of the user's saved searches. */
export async function deleteSavedSearch(ctx: EsContext, user: string, id: string): Promise<boolean> {
  const res = await ctx.client.deleteByQuery({
    index: ctx.names.saved,
    query: allOf([{ term: { id } }, { term: { user } }]),
    refresh: true,
  });
  return (res.deleted ?? 0) > 0;
}

/** Add a note; E_STORE_NOT_FOUND for an unknown tip. */
export async function addTipNote(ctx: EsContext, note: TipNote): Promise<void> {
  if (!(await ctx.client.exists({ index: ctx.names.tips, id: note.tipId }))) {
    throw new StoreError('E_STORE_NOT_FOUND', `addTipNote: no tip ${note.tipId}`);
  }
  await ctx.client.index({
    index: ctx.names.notes,
    id: note.id,
    document: { ...note, seq: ctx.nextSeq() },
    refresh: ctx.refresh,
  });
}

/** A tip's notes, oldest first. */
export async function tipNotes(ctx: EsContext, tipId: string): Promise<TipNote[]> {
  const { docs } = await searchDocs<TipNote & { seq: number }>(ctx, ctx.names.notes, { term: { tipId } }, [
    { seq: 'asc' },
  ]);
  return docs.map(({ seq: _seq, ...n }) => n);
}
