// The console page. Static: no data is rendered on the server, app.js fills everything in through the API.

/** The single HTML page served at GET /. */
export const PAGE_HTML = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>巡察舆情监测预警</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/assets/app.css">
<script src="/assets/app.js" defer></script>
</head>
<body>
<header class="top">
  <h1>巡察舆情监测预警</h1>
  <nav class="tabs" role="tablist">
    <button type="button" role="tab" id="tab-search" aria-controls="panel-search" aria-selected="true">检索</button>
    <button type="button" role="tab" id="tab-tips" aria-controls="panel-tips" aria-selected="false">线索</button>
  </nav>
  <span id="health" class="health"></span>
</header>
<main>
  <section id="panel-search" role="tabpanel" aria-labelledby="tab-search">
    <form id="search-form" class="filters" autocomplete="off">
      <div class="row">
        <input type="search" name="q" id="q" maxlength="200" placeholder="输入关键词，如：违规收费 住建局" aria-label="关键词">
        <button type="submit" class="primary">检索</button>
      </div>
      <div class="row">
        <label>轮次 <select name="round" data-role="round"><option value="">全部轮次</option></select></label>
        <label>被巡察单位 <select name="unit" data-role="unit"><option value="">全部单位</option></select></label>
        <label>等级 <select name="level">
          <option value="">全部等级</option>
          <option value="red">红</option>
          <option value="orange">橙</option>
          <option value="yellow">黄</option>
          <option value="green">绿</option>
          <option value="min:orange">橙及以上</option>
          <option value="min:yellow">黄及以上</option>
        </select></label>
        <label>阶段 <select name="phase">
          <option value="">全部阶段</option>
          <option value="entry">进驻</option>
          <option value="feedback">反馈</option>
          <option value="rectification">整改</option>
        </select></label>
        <label>来源 <select name="source" data-role="source"><option value="">全部来源</option></select></label>
      </div>
      <div class="row">
        <label>起始日期 <input type="date" name="from"></label>
        <label>结束日期 <input type="date" name="to"></label>
        <label>排序 <select name="sort">
          <option value="time">最新</option>
          <option value="score">风险最高</option>
        </select></label>
      </div>
    </form>
    <p id="search-status" class="status" role="status"></p>
    <ol id="search-results" class="results"></ol>
    <nav id="search-pager" class="pager" aria-label="分页"></nav>
  </section>
  <section id="panel-tips" role="tabpanel" aria-labelledby="tab-tips" hidden>
    <form id="tips-form" class="filters" autocomplete="off">
      <div class="row">
        <label>轮次 <select name="round" data-role="round"><option value="">全部轮次</option></select></label>
        <label>被巡察单位 <select name="unit" data-role="unit"><option value="">全部单位</option></select></label>
        <label>状态 <select name="status">
          <option value="">全部状态</option>
          <option value="new">待研判</option>
          <option value="assigned">已分办</option>
          <option value="in_progress">处置中</option>
          <option value="closed">已办结</option>
          <option value="dismissed">已排除</option>
        </select></label>
        <label>最低等级 <select name="minLevel">
          <option value="">全部等级</option>
          <option value="red">红</option>
          <option value="orange">橙及以上</option>
          <option value="yellow">黄及以上</option>
        </select></label>
        <button type="submit" class="primary">筛选</button>
      </div>
    </form>
    <p id="tips-status" class="status" role="status"></p>
    <ol id="tips-results" class="results"></ol>
    <nav id="tips-pager" class="pager" aria-label="分页"></nav>
  </section>
</main>
</body>
</html>
`;
