// Fixture pages written for these tests (invented towns and bureaus; no real site's text).

/** A news article page with navigation, a related-links list, a share bar and a footer around the story. */
export function newsPage(opts: { title?: string; charsetMeta?: string; extraHead?: string } = {}): string {
  const title = opts.title ?? '青石县住建局回应老旧小区改造进度慢问题';
  return `<!DOCTYPE html>
<html><head>${opts.charsetMeta ? `<meta charset="${opts.charsetMeta}">` : ''}
<title>${title}_青石日报</title>
<meta name="author" content="王晓明">
${opts.extraHead ?? ''}
</head><body>
<div class="top-nav"><a href="/">首页</a> <a href="/news/">新闻</a> <a href="/gov/">政务</a> <a href="/life/">生活</a></div>
<div class="header"><span>2024年1月1日 星期一</span> <a href="/login">登录</a></div>
<div class="breadcrumb"><a href="/">首页</a> &gt; <a href="/news/">本地新闻</a> &gt; 正文</div>
<div class="main-wrap">
  <div class="article">
    <h1 class="article-title">${title}</h1>
    <div class="article-info">发布时间：2025年05月12日 07:34　来源：青石日报　作者：李文静</div>
    <div class="article-body">
      <p>近日，有居民在网上反映，青石县城关镇幸福里小区的改造工程已经停工两个多月，楼道内堆满建筑垃圾，居民出行十分不便。</p>
      <p>记者实地走访发现，小区内多处路面被挖开后没有及时回填，部分单元门口的排水管道裸露在外。有居民表示，施工方曾承诺在春节前完工，但至今仍未兑现。</p>
      <p>对此，青石县住房和城乡建设局相关负责人表示，工程延期主要是由于地下管网情况比预想复杂，需要重新设计施工方案，目前新方案已经通过评审。</p>
      <p>该负责人称，施工单位将在本月底前恢复施工，并安排专人每天清理建筑垃圾，预计今年九月底前全部完工。县住建局也将加强监督，定期向居民通报进度。</p>
    </div>
    <div class="share-bar">分享到：<a href="#">微信</a> <a href="#">微博</a> <a href="#">QQ空间</a></div>
    <div class="related-news"><h3>相关新闻</h3><ul>
      <li><a href="/news/101.html">青石县启动老旧小区改造三年行动计划</a></li>
      <li><a href="/news/102.html">城关镇召开人居环境整治推进会议</a></li>
      <li><a href="/news/103.html">县领导调研城市更新重点项目建设情况</a></li>
    </ul></div>
  </div>
  <div class="sidebar"><h3>热点排行</h3><ol>
    <li><a href="/news/201.html">青石县第三季度重点项目集中开工</a></li>
    <li><a href="/news/202.html">全县安全生产大检查工作部署会召开</a></li>
  </ol></div>
</div>
<div class="footer">版权所有：青石日报社　地址：青石县人民路1号　备案号：青ICP备00000000号</div>
</body></html>`;
}

/** A 公众号-style article page. */
export function wechatPage(): string {
  return `<!DOCTYPE html><html><head><meta charset="utf-8">
<meta property="og:title" content="关于开展第二轮巡察意见征集的公告">
<title>关于开展第二轮巡察意见征集的公告</title></head><body>
<div id="page-content">
<h1 class="rich_media_title" id="activity-name">
  关于开展第二轮巡察意见征集的公告
</h1>
<div id="meta_content" class="rich_media_meta_list">
  <span class="rich_media_meta rich_media_meta_text">青石县委巡察办</span>
  <a href="javascript:void(0);" id="js_name">清风青石</a>
  <em id="publish_time" class="rich_media_meta rich_media_meta_text">2025年05月10日 18:20</em>
</div>
<div class="rich_media_content" id="js_content" style="visibility: hidden;">
  <p>根据县委巡察工作统一部署，县委第二巡察组将于近期对县住建局等三个单位开展常规巡察。</p>
  <p>巡察期间，设立专门值班电话和举报邮箱，主要受理反映被巡察单位领导班子及其成员的来信来电。</p>
  <p>欢迎广大干部群众积极反映问题，巡察组将按照有关规定认真做好保密工作。</p>
</div>
<div class="rich_media_tool" id="js_toobar3">阅读 1024　在看 12</div>
<div id="js_pc_qr_code">微信扫一扫关注该公众号</div>
</div>
<script>var ct = "1746872400";</script>
</body></html>`;
}

/** A list page whose article links are inside ul.news-list li. */
export function listPage(links: { href: string; text: string }[]): string {
  const items = links
    .map((l) => `<li><a href="${l.href}">${l.text}</a><span>2025-05-12</span></li>`)
    .join('\n');
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>本地新闻_青石日报</title></head><body>
<div class="nav"><a href="/">首页</a> <a href="/about.html">关于我们的青石日报社</a></div>
<ul class="news-list">${items}</ul>
<div class="footer"><a href="/contact.html">联系我们青石日报社编辑部</a></div>
</body></html>`;
}

/** A Discuz!-style thread page: subject, the first post and two replies (one quoting the first post). */
export function forumThreadPage(): string {
  const post = (pid: number, author: string, time: string, content: string) => `
<div id="post_${pid}" class="post"><table><tr>
<td class="pls"><div class="authi"><a class="xw1" href="/u/${pid}">${author}</a></div><dl><dt>注册时间</dt><dd>2015-03-15</dd></dl></td>
<td class="plc"><div class="pi"><div class="authi"><em id="authorposton${pid}">发表于 ${time}</em></div></div>
<div class="t_fsz"><table><tr><td class="t_f" id="postmessage_${pid}">${content}</td></tr></table></div></td>
</tr></table></div>`;
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>城关镇卫生院收费乱象谁来管 - 民生杂谈 - 青石论坛</title></head><body>
<div id="hd"><a href="/">青石论坛</a></div>
<div id="postlist">
<table><tr><td><h1 class="ts"><span id="thread_subject">城关镇卫生院收费乱象谁来管</span></h1></td></tr></table>
${post(501, '青石老王', '2025-5-12 08:30', '上周带孩子去城关镇卫生院看病，挂号费收了两次。<br><br>问收费处，对方说是系统问题，让我们自己去找院办。')}
${post(502, '路过的', '2025-5-12 09:10', '<div class="quote"><blockquote>上周带孩子去城关镇卫生院看病</blockquote></div>我上个月也遇到过，药费单上多出一项“诊疗服务费”。')}
${post(503, '热心市民', '2025-5-12 10:00', '建议直接打县卫健局的投诉电话。')}
</div>
<div class="ft">青石论坛</div></body></html>`;
}
