// Issue 19: one complaint published three ways (a news site with a lead-in, a bare forum post, a 公众号 with a
// lead-in and a closing call to comment), each with its own title and template, is one story: one tip per unit
// and one alert per channel, whether the copies arrive one cycle after another or in one cycle at once.
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { type App, openApp } from '../../cli/app.js';
import { silentLogger } from '../../core/log.js';
import { PLANTED_PARAGRAPHS } from '../../demo/content/planted.js';
import { runCycle } from '../../ingest/cycle.js';
import { type DemoEnv, startDemoEnv } from '../helpers/demo-env.js';

// The complaint: the first four paragraphs of the demo's planted post.
const COMPLAINT = PLANTED_PARAGRAPHS.slice(0, 4);
const paragraphs = (ps: readonly string[]) => ps.map((p) => `<p>${p}</p>`).join('\n');
// Yesterday in Beijing time: the copies must be news, not pages older than alerts.maxAgeDays.
const DAY = new Date(Date.now() + 8 * 3600_000 - 86_400_000).toISOString().slice(0, 10);

/** Three sites' article pages, each its own title, template and framing of the same complaint. */
const PAGES: Record<string, { title: string; html: string }> = {
  news: {
    title: '劳务负责人实名反映住建部门收费问题',
    html: `<div class="article"><h1 class="headline">劳务负责人实名反映住建部门收费问题</h1>
<div class="info">${DAY} 09:30 来源：本地新闻网</div><div class="text">
<p>近日，一名劳务负责人在本地论坛实名发帖，反映市住建局个别工作人员存在违规收费等问题，引发网友关注。以下为帖子原文：</p>
${paragraphs(COMPLAINT)}
<p>责任编辑：张某</p></div></div>`,
  },
  forum: {
    title: '求助：干了一年活，钱要不回来，还被要好处费',
    html: `<table><tr><td class="t_f"><h1 class="headline">求助：干了一年活，钱要不回来，还被要好处费</h1>
<span class="info">发表于 ${DAY} 10:12</span><div class="text">${paragraphs(COMPLAINT)}</div></td></tr></table>`,
  },
  mp: {
    title: '四十多名农民工讨薪无门，一封举报信刷屏',
    html: `<div id="js_content"><h1 class="headline">四十多名农民工讨薪无门，一封举报信刷屏</h1>
<em class="info">${DAY} 12:00</em><section class="text">
<p>【读者来信】今天后台收到一位读者的来信，讲的是讨薪路上的种种遭遇，读来令人揪心。征得本人同意，我们原文照登如下：</p>
${paragraphs(COMPLAINT)}
<p>对此你怎么看？欢迎在文末留言，说说你的看法。觉得有用就点个“在看”，让更多人看到！</p></section></div>`,
  },
};

async function startSites(): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const html = (body: string, title = '列表') =>
      res
        .writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' })
        .end(
          `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`,
        );
    if (path === '/robots.txt') return void res.writeHead(200).end('User-agent: *\nAllow: /\n');
    const list = /^\/(\w+)\/list\/$/.exec(path);
    if (list?.[1] && PAGES[list[1]])
      return void html(`<ul class="list"><li><a href="/${list[1]}/1.html">帖子</a></li></ul>`);
    const page = /^\/(\w+)\/1\.html$/.exec(path);
    const found = page?.[1] ? PAGES[page[1]] : undefined;
    if (found) return void html(found.html, found.title);
    res.writeHead(404).end('not found');
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

function source(url: string, id: string): Record<string, unknown> {
  return {
    id: `repost-${id}`,
    name: `转载测试-${id}`,
    type: 'html',
    url: `${url}/${id}/list/`,
    list: { item: 'ul.list a' },
    article: { title: 'h1.headline', time: '.info', body: '.text' },
  };
}

/** A config with only the three repost sources enabled. */
async function setUp(): Promise<{ env: DemoEnv; app: App; close: () => Promise<void> }> {
  const sites = await startSites();
  const env = await startDemoEnv({ extraSources: Object.keys(PAGES).map((id) => source(sites.url, id)) });
  const path = join(env.configDir, 'sources.yaml');
  const sources = parse(readFileSync(path, 'utf8')) as { id: string; enabled?: boolean }[];
  for (const s of sources) s.enabled = s.id.startsWith('repost-');
  writeFileSync(path, stringify(sources));
  const app = await openApp({ configDir: env.configDir, dataDir: env.dataDir, logger: silentLogger() });
  return {
    env,
    app,
    close: async () => {
      await app.close();
      await env.close();
      await new Promise<void>((done) => sites.server.close(() => done()));
    },
  };
}

async function expectOneStory(app: App): Promise<void> {
  const stored = await app.store.search({ terms: ['农民工'], limit: 50 });
  const ours = stored.hits.filter((h) => h.url.includes('/1.html'));
  expect(ours).toHaveLength(3);
  expect(new Set(ours.map((h) => h.clusterId)).size).toBe(1);
  expect(ours[0]?.clusterSize).toBe(3);
  const { tips } = await app.store.listTips({ limit: 50 });
  const zjj = tips.filter((t) => t.unitId === 'zjj');
  expect(zjj).toHaveLength(1);
  expect(zjj[0]?.level).toBe('red');
  const alerts = (await app.store.listAlerts()).filter((a) => a.tipId === zjj[0]?.id);
  const perChannel = new Map<string, number>();
  for (const a of alerts) perChannel.set(a.channel, (perChannel.get(a.channel) ?? 0) + 1);
  expect(Object.fromEntries(perChannel)).toEqual({ 'office-mail': 1, 'office-wecom': 1 });
}

describe('one complaint published three ways is one story', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });

  it('arriving one cycle after another (news, forum, 公众号)', async () => {
    const s = await setUp();
    close = s.close;
    const first = await runCycle(s.app, { sourceId: 'repost-news' });
    expect(first.tips.filter((t) => t.unit === 'zjj' && t.level === 'red')).toHaveLength(1);
    for (const id of ['repost-forum', 'repost-mp']) {
      const next = await runCycle(s.app, { sourceId: id });
      expect(next.stored).toBe(1);
      expect(next.duplicates).toBe(1);
      expect(next.tips).toEqual([]);
    }
    await expectOneStory(s.app);
    expect(s.env.wecom.requests.length).toBe(1);
  }, 120_000);

  it('arriving in one cycle from three sources at once', async () => {
    const s = await setUp();
    close = s.close;
    const cycle = await runCycle(s.app);
    expect(cycle.stored).toBe(3);
    expect(cycle.duplicates).toBe(2);
    expect(cycle.tips.filter((t) => t.unit === 'zjj')).toHaveLength(1);
    await expectOneStory(s.app);
  }, 120_000);
});
