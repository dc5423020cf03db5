// A loopback forum-like site whose list grows as the test posts: each post is a page with a title, a date and a
// body, listed on /list/ newest first.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A running site; `post` adds a page and returns its URL. */
export interface PostingSite {
  url: string;
  post(title: string, date: string, paragraphs: readonly string[]): string;
  close(): Promise<void>;
}

const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** Start the site on 127.0.0.1, port 0, with no posts. */
export async function startPostingSite(): Promise<PostingSite> {
  const posts: { path: string; html: string; title: string }[] = [];
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (path === '/robots.txt') {
      res.writeHead(200, { 'Content-Type': 'text/plain' }).end('User-agent: *\nAllow: /\n');
      return;
    }
    if (path === '/list/') {
      const items = [...posts]
        .reverse()
        .map((p) => `<li><a href="${p.path}">${escapeHtml(p.title)}</a></li>`)
        .join('\n');
      res
        .writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' })
        .end(`<!doctype html><html><head><meta charset="utf-8"><title>民生论坛</title></head>
<body><ul class="threads">${items}</ul></body></html>`);
      return;
    }
    const page = posts.find((p) => p.path === path);
    if (!page) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(page.html);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    post(title, date, paragraphs) {
      const path = `/t/${posts.length + 1}.html`;
      const body = paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n');
      posts.push({
        path,
        title,
        html: `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body><h1>${escapeHtml(title)}</h1><div class="time">发表于 ${date} 20:15</div>
<div class="content">${body}</div></body></html>`,
      });
      return `${url}${path}`;
    },
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
