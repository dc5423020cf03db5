import type { FastifyInstance } from 'fastify';
import { APP_JS } from '../page/app-js.js';
import { PAGE_CSS } from '../page/css.js';
import { PAGE_HTML } from '../page/html.js';

/** GET / and its assets: the static page, its stylesheet and its script (all bundled, nothing from a CDN). */
export function registerPageRoutes(app: FastifyInstance): void {
  app.get('/', async (_request, reply) =>
    reply.type('text/html; charset=utf-8').header('Cache-Control', 'no-cache').send(PAGE_HTML),
  );
  app.get('/assets/app.js', async (_request, reply) =>
    reply.type('text/javascript; charset=utf-8').header('Cache-Control', 'no-cache').send(APP_JS),
  );
  app.get('/assets/app.css', async (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('Cache-Control', 'no-cache').send(PAGE_CSS),
  );
}
