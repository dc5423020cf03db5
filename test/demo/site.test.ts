import { load } from 'cheerio';
import { XMLParser } from 'fast-xml-parser';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.js';
import {
  findItem,
  GBK_ITEM,
  itemsOf,
  PLANTED,
  REPOSTS,
  SIMILAR_UNIT,
  SPA_ITEM,
} from '../../demo/content/index.js';
import { type DemoSite, startDemoSite } from '../../demo/site.js';
import { mentionsCityBureau } from './text-checks.js';

// 2026-11-22 09:30:00 in Beijing: every printed date derives from it.
const NOW = new Date('2026-11-22T01:30:00Z');
let site: DemoSite;

beforeAll(async () => {
  site = await startDemoSite({ port: 0, now: NOW });
});
afterAll(async () => {
  await site.close();
});

const get = (path: string) => fetch(`${site.url}${path}`);
const html = async (path: string) => {
  const res = await get(path);
  expect(res.status, path).toBe(200);
  return res.text();
};
const hrefs = (page: string, selector: string): string[] => {
  const $ = load(page);
  return $(selector)
    .map((_i, a) => $(a).attr('href') ?? '')
    .get();
};

describe('demo site pages', () => {
  it('binds loopback only and serves the index linking every section', async () => {
    expect(site.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const $ = load(await html('/'));
    expect($('h1').text()).toContain('离线演示站');
    const links = $('a')
      .map((_i, a) => $(a).attr('href'))
      .get();
    expect(links).toEqual(
      expect.arrayContaining(['/news/', '/forum/', '/feed.xml', '/gbk/', '/spa/', '/hooks/', '/mail/']),
    );
    expect(await (await get('/robots.txt')).text()).toBe('User-agent: *\nDisallow: /private/\n');
  });

  it('refuses a non-loopback host', async () => {
    await expect(startDemoSite({ host: '0.0.0.0' })).rejects.toBeInstanceOf(InputError);
  });

  it('answers 404 for unknown pages and redirects a section without its slash', async () => {
    expect((await get('/news/9999.html')).status).toBe(404);
    expect((await get('/nowhere')).status).toBe(404);
    const res = await fetch(`${site.url}/news`, { redirect: 'manual' });
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe('/news/');
  });

  it('lists the news column with ul.news-list li a and serves articles with noise around the body', async () => {
    const links = hrefs(await html('/news/'), 'ul.news-list li a');
    expect(links).toEqual(itemsOf('news').map((i) => i.path));
    expect(links).toEqual(expect.arrayContaining([REPOSTS[0]?.path, SIMILAR_UNIT.path]));

    const $ = load(await html('/news/2001.html'));
    expect($('h1').text()).toBe(REPOSTS[0]?.title);
    // 180 minutes before 09:30.
    expect($('div.info').text()).toContain('发布时间：2026年11月22日 06:30');
    expect($('div.info').text()).toContain('来源：明州新闻网');
    const body = $('div.article-content p')
      .map((_i, p) => $(p).text())
      .get();
    expect(body).toEqual([...(findItem('/news/2001.html')?.paragraphs ?? [])]);
    expect($('.related li a').length).toBeGreaterThan(0);
    expect($('.nav-list a').length).toBeGreaterThan(3);
  });

  it('never names 明州市住建局 on the similar-unit page', async () => {
    const page = await html(SIMILAR_UNIT.path);
    expect(page).toContain('明湖区住建局');
    expect(load(page)('h1').text()).toBe(SIMILAR_UNIT.title);
    expect(mentionsCityBureau(page)).toBe(false);
  });

  it('lists the forum with table.threads td.subject a and serves the planted thread with replies', async () => {
    const links = hrefs(await html('/forum/'), 'table.threads td.subject a');
    expect(links).toEqual(
      expect.arrayContaining([PLANTED.path, '/forum/thread-1002.html', '/forum/thread-1003.html']),
    );
    expect(links.every((l) => /^\/forum\/thread-\d+\.html$/.test(l))).toBe(true);

    const page = await html(PLANTED.path);
    const $ = load(page);
    expect($('#thread_subject').text()).toBe(PLANTED.title);
    expect($('title').text()).toContain(PLANTED.title);
    expect($('#postmessage_100100').text()).toContain('索要两万元好处费');
    expect($('.post .t_f').first().text()).toContain('还我们这些干活的人一个公道');
    expect($('.post').length).toBe(1 + (findItem(PLANTED.path)?.replies?.length ?? 0));
    // 300 minutes before 09:30:00.
    expect($('#post_100100 .plc .authi em').text()).toBe('发表于 2026-11-22 04:30:00');
    expect(await html('/forum/thread-1002.html')).toContain('发表于 3小时前');
    expect(await html('/forum/thread-1003.html')).toContain('发表于 昨天 09:30');
  });

  it('publishes an RSS 2.0 feed whose items link to 公众号-style pages, the repost among them', async () => {
    const res = await get('/feed.xml');
    expect(res.headers.get('content-type')).toBe('application/rss+xml; charset=utf-8');
    const xml = await res.text();
    const feed = new XMLParser({ ignoreAttributes: false }).parse(xml, true);
    expect(feed.rss['@_version']).toBe('2.0');
    const items = [feed.rss.channel.item].flat() as { title: string; link: string; pubDate: string }[];
    expect(items.length).toBe(itemsOf('mp').length);
    const repost = REPOSTS[1];
    const entry = items.find((i) => i.link === `${site.url}${repost?.path}`);
    expect(entry?.title).toBe(repost?.title);
    expect(entry?.pubDate).toBe('Sun, 22 Nov 2026 07:00:00 +0800');

    const $ = load(await html(repost?.path ?? ''));
    expect($('h1#activity-name').text().trim()).toBe(repost?.title);
    expect($('#js_name').text()).toBe('明州观察');
    expect($('em#publish_time').text()).toBe('2026年11月22日 07:00');
    expect($('div#js_content').text()).toContain('网友在明州论坛发帖反映：');
    expect($('div#js_content').text()).toContain('还我们这些干活的人一个公道');
  });

  it('serves the GBK site with the charset only in the meta tag', async () => {
    for (const path of ['/gbk/', GBK_ITEM.path]) {
      const res = await get(path);
      expect(res.headers.get('content-type'), path).toBe('text/html');
      const bytes = Buffer.from(await res.arrayBuffer());
      const text = iconv.decode(bytes, 'gbk');
      expect(load(text)('meta[charset]').attr('charset'), path).toBe('gbk');
      expect(text, path).toContain(GBK_ITEM.title);
      // Read as UTF-8 the bytes are garbage: a crawler must honour the meta charset.
      expect(bytes.toString('utf8'), path).not.toContain('青石镇');
    }
    const list = iconv.decode(Buffer.from(await (await get('/gbk/')).arrayBuffer()), 'gbk');
    expect(hrefs(list, 'div.list a')).toEqual(itemsOf('gbk').map((i) => i.path));
    const article = load(iconv.decode(Buffer.from(await (await get(GBK_ITEM.path)).arrayBuffer()), 'gbk'));
    expect(article('h1').text()).toBe(GBK_ITEM.title);
    expect(article('#zoom').text()).toContain('群众反映办事难');
  });

  it('builds the SPA list and message only from the script JSON', async () => {
    const list = await html('/spa/');
    const $ = load(list);
    expect($('ul#list').length).toBe(1);
    expect($('ul#list li a').length).toBe(0);
    expect(list).not.toContain(SPA_ITEM.path);
    const state = JSON.parse($('#__INITIAL_STATE__').text()) as { messages: { id: number; title: string }[] };
    expect(state.messages.map((m) => `/spa/${m.id}.html`)).toEqual(itemsOf('spa').map((i) => i.path));
    expect(state.messages.find((m) => m.id === 4001)?.title).toBe(SPA_ITEM.title);
    expect($('script:not([type])').text()).toContain("'/spa/' + m.id + '.html'");

    const article = load(await html(SPA_ITEM.path));
    expect(article('h1#title').text()).toBe('');
    expect(article('#content').text()).toBe('');
    expect(article('title').text()).not.toContain(SPA_ITEM.title);
    const message = JSON.parse(article('#__INITIAL_STATE__').text()).message as {
      title: string;
      paragraphs: string[];
    };
    expect(message.title).toBe(SPA_ITEM.title);
    expect(message.paragraphs).toEqual(findItem(SPA_ITEM.path)?.paragraphs);
  });

  it('renders identical pages on repeated requests', async () => {
    for (const path of ['/news/', PLANTED.path, '/feed.xml', '/spa/']) {
      expect(await html(path)).toBe(await html(path));
    }
  });
});
