import type { FastifyError, FastifyInstance } from 'fastify';
import { YuqingError } from '../core/errors.js';

/** A requested resource (article, tip...) does not exist; the API answers 404. */
export class NotFoundError extends YuqingError {
  constructor(message: string) {
    super('E_NOT_FOUND', message);
  }
}

/** The JSON body of every API error. */
export interface ErrorBody {
  error: { code: string; message: string };
}

// Codes that describe the caller's mistake; every other error is ours and stays opaque to the client.
const CLIENT_CODES: Readonly<Record<string, number>> = { E_INPUT: 400, E_NOT_FOUND: 404 };

/** Build the JSON error body. */
export function errorBody(code: string, message: string): ErrorBody {
  return { error: { code, message } };
}

/** Turn every thrown error and unknown route into `{ error: { code, message } }` with the right status. */
export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | Error, request, reply) => {
    if (err instanceof YuqingError && CLIENT_CODES[err.code] !== undefined) {
      return reply.status(CLIENT_CODES[err.code] ?? 400).send(errorBody(err.code, err.message));
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
