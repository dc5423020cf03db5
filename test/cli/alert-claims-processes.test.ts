// Two real `yuqing crawl --once` processes on ONE SQLite file, started at the same moment, both sending the
// same backlog of alerts to a slow loopback webhook (so their sends overlap): every alert arrives exactly
// once, because each process claims (leases) alerts before sending them. A third process with
// settings.alerts.send: false sends nothing. Needs the built CLI (npm run build).
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { silentLogger } from '../../core/log.js';
import { SqliteStore } from '../../store/sqlite/sqlite-store.js';
import { type DrillEnv, finished, spawnYuqing, startDrillEnv } from '../drills/drill-env.js';
import { type Receiver, startReceiver } from '../helpers/http-receiver.js';

/** More than one sender batch (50), so both processes get a share to send. */
const ALERTS = 80;
const DELAY_MS = 100;

function editYaml(file: string, edit: (value: Record<string, unknown>) => Record<string, unknown>): void {
  writeFileSync(file, stringify(edit(parse(readFileSync(file, 'utf8')) as Record<string, unknown>)));
}

describe('two sending processes on one store', () => {
  let env: DrillEnv;
  let receiver: Receiver;
  let inFlight = 0;
  let maxInFlight = 0;
  let quietConfig: string;

  beforeAll(async () => {
    receiver = await startReceiver(() => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      setTimeout(() => inFlight--, DELAY_MS);
      return { delayMs: DELAY_MS };
    });
    env = await startDrillEnv(0);
    editYaml(join(env.configDir, 'channels.yaml'), (channels) => ({
      ...channels,
      'drill-hook': { type: 'webhook', url: `${receiver.url}/hook` },
    }));
    quietConfig = join(env.dir, 'config-quiet');
    cpSync(env.configDir, quietConfig, { recursive: true });
    editYaml(join(quietConfig, 'settings.yaml'), (settings) => ({
      ...settings,
      alerts: { ...(settings.alerts as object), send: false },
    }));
    const store = new SqliteStore({ path: env.storePath, logger: silentLogger() });
    await store.init();
    for (let i = 0; i < ALERTS; i++) {
      const notice = { kind: 'test' as const, title: `测试消息 #${i}#`, lines: ['多实例发送'] };
      await store.enqueueNotice(['drill-hook'], notice, `claims-drill:${i}`);
    }
    await store.close();
  }, 60_000);

  afterAll(async () => {
    await receiver?.close();
    await env?.close();
  });

  it('deliver every alert exactly once while sending at the same time', async () => {
    const children = [env, env, { ...env, configDir: quietConfig }].map((e) =>
      spawnYuqing(e, ['crawl', '--once', '--json']),
    );
    const outputs = children.map((child) => {
      let stdout = '';
      child.stdout?.on('data', (c: Buffer) => {
        stdout += c.toString();
      });
      return () => stdout;
    });
    const runs = await Promise.all(children.map((child) => finished(child)));
    for (const run of runs) expect(run.code, run.output).toBe(0);
    const sent = outputs.map((out) => (JSON.parse(out()) as { alerts: { sent: number } }).alerts.sent);
    // Each sender took one batch; the quiet instance none.
    expect(sent[0]).toBeGreaterThan(0);
    expect(sent[1]).toBeGreaterThan(0);
    expect(sent[2]).toBe(0);
    expect((sent[0] ?? 0) + (sent[1] ?? 0)).toBe(ALERTS);
    // Their sends overlapped: two requests were in flight at once.
    expect(maxInFlight).toBe(2);
    const texts = receiver.requests.map((r) => r.raw);
    expect(texts).toHaveLength(ALERTS);
    for (let i = 0; i < ALERTS; i++) {
      expect(
        texts.filter((t) => t.includes(`#${i}#`)),
        `alert ${i}`,
      ).toHaveLength(1);
    }
    const store = new SqliteStore({ path: env.storePath, logger: silentLogger() });
    await store.init();
    const alerts = await store.listAlerts();
    await store.close();
    expect(alerts.filter((a) => a.status === 'sent')).toHaveLength(ALERTS);
  }, 180_000);
});
