// The OpenAPI document is generated from the route table, so it cannot list a route that does not exist or
// miss one that does.
import { z } from 'zod';
import { CSRF_HEADER, SESSION_COOKIE } from './auth/sessions.js';
import type { RouteTable } from './router.js';

type Json = Record<string, unknown>;

function jsonSchema(schema: z.ZodType): Json {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Json;
  return rest;
}

/** `/api/tips/:id` → `/api/tips/{id}` and the names of its path parameters. */
function openApiPath(path: string): { path: string; params: string[] } {
  const params: string[] = [];
  const converted = path.replace(/:([A-Za-z0-9_]+)/g, (_m, name: string) => {
    params.push(name);
    return `{${name}}`;
  });
  return { path: converted, params };
}

const ERROR_SCHEMA: Json = {
  type: 'object',
  properties: {
    error: {
      type: 'object',
      properties: {
        code: { type: 'string' },
        message: { type: 'string' },
        fields: {
          type: 'array',
          items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } } },
        },
      },
      required: ['code', 'message'],
    },
  },
  required: ['error'],
};

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

/** Build the OpenAPI 3.1 document of the registered routes. */
export function buildOpenApi(table: RouteTable, version: string): Json {
  const paths: Record<string, Json> = {};
  for (const spec of table) {
    const { path, params } = openApiPath(spec.path);
    const parameters = [
      ...params.map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } })),
      ...Object.entries(spec.query?.shape ?? {}).map(([name, schema]) => ({
        name,
        in: 'query',
        required: false,
        schema: jsonSchema(schema as z.ZodType),
        ...((schema as z.ZodType).description ? { description: (schema as z.ZodType).description } : {}),
      })),
    ];
    const response = spec.response ?? { description: 'OK' };
    const ok: Json = { description: response.description };
    if (response.schema || response.contentType) {
      ok.content = {
        [response.contentType ?? 'application/json']: response.schema
          ? { schema: jsonSchema(response.schema) }
          : {},
      };
    }
    const responses: Record<string, Json> = {
      [String(response.status ?? 200)]: ok,
      '400': errorResponse('参数或请求体无效'),
    };
    if (spec.auth !== 'public') {
      responses['401'] = errorResponse('未登录或会话已过期');
      responses['403'] = errorResponse('无权限、CSRF 校验失败或需先修改密码');
    }
    const operation: Json = {
      operationId: `${spec.method.toLowerCase()}${path.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c?: string) => (c ?? '').toUpperCase())}`,
      summary: spec.summary,
      tags: [spec.tag],
      parameters,
      responses,
      'x-auth': spec.auth,
      security: spec.auth === 'public' ? [] : [{ session: [] }],
    };
    if (spec.body) {
      operation.requestBody = {
        required: true,
        content: { 'application/json': { schema: jsonSchema(spec.body) } },
      };
    }
    paths[path] = { ...(paths[path] ?? {}), [spec.method.toLowerCase()]: operation };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: '巡察舆情监测预警 控制台 API',
      version,
      description: `会话 Cookie ${SESSION_COOKIE}；修改类请求（POST/PUT/PATCH/DELETE）须带请求头 ${CSRF_HEADER}。`,
    },
    paths,
    components: {
      schemas: { Error: ERROR_SCHEMA },
      securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } },
    },
  };
}
