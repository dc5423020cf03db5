import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createChannel, createChannels } from '../../alerts/channels/index.js';
import { WEBHOOK_SIGNATURE_HEADER } from '../../alerts/channels/webhook.js';
import type { AlertMessage } from '../../alerts/types.js';
import { DeliveryError } from '../../core/errors.js';
import { type Receiver, type Responder, startReceiver } from '../helpers/http-receiver.js';
import { PLANTED_TITLE, redTip } from './helpers/fixtures.js';

const message: AlertMessage = {
  alertId: 'alert-1',
  tip: redTip(),
  roundName: '明州市委2026年第四轮巡察',
  consoleUrl: 'https://yuqing.example.org/#/tips/0123456789abcdef01234567',
};

let receiver: Receiver | undefined;
afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

async function receive(respond?: Responder): Promise<Receiver> {
  receiver = await startReceiver(respond);
  return receiver;
}

async function deliveryError(promise: Promise<unknown>): Promise<DeliveryError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DeliveryError);
  return error as DeliveryError;
}

describe('企业微信 channel', () => {
  it('posts a markdown message and reports success on errcode 0', async () => {
    const r = await receive();
    const channel = createChannel('office-wecom', {
      type: 'wecom',
      url: `${r.url}/cgi-bin/webhook/send?key=K`,
    });
    const reply = await channel.send(message);
    expect(reply).toMatchObject({ ok: true, status: 200 });
    expect(channel.target).toBe(new URL(r.url).host);
    const [req] = r.requests;
    expect(req?.query.get('key')).toBe('K');
    const body = req?.body as { msgtype: string; markdown: { content: string } };
    expect(body.msgtype).toBe('markdown');
    expect(Object.keys(body.markdown)).toEqual(['content']);
    expect(body.markdown.content).toContain(PLANTED_TITLE);
    expect(body.markdown.content).toContain('被巡察单位：明州市住房和城乡建设局');
    expect(body.markdown.content).toContain(
      '[在控制台处置](https://yuqing.example.org/#/tips/0123456789abcdef01234567)',
    );
  });

  it('treats errcode 45009 (rate limit) as retryable and a bad key as not', async () => {
    const r = await receive((_req, n) => ({
      body:
        n === 0
          ? { errcode: 45009, errmsg: 'api freq out of limit' }
          : { errcode: 93000, errmsg: 'invalid key' },
    }));
    const channel = createChannel('w', { type: 'wecom', url: `${r.url}/send?key=SECRETKEY` });
    const limited = await deliveryError(channel.send(message));
    expect(limited.retryable).toBe(true);
    expect(limited.message).toContain('45009');
    const invalid = await deliveryError(channel.send(message));
    expect(invalid.retryable).toBe(false);
    expect(invalid.message).not.toContain('SECRETKEY');
  });
});

describe('钉钉 channel', () => {
  it('posts markdown with title and text, signed as 加签 requires', async () => {
    const r = await receive();
    const secret = 'SEC0123456789abcdef';
    const channel = createChannel('ding', {
      type: 'dingtalk',
      url: `${r.url}/robot/send?access_token=T`,
      secret,
    });
    await channel.send(message);
    const [req] = r.requests;
    expect(req?.query.get('access_token')).toBe('T');
    const timestamp = req?.query.get('timestamp') ?? '';
    expect(Math.abs(Number(timestamp) - Date.now())).toBeLessThan(60_000);
    // The receiver recomputes the signature as 钉钉 documents it.
    const expected = createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64');
    expect(req?.query.get('sign')).toBe(expected);
    const body = req?.body as { msgtype: string; markdown: { title: string; text: string } };
    expect(body.msgtype).toBe('markdown');
    expect(body.markdown.title).toContain('【红色预警】');
    expect(body.markdown.text).toContain(PLANTED_TITLE);
    expect(body.markdown.text).toContain('<font color="#d93025">');
  });

  it('does not sign without a secret', async () => {
    const r = await receive();
    await createChannel('ding', { type: 'dingtalk', url: `${r.url}/robot/send?access_token=T` }).send(
      message,
    );
    expect(r.requests[0]?.query.has('sign')).toBe(false);
    expect(r.requests[0]?.query.has('timestamp')).toBe(false);
  });

  it('treats errcode 130101 as retryable and 310000 (bad signature) as not', async () => {
    const r = await receive((_req, n) => ({
      body:
        n === 0
          ? { errcode: 130101, errmsg: 'send too fast' }
          : { errcode: 310000, errmsg: 'sign not match' },
    }));
    const channel = createChannel('ding', { type: 'dingtalk', url: `${r.url}/robot/send?access_token=T` });
    expect((await deliveryError(channel.send(message))).retryable).toBe(true);
    const bad = await deliveryError(channel.send(message));
    expect(bad.retryable).toBe(false);
    expect(bad.code).toBe('E_DELIVERY');
    expect(bad.channel).toBe('ding');
  });
});

describe('飞书 channel', () => {
  it('posts an interactive card coloured by level, with a verifiable signature', async () => {
    const r = await receive(() => ({ body: { code: 0, msg: 'success', data: {} } }));
    const secret = 'feishu-secret';
    const channel = createChannel('fs', {
      type: 'feishu',
      url: `${r.url}/open-apis/bot/v2/hook/abc`,
      secret,
    });
    expect((await channel.send(message)).ok).toBe(true);
    const body = r.requests[0]?.body as {
      timestamp: string;
      sign: string;
      msg_type: string;
      card: {
        header: { title: { content: string }; template: string };
        elements: { tag: string; content: string }[];
      };
    };
    expect(body.msg_type).toBe('interactive');
    expect(body.card.header.template).toBe('red');
    expect(body.card.header.title.content).toContain('【红色预警】明州市住房和城乡建设局');
    expect(body.card.elements[0]?.tag).toBe('markdown');
    expect(body.card.elements[0]?.content).toContain(PLANTED_TITLE);
    expect(Math.abs(Number(body.timestamp) - Date.now() / 1000)).toBeLessThan(60);
    const expected = createHmac('sha256', `${body.timestamp}\n${secret}`).update('').digest('base64');
    expect(body.sign).toBe(expected);
  });

  it('uses the level colour as card template and accepts the legacy StatusCode reply', async () => {
    const r = await receive(() => ({ body: { StatusCode: 0, StatusMessage: 'success' } }));
    const channel = createChannel('fs', { type: 'feishu', url: `${r.url}/hook` });
    await channel.send({ ...message, tip: redTip({ level: 'orange' }) });
    const body = r.requests[0]?.body as { card: { header: { template: string } }; sign?: string };
    expect(body.card.header.template).toBe('orange');
    expect(body.sign).toBeUndefined();
  });

  it('treats a signature failure code as not retryable', async () => {
    const r = await receive(() => ({
      body: { code: 19021, msg: 'sign match fail or timestamp is not within one hour' },
    }));
    const error = await deliveryError(
      createChannel('fs', { type: 'feishu', url: `${r.url}/hook` }).send(message),
    );
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('19021');
  });
});

describe('generic webhook channel', () => {
  it('posts the version-1 document and signs it when a secret is set', async () => {
    const r = await receive(() => ({ status: 204 }));
    const channel = createChannel('hook', { type: 'webhook', url: `${r.url}/in`, secret: 's3' });
    expect((await channel.send(message)).ok).toBe(true);
    const [req] = r.requests;
    expect(req?.body).toEqual({
      schemaVersion: 1,
      type: 'tip',
      alertId: 'alert-1',
      upgrade: false,
      tip: redTip(),
      roundName: '明州市委2026年第四轮巡察',
      consoleUrl: message.consoleUrl,
    });
    const expected = `sha256=${createHmac('sha256', 's3')
      .update(req?.raw ?? '')
      .digest('hex')}`;
    expect(req?.headers[WEBHOOK_SIGNATURE_HEADER]).toBe(expected);
  });
});

describe('HTTP failure mapping', () => {
  const cases: [string, number, boolean][] = [
    ['a 500', 500, true],
    ['a 503', 503, true],
    ['a 429', 429, true],
    ['a 400', 400, false],
    ['a 404', 404, false],
    ['a redirect', 302, false],
  ];
  for (const [what, status, retryable] of cases) {
    it(`maps ${what} to retryable=${retryable}`, async () => {
      const r = await receive(() => ({ status, body: { error: 'x' } }));
      const error = await deliveryError(
        createChannel('hook', { type: 'webhook', url: `${r.url}/in` }).send(message),
      );
      expect(error.retryable).toBe(retryable);
      expect(error.message).toContain(`HTTP ${status}`);
    });
  }

  it('maps a timeout to a retryable error', async () => {
    const r = await receive(() => ({ delayMs: 1_000 }));
    const channel = createChannel('w', { type: 'wecom', url: `${r.url}/send` }, { timeoutMs: 100 });
    const error = await deliveryError(channel.send(message));
    expect(error.retryable).toBe(true);
    expect(error.message).toContain('no answer within 100 ms');
  });

  it('maps a refused connection to a retryable error', async () => {
    const r = await receive();
    const url = `${r.url}/send`;
    await r.close();
    receiver = undefined;
    const error = await deliveryError(createChannel('w', { type: 'wecom', url }).send(message));
    expect(error.retryable).toBe(true);
    expect(error.message).toContain('network error');
  });
});

describe('createChannels', () => {
  it('builds one channel per configured name with its type', () => {
    const channels = createChannels({
      'office-mail': {
        type: 'email',
        to: ['a@example.org'],
        from: 'b@example.org',
        smtp: 'smtp://u:pw@127.0.0.1:1',
      },
      'office-wecom': { type: 'wecom', url: 'http://127.0.0.1:1/hooks/wecom?key=k' },
      ding: { type: 'dingtalk', url: 'http://127.0.0.1:1/robot' },
      fs: { type: 'feishu', url: 'http://127.0.0.1:1/hook' },
      hook: { type: 'webhook', url: 'http://127.0.0.1:1/in' },
    });
    expect([...channels].map(([name, c]) => [name, c.name, c.type])).toEqual([
      ['office-mail', 'office-mail', 'email'],
      ['office-wecom', 'office-wecom', 'wecom'],
      ['ding', 'ding', 'dingtalk'],
      ['fs', 'fs', 'feishu'],
      ['hook', 'hook', 'webhook'],
    ]);
    expect(channels.get('office-mail')?.target).toBe('127.0.0.1:1');
    expect(channels.get('office-wecom')?.target).toBe('127.0.0.1:1');
  });
});
