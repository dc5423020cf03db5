// A responder that keeps documents in memory and enforces what the idempotency design relies on: `op_type:
// create` refuses an existing id with 409, in single requests and in bulk. Searches answer empty; it is no
// Elasticsearch, only enough of one to show which writes two store instances make.
import type { FakeResponse, RecordedRequest, Responder } from './recording-connection.js';

/** Documents by index, then id. */
export type MemoryDocs = Map<string, Map<string, Record<string, unknown>>>;

/** A responder over `docs` (shared by several clients = several instances on one cluster). */
export function memoryNode(docs: MemoryDocs = new Map()): { respond: Responder; docs: MemoryDocs } {
  const index = (name: string) => {
    let m = docs.get(name);
    if (!m) {
      m = new Map();
      docs.set(name, m);
    }
    return m;
  };
  const write = (op: string, name: string, id: string, body: Record<string, unknown>): number => {
    const m = index(name);
    if (op === 'create') {
      if (m.has(id)) return 409;
      m.set(id, body);
      return 201;
    }
    if (op === 'update') {
      const current = m.get(id);
      if (!current && body.doc_as_upsert !== true) return 404;
      m.set(id, { ...current, ...(body.doc as Record<string, unknown>) });
      return 200;
    }
    if (op === 'delete') return m.delete(id) ? 200 : 404;
    m.set(id, body);
    return 200;
  };
  const respond = (request: RecordedRequest): FakeResponse | undefined => {
    const parts = request.path
      .split('/')
      .filter((p) => p !== '')
      .map(decodeURIComponent);
    if (parts[parts.length - 1] === '_bulk') {
      const lines = request.body as Record<string, Record<string, string>>[];
      const items: unknown[] = [];
      for (let i = 0; i < lines.length; i++) {
        const [op, meta] = Object.entries(lines[i] as object)[0] as [string, { _index: string; _id: string }];
        const body = op === 'delete' ? {} : ((lines[++i] ?? {}) as Record<string, unknown>);
        const status = write(op, meta._index, meta._id, body);
        items.push({
          [op]: {
            _index: meta._index,
            _id: meta._id,
            status,
            ...(status >= 400 && {
              error: {
                type: status === 409 ? 'version_conflict_engine_exception' : 'document_missing_exception',
              },
            }),
          },
        });
      }
      return {
        body: { took: 1, errors: items.some((it) => Object.values(it as object)[0].status >= 400), items },
      };
    }
    const [name, kind, id] = parts;
    if (!name || !kind || id === undefined) return undefined;
    if (kind === '_create') {
      const status = write('create', name, id, request.body as Record<string, unknown>);
      return status === 409
        ? { statusCode: 409, body: { error: { type: 'version_conflict_engine_exception' }, status: 409 } }
        : { statusCode: 201, body: { _id: id, result: 'created', _seq_no: 0, _primary_term: 1 } };
    }
    if (kind === '_doc' && request.method === 'GET') {
      const source = docs.get(name)?.get(id);
      return source
        ? { body: { _index: name, _id: id, found: true, _seq_no: 0, _primary_term: 1, _source: source } }
        : { statusCode: 404, body: { _index: name, _id: id, found: false } };
    }
    if (kind === '_doc' && (request.method === 'PUT' || request.method === 'POST')) {
      write('index', name, id, request.body as Record<string, unknown>);
      return { body: { _id: id, result: 'updated', _seq_no: 1, _primary_term: 1 } };
    }
    return undefined;
  };
  return { respond, docs };
}
