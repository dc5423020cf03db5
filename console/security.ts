import type { ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { ErrorBody } from './errors.js';

/** The Content-Security-Policy of every response: only our own script, nothing from the internet. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "frame-ancestors 'none'; base-uri 'none'";

/** Headers sent with every response, API and page alike. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
};

/** Add the security headers to every response that goes through Fastify's reply. */
export function installSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    // A route may set its own policy (the sandboxed evidence frame); every other response gets ours.
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
      if (reply.getHeader(name) === undefined) reply.header(name, value);
    }
    // API answers may carry tips about named people: keep them out of shared caches.
    if (request.url.startsWith('/api/')) reply.header('Cache-Control', 'no-store');
    return payload;
  });
}

/** Answer a JSON error on a raw response, for the router paths that bypass Fastify's reply and hooks. */
export function sendRawError(res: ServerResponse, status: number, body: ErrorBody): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}
