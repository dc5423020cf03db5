import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'cheerio';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../crawlers/extract/article.js';
import { extractForumThread } from '../../crawlers/extract/forum.js';
import { loadHtml } from '../../crawlers/extract/load-html.js';
import { SHARED_DIR } from '../helpers/shared-dir.js';
import { forumThreadPage } from './fixtures.js';

const opts = { timezone: 'Asia/Shanghai', now: new Date('2025-06-01T00:00:00+08:00') };
const WECHAT = join(SHARED_DIR, 'corpus', 'articles', 'pages', 'wechat_1.html');
const URL = 'https://mp.weixin.qq.com/s/abc';

// The real 公众号 page, rewritten into the templates that name the account elsewhere.
describe('公众号 account name', () => {
  if (!existsSync(WECHAT)) {
    it.skip(`skipped: the real page is missing (${WECHAT})`, () => {});
    return;
  }
  const html = readFileSync(WECHAT, 'utf8');
  const account = load(html)('#js_name').first().text().trim();

  it('is read from the profile link #js_name', () => {
    expect(account.length).toBeGreaterThan(1);
    expect(extractArticle(html, URL, opts).siteName).toBe(account);
  });

  it('is read from the page script (var nickname) when the profile link is not rendered', () => {
    const $ = load(html);
    $('#js_name').remove();
    expect($.html()).toContain(`var nickname = "${account}"`);
    expect(extractArticle($.html(), URL, opts).siteName).toBe(account);
  });

  it('is read from #post-user in the template that has neither', () => {
    const $ = load(html);
    $('#js_name').attr('id', 'post-user');
    $('script').remove();
    expect(extractArticle($.html(), URL, opts).siteName).toBe(account);
  });

  it('dates a saved copy without its inline timestamp by its byline', () => {
    const $ = load(html);
    $('script').remove();
    $('#publish_time').text('2020-02-12 22:17');
    expect(extractArticle($.html(), URL, opts).publishedAt).toBe('2020-02-12T22:17:00+08:00');
  });
});

describe('Discuz! one-line replies', () => {
  // The fixture thread's replies cut down to what people often post: a few words, no punctuation.
  const shorten = (words: string) => {
    const $ = load(forumThreadPage());
    $('#postmessage_503').text(words);
    return $.html();
  };

  for (const words of ['顶', '同感', '已投诉 同问']) {
    it(`keeps the reply "${words}" with its author and time`, () => {
      const html = shorten(words);
      const thread = extractForumThread(loadHtml(html, 'http://bbs.example.cn/thread-1-1-1.html'), '', opts);
      const reply = thread?.replies.find((r) => r.anchor === 'post-503');
      expect(reply?.body).toBe(words);
      expect(reply?.author).toBe('热心市民');
      expect(reply?.publishedAt).toBe('2025-05-12T10:00:00+08:00');
      expect(thread?.replies).toHaveLength(2);
    });
  }
});
