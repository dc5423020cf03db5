import { afterEach, describe, expect, it } from 'vitest';
import { closeChannels, createChannels } from '../../alerts/channels/index.js';
import type { Notice } from '../../core/types.js';
import { type Receiver, startReceiver } from '../helpers/http-receiver.js';
import { mailText, type SmtpCatcher, startSmtpCatcher } from '../helpers/smtp-catcher.js';

const NOTICE: Notice = {
  kind: 'digest',
  title: '巡察舆情日报（2026-11-22）',
  lines: ['红色线索 2 条', '<b>标题</b> [链接](javascript:x)'],
  attachments: [
    {
      filename: '日报.docx',
      contentType: 'application/octet-stream',
      contentBase64: Buffer.from('DOCX').toString('base64'),
    },
  ],
};

let receiver: Receiver | undefined;
let catcher: SmtpCatcher | undefined;
let channels: ReturnType<typeof createChannels> | undefined;

afterEach(async () => {
  if (channels) await closeChannels(channels);
  await receiver?.close();
  await catcher?.close();
  receiver = catcher = channels = undefined;
});

describe('sendNotice', () => {
  it('mails a notice with text, escaped HTML and the attachment', async () => {
    catcher = await startSmtpCatcher();
    channels = createChannels({
      mail: { type: 'email', to: ['a@example.org'], from: 'y@example.org', smtp: catcher.url },
    });
    expect((await channels.get('mail')?.sendNotice(NOTICE))?.ok).toBe(true);
    const raw = catcher.mails[0]?.raw ?? '';
    const text = mailText(raw);
    expect(text).toContain('巡察舆情日报（2026-11-22）');
    expect(text).toContain('红色线索 2 条');
    expect(text).toContain('&lt;b&gt;标题&lt;/b&gt;');
    expect(raw).toContain(Buffer.from('DOCX').toString('base64'));
    expect(raw).toMatch(/Content-Disposition: attachment/i);
  });

  it('posts a notice to each robot in its own format, naming the attachment', async () => {
    receiver = await startReceiver((req) => (req.path === '/feishu' ? { body: { code: 0 } } : {}));
    channels = createChannels({
      wecom: { type: 'wecom', url: `${receiver.url}/wecom` },
      ding: { type: 'dingtalk', url: `${receiver.url}/ding`, secret: 'S' },
      feishu: { type: 'feishu', url: `${receiver.url}/feishu` },
      hook: { type: 'webhook', url: `${receiver.url}/hook` },
    });
    for (const channel of channels.values()) expect((await channel.sendNotice(NOTICE)).ok).toBe(true);
    const [wecom, ding, feishu, hook] = receiver.requests;
    expect(wecom?.body).toMatchObject({ msgtype: 'markdown' });
    expect(JSON.stringify(wecom?.body)).toContain('附件：日报.docx');
    expect(JSON.stringify(wecom?.body)).not.toContain('<b>');
    expect(ding?.body).toMatchObject({
      msgtype: 'markdown',
      markdown: { title: '巡察舆情日报（2026-11-22）' },
    });
    expect(ding?.query.get('sign')).toBeTruthy();
    expect(feishu?.body).toMatchObject({ msg_type: 'interactive', card: { header: { template: 'blue' } } });
    expect(hook?.body).toEqual({
      schemaVersion: 1,
      type: 'notice',
      notice: {
        kind: 'digest',
        title: NOTICE.title,
        lines: NOTICE.lines,
        attachments: [{ filename: '日报.docx', contentType: 'application/octet-stream', bytes: 4 }],
      },
    });
  });
});
