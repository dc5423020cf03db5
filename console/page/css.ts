// Styles of the console page, served at /assets/app.css (no external fonts or images).

/** The stylesheet of the console page. */
export const PAGE_CSS = `
:root { --border: #d9d9d9; --muted: #666; --accent: #b71c1c; --bg: #f5f6f8; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.6 "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; color: #222;
  background: var(--bg); }
.top { display: flex; align-items: center; gap: 24px; padding: 0 24px; background: var(--accent); color: #fff; }
.top h1 { font-size: 18px; margin: 12px 0; }
.tabs button { background: none; border: 0; color: #fde; font-size: 15px; padding: 14px 16px; cursor: pointer; }
.tabs button[aria-selected="true"] { color: #fff; border-bottom: 3px solid #fff; font-weight: bold; }
.health { margin-left: auto; font-size: 12px; opacity: .85; }
main { max-width: 1100px; margin: 0 auto; padding: 16px 24px 48px; }
.filters { background: #fff; border: 1px solid var(--border); border-radius: 6px; padding: 12px 16px; }
.filters .row { display: flex; flex-wrap: wrap; gap: 12px; align-items: center; margin: 6px 0; }
.filters input[type="search"] { flex: 1; min-width: 240px; padding: 6px 10px; font-size: 15px; }
.filters select, .filters input { padding: 4px 6px; border: 1px solid var(--border); border-radius: 4px; }
button.primary { background: var(--accent); color: #fff; border: 0; border-radius: 4px; padding: 6px 18px;
  cursor: pointer; }
button:disabled { opacity: .5; cursor: default; }
.status { color: var(--muted); }
.status.error { color: #c00; }
.results { list-style: none; padding: 0; margin: 0; }
.results > li { background: #fff; border: 1px solid var(--border); border-radius: 6px; padding: 10px 14px;
  margin: 10px 0; }
.hit-head { display: flex; align-items: baseline; gap: 8px; cursor: pointer; }
.hit-title { font-size: 16px; font-weight: bold; }
.hit-title a { color: #1a4fa0; text-decoration: none; }
.hit-title a:hover { text-decoration: underline; }
.meta { color: var(--muted); font-size: 13px; display: flex; flex-wrap: wrap; gap: 4px 14px; }
.snippet { margin: 4px 0; color: #333; }
mark { background: #ffe58f; color: inherit; padding: 0 1px; }
.badge { display: inline-block; min-width: 24px; text-align: center; border-radius: 4px; padding: 0 6px;
  font-size: 13px; font-weight: bold; color: #fff; flex: none; }
.badge.red { background: #cf1322; }
.badge.orange { background: #fa8c16; }
.badge.yellow { background: #fadb14; color: #5c4a00; }
.badge.green { background: #389e0d; }
.repost { color: #ad4e00; background: #fff7e6; border: 1px solid #ffd591; border-radius: 4px; padding: 0 6px; }
.explain { border-top: 1px dashed var(--border); margin-top: 8px; padding-top: 6px; }
.explain h4 { margin: 6px 0 2px; font-size: 14px; }
.parts { margin: 2px 0; padding-left: 20px; }
.parts .pts { font-weight: bold; margin-left: 8px; }
.parts .neg { color: #389e0d; }
.toggle { background: none; border: 0; color: #1a4fa0; cursor: pointer; padding: 0; font-size: 13px; }
details summary { cursor: pointer; color: #1a4fa0; font-size: 13px; }
.pager { display: flex; gap: 12px; align-items: center; justify-content: center; margin: 12px 0; }
.pager button { padding: 4px 14px; border: 1px solid var(--border); background: #fff; border-radius: 4px;
  cursor: pointer; }
`;
