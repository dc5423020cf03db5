import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { alertLine, alertsCommand, alertsTestCommand } from '../../cli/commands/alerts.js';
import { writeExampleConfig } from '../helpers/example-config.js';
import { type Receiver, startReceiver } from '../helpers/http-receiver.js';

let dir: string | undefined;
let receiver: Receiver | undefined;

afterEach(async () => {
  await receiver?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = receiver = undefined;
  process.exitCode = undefined;
});

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) }, out, err };
}

describe('yuqing alerts', () => {
  it('prints outbox times in the office timezone, not UTC', () => {
    const base = {
      id: 'a1',
      tipId: 'tip-1',
      channel: 'office-mail',
      attempts: 1,
      createdAt: '2026-11-05T02:00:00.000Z',
      nextAttemptAt: '2026-11-05T02:14:00.000Z',
    };
    const sent = alertLine(
      { ...base, status: 'sent', sentAt: '2026-11-04T20:14:00.000Z' } as Parameters<typeof alertLine>[0],
      'Asia/Shanghai',
    );
    expect(sent).toContain('发送于 2026-11-05 04:14');
    expect(sent).not.toContain('T20:14');
    const pending = alertLine(
      { ...base, status: 'pending' } as Parameters<typeof alertLine>[0],
      'Asia/Shanghai',
    );
    expect(pending).toContain('下次尝试 2026-11-05 10:14');
  });

  it('`alerts test CHANNEL` sends a test message and prints the answer', async () => {
    receiver = await startReceiver((_r, n) =>
      n === 0 ? {} : { body: { errcode: 93000, errmsg: 'invalid key' } },
    );
    dir = mkdtempSync(join(tmpdir(), 'yuqing-alerts-cli-'));
    const config = writeExampleConfig(dir, {
      demoUrl: 'http://127.0.0.1:9',
      smtpUrl: 'smtp://127.0.0.1:9',
      wecomUrl: `${receiver.url}/cgi-bin/webhook/send?key=k`,
    });
    const ok = capture();
    await alertsTestCommand('office-wecom', { config, data: join(dir, 'data') }, ok.io);
    expect(ok.out.join('')).toContain('通道 office-wecom（127.0.0.1');
    expect(ok.out.join('')).toContain('成功');
    expect(JSON.stringify(receiver.requests[0]?.body)).toContain('测试');
    expect(process.exitCode).toBeUndefined();

    const bad = capture();
    await alertsTestCommand('office-wecom', { config, data: join(dir, 'data') }, bad.io);
    expect(bad.err.join('')).toContain('93000');
    expect(process.exitCode).toBe(1);
    process.exitCode = undefined;

    await expect(alertsTestCommand('nope', { config }, bad.io)).rejects.toThrow(/未知告警通道「nope」/);

    const list = capture();
    await alertsCommand({ config, data: join(dir, 'data'), failed: true, json: true }, list.io);
    expect(JSON.parse(list.out.join(''))).toEqual({ total: 0, dead: 0, alerts: [] });
  });
});
