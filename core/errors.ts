/** Base class of every error this system raises on purpose; `code` is stable and documented. */
export class YuqingError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** A configuration file is missing, unparsable or invalid; message names the file and the path inside it. */
export class ConfigError extends YuqingError {
  readonly file: string;
  readonly issues: readonly string[];
  constructor(file: string, issues: readonly string[]) {
    super('E_CONFIG', issues.map((i) => `${file}: ${i}`).join('\n'));
    this.file = file;
    this.issues = issues;
  }
}

/** A page or response that cannot become an article (empty, binary, too large, unreachable...). */
export class FetchError extends YuqingError {
  readonly url: string;
  constructor(code: FetchErrorCode, url: string, message: string, options?: { cause?: unknown }) {
    super(code, `${url}: ${message}`, options);
    this.url = url;
  }
}

/** Stable codes for skipped pages and failed fetches. */
export type FetchErrorCode =
  | 'E_FETCH_UNREACHABLE'
  | 'E_FETCH_HTTP_STATUS'
  | 'E_FETCH_NOT_HTML'
  | 'E_FETCH_TOO_LARGE'
  | 'E_FETCH_EMPTY'
  | 'E_FETCH_ROBOTS'
  | 'E_FETCH_PRIVATE_ADDRESS'
  | 'E_FETCH_PARSE'
  | 'E_FETCH_TIMEOUT';

/** A store operation failed (I/O, corrupt file, constraint). */
export class StoreError extends YuqingError {}

/** An alert could not be delivered through a channel. */
export class DeliveryError extends YuqingError {
  readonly channel: string;
  /** Whether trying again later can succeed (a 5xx or a timeout) or not (a 4xx, bad config). */
  readonly retryable: boolean;
  constructor(channel: string, message: string, retryable: boolean, options?: { cause?: unknown }) {
    super('E_DELIVERY', `${channel}: ${message}`, options);
    this.channel = channel;
    this.retryable = retryable;
  }
}

/** A request to the console API or a CLI argument is invalid. */
export class InputError extends YuqingError {
  constructor(message: string) {
    super('E_INPUT', message);
  }
}

/** Stable codes of `yuqing store backup` and `yuqing store restore`. */
export type BackupErrorCode =
  | 'E_BACKUP_SOURCE'
  | 'E_BACKUP_OUT'
  | 'E_BACKUP_NOT_FOUND'
  | 'E_BACKUP_MANIFEST'
  | 'E_BACKUP_VERSION'
  | 'E_BACKUP_HASH_MISMATCH'
  | 'E_BACKUP_TARGET_EXISTS';

/** The console's page build is missing: `yuqing run` refuses to start a console nobody can open. */
export class WebBuildError extends YuqingError {
  constructor(webRoot: string) {
    super(
      'E_WEB_BUILD',
      `控制台页面未构建：找不到 ${webRoot}/index.html。请先运行 npm run build（或只构建页面：npm run build:web）再启动`,
    );
  }
}

/** A backup cannot be made, or a backup cannot be restored; the message (Chinese) names the path or files. */
export class BackupError extends YuqingError {
  /** Files (relative to the backup) whose content does not match the manifest or the store's record. */
  readonly files: readonly string[];
  constructor(code: BackupErrorCode, message: string, options?: { cause?: unknown; files?: string[] }) {
    super(code, message, options);
    this.files = options?.files ?? [];
  }
}
