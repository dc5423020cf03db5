import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type {} from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SessionRecord, Store, UserAccount } from '../../store/store.js';

/** Name of the session cookie. */
export const SESSION_COOKIE = 'yq_session';
/** Header carrying the CSRF token on state-changing requests. */
export const CSRF_HEADER = 'x-csrf-token';
/** Sessions end after this long without a request. */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
// Extending the expiry is a write; do it at most every few minutes per session, not on every request.
const TOUCH_AFTER_MS = 5 * 60 * 1000;

/** SHA-256 (hex) of a session id: the store never sees the id itself. */
export function hashSessionId(id: string): string {
  return createHash('sha256').update(id).digest('hex');
}

/** Constant-time string comparison. */
export function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Start a session for an account; returns the cookie value and the CSRF token. */
export async function openSession(
  store: Store,
  user: UserAccount,
  now: Date,
  ip: string | undefined,
): Promise<{ id: string; csrfToken: string }> {
  const id = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  await store.createSession({
    idHash: hashSessionId(id),
    user: user.name,
    csrfToken,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + SESSION_TTL_MS).toISOString(),
    ...(ip === undefined ? {} : { ip }),
  });
  return { id, csrfToken };
}

/** The live session of a request and its enabled account, or undefined. */
export async function requestSession(
  store: Store,
  request: FastifyRequest,
  now: Date,
): Promise<{ session: SessionRecord; user: UserAccount } | undefined> {
  const id = request.cookies[SESSION_COOKIE];
  if (id === undefined || id === '' || id.length > 100) return undefined;
  const session = await store.getSession(hashSessionId(id), now.toISOString());
  if (!session) return undefined;
  const user = await store.getUser(session.user);
  if (!user || user.disabled) return undefined;
  const left = Date.parse(session.expiresAt) - now.getTime();
  if (SESSION_TTL_MS - left > TOUCH_AFTER_MS) {
    await store.touchSession(session.idHash, new Date(now.getTime() + SESSION_TTL_MS).toISOString());
  }
  return { session, user };
}

/** Whether the request reached us over HTTPS (directly, through a proxy, or per the configured public URL). */
export function isHttps(request: FastifyRequest, publicUrl: string | undefined): boolean {
  const forwarded = request.headers['x-forwarded-proto'];
  const proto = Array.isArray(forwarded) ? forwarded[0] : forwarded;
  return request.protocol === 'https' || proto === 'https' || (publicUrl ?? '').startsWith('https:');
}

/** Set the session cookie: HttpOnly, SameSite=Strict, Secure over HTTPS. */
export function setSessionCookie(reply: FastifyReply, id: string, secure: boolean): void {
  reply.setCookie(SESSION_COOKIE, id, {
    httpOnly: true,
    sameSite: 'strict',
    secure,
    path: '/',
    maxAge: SESSION_TTL_MS / 1000,
  });
}

/** Remove the session cookie. */
export function clearSessionCookie(reply: FastifyReply, secure: boolean): void {
  reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'strict', secure, path: '/' });
}
