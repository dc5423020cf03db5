import type { TextPool } from './source-text.js';
import { pick, seededRandom } from './timing.js';

/** A generated article: its plain text and the HTML page it is served as. */
export interface BenchArticle {
  title: string;
  body: string;
  html: string;
  /** ISO 8601 with the +08:00 offset, as shown on the page. */
  publishedAt: string;
}

/** How to build the corpus. */
export interface CorpusOptions {
  count: number;
  seed: number;
  /** Unit names and aliases to mention in some articles, so unit matching and the unit filter have work. */
  mentions: readonly string[];
  /** Risk terms (from the lexicon) to put next to those mentions. */
  riskTerms: readonly string[];
}

const MIN_CHARS = 500;
const MAX_CHARS = 10_000;
const SITE = '明州新闻网';
// Publish times span the example round's phases (entry Nov 2026 … rectification Jun 2027).
const FIRST_DAY = Date.UTC(2026, 9, 1);
const DAYS = 300;

/**
 * Articles of 0.5–10 k characters (log-uniform, so short news items dominate as on real sites), each a run of
 * consecutive paragraphs of one pool text from a random paragraph on, followed by runs of further texts while it
 * is too short; about half of them get one complaint sentence naming a unit and risk terms.
 *
 * Why runs of whole texts rather than single paragraphs drawn at random: a long article stitched from many
 * random paragraphs is a sample of the whole pool, and its SimHash drifts towards the pool's average (two such
 * 8 k-character articles were a median 8 bits apart, two real long articles 23), so long articles joined each
 * other's clusters as near-duplicates far more often than in a real feed (on 2,000 articles: 29 % against 20 %).
 */
export function buildArticles(pool: TextPool, options: CorpusOptions): BenchArticle[] {
  const random = seededRandom(options.seed);
  return Array.from({ length: options.count }, () => buildOne(pool, options, random));
}

function buildOne(pool: TextPool, options: CorpusOptions, random: () => number): BenchArticle {
  const target = Math.round(MIN_CHARS * (MAX_CHARS / MIN_CHARS) ** random());
  const paragraphs: string[] = [];
  let length = 0;
  while (length < target) {
    const text = pick(random, pool.documents);
    for (let i = Math.floor(random() * text.length); i < text.length && length < target; i++) {
      const p = text[i] as string;
      paragraphs.push(p);
      length += p.length;
    }
  }
  if (options.mentions.length > 0 && options.riskTerms.length > 0 && random() < 0.5) {
    const sentence = complaint(random, options);
    paragraphs.splice(Math.floor(random() * (paragraphs.length + 1)), 0, sentence);
  }
  const body = fitLength(paragraphs);
  const title =
    random() < 0.3
      ? `${pick(random, pool.headings)} ${pick(random, pool.headings)}`
      : pick(random, pool.headings);
  const shown = pageTime(FIRST_DAY + random() * DAYS * 86_400_000);
  return {
    title,
    body,
    html: toHtml(title, body, shown),
    publishedAt: `${shown.replace(' ', 'T')}:00+08:00`,
  };
}

function complaint(random: () => number, options: CorpusOptions): string {
  const unit = pick(random, options.mentions);
  const a = pick(random, options.riskTerms);
  const b = pick(random, options.riskTerms);
  return `有群众在网上反映，${unit}在办理业务过程中存在${a}、${b}等问题，希望有关部门调查核实并督促整改。`;
}

/** Drop whole paragraphs beyond the maximum, keeping at least one (cut at a sentence end if it is too long). */
function fitLength(paragraphs: readonly string[]): string {
  const kept: string[] = [];
  let length = 0;
  for (const p of paragraphs) {
    if (length + p.length > MAX_CHARS && kept.length > 0) break;
    kept.push(p);
    length += p.length;
  }
  const body = kept.join('\n');
  if (body.length <= MAX_CHARS) return body;
  const cut = body.slice(0, MAX_CHARS);
  return cut.slice(0, cut.lastIndexOf('。') + 1) || cut;
}

/** Beijing wall-clock time 'YYYY-MM-DD HH:MM' of an epoch time. */
function pageTime(epochMs: number): string {
  return new Date(epochMs + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

const escapeHtml = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

/** A plain news page: navigation, headline, byline, paragraphs, related links and a footer. */
function toHtml(title: string, body: string, shown: string): string {
  const paragraphs = body
    .split('\n')
    .map((p) => `<p>${escapeHtml(p)}</p>`)
    .join('\n');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(title)}_${SITE}</title>
<meta property="og:site_name" content="${SITE}"></head>
<body><div class="nav"><a href="/">首页</a> <a href="/news/">本地新闻</a> <a href="/gov/">政务公开</a></div>
<div class="article"><h1>${escapeHtml(title)}</h1>
<div class="info">发布时间：${shown} 来源：${SITE}</div>
<div class="content">
${paragraphs}
</div></div>
<div class="related"><h3>相关新闻</h3><ul><li><a href="/news/1.html">市政府召开常务会议</a></li>
<li><a href="/news/2.html">我市开展安全生产大检查</a></li></ul></div>
<div class="footer">版权所有 ${SITE} 未经授权禁止转载</div></body></html>`;
}
