import { describe, expect, it } from 'vitest';
import { mainItem } from '../../crawlers/fetch-page.js';

const opts = { timezone: 'Asia/Shanghai', now: new Date('2025-06-01T10:00:00+08:00') };
const TOPICS = [
  '小区停车费上涨',
  '学校食堂涨价',
  '道路施工扰民',
  '医院挂号难',
  '拆迁补偿不到位',
  '物业乱收费',
];

/** A list page: a banner ad or a notice, then rows of headline links with yearless dates. */
function listPage(row: (i: number, topic: string) => string, head: string): string {
  const rows = Array.from({ length: 18 }, (_, i) => row(i, TOPICS[i % TOPICS.length] ?? ''));
  return `<html><head><title>${head}</title></head><body>
    <div class="ad-banner"><p>本论坛招募版主，欢迎热心网友报名参与社区管理，详情请联系管理员。</p></div>
    <div class="list">${rows.join('\n')}</div></body></html>`;
}

describe('list pages', () => {
  it.each([
    [
      'a Discuz! forum index',
      'http://bbs.example.cn/forum-12-1.html',
      listPage(
        (i, t) =>
          `<tbody id="normalthread_${i}"><tr><th><a href="thread-${100 + i}-1-1.html">关于${t}的问题，网友求助第${i}帖</a></th><td><em>8-${(i % 9) + 1}</em></td></tr></tbody>`,
        '民生论坛 - 青石社区',
      ),
    ],
    [
      'a 贴吧 list',
      'https://tieba.baidu.com/f?kw=%E9%9D%92%E7%9F%B3',
      listPage(
        (i, t) =>
          `<li class="j_thread_list"><a href="/p/${7000 + i}" class="j_th_tit">青石县${t}有人管吗（${i}）</a><span>${i}小时前</span></li>`,
        '青石吧-百度贴吧',
      ),
    ],
    [
      'search results',
      'http://search.example.cn/s?q=%E9%9D%92%E7%9F%B3',
      listPage(
        (i, t) =>
          `<div class="result"><h3><a href="http://search.example.cn/news/${i}.html">青石县回应${t}问题 第${i}条</a></h3><span>2025-05-${10 + i}</span></div>`,
        '青石 - 搜索结果',
      ),
    ],
  ])('says kind list with the links of %s, not an article made of the ad', (_, url, html) => {
    const page = mainItem(html, url, opts);
    expect(page.kind).toBe('list');
    expect(page.links?.length).toBeGreaterThanOrEqual(15);
    expect(page.links?.every((l) => /^https?:\/\//.test(l))).toBe(true);
  });

  it('keeps a short dated article beside a long related list an article', () => {
    const related = Array.from(
      { length: 20 },
      (_, i) =>
        `<li><a href="/n/${i}.html">相关新闻：青石县${TOPICS[i % TOPICS.length]}后续第${i}篇</a></li>`,
    ).join('');
    const html = `<html><head><title>青石县通报小区停车费上涨调查结果_青石网</title></head><body>
      <h1>青石县通报小区停车费上涨调查结果</h1><div class="info">2025-05-30 10:00 来源：青石网</div>
      <div class="article"><p>5月30日，青石县发展改革局通报了群众反映的小区停车费上涨问题的调查结果。</p>
      <p>经查，涉事物业公司未按规定履行价格调整程序，已责令其退还多收费用并限期整改。</p>
      <p>县发展改革局表示，将持续加强对物业服务收费的监督检查，欢迎群众继续监督。</p></div>
      <ul class="news-list">${related}</ul></body></html>`;
    const page = mainItem(html, 'http://www.example.cn/a/1.html', opts);
    expect(page.kind).toBe('article');
    expect(page.links).toBeUndefined();
    expect(page.body).toContain('责令其退还多收费用');
  });
});
