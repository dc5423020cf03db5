import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { WebBuildError } from '../../core/errors.js';
import { errorBody } from '../errors.js';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/** dist/console-web of the package this file belongs to (works from the sources and from dist/). */
export function defaultWebRoot(): string {
  let dir = import.meta.dirname;
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return path.join(dir, 'dist', 'console-web');
}

/** Throws WebBuildError when `webRoot` holds no index.html (checked by `yuqing run` before anything opens). */
export function assertWebBuilt(webRoot: string = defaultWebRoot()): void {
  if (!existsSync(path.join(webRoot, 'index.html'))) throw new WebBuildError(path.resolve(webRoot));
}

/**
 * The single-page app: files of the Vite build as they are, and index.html for every other non-API path (client
 * routes). A missing build is a WebBuildError: the console has no other page.
 */
export function registerStaticApp(app: FastifyInstance, webRoot: string): void {
  assertWebBuilt(webRoot);
  const index = path.join(webRoot, 'index.html');
  const root = path.resolve(webRoot);
  app.get('/*', async (request, reply) => {
    const urlPath = decodeURIComponent(request.url.split('?')[0] ?? '/');
    if (urlPath.startsWith('/api/')) {
      return reply.status(404).send(errorBody('E_NOT_FOUND', `未找到：${request.method} ${urlPath}`));
    }
    const file = path.resolve(root, `.${path.posix.normalize(urlPath)}`);
    const inside = file.startsWith(`${root}${path.sep}`);
    const info = inside ? await stat(file).catch(() => undefined) : undefined;
    if (info?.isFile()) {
      const hashed = urlPath.startsWith('/assets/');
      return reply
        .type(TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream')
        .header('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache')
        .send(await readFile(file));
    }
    // A missing asset is a real 404; anything else is a client route of the app.
    if (path.extname(urlPath) !== '' && urlPath.startsWith('/assets/')) {
      return reply.status(404).send(errorBody('E_NOT_FOUND', `未找到：${urlPath}`));
    }
    return reply
      .type(TYPES['.html'] ?? 'text/html')
      .header('Cache-Control', 'no-cache')
      .send(await readFile(index));
  });
}
