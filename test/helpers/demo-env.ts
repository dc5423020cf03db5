import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DemoSite, startDemoSite } from '../../demo/site.js';
import { type ExampleConfigOptions, writeExampleConfig } from './example-config.js';
import { type Receiver, startReceiver } from './http-receiver.js';
import { type SmtpCatcher, startSmtpCatcher } from './smtp-catcher.js';

/** The bundled example, wired to a demo site, an SMTP catcher and a 企业微信-style receiver on loopback. */
export interface DemoEnv {
  dir: string;
  configDir: string;
  dataDir: string;
  demo: DemoSite;
  smtp: SmtpCatcher;
  wecom: Receiver;
  close(): Promise<void>;
}

/** Options passed on to the config writer (servers' URLs are filled in here). */
export type DemoEnvOptions = Partial<Pick<ExampleConfigOptions, 'smtpUrl' | 'extraSources' | 'consolePort'>>;

/** Start the servers on free loopback ports and write a config directory in a fresh temp dir. */
export async function startDemoEnv(options: DemoEnvOptions = {}): Promise<DemoEnv> {
  const dir = mkdtempSync(join(tmpdir(), 'yuqing-env-'));
  const [demo, smtp, wecom] = await Promise.all([
    startDemoSite({ port: 0 }),
    startSmtpCatcher(),
    startReceiver(),
  ]);
  const configDir = writeExampleConfig(dir, {
    demoUrl: demo.url,
    smtpUrl: options.smtpUrl ?? smtp.url,
    wecomUrl: `${wecom.url}/cgi-bin/webhook/send?key=test`,
    consolePort: options.consolePort,
    extraSources: options.extraSources,
  });
  return {
    dir,
    configDir,
    dataDir: join(dir, 'data'),
    demo,
    smtp,
    wecom,
    async close() {
      await Promise.allSettled([demo.close(), smtp.close(), wecom.close()]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
