import { afterEach, describe, expect, it } from 'vitest';
import { createChannel } from '../../alerts/channels/index.js';
import type { AlertMessage, Channel } from '../../alerts/types.js';
import { DeliveryError } from '../../core/errors.js';
import { parseCaught, type SmtpCatcher, startSmtpCatcher } from '../helpers/smtp-catcher.js';
import { PLANTED_TITLE, redTip } from './helpers/fixtures.js';

const message: AlertMessage = { alertId: 'alert-1', tip: redTip(), roundName: '明州市委2026年第四轮巡察' };

let catcher: SmtpCatcher | undefined;
let channel: Channel | undefined;
afterEach(async () => {
  await channel?.close?.();
  await catcher?.close();
  channel = undefined;
  catcher = undefined;
});

function emailChannel(smtp: string): Channel {
  channel = createChannel(
    'office-mail',
    { type: 'email', to: ['xunchaban@example.org', 'zuzhang@example.org'], from: 'yuqing@example.org', smtp },
    { timeoutMs: 2_000 },
  );
  return channel;
}

describe('email channel', () => {
  it('delivers a mail with text and HTML parts naming title, unit, level and link', async () => {
    catcher = await startSmtpCatcher();
    const reply = await emailChannel(catcher.url).send(message);
    expect(reply.ok).toBe(true);
    expect(reply.status).toBe(250);
    expect(catcher.mails).toHaveLength(1);
    const [mail] = catcher.mails;
    expect(mail?.from).toBe('yuqing@example.org');
    expect(mail?.to).toEqual(['xunchaban@example.org', 'zuzhang@example.org']);
    const parsed = parseCaught(mail?.raw ?? '');
    expect(parsed.subject).toBe(`【红色预警】明州市住房和城乡建设局：${PLANTED_TITLE}`);
    const text = parsed.parts.find((l) => l.contentType === 'text/plain')?.text ?? '';
    const html = parsed.parts.find((l) => l.contentType === 'text/html')?.text ?? '';
    for (const part of [text, html]) {
      expect(part).toContain(PLANTED_TITLE);
      expect(part).toContain('明州市住房和城乡建设局');
      expect(part).toContain('红色预警');
      expect(part).toContain('http://127.0.0.1:8931/forum/thread-1001.html');
    }
    expect(html).toContain('<table');
  });

  it('authenticates with the credentials of the URL; a refused login is not retryable', async () => {
    catcher = await startSmtpCatcher({ account: { user: 'yuqing', pass: 'pa@ss' } });
    await emailChannel(catcher.url.replace('smtp://', 'smtp://yuqing:pa%40ss@')).send(message);
    expect(catcher.mails.map((m) => m.user)).toEqual(['yuqing']);
    expect(channel?.target).toBe(new URL(catcher.url).host);
    await channel?.close?.();

    const error = await emailChannel(catcher.url.replace('smtp://', 'smtp://yuqing:wrong@'))
      .send(message)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeliveryError);
    expect((error as DeliveryError).retryable).toBe(false);
    expect((error as DeliveryError).message).not.toContain('wrong');
    expect(catcher.mails).toHaveLength(1);
  });

  it('maps a permanent 5xx reply to a non-retryable error and a 4xx reply to a retryable one', async () => {
    catcher = await startSmtpCatcher({ reject: { code: 554, message: 'Message rejected' } });
    const permanent = await emailChannel(catcher.url)
      .send(message)
      .catch((e: unknown) => e);
    expect(permanent).toBeInstanceOf(DeliveryError);
    expect((permanent as DeliveryError).retryable).toBe(false);
    await channel?.close?.();
    await catcher.close();

    catcher = await startSmtpCatcher({ reject: { code: 451, message: 'Try again later' } });
    const temporary = await emailChannel(catcher.url)
      .send(message)
      .catch((e: unknown) => e);
    expect((temporary as DeliveryError).retryable).toBe(true);
  });

  it('maps a refused connection to a retryable error that does not reveal the password', async () => {
    catcher = await startSmtpCatcher();
    const url = catcher.url.replace('smtp://', 'smtp://user:topsecret@');
    await catcher.close();
    catcher = undefined;
    const error = await emailChannel(url)
      .send(message)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeliveryError);
    expect((error as DeliveryError).retryable).toBe(true);
    expect((error as DeliveryError).message).not.toContain('topsecret');
  });
});
