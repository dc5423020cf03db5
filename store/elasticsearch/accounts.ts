// Console accounts and sessions (issue #6). Names and session hashes are document ids, so `op_type: create`
// gives the same "name taken" conflict as the SQLite primary key.
import { StoreError } from '../../core/errors.js';
import type { SessionRecord, UserAccount, UserPatch } from '../store.js';
import { compact, type EsContext, getDoc, isConflict, requireMs, searchDocs, statusOf } from './context.js';

/** Insert an account; E_STORE_CONFLICT when the name is taken. */
export async function createUser(ctx: EsContext, user: UserAccount): Promise<void> {
  if (user.name.trim() === '') throw new StoreError('E_STORE_INPUT', 'createUser: empty name');
  try {
    await ctx.client.create({
      index: ctx.names.users,
      id: user.name,
      document: compact({ ...user }),
      refresh: ctx.refresh,
    });
  } catch (error) {
    if (isConflict(error)) throw new StoreError('E_STORE_CONFLICT', `createUser: user ${user.name} exists`);
    throw error;
  }
}

/** One account by name. */
export async function getUser(ctx: EsContext, name: string): Promise<UserAccount | undefined> {
  return (await getDoc<UserAccount>(ctx, ctx.names.users, name))?.source;
}

/** Every account, by name. */
export async function listUsers(ctx: EsContext): Promise<UserAccount[]> {
  return (await searchDocs<UserAccount>(ctx, ctx.names.users, { match_all: {} }, [{ name: 'asc' }])).docs;
}

/** Apply a patch (`team: null` clears the team); E_STORE_NOT_FOUND for an unknown name. */
export async function updateUser(ctx: EsContext, name: string, patch: UserPatch): Promise<UserAccount> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const read = await getDoc<UserAccount>(ctx, ctx.names.users, name);
    if (!read) throw new StoreError('E_STORE_NOT_FOUND', `updateUser: no user ${name}`);
    const next: Record<string, unknown> = { ...read.source };
    for (const [key, value] of Object.entries(patch)) {
      if (value === undefined) continue;
      if (value === null) delete next[key];
      else next[key] = value;
    }
    try {
      await ctx.client.index({
        index: ctx.names.users,
        id: name,
        document: next,
        if_seq_no: read.seqNo,
        if_primary_term: read.primaryTerm,
        refresh: ctx.refresh,
      });
      return next as unknown as UserAccount;
    } catch (error) {
      if (!isConflict(error)) throw error;
    }
  }
  throw new StoreError('E_STORE_CONFLICT', `updateUser ${name}: too many concurrent updates`);
}

/** Store a session; expired sessions are purged on the way (logins are rare, requests are not). */
export async function createSession(ctx: EsContext, s: SessionRecord): Promise<void> {
  const createdMs = requireMs('createSession.createdAt', s.createdAt);
  const expiresMs = requireMs('createSession.expiresAt', s.expiresAt);
  await ctx.client.deleteByQuery({
    index: ctx.names.sessions,
    query: { range: { expiresMs: { lt: createdMs } } },
    refresh: true,
    conflicts: 'proceed',
  });
  await ctx.client.index({
    index: ctx.names.sessions,
    id: s.idHash,
    document: compact({ ...s, expiresMs }),
    refresh: ctx.refresh,
  });
}

/** A live session by id hash. */
export async function getSession(
  ctx: EsContext,
  idHash: string,
  now: string,
): Promise<SessionRecord | undefined> {
  const nowMs = requireMs('getSession.now', now);
  const doc = await getDoc<SessionRecord & { expiresMs: number }>(ctx, ctx.names.sessions, idHash);
  if (!doc || doc.source.expiresMs < nowMs) return undefined;
  const { expiresMs: _expires, ...session } = doc.source;
  return session;
}

/** Move a session's expiry (an unknown session is ignored). */
export async function touchSession(ctx: EsContext, idHash: string, expiresAt: string): Promise<void> {
  const expiresMs = requireMs('touchSession.expiresAt', expiresAt);
  try {
    await ctx.client.update({
      index: ctx.names.sessions,
      id: idHash,
      doc: { expiresAt, expiresMs },
      refresh: ctx.refresh,
      retry_on_conflict: 3,
    });
  } catch (error) {
    if (statusOf(error) !== 404) throw error;
  }
}

/** Delete one session; an unknown one is not an error. */
export async function deleteSession(ctx: EsContext, idHash: string): Promise<void> {
  try {
    await ctx.client.delete({ index: ctx.names.sessions, id: idHash, refresh: ctx.refresh });
  } catch (error) {
    if (statusOf(error) !== 404) throw error;
  }
}

/** Delete every session of a user; returns how many. */
export async function deleteUserSessions(ctx: EsContext, user: string): Promise<number> {
  const res = await ctx.client.deleteByQuery({
    index: ctx.names.sessions,
    query: { term: { user } },
    refresh: true,
    conflicts: 'proceed',
  });
  return res.deleted ?? 0;
}
