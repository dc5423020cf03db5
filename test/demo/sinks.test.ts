import { load } from 'cheerio';
import { createTransport } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoSite, startDemoSite } from '../../demo/site.js';

let site: DemoSite;

beforeAll(async () => {
  site = await startDemoSite({ port: 0, smtpPort: 0 });
});
afterAll(async () => {
  await site.close();
});

const post = (path: string, body: string) =>
  fetch(`${site.url}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });

describe('demo webhook sink', () => {
  it('records a robot message, answers like WeCom and lists it newest first', async () => {
    const first = { msgtype: 'text', text: { content: '【红色预警】第一条' } };
    const second = {
      msgtype: 'markdown',
      markdown: { content: '【红色预警】明州市住房和城乡建设局 新线索' },
    };
    const res = await post('/hooks/wecom?key=demo-key', JSON.stringify(first));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ errcode: 0, errmsg: 'ok' });
    await post('/hooks/wecom', JSON.stringify(second));

    const hooks = site.receivedHooks();
    expect(hooks.map((h) => h.body)).toEqual([first, second]);
    expect(hooks[0]).toMatchObject({ name: 'wecom', query: { key: 'demo-key' } });

    const page = await (await fetch(`${site.url}/hooks/`)).text();
    const $ = load(page);
    const entries = $('.entry pre.text')
      .map((_i, el) => $(el).text())
      .get();
    expect(entries.slice(0, 2)).toEqual(['【红色预警】明州市住房和城乡建设局 新线索', '【红色预警】第一条']);
    const json = (await (await fetch(`${site.url}/hooks/?format=json`)).json()) as unknown[];
    expect(json).toHaveLength(2);
  });

  it('rejects a body that is not JSON without recording it', async () => {
    const before = site.receivedHooks().length;
    const res = await post('/hooks/dingtalk', 'not json');
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errcode: number }).errcode).not.toBe(0);
    expect(site.receivedHooks()).toHaveLength(before);
    expect((await fetch(`${site.url}/hooks/wecom`, { method: 'PUT', body: '{}' })).status).toBe(405);
  });
});

describe('demo SMTP catcher', () => {
  it('reports the port it bound and lists a mail sent with nodemailer', async () => {
    expect(site.smtpPort).toBeGreaterThan(0);
    const transport = createTransport({
      host: '127.0.0.1',
      port: site.smtpPort,
      secure: false,
      auth: { user: 'yuqing', pass: 'secret' },
    });
    await transport.sendMail({
      from: '巡察舆情监测 <yuqing@example.org>',
      to: 'xunchaban@example.org',
      subject: '【红色预警】明州市住房和城乡建设局：实名举报违规收费、吃拿卡要',
      text: '单位：明州市住房和城乡建设局\n风险等级：红色\n请及时研判处置。',
      html: '<p>单位：明州市住房和城乡建设局</p>',
    });
    transport.close();

    const mails = site.receivedMails();
    expect(mails).toHaveLength(1);
    const mail = mails[0];
    expect(mail?.from).toBe('yuqing@example.org');
    expect(mail?.to).toEqual(['xunchaban@example.org']);
    expect(mail?.subject).toBe('【红色预警】明州市住房和城乡建设局：实名举报违规收费、吃拿卡要');
    expect(mail?.fromHeader).toContain('巡察舆情监测');
    expect(mail?.text?.trim()).toBe('单位：明州市住房和城乡建设局\n风险等级：红色\n请及时研判处置。');
    expect(mail?.raw).toContain('Subject:');

    const $ = load(await (await fetch(`${site.url}/mail/`)).text());
    expect($('.entry h3').first().text()).toBe(mail?.subject);
    expect($('.entry pre').first().text()).toContain('风险等级：红色');
  });

  it('says the catcher is off when no SMTP port was given', async () => {
    const plain = await startDemoSite({ port: 0 });
    try {
      expect(plain.smtpPort).toBeUndefined();
      expect(await (await fetch(`${plain.url}/mail/`)).text()).toContain('未启用演示邮件服务器');
    } finally {
      await plain.close();
    }
  });
});
