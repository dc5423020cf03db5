import type { DemoItem } from '../content/types.js';
import { rfc822 } from './dates.js';
import { esc, printedDate, publishedAt, type RenderContext } from './html.js';

const STYLE =
  'body{margin:0;background:#fff;font:17px/1.75 -apple-system,"PingFang SC","Microsoft YaHei",sans-serif;color:#333}' +
  '.rich_media_area_primary{max-width:677px;margin:0 auto;padding:20px 16px}.rich_media_title{font-size:22px;line-height:1.4}' +
  '.rich_media_meta{color:rgba(0,0,0,.3);font-size:15px;margin-right:8px}#js_name{color:#576b95}' +
  '.rich_media_tool{color:rgba(0,0,0,.3);font-size:15px}';

// Stable fake counters so that repeated fetches return identical pages.
const reads = (item: DemoItem): number =>
  1000 + ([...item.id].reduce((a, c) => a * 31 + (c.codePointAt(0) ?? 0), 7) % 40000);

/** A public-account article in the 公众号 layout: h1#activity-name, #js_name, em#publish_time, div#js_content. */
export function renderMpArticle(item: DemoItem, ctx: RenderContext): string {
  const url = `${ctx.baseUrl}${item.path}`;
  const summary = (item.paragraphs[1] ?? item.paragraphs[0] ?? '').slice(0, 54);
  const body = item.paragraphs
    .map((p) => `<p style="text-indent:2em;"><span>${esc(p)}</span></p>`)
    .join('\n');
  return `<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1.0,maximum-scale=1.0,user-scalable=0,viewport-fit=cover">
<title>${esc(item.title)}</title>
<meta property="og:title" content="${esc(item.title)}">
<meta property="og:url" content="${esc(url)}">
<meta property="og:description" content="${esc(summary)}">
<meta property="og:site_name" content="微信公众平台">
<meta property="og:type" content="article">
<meta property="twitter:card" content="summary">
<style>${STYLE}</style>
</head>
<body id="activity-detail" class="zh_CN wx_wap_page">
<div id="js_article" class="rich_media">
  <div class="rich_media_inner">
    <div id="page-content" class="rich_media_area_primary">
      <div class="rich_media_area_primary_inner">
        <h1 class="rich_media_title" id="activity-name">
          ${esc(item.title)}
        </h1>
        <div id="meta_content" class="rich_media_meta_list">
          <span id="copyright_logo" class="wx_tap_link js_wx_tap_highlight rich_media_meta icon_appmsg_tag appmsg_title_tag weui-wa-hotarea">原创</span>
          <span class="rich_media_meta rich_media_meta_text">${esc(item.author ?? item.source)}</span>
          <span class="rich_media_meta rich_media_meta_nickname" id="profileBt"><a href="javascript:void(0);" class="wx_tap_link js_wx_tap_highlight weui-wa-hotarea" id="js_name">${esc(item.source)}</a></span>
          <span class="rich_media_meta rich_media_meta_text"><em id="publish_time" class="rich_media_meta rich_media_meta_text">${esc(printedDate(item, ctx))}</em></span>
        </div>
        <div class="rich_media_content js_underline_content autoTypeSetting24psection" id="js_content" style="visibility: visible;">
<section style="font-size:16px;letter-spacing:1px;">
${body}
</section>
<p style="text-align:center;"><span style="color:#888;font-size:13px;">— END —</span></p>
        </div>
        <div class="rich_media_tool" id="js_toobar3">
          <a href="javascript:void(0);" id="js_view_source">阅读原文</a>
          <span id="js_read_area3">阅读 <span id="readNum3">${reads(item)}</span></span>
          <a href="javascript:void(0);" id="like3">在看</a>
        </div>
        <div class="qr_code_pc_outer"><p>微信扫一扫<br>关注该公众号</p></div>
      </div>
    </div>
  </div>
</div>
<div id="js_pc_qr_code"><p>长按识别二维码，关注「${esc(item.source)}」</p></div>
</body>
</html>
`;
}

/** RSS 2.0 feed (UTF-8) of the public-account articles; links are absolute /mp/s/<id> URLs. */
export function renderFeed(items: readonly DemoItem[], ctx: RenderContext): string {
  const entries = items
    .map((item) => {
      const link = `${ctx.baseUrl}${item.path}`;
      const summary = item.paragraphs.join('').slice(0, 90);
      return `    <item>
      <title>${esc(item.title)}</title>
      <link>${esc(link)}</link>
      <guid isPermaLink="true">${esc(link)}</guid>
      <author>${esc(item.source)}</author>
      <category>${esc(item.column)}</category>
      <pubDate>${rfc822(publishedAt(item, ctx))}</pubDate>
      <description>${esc(`${summary}……`)}</description>
    </item>`;
    })
    .join('\n');
  const newest = items[0];
  const lastBuild = newest ? `\n    <lastBuildDate>${rfc822(publishedAt(newest, ctx))}</lastBuildDate>` : '';
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
  <channel>
    <title>明州公众号精选</title>
    <link>${esc(`${ctx.baseUrl}/`)}</link>
    <description>明州本地微信公众号文章聚合（演示）</description>
    <language>zh-cn</language>${lastBuild}
    <ttl>15</ttl>
${entries}
  </channel>
</rss>
`;
}
