// A tiny news site on 127.0.0.1 whose list page can fail, go empty, and whose pages can be deleted.
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How the list page answers. */
export type ListMode = 'ok' | 'error' | 'empty';

/** A running loopback site. */
export interface LoopbackSite {
  url: string;
  /** The exact bytes served for each article path (what the evidence must keep). */
  pages: Map<string, Buffer>;
  setListMode(mode: ListMode): void;
  /** How many list requests were answered 304 Not Modified (conditional GET with the ETag). */
  notModified(): number;
  /** Delete a page at the source: it answers 404 from now on. */
  remove(path: string): void;
  close(): Promise<void>;
}

const BODY = [
  '明州市住房和城乡建设局近日召开专题会议，研究部署老旧小区改造工作，会议要求各部门压实责任。',
  '会上通报了上半年工作进展情况，并对下一阶段的重点任务作出安排，要求按时间节点推进。',
  '有居民反映小区改造工程进度缓慢，施工期间存在噪音扰民等问题，相关部门表示将尽快协调解决。',
];

function articleHtml(n: number): Buffer {
  const paragraphs = BODY.map((p) => `<p>${p}（第${n}篇）</p>`).join('\n');
  return Buffer.from(
    `<!doctype html><html><head><meta charset="utf-8"><title>老旧小区改造推进会 ${n}</title></head>
<body><h1>老旧小区改造推进会 ${n}</h1><div class="time">2026-11-05 09:30</div>
<div class="content">${paragraphs}</div></body></html>`,
  );
}

/** Start the site with `articles` article pages listed on /list/. */
export async function startLoopbackSite(articles = 1): Promise<LoopbackSite> {
  let mode: ListMode = 'ok';
  const pages = new Map<string, Buffer>();
  for (let n = 1; n <= articles; n += 1) pages.set(`/a/${n}.html`, articleHtml(n));
  const removed = new Set<string>();
  let notModified = 0;
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (path === '/robots.txt') {
      res.writeHead(200, { 'Content-Type': 'text/plain' }).end('User-agent: *\nAllow: /\n');
      return;
    }
    if (path === '/list/') {
      if (mode === 'error') {
        // A reset connection: the source is unreachable.
        req.socket.destroy();
        return;
      }
      const links =
        mode === 'ok' ? [...pages.keys()].map((p) => `<li><a href="${p}">${p}</a></li>`).join('') : '';
      const html = `<!doctype html><html><body><h1>新闻</h1><ul class="list">${links}</ul></body></html>`;
      const etag = `"${createHash('sha1').update(html).digest('hex')}"`;
      if (req.headers['if-none-match'] === etag) {
        notModified += 1;
        res.writeHead(304, { ETag: etag }).end();
        return;
      }
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', ETag: etag }).end(html);
      return;
    }
    const page = pages.get(path);
    if (page && !removed.has(path)) {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(page);
      return;
    }
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    pages,
    setListMode: (next) => {
      mode = next;
    },
    notModified: () => notModified,
    remove: (path) => removed.add(path),
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

/** The sources.yaml entry of the site. */
export function loopbackSource(site: LoopbackSite, id = 'loop'): Record<string, unknown> {
  return {
    id,
    name: '本机测试站',
    type: 'html',
    url: `${site.url}/list/`,
    list: { item: 'ul.list a' },
    article: { title: 'h1', time: 'div.time', body: 'div.content' },
  };
}
