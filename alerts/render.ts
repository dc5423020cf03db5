import { DateTime } from 'luxon';
import { escapeHtml } from '../core/html.js';
import { type Level, PHASE_LABELS, type ScorePart } from '../core/types.js';
import type { AlertMessage } from './types.js';

/** Display colour of each level (hex), shared by the email and the robots that accept colours. */
export const LEVEL_COLOURS: Readonly<Record<Level, string>> = {
  red: '#d93025',
  orange: '#e8710a',
  yellow: '#c99a00',
  green: '#188038',
};

/** Chinese name of each level as used in alert headlines (红色预警 …). */
export const LEVEL_NAMES: Readonly<Record<Level, string>> = {
  red: '红色',
  orange: '橙色',
  yellow: '黄色',
  green: '绿色',
};

/** Options shared by the renderers. */
export interface RenderOptions {
  /** IANA zone for the publish time text; default Asia/Shanghai. */
  timeZone?: string;
}

/** A rendered email. */
export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

/** Markdown dialect of a robot: they differ in colour syntax and line breaks. */
export type MarkdownFlavor = 'wecom' | 'dingtalk' | 'feishu';

const MAX_TITLE = 200;
const MAX_TERMS = 10;

/** Single-line, bounded text: titles come from the web and may carry newlines or be huge. */
export function oneLine(text: string, max = MAX_TITLE): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** The URL when it is http(s), else undefined: a javascript: link must never become clickable. */
export function safeHttpUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

/** Local wall-clock text (yyyy-MM-dd HH:mm) of an ISO time; the raw text when it does not parse. */
export function formatLocalTime(iso: string | undefined, timeZone = 'Asia/Shanghai'): string {
  if (!iso) return '未知';
  const dt = DateTime.fromISO(iso, { setZone: true });
  return dt.isValid ? dt.setZone(timeZone).toFormat('yyyy-MM-dd HH:mm') : iso;
}

/** Headline, e.g. `【红色预警】明州市住房和城乡建设局：<title>`. */
export function alertSubject(message: AlertMessage): string {
  const { tip } = message;
  const upgrade = message.upgrade ? '【升级】' : message.realert ? '【再次提醒】' : '';
  return `${upgrade}【${LEVEL_NAMES[tip.level]}预警】${oneLine(tip.unitName, 60)}：${oneLine(tip.title)}`;
}

/** One matched term as text, e.g. `「违规收费」（侵害群众利益）标题 +16`. */
export function termText(part: ScorePart): string {
  const category = part.category ? `（${oneLine(part.category, 40)}）` : '';
  const where = part.where === 'title' ? '标题' : part.where === 'body' ? '正文' : '';
  const points = part.points >= 0 ? `+${formatNumber(part.points)}` : formatNumber(part.points);
  return `「${oneLine(part.term ?? part.label, 40)}」${category}${where} ${points}`.trim();
}

/** Where a term occurs in its context: the context split around each occurrence of the term (none: one piece). */
export function splitOnTerm(context: string, term: string | undefined): string[] {
  return term ? context.split(term) : [context];
}

/** A term's context as plain text in quotes, e.g. `“…乡政府违规收费一事…”`; empty without context. */
export function termContextText(part: ScorePart): string {
  return part.context ? `“${oneLine(part.context, 80)}”` : '';
}

// The context as HTML with every occurrence of the term in bold; all web text escaped.
function termContextHtml(part: ScorePart): string {
  if (!part.context) return '';
  const term = part.term ? oneLine(part.term, 40) : undefined;
  const pieces = splitOnTerm(oneLine(part.context, 80), term).map(escapeHtml);
  return `“${pieces.join(`<strong>${escapeHtml(term ?? '')}</strong>`)}”`;
}

// The context as markdown with the term in bold; the pieces are neutralised so web text cannot inject syntax.
function termContextMarkdown(part: ScorePart): string {
  if (!part.context) return '';
  const term = part.term ? oneLine(part.term, 40) : undefined;
  const pieces = splitOnTerm(oneLine(part.context, 80), term).map(escapeMarkdown);
  return `“${pieces.join(`**${escapeMarkdown(term ?? '')}**`)}”`;
}

/** The lexicon-term parts, strongest first, bounded so a message stays readable on a phone. */
export function termParts(parts: readonly ScorePart[]): ScorePart[] {
  return parts
    .filter((p) => p.kind === 'term')
    .sort((a, b) => b.points - a.points)
    .slice(0, MAX_TERMS);
}

function formatNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}

interface Field {
  label: string;
  value: string;
  /** Render as a link to this URL. */
  href?: string;
  level?: Level;
  /** The matched-term field: rendered per term with its context (the term in bold where the format allows). */
  terms?: ScorePart[];
}

// The facts of an alert in display order; every renderer lays out the same list.
function fields(message: AlertMessage, options: RenderOptions): Field[] {
  const { tip } = message;
  const out: Field[] = [
    {
      label: '预警等级',
      value: `${LEVEL_NAMES[tip.level]}预警${levelNote(message)}`,
      level: tip.level,
    },
    { label: '巡察轮次', value: oneLine(message.roundName, 80) },
    { label: '被巡察单位', value: oneLine(tip.unitName, 80) },
  ];
  if (tip.team) out.push({ label: '巡察组', value: oneLine(tip.team, 60) });
  if (tip.phase) out.push({ label: '所处阶段', value: `${PHASE_LABELS[tip.phase]}阶段` });
  out.push(
    { label: '标题', value: oneLine(tip.title) },
    { label: '来源', value: oneLine(tip.sourceName, 80) },
    { label: '发布时间', value: formatLocalTime(tip.publishedAt, options.timeZone) },
  );
  const link = safeHttpUrl(tip.url);
  out.push({ label: '原文链接', value: link ?? oneLine(tip.url), ...(link && { href: link }) });
  out.push({ label: '风险分值', value: formatNumber(tip.score) });
  const terms = termParts(tip.parts);
  const termLine = (p: ScorePart) => [termText(p), termContextText(p)].filter(Boolean).join(' ');
  out.push({
    label: '命中词',
    value: terms.length > 0 ? terms.map(termLine).join('；') : '无',
    ...(terms.length > 0 && { terms }),
  });
  const spread = tip.parts.find((p) => p.kind === 'spread');
  if (spread)
    out.push({ label: '传播情况', value: `${oneLine(spread.label, 80)} +${formatNumber(spread.points)}` });
  // The rectification-ledger problems the item is about (issue 20), so the team sees it is a recurrence.
  const problems = tip.parts.filter((p) => p.kind === 'problem');
  if (problems.length > 0) {
    out.push({
      label: '涉及已反馈问题',
      value: problems.map((p) => oneLine(p.label.replace(/^涉及已反馈问题：/, ''), 120)).join('；'),
    });
  }
  const consoleLink = safeHttpUrl(message.consoleUrl);
  if (consoleLink) out.push({ label: '处置入口', value: consoleLink, href: consoleLink });
  return out;
}

function levelNote(message: AlertMessage): string {
  if (message.upgrade) return '（升级：事件扩散或风险上升）';
  if (message.realert) return '（再次提醒：事件仍在发酵，同一等级再次推送）';
  return '';
}

/** The email of an alert: subject, plain text and an HTML part in which every value is escaped. */
export function renderEmail(message: AlertMessage, options: RenderOptions = {}): RenderedEmail {
  const subject = alertSubject(message);
  const list = fields(message, options);
  const text = [subject, '', ...list.map((f) => `${f.label}：${f.value}`), '', FOOTER].join('\n');
  const rows = list.map((f) => {
    let value = escapeHtml(f.value);
    if (f.terms) value = termsHtml(f.terms);
    if (f.href)
      value = `<a href="${escapeHtml(f.href)}" style="color:#1a73e8;word-break:break-all">${value}</a>`;
    if (f.level) value = `<strong style="color:${LEVEL_COLOURS[f.level]}">${value}</strong>`;
    return (
      `<tr><td style="padding:6px 8px;color:#5f6368;white-space:nowrap;vertical-align:top">${escapeHtml(f.label)}</td>` +
      `<td style="padding:6px 8px;word-break:break-word">${value}</td></tr>`
    );
  });
  const colour = LEVEL_COLOURS[message.tip.level];
  const html = [
    '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(subject)}</title></head>`,
    "<body style=\"margin:0;padding:12px;font-family:-apple-system,'PingFang SC','Microsoft YaHei',sans-serif\">",
    `<div style="max-width:640px;margin:0 auto;border-top:4px solid ${colour}">`,
    `<h2 style="font-size:18px;line-height:1.4;margin:12px 8px;color:${colour}">${escapeHtml(subject)}</h2>`,
    `<table style="width:100%;border-collapse:collapse;font-size:14px;line-height:1.5">${rows.join('')}</table>`,
    `<p style="margin:16px 8px;font-size:12px;color:#80868b">${escapeHtml(FOOTER)}</p>`,
    '</div></body></html>',
  ].join('\n');
  return { subject, text, html };
}

// One line per matched term: the term in bold, its category, field and points, then its context.
function termsHtml(terms: readonly ScorePart[]): string {
  const items = terms.map((p) => {
    const head = `<strong>「${escapeHtml(oneLine(p.term ?? p.label, 40))}」</strong>${escapeHtml(termText(p).replace(/^「[^」]*」/, ''))}`;
    const context = termContextHtml(p);
    return `<li>${head}${context ? `<br><span style="color:#5f6368">${context}</span>` : ''}</li>`;
  });
  return `<ul style="margin:0;padding-left:18px">${items.join('')}</ul>`;
}

const FOOTER = '本邮件由巡察舆情监测系统自动发送，请及时研判处置。';

/** Neutralises markdown/HTML syntax in web text so a title cannot inject links, tags or formatting. */
export function escapeMarkdown(text: string): string {
  const map: Record<string, string> = { '<': '＜', '>': '＞', '[': '［', ']': '］', '*': '＊', '`': '｀' };
  return text.replace(/[<>[\]*`]/g, (c) => map[c] ?? c);
}

// A URL inside [text](url) must not close the parenthesis or contain spaces.
function markdownUrl(url: string): string {
  return url.replace(/[()<> ]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

function colourMarkdown(text: string, level: Level, flavor: MarkdownFlavor): string {
  if (flavor === 'wecom') return `<font color="${level === 'green' ? 'info' : 'warning'}">${text}</font>`;
  if (flavor === 'dingtalk') return `<font color="${LEVEL_COLOURS[level]}">${text}</font>`;
  return text;
}

function termMarkdown(p: ScorePart): string {
  const context = termContextMarkdown(p);
  return `${escapeMarkdown(termText(p))}${context ? ` ${context}` : ''}`;
}

/** Markdown text of an alert for a robot; `withHeading` false when the robot shows the subject itself. */
export function renderMarkdown(
  message: AlertMessage,
  flavor: MarkdownFlavor,
  options: RenderOptions & { withHeading?: boolean } = {},
): string {
  const lines: string[] = [];
  if (options.withHeading !== false) lines.push(`### ${escapeMarkdown(alertSubject(message))}`);
  for (const f of fields(message, options)) {
    let value = escapeMarkdown(f.value);
    if (f.terms) value = f.terms.map(termMarkdown).join('；');
    if (f.href) value = `[${f.label === '处置入口' ? '在控制台处置' : '查看原文'}](${markdownUrl(f.href)})`;
    if (f.level) value = `**${colourMarkdown(value, f.level, flavor)}**`;
    // 飞书 card markdown has no block quotes; the others render `>` as a tidy grey block.
    lines.push(flavor === 'feishu' ? `**${f.label}**：${value}` : `> ${f.label}：${value}`);
  }
  // 钉钉 joins single newlines into one paragraph; a blank line keeps one fact per line.
  return lines.join(flavor === 'dingtalk' ? '\n\n' : '\n');
}
