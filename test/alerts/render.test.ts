import { describe, expect, it } from 'vitest';
import {
  alertSubject,
  escapeMarkdown,
  formatLocalTime,
  renderEmail,
  renderMarkdown,
} from '../../alerts/render.js';
import type { AlertMessage } from '../../alerts/types.js';
import { PLANTED_TITLE, redTip } from './helpers/fixtures.js';

function message(overrides: Partial<AlertMessage> = {}): AlertMessage {
  return { alertId: 'alert-1', tip: redTip(), roundName: '明州市委2026年第四轮巡察', ...overrides };
}

describe('renderEmail', () => {
  it('builds the Chinese subject and a text part with every fact', () => {
    const mail = renderEmail(message({ consoleUrl: 'https://yuqing.example.org/#/tips/x' }));
    expect(mail.subject).toBe(`【红色预警】明州市住房和城乡建设局：${PLANTED_TITLE}`);
    for (const expected of [
      '预警等级：红色预警',
      '巡察轮次：明州市委2026年第四轮巡察',
      '被巡察单位：明州市住房和城乡建设局',
      '巡察组：第一巡察组',
      '所处阶段：进驻阶段',
      `标题：${PLANTED_TITLE}`,
      '来源：明州论坛',
      '发布时间：2026-11-22 09:30',
      '原文链接：http://127.0.0.1:8931/forum/thread-1001.html',
      '风险分值：61',
      '「吃拿卡要」（侵害群众利益）正文 +20',
      '「违规收费」（侵害群众利益）标题 +16',
      '处置入口：https://yuqing.example.org/#/tips/x',
    ]) {
      expect(mail.text).toContain(expected);
    }
  });

  it('colours the level in the HTML part and links the article', () => {
    const { html } = renderEmail(message());
    expect(html).toContain('color:#d93025');
    expect(html).toContain('<a href="http://127.0.0.1:8931/forum/thread-1001.html"');
    expect(html).not.toContain('处置入口');
  });

  it('escapes a hostile title everywhere in the HTML part', () => {
    const title = '<script>alert("x")</script><img src=x onerror=alert(1)> & 明州';
    const { html, subject } = renderEmail(message({ tip: redTip({ title, sourceName: '<b>源</b>' }) }));
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>源');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('&amp; 明州');
    expect(subject).toContain('<script>');
  });

  it('never makes a non-http link clickable', () => {
    const { html } = renderEmail(message({ tip: redTip({ url: 'javascript:alert(1)' }) }));
    expect(html).not.toContain('href="javascript');
    expect(html).toContain('javascript:alert(1)');
  });

  it('flattens newlines in a title so the subject stays one line', () => {
    expect(alertSubject(message({ tip: redTip({ title: '第一行\r\n第二行' }) }))).toBe(
      '【红色预警】明州市住房和城乡建设局：第一行 第二行',
    );
  });
});

describe('renderMarkdown', () => {
  it('renders the facts for 企业微信 with its colour syntax', () => {
    const md = renderMarkdown(message(), 'wecom');
    expect(md.split('\n')[0]).toBe(`### 【红色预警】明州市住房和城乡建设局：${PLANTED_TITLE}`);
    expect(md).toContain('> 预警等级：**<font color="warning">红色预警</font>**');
    expect(md).toContain('> 原文链接：[查看原文](http://127.0.0.1:8931/forum/thread-1001.html)');
    expect(md).toContain('> 巡察组：第一巡察组');
  });

  it('uses hex colours and blank-line separated facts for 钉钉', () => {
    const md = renderMarkdown(message(), 'dingtalk');
    expect(md).toContain('<font color="#d93025">红色预警</font>');
    expect(md).toContain('\n\n> 被巡察单位：明州市住房和城乡建设局');
  });

  it('neutralises markdown and tags in web text', () => {
    const md = renderMarkdown(
      message({ tip: redTip({ title: '[点我](http://evil.example) <script>' }) }),
      'wecom',
    );
    expect(md).not.toContain('[点我]');
    expect(md).not.toContain('<script>');
    expect(escapeMarkdown('[a](b) *c* <d>')).toBe('［a］(b) ＊c＊ ＜d＞');
  });
});

describe('helpers', () => {
  it('formats times in Asia/Shanghai and keeps unparsable text', () => {
    expect(formatLocalTime('2026-11-21T23:59:00Z')).toBe('2026-11-22 07:59');
    expect(formatLocalTime('2026-11-22T07:59:00+08:00', 'UTC')).toBe('2026-11-21 23:59');
    expect(formatLocalTime(undefined)).toBe('未知');
    expect(formatLocalTime('昨天 12:30')).toBe('昨天 12:30');
  });
});
