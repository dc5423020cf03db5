// Drill (issue #8): the SMTP server and the robot webhook are down when `yuqing run` finds a red item; the
// alerts must wait in the outbox and arrive, once each, after the receivers come up on the same addresses.
import { afterEach, describe, expect, it } from 'vitest';
import { type Catcher, startSmtpCatcher, startWebhookCatcher } from '../../bench/fixture/catchers.js';
import { itemMarker } from '../../bench/fixture/items.js';
import { type DrillEnv, finished, spawnYuqing, startDrillEnv, until } from './drill-env.js';

const RED_ID = 77;

/** A free loopback port: bound by a catcher, then released. */
async function freePort(start: () => Promise<Catcher>): Promise<number> {
  const probe = await start();
  await probe.close();
  return probe.port;
}

describe('drill: receivers down when the red item is found', () => {
  let env: DrillEnv | undefined;
  const late: Catcher[] = [];
  afterEach(async () => {
    await Promise.allSettled(late.map((c) => c.close()));
    late.length = 0;
    await env?.close();
    env = undefined;
  });

  it('keeps the alerts and delivers each once when SMTP and webhook come back', async () => {
    const smtpPort = await freePort(() => startSmtpCatcher());
    const hookPort = await freePort(() => startWebhookCatcher());
    env = await startDrillEnv(3, {
      smtpUrl: `smtp://127.0.0.1:${smtpPort}`,
      webhookUrl: `http://127.0.0.1:${hookPort}/cgi-bin/webhook/send?key=drill`,
    });
    env.site.publish(env.makeItem(RED_ID, true));
    const child = spawnYuqing(env, ['run']);
    const exit = finished(child);
    let output = '';
    child.stdout?.on('data', (c: Buffer) => {
      output += c.toString();
    });
    child.stderr?.on('data', (c: Buffer) => {
      output += c.toString();
    });
    try {
      // Both channels failed once and were rescheduled (the outbox backs off about 30 s after a failure).
      await until(
        () => (output.match(/alert failed, will retry/g) ?? []).length >= 2,
        90_000,
        'two failed sends',
      );
      const smtp = await startSmtpCatcher({ port: smtpPort });
      const hook = await startWebhookCatcher({ port: hookPort });
      late.push(smtp, hook);
      const marker = itemMarker(RED_ID);
      const arrived = (c: Catcher) => c.arrivals.filter((a) => a.text.includes(marker)).length;
      await until(() => arrived(smtp) >= 1 && arrived(hook) >= 1, 90_000, 'the delayed alerts');
      // A few more sender runs must not repeat them.
      await new Promise((r) => setTimeout(r, 3000));
      expect(arrived(smtp)).toBe(1);
      expect(arrived(hook)).toBe(1);
    } finally {
      child.kill('SIGTERM');
      const { code } = await exit;
      expect(code, output.slice(-2000)).toBe(0);
    }
  }, 240_000);
});
