// Console accounts and sessions (issue #6).
import { StoreError } from '../../core/errors.js';
import type { SessionRecord, UserAccount, UserPatch, UserRole } from '../store.js';
import { isoToEpochMs } from '../time.js';
import type { Prepare } from './statements.js';

interface UserRow {
  name: string;
  role: string;
  rounds: string;
  units: string;
  team: string | null;
  password_hash: string;
  disabled: number;
  must_change: number;
  created_at: string;
  updated_at: string | null;
  last_login_at: string | null;
}

interface SessionRow {
  id_hash: string;
  user: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
  ip: string | null;
}

function toUser(row: UserRow): UserAccount {
  return {
    name: row.name,
    role: row.role as UserRole,
    rounds: JSON.parse(row.rounds) as string[],
    units: JSON.parse(row.units) as string[],
    ...(row.team === null ? {} : { team: row.team }),
    passwordHash: row.password_hash,
    disabled: row.disabled !== 0,
    mustChangePassword: row.must_change !== 0,
    createdAt: row.created_at,
    ...(row.updated_at === null ? {} : { updatedAt: row.updated_at }),
    ...(row.last_login_at === null ? {} : { lastLoginAt: row.last_login_at }),
  };
}

function timeMs(name: string, iso: string): number {
  const ms = isoToEpochMs(iso);
  if (ms === undefined) throw new StoreError('E_STORE_INPUT', `${name} is not an ISO time: ${iso}`);
  return ms;
}

/** Insert an account; E_STORE_CONFLICT when the name is taken. */
export function createUser(prep: Prepare, user: UserAccount): void {
  if (user.name.trim() === '') throw new StoreError('E_STORE_INPUT', 'createUser: empty name');
  const result = prep(
    `INSERT OR IGNORE INTO users (name, role, rounds, units, team, password_hash, disabled, must_change,
       created_at, updated_at, last_login_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    user.name,
    user.role,
    JSON.stringify(user.rounds),
    JSON.stringify(user.units),
    user.team ?? null,
    user.passwordHash,
    user.disabled ? 1 : 0,
    user.mustChangePassword ? 1 : 0,
    user.createdAt,
    user.updatedAt ?? null,
    user.lastLoginAt ?? null,
  );
  if (result.changes === 0) throw new StoreError('E_STORE_CONFLICT', `createUser: user ${user.name} exists`);
}

/** One account by name. */
export function getUser(prep: Prepare, name: string): UserAccount | undefined {
  const row = prep('SELECT * FROM users WHERE name = ?').get(name) as UserRow | undefined;
  return row && toUser(row);
}

/** Every account, by name. */
export function listUsers(prep: Prepare): UserAccount[] {
  return (prep('SELECT * FROM users ORDER BY name').all() as UserRow[]).map(toUser);
}

const PATCH_COLUMNS: Readonly<Record<keyof UserPatch, string>> = {
  role: 'role',
  rounds: 'rounds',
  units: 'units',
  team: 'team',
  passwordHash: 'password_hash',
  disabled: 'disabled',
  mustChangePassword: 'must_change',
  lastLoginAt: 'last_login_at',
  updatedAt: 'updated_at',
};

function columnValue(key: keyof UserPatch, value: unknown): string | number | null {
  if (key === 'rounds' || key === 'units') return JSON.stringify(value);
  if (key === 'disabled' || key === 'mustChangePassword') return value ? 1 : 0;
  return (value as string | null) ?? null;
}

/** Apply a patch; E_STORE_NOT_FOUND for an unknown name. */
export function updateUser(prep: Prepare, name: string, patch: UserPatch): UserAccount {
  const sets: string[] = [];
  const params: Record<string, string | number | null> = { name };
  for (const [key, value] of Object.entries(patch) as [keyof UserPatch, unknown][]) {
    if (value === undefined || PATCH_COLUMNS[key] === undefined) continue;
    sets.push(`${PATCH_COLUMNS[key]} = @${key}`);
    params[key] = columnValue(key, value);
  }
  if (sets.length > 0) prep(`UPDATE users SET ${sets.join(', ')} WHERE name = @name`).run(params);
  const user = getUser(prep, name);
  if (!user) throw new StoreError('E_STORE_NOT_FOUND', `updateUser: no user ${name}`);
  return user;
}

/** Insert a session; expired sessions are purged on the way (logins are rare, requests are not). */
export function createSession(prep: Prepare, s: SessionRecord): void {
  prep('DELETE FROM sessions WHERE expires_ms < ?').run(timeMs('createSession.createdAt', s.createdAt));
  prep(
    `INSERT INTO sessions (id_hash, user, csrf_token, created_at, expires_at, expires_ms, ip)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    s.idHash,
    s.user,
    s.csrfToken,
    s.createdAt,
    s.expiresAt,
    timeMs('createSession.expiresAt', s.expiresAt),
    s.ip ?? null,
  );
}

/** A live session by id hash. */
export function getSession(prep: Prepare, idHash: string, now: string): SessionRecord | undefined {
  const nowMs = timeMs('getSession.now', now);
  const row = prep('SELECT * FROM sessions WHERE id_hash = ? AND expires_ms >= ?').get(idHash, nowMs) as
    | SessionRow
    | undefined;
  if (!row) return undefined;
  return {
    idHash: row.id_hash,
    user: row.user,
    csrfToken: row.csrf_token,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    ...(row.ip === null ? {} : { ip: row.ip }),
  };
}

/** Move a session's expiry. */
export function touchSession(prep: Prepare, idHash: string, expiresAt: string): void {
  prep('UPDATE sessions SET expires_at = ?, expires_ms = ? WHERE id_hash = ?').run(
    expiresAt,
    timeMs('touchSession.expiresAt', expiresAt),
    idHash,
  );
}

/** Delete one session. */
export function deleteSession(prep: Prepare, idHash: string): void {
  prep('DELETE FROM sessions WHERE id_hash = ?').run(idHash);
}

/** Delete every session of a user; returns how many. */
export function deleteUserSessions(prep: Prepare, user: string): number {
  return prep('DELETE FROM sessions WHERE user = ?').run(user).changes;
}
