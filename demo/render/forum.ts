import type { DemoItem } from '../content/types.js';
import { formatChineseDate, minutesBefore } from './dates.js';
import { esc, printedDate, type RenderContext } from './html.js';

const SITE = '明州论坛';
const STYLE =
  'body{margin:0;font:12px/1.6 Tahoma,"Microsoft YaHei",sans-serif;background:#f4f6f8}#wp{width:1100px;margin:0 auto}' +
  '#hd{background:#2b6cb0;color:#fff;padding:8px}.threads{width:100%;border-collapse:collapse;background:#fff}' +
  '.threads td,.threads th{border-bottom:1px solid #e5e5e5;padding:6px}.pls{width:160px;background:#e8eef5}' +
  '.t_f{font-size:14px;line-height:1.9}.ft{text-align:center;color:#999}';

// Deterministic "views" and member details so that pages do not change between requests.
const views = (item: DemoItem): number => 300 + ((Number(item.id) * 7919) % 9000);
const regYear = (name: string): number =>
  2012 + ([...name].reduce((a, c) => a + (c.codePointAt(0) ?? 0), 0) % 12);

function page(title: string, crumb: string, main: string): string {
  return `<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<title>${esc(title)}</title>
<meta name="keywords" content="明州论坛,民生杂谈">
<meta name="generator" content="Discuz! X3.4">
<style>${STYLE}</style>
</head>
<body id="nv_forum">
<div id="toptb"><a href="/forum/">设为首页</a> <a href="/forum/">收藏本站</a> <span class="y"><a href="/forum/">登录</a> | <a href="/forum/">立即注册</a></span></div>
<div id="hd"><h2><a href="/forum/">${SITE}</a></h2>
<ul id="nv"><li><a href="/forum/">论坛首页</a></li><li><a href="/forum/">民生杂谈</a></li><li><a href="/forum/">明州美食</a></li><li><a href="/forum/">房产家居</a></li><li><a href="/forum/">招聘求职</a></li><li><a href="/forum/">二手市场</a></li></ul></div>
<div id="wp">
<div id="pt" class="bm cl"><a href="/forum/">${SITE}</a> <em>›</em> <a href="/forum/">民生杂谈</a>${crumb}</div>
${main}
</div>
<div id="ft" class="ft"><p>明州论坛 ( 本站内容仅代表网友个人观点，与本站立场无关 )</p><p>GMT+8, 网友发帖请遵守国家法律法规和社区公约</p></div>
</body>
</html>
`;
}

/** The board 民生杂谈: `table.threads td.subject a` → /forum/thread-<n>.html. */
export function renderForumList(items: readonly DemoItem[], ctx: RenderContext): string {
  const rows = items
    .map((item) => {
      const replies = item.replies ?? [];
      const last = replies[replies.length - 1];
      const lastText = last
        ? `${esc(last.author)}<br>${esc(formatChineseDate(minutesBefore(ctx.now, last.minutesAgo), item.dateStyle, ctx.now))}`
        : '';
      return `  <tr>
    <td class="icn"><img src="data:," alt=""></td>
    <td class="subject"><em>[${esc(item.column)}]</em> <a href="${esc(item.path)}" class="s xst">${esc(item.title)}</a></td>
    <td class="by"><cite>${esc(item.author ?? '匿名')}</cite><em>${esc(printedDate(item, ctx))}</em></td>
    <td class="num"><a href="${esc(item.path)}">${replies.length}</a><em>${views(item)}</em></td>
    <td class="lastpost">${lastText}</td>
  </tr>`;
    })
    .join('\n');
  const main = `<div class="bm bml"><h1>民生杂谈</h1>
<div class="bm_c">版主：<a href="/forum/">明州小编</a>　今日: ${items.length}　主题: 25613　排名: 3</div>
<div class="rule">【版规】请文明发帖，反映问题请尽量写清时间、地点和经过，不得发布虚假信息和人身攻击内容。</div></div>
<table class="threads" summary="forum_民生杂谈">
  <tr><th colspan="2">标题</th><th>作者</th><th>回复/查看</th><th>最后发表</th></tr>
${rows}
</table>
<div class="pg"><strong>1</strong><a href="/forum/">2</a><a href="/forum/">3</a><a href="/forum/">下一页</a></div>`;
  return page(`民生杂谈 - ${SITE}`, '', main);
}

function post(pid: number, floor: string, author: string, dateText: string, content: string): string {
  return `<div id="post_${pid}" class="post">
<table class="plhin" cellspacing="0" cellpadding="0"><tr>
<td class="pls"><div class="authi"><a class="xw1" href="/forum/">${esc(author)}</a></div><dl class="pil"><dt>积分</dt><dd>${120 + author.length * 37}</dd><dt>注册时间</dt><dd>${regYear(author)}-03-15</dd></dl></td>
<td class="plc"><div class="pi"><strong>${esc(floor)}</strong><div class="authi"><em>发表于 ${esc(dateText)}</em> | <a href="#">只看该作者</a></div></div>
<div class="pct"><div class="t_fsz"><table cellspacing="0" cellpadding="0"><tr><td class="t_f" id="postmessage_${pid}">
${content}
</td></tr></table></div></div>
<div class="po"><a href="#">回复</a> <a href="#">支持</a> <a href="#">举报</a></div></td>
</tr></table></div>`;
}

/** A thread page: subject in `#thread_subject`, the first post and its replies in Discuz-like markup. */
export function renderForumThread(item: DemoItem, ctx: RenderContext): string {
  const floors = ['沙发', '板凳', '地板'];
  // Discuz numbers posts globally; derive stable pids from the thread id.
  const pid = (n: number): number => Number(item.id) * 100 + n;
  const first = post(
    pid(0),
    '楼主',
    item.author ?? '匿名',
    printedDate(item, ctx),
    item.paragraphs.map(esc).join('<br>\n<br>\n'),
  );
  const replies = (item.replies ?? []).map((reply, i) =>
    post(
      pid(i + 1),
      floors[i] ?? `${i + 2}#`,
      reply.author,
      formatChineseDate(minutesBefore(ctx.now, reply.minutesAgo), item.dateStyle, ctx.now),
      esc(reply.text),
    ),
  );
  const main = `<div id="postlist" class="pl bm">
<table cellspacing="0" cellpadding="0"><tr><td class="pls ptn"><div class="hm">查看: <span>${views(item)}</span> | 回复: <span>${(item.replies ?? []).length}</span></div></td>
<td class="plc ptm"><h1 class="ts"><span id="thread_subject">${esc(item.title)}</span></h1></td></tr></table>
${[first, ...replies].join('\n')}
</div>
<div id="f_pst" class="bm"><textarea name="message" placeholder="发表回复前请先登录"></textarea><button type="button">发表回复</button></div>`;
  return page(
    `${item.title} - 民生杂谈 - ${SITE}`,
    ` <em>›</em> <a href="${esc(item.path)}">${esc(item.title)}</a>`,
    main,
  );
}
