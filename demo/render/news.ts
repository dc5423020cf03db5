import type { DemoItem } from '../content/types.js';
import { isoDay, isoMinute } from './dates.js';
import { esc, paragraphsHtml, printedDate, publishedAt, type RenderContext } from './html.js';

const SITE = '明州新闻网';
const STYLE =
  'body{margin:0;font:14px/1.8 "Microsoft YaHei",sans-serif;color:#333}.w1200{width:1200px;margin:0 auto}' +
  '.nav{background:#b71c1c}.nav-list li{display:inline-block;padding:0 18px}.nav-list a{color:#fff}' +
  '.main{display:flex;gap:24px}.content{flex:1}.sidebar{width:300px}.article h1{font-size:26px;text-align:center}' +
  '.info{color:#888;text-align:center}.footer{background:#f2f2f2;text-align:center;color:#666}';

// Headlines of pages that do not exist: the link noise every real news page carries around the article.
const NOISE_HEADLINES = [
  '明州市召开全市重点项目建设推进会',
  '我市新增三条定制公交线路 覆盖五个产业园区',
  '明州港前十月集装箱吞吐量同比增长百分之八',
  '2026明州国际马拉松鸣枪开跑 两万名跑者参赛',
  '市第一人民医院东院区正式启用',
  '明州入选全国首批城市更新示范城市',
];

function header(active: string): string {
  const nav = ['首页', '时政要闻', '部门动态', '区县新闻', '民生直通车', '通知公告', '视频', '专题'];
  const links = nav
    .map((name) => `<li${name === active ? ' class="on"' : ''}><a href="/news/">${esc(name)}</a></li>`)
    .join('');
  return `  <div class="top-bar"><div class="w1200"><span class="weather">明州 晴 6℃~15℃</span><a href="/">网站首页</a> | <a href="/news/">无障碍浏览</a> | <a href="/news/">手机版</a></div></div>
  <div class="header w1200"><a class="logo" href="/news/">${SITE}</a><div class="slogan">明州日报社主办 · 明州权威新闻门户</div>
    <form class="search" action="/news/" method="get"><input type="text" name="q" placeholder="请输入关键词"><button type="submit">搜索</button></form></div>
  <div class="nav"><ul class="w1200 nav-list">${links}</ul></div>`;
}

function sidebar(): string {
  const items = NOISE_HEADLINES.map(
    (t, i) => `<li><em>${i + 1}</em><a href="/news/">${esc(t)}</a></li>`,
  ).join('\n        ');
  return `    <div class="sidebar">
      <div class="box"><h3>热点排行</h3>
        <ol class="hot-list">
        ${items}
        </ol></div>
      <div class="box"><h3>便民服务</h3><p><a href="/news/">公积金查询</a> <a href="/news/">违章查询</a> <a href="/news/">天气预报</a> <a href="/news/">12345热线</a></p></div>
    </div>`;
}

function footer(): string {
  return `  <div class="footer">
    <p><a href="/news/">关于我们</a> | <a href="/news/">联系我们</a> | <a href="/news/">版权声明</a> | <a href="/news/">网站地图</a></p>
    <p>主办：明州日报社　承办：明州新闻网　违法和不良信息举报电话：12345</p>
    <p>Copyright © 2026 ${SITE} 版权所有　未经授权禁止转载、摘编、复制或建立镜像</p>
  </div>`;
}

function page(title: string, head: string, active: string, main: string): string {
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${esc(title)}</title>
${head}  <style>${STYLE}</style>
</head>
<body>
${header(active)}
  <div class="main w1200">
${main}
${sidebar()}
  </div>
${footer()}
</body>
</html>
`;
}

/** The news column: `ul.news-list li a` → /news/<n>.html, newest first. */
export function renderNewsList(items: readonly DemoItem[], ctx: RenderContext): string {
  const rows = items
    .map(
      (item) =>
        `        <li><a href="${esc(item.path)}" target="_blank" title="${esc(item.title)}">${esc(item.title)}</a><span class="date">${isoDay(publishedAt(item, ctx))}</span></li>`,
    )
    .join('\n');
  const main = `    <div class="content">
      <div class="crumb">当前位置：<a href="/news/">首页</a> &gt; <span>明州要闻</span></div>
      <div class="column-title"><h2>明州要闻</h2></div>
      <ul class="news-list">
${rows}
      </ul>
      <div class="pages">共 ${items.length} 条　第 1/1 页　<a href="/news/">首页</a> <a href="/news/">上一页</a> <a href="/news/">下一页</a> <a href="/news/">尾页</a></div>
    </div>`;
  return page(`明州要闻 - ${SITE}`, '', '首页', main);
}

/** A news article: <h1>, a 发布时间/来源 line, body in `div.article-content`, surrounded by site noise. */
export function renderNewsArticle(item: DemoItem, ctx: RenderContext): string {
  const date = publishedAt(item, ctx);
  const head = `  <meta name="SiteName" content="${SITE}">
  <meta name="ColumnName" content="${esc(item.column)}">
  <meta name="ArticleTitle" content="${esc(item.title)}">
  <meta name="PubDate" content="${isoMinute(date)}">
  <meta name="ContentSource" content="${esc(item.source)}">
`;
  const author = item.author ? `　<span>作者：${esc(item.author)}</span>` : '';
  const related = NOISE_HEADLINES.slice(0, 4)
    .map((t) => `<li><a href="/news/">${esc(t)}</a></li>`)
    .join('\n          ');
  const main = `    <div class="content">
      <div class="crumb">当前位置：<a href="/news/">首页</a> &gt; <a href="/news/">${esc(item.column)}</a> &gt; <span>正文</span></div>
      <div class="article">
        <h1>${esc(item.title)}</h1>
        <div class="info"><span>发布时间：${printedDate(item, ctx)}</span>　<span>来源：${esc(item.source)}</span>${author}　<span class="font-size">字号：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a></span></div>
        <div class="article-content">
${paragraphsHtml(item.paragraphs, '          ')}
        </div>
        <div class="editor">【责任编辑：网站编辑部】</div>
        <div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a> <a href="#">QQ空间</a>　<a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>
        <div class="related"><h3>相关链接</h3>
          <ul>
          ${related}
          </ul>
        </div>
      </div>
    </div>`;
  return page(`${item.title}_${item.column}_${SITE}`, head, item.column, main);
}
