import { hookText, type ReceivedHook } from '../hook-sink.js';
import type { ReceivedMail } from '../mail-catcher.js';
import { isoMinute } from './dates.js';
import { esc } from './html.js';

const STYLE =
  'body{font:15px/1.7 "Microsoft YaHei",sans-serif;max-width:960px;margin:24px auto;padding:0 16px;color:#333}' +
  'h1{color:#b71c1c}li{margin:6px 0}pre{white-space:pre-wrap;background:#f6f6f6;padding:10px;border-radius:4px}' +
  '.entry{border-bottom:1px solid #ddd;padding:12px 0}.meta{color:#888;font-size:13px}';

function page(title: string, main: string): string {
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${esc(title)}</title>
<style>${STYLE}</style>
</head>
<body>
${main}
<p class="meta"><a href="/">返回演示站首页</a></p>
</body>
</html>
`;
}

/** The demo site's home page: what this site is and links to every section and sink. */
export function renderIndex(options: { smtpPort?: number }): string {
  const smtp =
    options.smtpPort !== undefined
      ? `演示邮件服务器监听在 SMTP 端口 ${options.smtpPort}（无 TLS、无需认证），收到的预警邮件见<a href="/mail/">邮件收件箱</a>。`
      : '本次未启用演示邮件服务器（启动时指定 SMTP 端口即可启用）。';
  return page(
    '巡察舆情监测 · 离线演示站',
    `<h1>巡察舆情监测 · 离线演示站</h1>
<p>这是 xuncha-yuqing 自带的离线演示网站，仅在本机回环地址上提供服务，供没有外网的环境体验“采集—研判—预警”的完整流程。
站内模拟了虚构城市“明州市”的新闻网站、论坛、微信公众号文章、GBK 编码的老式政府网站和需要 JavaScript 渲染的留言板。
所有单位、人物和事件均为虚构，如有雷同纯属巧合。</p>
<h2>模拟的信息源</h2>
<ul>
  <li><a href="/news/">明州新闻网 · 明州要闻</a>（普通新闻栏目，UTF-8）</li>
  <li><a href="/forum/">明州论坛 · 民生杂谈</a>（论坛版块，帖子含回复）</li>
  <li><a href="/feed.xml">明州公众号精选 RSS</a>（RSS 2.0，条目指向公众号风格文章）</li>
  <li><a href="/gbk/">青石镇信息网</a>（GBK 编码，字符集只写在 meta 标签中）</li>
  <li><a href="/spa/">明州市民留言板</a>（列表和正文均由 JavaScript 生成）</li>
</ul>
<h2>预警接收</h2>
<ul>
  <li><a href="/hooks/">机器人消息</a>：模拟企业微信、钉钉、飞书机器人的 Webhook 地址为 <code>/hooks/&lt;名称&gt;</code>，例如 <code>/hooks/wecom</code>。</li>
  <li><a href="/mail/">邮件收件箱</a>：${smtp}</li>
</ul>
<p class="meta">站内日期均相对于演示站启动时间生成，因此每次启动内容都是“最新”的。</p>`,
  );
}

/** Received robot messages, newest first. */
export function renderHooks(hooks: readonly ReceivedHook[]): string {
  const entries = [...hooks]
    .reverse()
    .map((h) => {
      const text = hookText(h.body);
      return `<div class="entry"><div class="meta">${esc(isoMinute(new Date(h.receivedAt)))} · 机器人：<strong>${esc(h.name)}</strong></div>
${text ? `<pre class="text">${esc(text)}</pre>` : ''}<details><summary>原始 JSON</summary><pre>${esc(JSON.stringify(h.body, null, 2))}</pre></details></div>`;
    })
    .join('\n');
  return page(
    '机器人消息 · 离线演示站',
    `<h1>机器人消息（${hooks.length}）</h1>
<p>向 <code>POST /hooks/&lt;名称&gt;</code> 发送的 JSON 消息会显示在这里，最新的在最上面。</p>
${entries || '<p>暂未收到任何消息。</p>'}`,
  );
}

/** Mails received by the SMTP catcher, newest first. */
export function renderMail(mails: readonly ReceivedMail[], smtpPort: number | undefined): string {
  if (smtpPort === undefined) {
    return page('邮件收件箱 · 离线演示站', '<h1>邮件收件箱</h1>\n<p>本次未启用演示邮件服务器。</p>');
  }
  const entries = [...mails]
    .reverse()
    .map(
      (m) => `<div class="entry"><h3>${esc(m.subject || '（无主题）')}</h3>
<div class="meta">${esc(isoMinute(new Date(m.receivedAt)))} · 发件人：${esc(m.fromHeader || m.from)} · 收件人：${esc(m.to.join(', '))}</div>
${m.text !== undefined ? `<pre>${esc(m.text.slice(0, 20_000))}</pre>` : ''}</div>`,
    )
    .join('\n');
  return page(
    '邮件收件箱 · 离线演示站',
    `<h1>邮件收件箱（${mails.length}）</h1>
<p>演示邮件服务器：SMTP 端口 ${smtpPort}，最新的邮件在最上面。</p>
${entries || '<p>暂未收到任何邮件。</p>'}`,
  );
}

/** The 404 page. */
export function renderNotFound(path: string): string {
  return page('404 页面不存在', `<h1>404 页面不存在</h1>\n<p>演示站上没有 ${esc(path)} 这个页面。</p>`);
}
