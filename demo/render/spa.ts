import type { DemoItem } from '../content/types.js';
import { formatChineseDate, minutesBefore } from './dates.js';
import { jsonForScript, printedDate, type RenderContext } from './html.js';

// The message board is a single-page app: the HTML is an empty shell and the inline script builds the list
// or the message from the JSON blob, so only a browser-type crawler sees any content.
const STYLE =
  'body{margin:0;font:14px/1.8 "Microsoft YaHei",sans-serif;background:#f5f5f5}header{background:#c62828;color:#fff;padding:12px 24px}' +
  '#app{max-width:960px;margin:16px auto;background:#fff;padding:16px 24px}#list li{list-style:none;border-bottom:1px solid #eee;padding:8px 0}' +
  '.time{float:right;color:#999}.reply{background:#fff8e1;padding:8px 12px;margin-top:16px}';

function shell(data: unknown, script: string, inner: string): string {
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>明州市民留言板</title>
<style>${STYLE}</style>
</head>
<body>
<header><strong>明州市民留言板</strong>　<nav><a href="/spa/" style="color:#fff">全部留言</a></nav></header>
<div id="app">
${inner}
</div>
<noscript>本页面需要启用 JavaScript 才能正常浏览。</noscript>
<script id="__INITIAL_STATE__" type="application/json">${jsonForScript(data)}</script>
<script>
${script}
</script>
</body>
</html>
`;
}

const LIST_SCRIPT = `(function () {
  var state = JSON.parse(document.getElementById('__INITIAL_STATE__').textContent);
  var ul = document.getElementById('list');
  ul.innerHTML = '';
  state.messages.forEach(function (m) {
    var li = document.createElement('li');
    var tag = document.createElement('em');
    tag.textContent = '[' + m.type + '] ';
    var a = document.createElement('a');
    a.href = '/spa/' + m.id + '.html';
    a.textContent = m.title;
    var time = document.createElement('span');
    time.className = 'time';
    time.textContent = m.time;
    li.appendChild(tag);
    li.appendChild(a);
    li.appendChild(time);
    ul.appendChild(li);
  });
  document.getElementById('count').textContent = String(state.messages.length);
})();`;

/** The message list: `ul#list li a` → /spa/<n>.html, created only by the inline script (ids in the JSON). */
export function renderSpaList(items: readonly DemoItem[], ctx: RenderContext): string {
  const data = {
    board: '明州市民留言板',
    messages: items.map((item) => ({
      id: Number(item.id),
      type: item.column,
      title: item.title,
      time: printedDate(item, ctx),
    })),
  };
  const inner = `<h2>最新留言（<span id="count">0</span>）</h2>
<ul id="list"><li class="loading">正在加载……</li></ul>`;
  return shell(data, LIST_SCRIPT, inner);
}

const ARTICLE_SCRIPT = `(function () {
  var m = JSON.parse(document.getElementById('__INITIAL_STATE__').textContent).message;
  document.title = m.title + ' - 明州市民留言板';
  document.getElementById('title').textContent = m.title;
  document.getElementById('meta').textContent = '留言人：' + m.author + '　留言时间：' + m.time + '　类型：' + m.type;
  var content = document.getElementById('content');
  m.paragraphs.forEach(function (text) {
    var p = document.createElement('p');
    p.textContent = text;
    content.appendChild(p);
  });
  var replies = document.getElementById('replies');
  m.replies.forEach(function (r) {
    var div = document.createElement('div');
    div.className = 'reply';
    div.textContent = r.author + '（' + r.time + '）：' + r.text;
    replies.appendChild(div);
  });
})();`;

/** A message page whose title, date line and body are inserted by the inline script from the JSON blob. */
export function renderSpaArticle(item: DemoItem, ctx: RenderContext): string {
  const message = {
    id: Number(item.id),
    type: item.column,
    title: item.title,
    author: item.author ?? '匿名网友',
    time: printedDate(item, ctx),
    paragraphs: item.paragraphs,
    replies: (item.replies ?? []).map((r) => ({
      author: r.author,
      time: formatChineseDate(minutesBefore(ctx.now, r.minutesAgo), 'iso-seconds', ctx.now),
      text: r.text,
    })),
  };
  const inner = `<div class="crumb"><a href="/spa/">留言板</a> &gt; 留言详情</div>
<h1 id="title"></h1>
<div class="meta" id="meta"></div>
<div class="content" id="content"></div>
<div id="replies"></div>`;
  return shell({ message }, ARTICLE_SCRIPT, inner);
}
