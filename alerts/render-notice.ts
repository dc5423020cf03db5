import { escapeHtml } from '../core/html.js';
import type { Notice, NoticeAttachment } from '../core/types.js';
import { escapeMarkdown, type MarkdownFlavor, oneLine } from './render.js';

/** A rendered notice email; attachments are decoded for the mailer. */
export interface RenderedNoticeEmail {
  subject: string;
  text: string;
  html: string;
  attachments: { filename: string; contentType: string; content: Buffer }[];
}

const NOTICE_FOOTER = '本消息由巡察舆情监测系统自动发送。';
const MAX_ROBOT_LINES = 60;

/** Size of an attachment in KB, for the line that names it. */
function sizeText(attachment: NoticeAttachment): string {
  const bytes = Math.floor((attachment.contentBase64.length * 3) / 4);
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** The line naming an attachment a robot cannot carry. */
export function attachmentLine(attachment: NoticeAttachment): string {
  return `附件：${oneLine(attachment.filename, 120)}（${sizeText(attachment)}，见邮件）`;
}

/** Subject line of a notice, bounded. */
export function noticeSubject(notice: Notice): string {
  return oneLine(notice.title, 200);
}

/** Email of a notice: its own HTML when given (digests), else the lines as escaped paragraphs. */
export function renderNoticeEmail(notice: Notice): RenderedNoticeEmail {
  const subject = noticeSubject(notice);
  const text = [subject, '', ...notice.lines, '', NOTICE_FOOTER].join('\n');
  const html =
    notice.html ??
    [
      '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">',
      `<title>${escapeHtml(subject)}</title></head>`,
      "<body style=\"margin:0;padding:12px;font-family:-apple-system,'PingFang SC','Microsoft YaHei',sans-serif\">",
      '<div style="max-width:640px;margin:0 auto;border-top:4px solid #1a73e8">',
      `<h2 style="font-size:18px;margin:12px 8px">${escapeHtml(subject)}</h2>`,
      ...notice.lines.map(
        (l) => `<p style="margin:6px 8px;font-size:14px;line-height:1.5">${escapeHtml(l)}</p>`,
      ),
      `<p style="margin:16px 8px;font-size:12px;color:#80868b">${escapeHtml(NOTICE_FOOTER)}</p>`,
      '</div></body></html>',
    ].join('\n');
  const attachments = (notice.attachments ?? []).map((a) => ({
    filename: a.filename,
    contentType: a.contentType,
    content: Buffer.from(a.contentBase64, 'base64'),
  }));
  return { subject, text, html, attachments };
}

/** Markdown of a notice for a robot: heading, the lines (bounded), and the names of attached files. */
export function renderNoticeMarkdown(
  notice: Notice,
  flavor: MarkdownFlavor,
  options: { withHeading?: boolean } = {},
): string {
  const lines: string[] = [];
  if (options.withHeading !== false) lines.push(`### ${escapeMarkdown(noticeSubject(notice))}`);
  const body = notice.lines.slice(0, MAX_ROBOT_LINES).map((l) => escapeMarkdown(oneLine(l, 300)));
  if (notice.lines.length > MAX_ROBOT_LINES) body.push(`……另有 ${notice.lines.length - MAX_ROBOT_LINES} 行`);
  lines.push(...body);
  for (const a of notice.attachments ?? []) lines.push(escapeMarkdown(attachmentLine(a)));
  // 钉钉 joins single newlines into one paragraph; a blank line keeps one line per line.
  return lines.join(flavor === 'dingtalk' ? '\n\n' : '\n');
}
