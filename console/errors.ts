import type { FastifyError, FastifyInstance } from 'fastify';
import { YuqingError } from '../core/errors.js';

/** A requested resource (article, tip...) does not exist; the API answers 404. */
export class NotFoundError extends YuqingError {
  constructor(message: string) {
    super('E_NOT_FOUND', message);
  }
}

/** No valid session (or wrong credentials at login); the API answers 401. */
export class AuthError extends YuqingError {
  constructor(message = '请先登录') {
    super('E_AUTH', message);
  }
}

/** The session's role or scope does not allow this; the API answers 403. */
export class ForbiddenError extends YuqingError {
  constructor(message: string, code: 'E_FORBIDDEN' | 'E_CSRF' | 'E_PASSWORD_CHANGE' = 'E_FORBIDDEN') {
    super(code, message);
  }
}

/** The request conflicts with the stored state (duplicate name...); the API answers 409. */
export class ConflictError extends YuqingError {
  constructor(message: string) {
    super('E_CONFLICT', message);
  }
}

/** Too many failed logins; the API answers 429 with Retry-After. */
export class RateLimitError extends YuqingError {
  readonly retryAfterSecs: number;
  constructor(message: string, retryAfterSecs: number) {
    super('E_RATE_LIMIT', message);
    this.retryAfterSecs = retryAfterSecs;
  }
}

/** One invalid field of a submitted object: dotted path and reason. */
export interface FieldError {
  path: string;
  message: string;
}

/** A submitted object failed validation field by field (round config, user form); 400 with `fields`. */
export class FieldsError extends YuqingError {
  readonly fields: readonly FieldError[];
  constructor(code: 'E_CONFIG' | 'E_INPUT', message: string, fields: readonly FieldError[]) {
    super(code, message);
    this.fields = fields;
  }
}

/** The JSON body of every API error. */
export interface ErrorBody {
  error: { code: string; message: string; fields?: FieldError[] };
}

// Codes that describe the caller's mistake; every other error is ours and stays opaque to the client.
const CLIENT_CODES: Readonly<Record<string, number>> = {
  E_INPUT: 400,
  E_CONFIG: 400,
  E_AUTH: 401,
  E_FORBIDDEN: 403,
  E_CSRF: 403,
  E_PASSWORD_CHANGE: 403,
  E_NOT_FOUND: 404,
  E_CONFLICT: 409,
  E_RATE_LIMIT: 429,
};

/** Build the JSON error body. */
export function errorBody(code: string, message: string, fields?: readonly FieldError[]): ErrorBody {
  return { error: { code, message, ...(fields === undefined ? {} : { fields: [...fields] }) } };
}

/** Turn every thrown error and unknown route into `{ error: { code, message } }` with the right status. */
export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | Error, request, reply) => {
    if (err instanceof YuqingError && CLIENT_CODES[err.code] !== undefined) {
      if (err instanceof RateLimitError) reply.header('Retry-After', String(err.retryAfterSecs));
      const fields = err instanceof FieldsError ? err.fields : undefined;
      return reply.status(CLIENT_CODES[err.code] ?? 400).send(errorBody(err.code, err.message, fields));
    }
    // Fastify's own 4xx (malformed URL, unsupported media type, body too large...) are the caller's fault too.
    const status = 'statusCode' in err && typeof err.statusCode === 'number' ? err.statusCode : 500;
    if (status >= 400 && status < 500) {
      return reply.status(status).send(errorBody('E_INPUT', `请求无效：${err.message}`));
    }
    request.log.error({ err, method: request.method, url: request.url }, 'console request failed');
    return reply.status(500).send(errorBody('E_INTERNAL', '服务器内部错误，请查看日志'));
  });
  app.setNotFoundHandler((request, reply) => {
    return reply
      .status(404)
      .send(errorBody('E_NOT_FOUND', `未找到：${request.method} ${request.url.split('?')[0]}`));
  });
}
