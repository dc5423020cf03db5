// Old pages found late are stored and searchable but never alerted (issue 18 item 5).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, openApp } from '../../cli/app.js';
import { silentLogger } from '../../core/log.js';
import { runCycle } from '../../ingest/cycle.js';
import { type DemoEnv, startDemoEnv } from '../helpers/demo-env.js';

// Complaints of the shape message boards carry, about a unit of the example round; each page its own story.
const COMPLAINTS = [
  [
    '明州市住房和城乡建设局工作人员长期收受开发商贿赂，违规审批不合格工程，群众多次实名举报无人处理。',
    '小区业主反映，该局对房屋质量问题推诿扯皮、不作为，维权群众投诉无门，强烈要求纪委监委介入调查。',
  ],
  [
    '我们是城东安置小区的住户，明州市住房和城乡建设局违规验收的楼房墙体开裂、地下室常年积水。',
    '多次向市住建局反映，工作人员互相踢皮球，问题石沉大海，请求上级部门彻查其中的利益输送。',
  ],
  [
    '明州市住房和城乡建设局拖欠农民工工资两年多，施工队负责人说项目款被层层截留、挪用。',
    '工人们到局里讨薪被保安驱赶，相关负责人至今避而不见，恳请纪委监委调查是否存在违规违纪问题。',
  ],
  [
    '反映明州市住房和城乡建设局在老旧小区改造中虚报工程量、套取财政资金的问题，工程质量极差。',
    '改造后的管道三个月就漏水，居民联名举报后，市住建局只回复“正在核实”，至今没有任何处理结果。',
  ],
];

const pad = (n: number) => String(n).padStart(2, '0');
// Beijing wall-clock time, as the page would print it.
function beijing(date: Date): string {
  const d = new Date(date.getTime() + 8 * 3600_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

function page(title: string, stamp: string | undefined, n: number): string {
  const time = stamp ? `<div class="info">发布时间：${stamp}</div>` : '';
  const body = (COMPLAINTS[n - 1] ?? []).map((p) => `<p>${p}</p>`).join('');
  return `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head>
<body><h1>${title}</h1>${time}<div class="content">${body}</div></body></html>`;
}

describe('stale pages', () => {
  const pages = new Map<string, string>();
  let server: Server;
  let env: DemoEnv;
  let app: App;

  beforeAll(async () => {
    pages.set('/p/old.html', page('关于住建局违规审批的举报', '2018-05-13 07:34', 1));
    pages.set(
      '/p/recent.html',
      page('住建局收受贿赂群众投诉无门', beijing(new Date(Date.now() - 3600_000)), 2),
    );
    pages.set('/p/undated.html', page('再次反映住建局不作为问题', undefined, 3));
    server = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
      if (path === '/robots.txt') return void res.writeHead(200).end('User-agent: *\nAllow: /\n');
      if (path === '/list/') {
        const links = [...pages.keys()].map((p) => `<li><a href="${p}">${p}</a></li>`).join('');
        return void res
          .writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' })
          .end(`<ul>${links}</ul>`);
      }
      const html = pages.get(path);
      if (!html) return void res.writeHead(404).end();
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(html);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    env = await startDemoEnv({
      extraSources: [
        {
          id: 'letters',
          name: '留言板',
          type: 'html',
          url: `http://127.0.0.1:${port}/list/`,
          list: { item: 'a' },
        },
      ],
    });
    app = await openApp({ configDir: env.configDir, dataDir: env.dataDir, logger: silentLogger() });
  });

  afterAll(async () => {
    await app?.close();
    await env?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  it('stores a back catalogue whole but alerts only on its recent items', async () => {
    const first = await runCycle(app, { sourceId: 'letters' });
    expect(first.stored).toBe(3);
    const tipped = first.tips.filter((t) => t.unit === 'zjj').map((t) => new URL(t.url).pathname);
    // The undated page is judged by when it was first seen: now.
    expect(tipped.sort()).toEqual(['/p/recent.html', '/p/undated.html']);
    // The old page is still there to be found.
    const found = await app.store.search({ terms: ['违规审批'], limit: 10 });
    expect(found.hits.some((h) => h.url.endsWith('/p/old.html'))).toBe(true);
  }, 120_000);

  it('alerts on an undated item that appears later, saying its age is taken from when it was seen', async () => {
    pages.set('/p/later.html', page('住建局问题至今无人处理', undefined, 4));
    const second = await runCycle(app, { sourceId: 'letters' });
    expect(second.stored).toBe(1);
    const tip = second.tips.find((t) => t.url.endsWith('/p/later.html'));
    expect(tip).toBeDefined();
    const stored = (await app.store.listTips({ unitId: 'zjj' })).tips.find((t) => t.id === tip?.id);
    expect(stored?.parts.some((p) => p.label.includes('首次发现时间'))).toBe(true);
  }, 120_000);
});
