import { execFileSync } from 'node:child_process';
import { it } from 'vitest';
import { startDemoEnv } from '/work/main/test/helpers/demo-env.js';
it('probe', async () => {
  const env = await startDemoEnv();
  const main = '/work/main/node_modules/.cache/yuqing-drill/cli/main.js';
  const t0 = Date.now();
  const out = execFileSync(process.execPath, [main, '--config', env.configDir, '--data', env.dataDir, 'crawl', '--once', '--json'], { cwd: '/work/main' }).toString();
  const s = JSON.parse(out);
  console.log('ms', Date.now() - t0, 'stored', s.stored, 'tips', s.tips.length, 'alerts', JSON.stringify(s.alerts), 'wecom', env.wecom.requests.length, 'mails', env.smtp.mails.length);
  const t1 = Date.now();
  execFileSync(process.execPath, [main, '--config', env.configDir, '--data', env.dataDir, 'crawl', '--once', '--json'], { cwd: '/work/main' });
  console.log('second ms', Date.now() - t1);
  await env.close();
}, 120000);
