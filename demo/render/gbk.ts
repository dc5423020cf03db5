import type { DemoItem } from '../content/types.js';
import { isoDay } from './dates.js';
import { esc, printedDate, publishedAt, type RenderContext } from './html.js';

const SITE = '青石镇信息网';

// An old table-layout town portal; the charset is declared only in the meta tag (the HTTP header has none).
function page(title: string, main: string): string {
  return `<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html>
<head>
<meta charset="gbk">
<title>${esc(title)}</title>
<meta name="keywords" content="青石镇,青石镇人民政府,镇务动态,民生关注">
<style type="text/css">
body{margin:0;font-size:12px;font-family:宋体;background:#e9f1f8}
.wrap{width:980px;margin:0 auto;background:#fff}.banner{height:90px;background:#1f5fa8;color:#fff;font-size:30px;line-height:90px;padding-left:30px}
.menu{background:#164a86;line-height:32px}.menu a{color:#fff;margin:0 14px}.list li{line-height:28px;border-bottom:1px dashed #ccc}
.title{font-size:22px;color:#c00;text-align:center}.zoom{font-size:14px;line-height:2}
</style>
</head>
<body>
<div class="wrap">
<div class="banner">${SITE}</div>
<div class="menu"><a href="/gbk/">首页</a><a href="/gbk/">镇务动态</a><a href="/gbk/">民生关注</a><a href="/gbk/">政务公开</a><a href="/gbk/">招商引资</a><a href="/gbk/">镇长信箱</a></div>
<table width="980" border="0" cellspacing="0" cellpadding="0"><tr>
<td width="220" valign="top" class="left"><div class="box"><b>通知公告</b><br /><a href="/gbk/">关于做好冬季安全生产的通知</a><br /><a href="/gbk/">青石镇2026年第三季度财务公开</a></div>
<div class="box"><b>友情链接</b><br /><a href="/gbk/">明州市人民政府</a><br /><a href="/gbk/">明州新闻网</a></div></td>
<td valign="top">
${main}
</td></tr></table>
<div class="copyright">主办单位：青石镇人民政府　技术支持：明州信息技术服务中心<br />地址：明州市青石镇青石路1号　建议使用IE8.0以上浏览器，1024×768分辨率浏览</div>
</div>
</body>
</html>
`;
}

/** The GBK list page: `div.list a` → /gbk/<n>.html. */
export function renderGbkList(items: readonly DemoItem[], ctx: RenderContext): string {
  const rows = items
    .map(
      (item) =>
        `<li><span style="float:right">[${isoDay(publishedAt(item, ctx))}]</span>·<a href="${esc(item.path)}" target="_blank">${esc(item.title)}</a></li>`,
    )
    .join('\n');
  const main = `<div class="location">您现在的位置：<a href="/gbk/">首页</a> &gt;&gt; 信息列表</div>
<div class="list"><ul>
${rows}
</ul></div>
<div class="page">共${items.length}条记录 页次:1/1 <span>首页 上一页 下一页 尾页</span></div>`;
  return page(`信息列表 - ${SITE}`, main);
}

/** A GBK article page: <h1 class="title">, a 发布日期 line, body in `div#zoom`. */
export function renderGbkArticle(item: DemoItem, ctx: RenderContext): string {
  const author = item.author ? `　作者：${esc(item.author)}` : '';
  const hits = 100 + ((Number(item.id) * 37) % 900);
  const main = `<div class="location">您现在的位置：<a href="/gbk/">首页</a> &gt;&gt; <a href="/gbk/">${esc(item.column)}</a> &gt;&gt; 正文</div>
<h1 class="title">${esc(item.title)}</h1>
<div class="info" align="center">发布日期：${esc(printedDate(item, ctx))}　来源：${esc(item.source)}${author}　浏览次数：${hits}</div>
<div id="zoom" class="zoom">
${item.paragraphs.map((p) => `<p>　　${esc(p)}</p>`).join('\n')}
</div>
<div class="print">【<a href="javascript:window.print()">打印本页</a>】【<a href="javascript:window.close()">关闭窗口</a>】</div>`;
  return page(`${item.title} - ${SITE}`, main);
}
