// A client Connection that never touches the network: it records every request the Elasticsearch client
// would send and answers from a handler, so tests can check mappings, bulk bodies and queries offline.
import { BaseConnection, Client } from '@elastic/elasticsearch';

/** One request as the client would have sent it. */
export interface RecordedRequest {
  method: string;
  path: string;
  querystring: string;
  /** Parsed JSON body; NDJSON bodies (bulk) as an array of lines. */
  body: unknown;
}

/** What the fake node answers. */
export interface FakeResponse {
  statusCode?: number;
  body: unknown;
}

/** Chooses the answer to a request; undefined falls back to a plausible empty success. */
export type Responder = (request: RecordedRequest) => FakeResponse | undefined;

function parseBody(body: unknown): unknown {
  if (body === null || body === undefined) return undefined;
  const text = Buffer.isBuffer(body) ? body.toString('utf8') : String(body);
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as unknown);
  }
}

/** A default answer per endpoint: acknowledged, not found, no hits, every bulk item created. */
export function defaultResponse(request: RecordedRequest): FakeResponse {
  const { method, path } = request;
  if (path.endsWith('/_bulk')) {
    const lines = (request.body as Record<string, { _index?: string; _id?: string }>[]) ?? [];
    const items = lines
      .filter((line) => ['index', 'create', 'update', 'delete'].some((k) => k in line))
      .map((line) => {
        const [op, meta] = Object.entries(line)[0] as [string, { _index?: string; _id?: string }];
        return {
          [op]: {
            _index: meta._index,
            _id: meta._id,
            status: op === 'create' ? 201 : 200,
            result: 'created',
          },
        };
      });
    return { body: { took: 1, errors: false, items } };
  }
  if (path.endsWith('/_search')) {
    return {
      body: {
        took: 1,
        timed_out: false,
        hits: { total: { value: 0, relation: 'eq' }, hits: [] },
        aggregations: {},
      },
    };
  }
  if (path.endsWith('/_count')) return { body: { count: 0 } };
  if (path.endsWith('/_mget')) return { body: { docs: [] } };
  if (method === 'HEAD') return { statusCode: 404, body: '' };
  if (method === 'GET' && path.includes('/_doc/')) return { statusCode: 404, body: { found: false } };
  if (path.includes('/_update/')) return { body: { result: 'updated', _seq_no: 1, _primary_term: 1 } };
  if (method === 'PUT' && path.includes('/_doc/')) return { statusCode: 201, body: { result: 'created' } };
  return { body: { acknowledged: true } };
}

/** A client whose connection records into `requests` and answers with `respond` (or the default). */
export function recordingClient(respond: Responder = () => undefined): {
  client: Client;
  requests: RecordedRequest[];
} {
  const requests: RecordedRequest[] = [];
  class RecordingConnection extends BaseConnection {
    // biome-ignore lint/suspicious/noExplicitAny: the client's request signature is overloaded
    override async request(params: any, _options: any): Promise<any> {
      const request: RecordedRequest = {
        method: params.method,
        path: params.path,
        querystring: params.querystring ?? '',
        body: parseBody(params.body),
      };
      requests.push(request);
      const answer = respond(request) ?? defaultResponse(request);
      const body = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
      return {
        statusCode: answer.statusCode ?? 200,
        headers: { 'content-type': 'application/json', 'x-elastic-product': 'Elasticsearch' },
        body,
      };
    }
  }
  const client = new Client({ node: 'http://fake-node.invalid:9200', Connection: RecordingConnection });
  return { client, requests };
}
