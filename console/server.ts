import type { AddressInfo } from 'node:net';
import cookie from '@fastify/cookie';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyReply,
  LogController,
} from 'fastify';
import { LoginThrottle } from './auth/rate-limit.js';
import type { ConsoleDeps } from './deps.js';
import { errorBody, installErrorHandlers } from './errors.js';
import { createRouter, type RouteTable } from './router.js';
import { registerAlertRoutes } from './routes/alerts.js';
import { registerArticleRoutes } from './routes/articles.js';
import { registerAuthRoutes } from './routes/auth.js';
import { registerDashboardRoutes } from './routes/dashboard.js';
import { registerEvidenceRoutes } from './routes/evidence.js';
import { registerExportRoutes } from './routes/export.js';
import { registerFailedAlertRoutes } from './routes/failed-alerts.js';
import { registerHealthRoutes } from './routes/health.js';
import { registerLedgerRoutes } from './routes/ledger.js';
import { registerOpenApiRoute } from './routes/openapi.js';
import { registerRoundConfigRoutes } from './routes/round-config.js';
import { registerRoundRoutes } from './routes/rounds.js';
import { registerSavedSearchRoutes } from './routes/saved-searches.js';
import { registerSearchRoutes } from './routes/search.js';
import { registerSourceRoutes } from './routes/sources.js';
import { defaultWebRoot, registerStaticApp } from './routes/static-app.js';
import { registerTipRoutes } from './routes/tips.js';
import { registerUserRoutes } from './routes/users.js';
import { installSecurityHeaders, SECURITY_HEADERS, sendRawError } from './security.js';

export type { ConsoleDeps } from './deps.js';

/** A running console. */
export interface RunningConsole {
  /** Base URL, e.g. http://127.0.0.1:3000 */
  url: string;
  close(): Promise<void>;
}

/** Build the console app (API + page) without listening; tests use `inject`. */
export function createConsoleServer(deps: ConsoleDeps): FastifyInstance {
  const app = Fastify({
    // pino's Logger and FastifyBaseLogger differ only in generic parameters; the cast keeps the return type plain.
    loggerInstance: deps.logger.child({ component: 'console' }) as FastifyBaseLogger,
    // Per-request info lines would flood the log while an officer pages through results; errors are logged.
    logController: new LogController({ disableRequestLogging: true }),
    routerOptions: {
      maxParamLength: 200,
      onMaxParamLength: (_path, _req, res) =>
        sendRawError(res, 414, errorBody('E_INPUT', '请求路径无效：参数过长（最多 200 个字符）')),
    },
    // A malformed percent-encoding in the path never reaches the error handler; answer it in the same shape.
    frameworkErrors: (_err, _request, reply) => {
      (reply as FastifyReply)
        .headers(SECURITY_HEADERS)
        .code(400)
        .send(errorBody('E_INPUT', '请求路径无效：URL 编码错误'));
    },
    bodyLimit: 64 * 1024,
  });
  installSecurityHeaders(app);
  installErrorHandlers(app);
  app.register(cookie);
  const table: RouteTable = [];
  const route = createRouter(app, deps, table);
  registerHealthRoutes(route, deps);
  registerAuthRoutes(route, deps, new LoginThrottle(deps.store.loginFailures, deps.loginPolicy));
  registerUserRoutes(route, deps);
  registerSearchRoutes(route, deps);
  registerExportRoutes(route, deps);
  registerSavedSearchRoutes(route, deps);
  registerArticleRoutes(route, deps);
  registerEvidenceRoutes(route, deps);
  registerTipRoutes(route, deps);
  registerDashboardRoutes(route, deps);
  registerRoundRoutes(route, deps);
  registerLedgerRoutes(route, deps);
  registerRoundConfigRoutes(route, deps);
  registerAlertRoutes(route, deps);
  registerFailedAlertRoutes(route, deps);
  registerSourceRoutes(route, deps);
  registerOpenApiRoute(route, deps, table);
  if (deps.webRoot !== null) registerStaticApp(app, deps.webRoot ?? defaultWebRoot());
  return app;
}

/** Build the console and listen on host:port (port 0 = any free port); resolves once it accepts requests. */
export async function startConsole(
  deps: ConsoleDeps & { host: string; port: number },
): Promise<RunningConsole> {
  const app = createConsoleServer(deps);
  try {
    await app.listen({ host: deps.host, port: deps.port });
  } catch (err) {
    await app.close();
    throw err;
  }
  const address = app.server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  deps.logger.child({ component: 'console' }).info({ url }, 'console listening');
  return { url, close: () => app.close() };
}
