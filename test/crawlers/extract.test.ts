import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../crawlers/extract/article.js';
import { stripSiteSuffix } from '../../crawlers/extract/title.js';
import { newsPage, wechatPage } from './fixtures.js';

const opts = { timezone: 'Asia/Shanghai', now: new Date('2025-05-13T10:00:00+08:00') };

describe('extractArticle on a news page with noise', () => {
  const page = extractArticle(newsPage(), 'http://news.example.cn/a/1.html', opts);

  it('takes the headline without the site suffix', () => {
    expect(page.title).toBe('青石县住建局回应老旧小区改造进度慢问题');
  });

  it('takes the byline date, not the date in the page header', () => {
    expect(page.publishedAt).toBe('2025-05-12T07:34:00+08:00');
  });

  it('keeps the story paragraphs, one per line, and drops nav, share bar, related list, sidebar and footer', () => {
    const lines = page.body.split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^近日，有居民在网上反映/);
    expect(lines[3]).toMatch(/定期向居民通报进度。$/);
    for (const noise of ['首页', '分享到', '相关新闻', '三年行动计划', '热点排行', '版权所有', '发布时间']) {
      expect(page.body).not.toContain(noise);
    }
  });

  it('reads the author from the byline', () => {
    expect(page.author).toBe('李文静');
  });
});

describe('extractArticle on a 公众号 page', () => {
  const page = extractArticle(wechatPage(), 'https://mp.weixin.qq.com/s/abc', opts);

  it('reads title, account, time and content', () => {
    expect(page.title).toBe('关于开展第二轮巡察意见征集的公告');
    expect(page.siteName).toBe('清风青石');
    expect(page.publishedAt).toBe('2025-05-10T18:20:00+08:00');
    expect(page.body.split('\n')).toHaveLength(3);
    expect(page.body).toContain('县委第二巡察组将于近期');
    expect(page.body).not.toContain('扫一扫');
    expect(page.body).not.toContain('阅读 1024');
  });
});

describe('extractArticle details', () => {
  it('uses configured selectors over guesses', () => {
    const html = `<html><body><div class="t">选择器标题</div><span class="d">2025-05-01 08:00</span>
      <div class="c"><p>第一段正文内容。</p><p>第二段正文内容。</p></div>
      <div class="other"><p>这是一段更长的其他文字，不应该被当作正文，因为配置了正文选择器，所以只取选择器内的文字内容。</p></div></body></html>`;
    const page = extractArticle(html, 'http://x.example.cn/1', {
      ...opts,
      selectors: { title: '.t', time: '.d', body: '.c' },
    });
    expect(page).toMatchObject({
      title: '选择器标题',
      publishedAt: '2025-05-01T08:00:00+08:00',
      body: '第一段正文内容。\n第二段正文内容。',
    });
  });

  it('reads JSON-LD datePublished and og:site_name when the page shows no date', () => {
    const html = newsPage({
      extraHead:
        '<meta property="og:site_name" content="青石新闻网"><script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2025-05-11T08:00:00+08:00"}</script>',
    }).replace(/发布时间：[^　]+/, '');
    const page = extractArticle(html, 'http://x.example.cn/1', opts);
    expect(page.publishedAt).toBe('2025-05-11T08:00:00+08:00');
    expect(page.siteName).toBe('青石新闻网');
  });

  it('returns an empty body for a page without text', () => {
    const page = extractArticle(
      '<html><head><title>空</title></head><body></body></html>',
      'http://x/',
      opts,
    );
    expect(page.body).toBe('');
  });

  it('strips site suffixes but keeps separators inside the headline', () => {
    expect(stripSiteSuffix('标题文字在这里_明州日报')).toBe('标题文字在这里');
    expect(stripSiteSuffix('标题文字在这里 - 网站名 - 频道')).toBe('标题文字在这里');
    expect(stripSiteSuffix('棱镜|数据业大整顿：爬虫与现金贷共生共荣_腾讯新闻')).toBe(
      '棱镜|数据业大整顿：爬虫与现金贷共生共荣',
    );
  });
});
