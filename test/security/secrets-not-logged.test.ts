// Issue #8: secrets never reach the logs. The real CLI crawls a loopback site at debug log level with an SMTP
// channel whose URL holds a password and a robot webhook whose URL holds a token; once with the receivers up
// (the secrets are used) and once with them down (error paths, where URLs tend to be logged). Neither secret
// may appear in stdout, stderr or any file the run wrote under its data directory.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type Catcher, startSmtpCatcher, startWebhookCatcher } from '../../bench/fixture/catchers.js';
import { itemMarker } from '../../bench/fixture/items.js';
import { type DrillEnv, finished, spawnYuqing, startDrillEnv } from '../drills/drill-env.js';

const PASSWORD = 'Pw-9dQ7xLk2-FAKE';
const TOKEN = 'tk-4f1c8e2a9b7d-FAKE';

/** Every file under `dir`, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** The places among the output and files where one of the secrets occurs (the secret itself not repeated). */
function leaks(output: string, dataDir: string): string[] {
  const found: string[] = [];
  for (const [name, secret] of [
    ['password', PASSWORD],
    ['token', TOKEN],
    ['password (URL-encoded)', encodeURIComponent(PASSWORD)],
  ] as const) {
    if (output.includes(secret)) found.push(`${name} in stdout/stderr`);
    for (const file of filesUnder(dataDir)) {
      if (readFileSync(file).includes(secret)) found.push(`${name} in ${file}`);
    }
  }
  return found;
}

describe('secrets are never logged', () => {
  let env: DrillEnv | undefined;
  const receivers: Catcher[] = [];
  afterEach(async () => {
    await Promise.allSettled(receivers.map((r) => r.close()));
    receivers.length = 0;
    await env?.close();
    env = undefined;
  });

  it('keeps the SMTP password and the webhook token out of every output, on success and on failure', async () => {
    const smtp = await startSmtpCatcher({ account: { user: 'yuqing', pass: PASSWORD } });
    const hook = await startWebhookCatcher();
    receivers.push(smtp, hook);
    env = await startDrillEnv(3, {
      smtpUrl: `smtp://yuqing:${encodeURIComponent(PASSWORD)}@127.0.0.1:${smtp.port}`,
      webhookUrl: `${hook.url}/cgi-bin/webhook/send?key=${TOKEN}`,
    });
    const debug = { LOG_LEVEL: 'debug' };
    env.site.publish(env.makeItem(501, true));
    const ok = await finished(spawnYuqing(env, ['crawl', '--once', '--json'], undefined, debug));
    expect(ok.code, ok.output.slice(-2000)).toBe(0);
    // The secrets were really used: the mail came in over an authenticated session, the robot got its key.
    expect(smtp.arrivals.filter((a) => a.text.includes(itemMarker(501)))).toHaveLength(1);
    expect(hook.arrivals.filter((a) => a.text.includes(itemMarker(501)))).toHaveLength(1);
    expect(ok.output).toMatch(/"level":20/);

    await Promise.all([smtp.close(), hook.close()]);
    env.site.publish(env.makeItem(502, true));
    const failed = await finished(spawnYuqing(env, ['crawl', '--once', '--json'], undefined, debug));
    expect(failed.output).toMatch(/alert failed/);

    expect(leaks(ok.output + failed.output, env.dataDir)).toEqual([]);
  }, 180_000);
});
