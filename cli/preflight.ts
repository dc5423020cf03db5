// What `config check` and `run` check beyond the files: that the console can listen and the store can be
// created, before anything is opened, so `run` either starts whole or stops with a file: path: reason line.
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { type FileIssue, issueLine, toConfigError } from '../config/config-error.js';
import { type LoadConfigOptions, loadConfig } from '../config/loader.js';
import type { AppConfig } from '../config/schema.js';

/** `check` reports a taken port as a warning (the service itself may hold it); `run` refuses to start. */
export type PreflightMode = 'check' | 'run';

/** What the preflight found: errors stop `run` and fail `config check`; warnings are printed. */
export interface PreflightResult {
  errors: FileIssue[];
  warnings: string[];
}

/** The one validation of `config check` and `run`: the files, then the preflight; throws one ConfigError. */
export async function loadValidatedConfig(
  dir: string,
  mode: PreflightMode,
  options: LoadConfigOptions = {},
): Promise<AppConfig> {
  const config = await loadConfig(dir, options);
  const found = await preflight(config, mode);
  if (found.errors.length > 0) throw toConfigError(config.dir, found.errors);
  return { ...config, warnings: [...(config.warnings ?? []), ...found.warnings] };
}

/** Check that the console's host and port can be listened on and that the SQLite file can be created. */
export async function preflight(config: AppConfig, mode: PreflightMode): Promise<PreflightResult> {
  const errors: FileIssue[] = [];
  const warnings: string[] = [];
  const { host, port } = config.settings.console;
  const listen = await probeListen(host, port);
  if (listen) {
    const issue: FileIssue = { file: 'settings.yaml', path: ['console', listen.key], reason: listen.reason };
    if (listen.key === 'port' && listen.inUse && mode === 'check') {
      warnings.push(issueLine({ ...issue, reason: `${issue.reason}；若是本服务正在运行可忽略` }));
    } else {
      errors.push(issue);
    }
  }
  if (config.settings.store.type === 'sqlite') {
    const reason = await storeProblem(config.settings.storePath);
    if (reason) errors.push({ file: 'settings.yaml', path: storeKey(config), reason });
  }
  return { errors, warnings };
}

interface ListenProblem {
  key: 'host' | 'port';
  reason: string;
  inUse?: boolean;
}

/** Why host:port cannot be listened on (bound and released at once), or undefined. Port 0 is any port. */
export async function probeListen(host: string, port: number): Promise<ListenProblem | undefined> {
  const server = createServer();
  try {
    await new Promise<void>((done, fail) => {
      server.once('error', fail);
      server.listen({ host, port, exclusive: true }, () => done());
    });
  } catch (error) {
    return listenProblem(error as NodeJS.ErrnoException, host, port);
  } finally {
    await new Promise<void>((done) => server.close(() => done()));
  }
  return undefined;
}

/** A listen error as a config problem (also used when the real listen fails after the probe). */
export function listenProblem(error: NodeJS.ErrnoException, host: string, port: number): ListenProblem {
  switch (error.code) {
    case 'EADDRINUSE':
      return {
        key: 'port',
        inUse: true,
        reason: `端口 ${port} 已被占用（另一个程序或另一个 yuqing 正在使用它）`,
      };
    case 'EACCES':
      return { key: 'port', reason: `没有权限监听端口 ${port}（1024 以下的端口需要管理员权限）` };
    case 'EADDRNOTAVAIL':
      return { key: 'host', reason: `本机没有地址「${host}」，无法在它上面监听` };
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_FAIL':
      return { key: 'host', reason: `无法解析主机名「${host}」` };
    default:
      return { key: 'host', reason: `无法在 ${host}:${port} 上监听（${error.code ?? error.message}）` };
  }
}

// store.path when it is set, else dataDir (the file is <dataDir>/yuqing.db).
function storeKey(config: AppConfig): PropertyKey[] {
  return config.settings.storePath === path.join(config.settings.dataDir, 'yuqing.db')
    ? ['dataDir']
    : ['store', 'path'];
}

/** Why the SQLite file cannot be opened or created there, or undefined. */
async function storeProblem(file: string): Promise<string | undefined> {
  const existing = await stat(file).catch(() => undefined);
  if (existing?.isDirectory()) return `数据库文件「${file}」是一个目录`;
  if (existing) return (await writable(file)) ? undefined : `数据库文件「${file}」不可写`;
  // The nearest existing ancestor must be a writable directory (the store creates the folders below it).
  let dir = path.dirname(file);
  for (;;) {
    const info = await stat(dir).catch(() => undefined);
    if (info) {
      if (!info.isDirectory()) return `「${dir}」不是目录，无法在其中创建数据库文件`;
      return (await writable(dir)) ? undefined : `目录「${dir}」不可写，无法创建数据库文件`;
    }
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

async function writable(target: string): Promise<boolean> {
  return access(target, constants.W_OK).then(
    () => true,
    () => false,
  );
}
