import { afterEach, describe, expect, it } from 'vitest';
import { createChannel } from '../../alerts/channels/index.js';
import { renderMarkdown } from '../../alerts/render.js';
import type { AlertMessage, Channel } from '../../alerts/types.js';
import type { ScorePart } from '../../core/types.js';
import { assess, TERM_CONTEXT_MAX, termContext } from '../../pipeline/score.js';
import { parseCaught, type SmtpCatcher, startSmtpCatcher } from '../helpers/smtp-catcher.js';
import { demoRound, redTip } from './helpers/fixtures.js';

const TERM: ScorePart = {
  kind: 'term',
  label: '正文命中「吃拿卡要」',
  term: '吃拿卡要',
  category: '侵害群众利益',
  where: 'body',
  weight: 10,
  count: 1,
  points: 20,
  context: '…窗口人员<script>alert(1)</script>对办事群众吃拿卡要，多次…',
};

const message: AlertMessage = {
  alertId: 'alert-ctx',
  tip: redTip({ parts: [TERM, { kind: 'phase', label: '进驻期间', phase: 'entry', points: 5 }] }),
  roundName: '明州市委2026年第四轮巡察',
};

let catcher: SmtpCatcher | undefined;
let channel: Channel | undefined;
afterEach(async () => {
  await channel?.close?.();
  await catcher?.close();
  channel = undefined;
  catcher = undefined;
});

describe('matched terms with context', () => {
  it('the scorer keeps a plain snippet of at most 60 characters around the first occurrence', () => {
    const body = `${'前文'.repeat(40)}明州市住建局工作人员吃拿卡要，群众反映强烈。${'后文'.repeat(40)}`;
    const result = assess({
      round: demoRound(),
      lexicon: [{ term: '吃拿卡要', weight: 10, category: '侵害群众利益' }],
      title: '',
      body,
      units: [],
    });
    const part = result.parts.find((p) => p.kind === 'term');
    expect(part?.context).toBeDefined();
    expect(part?.context).toContain('住建局工作人员吃拿卡要，群众反映');
    expect(part?.context?.startsWith('…')).toBe(true);
    expect(part?.context?.endsWith('…')).toBe(true);
    expect([...(part?.context ?? '')].length).toBeLessThanOrEqual(TERM_CONTEXT_MAX);
    expect(termContext('短文吃拿卡要。', 2, 6)).toBe('短文吃拿卡要。');
    expect(termContext('a\n\n  b吃拿卡要', 6, 10)).toBe('a b吃拿卡要');
  });

  it('an email shows each term with its escaped context, the term in bold (real SMTP)', async () => {
    catcher = await startSmtpCatcher();
    channel = createChannel(
      'mail',
      { type: 'email', to: ['zu1@example.org'], from: 'yuqing@example.org', smtp: catcher.url },
      { timeoutMs: 2_000 },
    );
    expect((await channel.send(message)).ok).toBe(true);
    const parsed = parseCaught(catcher.mails[0]?.raw ?? '');
    const html = parsed.parts.find((p) => p.contentType === 'text/html')?.text ?? '';
    const text = parsed.parts.find((p) => p.contentType === 'text/plain')?.text ?? '';
    expect(html).toContain('对办事群众<strong>吃拿卡要</strong>，多次');
    expect(html).toContain('&lt;script&gt;');
    expect(html).not.toContain('<script>');
    expect(text).toContain(
      '「吃拿卡要」（侵害群众利益）正文 +20 “…窗口人员<script>alert(1)</script>对办事群众吃拿卡要，多次…”',
    );
  });

  it('robot markdown shows the context with the term in bold and web text neutralised', () => {
    for (const flavor of ['wecom', 'dingtalk', 'feishu'] as const) {
      const md = renderMarkdown(message, flavor);
      expect(md).toContain('对办事群众**吃拿卡要**，多次');
      expect(md).toContain('＜script＞');
      expect(md).not.toContain('<script>');
    }
  });
});
