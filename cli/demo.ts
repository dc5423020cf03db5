import type { AppConfig } from '../config/schema.js';
import { YuqingError } from '../core/errors.js';
import type { Logger } from '../core/log.js';
import { type DemoSite, startDemoSite } from '../demo/site.js';

/**
 * The bundled example watches a demo site the app serves itself, so `npm start` and `yuqing crawl --once`
 * work with no internet. When its port is taken (another `yuqing run` serves it already) the running one is used.
 */
export async function startDemoIfConfigured(
  config: AppConfig,
  logger: Logger,
): Promise<DemoSite | undefined> {
  const demo = config.settings.demoSite;
  if (!demo) return undefined;
  try {
    return await startDemoSite({ port: demo.port, smtpPort: demo.smtpPort, logger });
  } catch (error) {
    if (error instanceof YuqingError && error.code === 'E_DEMO_LISTEN') {
      logger.info(
        { component: 'demo-site', port: demo.port },
        'demo site port in use; using the running one',
      );
      return undefined;
    }
    throw error;
  }
}
