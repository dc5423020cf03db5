// A responder that keeps documents in memory with a seq_no each and refuses a write conditional on a stale one
// (409), as Elasticsearch does. It answers what the outbox needs: get, mget, bulk (create, index, partial-doc
// update), delete-by-query, and searches (from/size) whose query is a bool filter of term / range (lte, gt)
// clauses (or match_all), sorted by plain fields. Enough to run the alert-claim and login-failure contracts
// offline, with several store instances on one "cluster".
import type { FakeResponse, RecordedRequest, Responder } from './recording-connection.js';

type Doc = Record<string, unknown>;
interface Stored {
  source: Doc;
  seqNo: number;
}
type Clause = {
  term?: Record<string, unknown>;
  range?: Record<string, { lte?: number; gt?: number }>;
  match_all?: object;
};
type Query = { bool?: { filter?: Clause[] }; match_all?: object } & Clause;

/** The node's documents, shared by every client built on it, and how many conditional writes it refused. */
export interface VersionedNode {
  respond: Responder;
  docs: Map<string, Map<string, Stored>>;
  conflicts: () => number;
}

function matches(doc: Doc, clause: Clause): boolean {
  if (clause.match_all) return true;
  if (clause.term) return Object.entries(clause.term).every(([field, value]) => doc[field] === value);
  if (clause.range) {
    return Object.entries(clause.range).every(([field, r]) => {
      const value = doc[field];
      if (typeof value !== 'number') return false;
      return (r.lte === undefined || value <= r.lte) && (r.gt === undefined || value > r.gt);
    });
  }
  throw new Error(`versioned node: unsupported clause ${JSON.stringify(clause)}`);
}

function compare(sort: Record<string, 'asc' | 'desc'>[]): (a: Stored, b: Stored) => number {
  return (a, b) => {
    for (const key of sort) {
      const [field, order] = Object.entries(key)[0] as [string, 'asc' | 'desc'];
      const d = Number(a.source[field] ?? 0) - Number(b.source[field] ?? 0);
      if (d !== 0) return order === 'desc' ? -d : d;
    }
    return 0;
  };
}

/** A versioned in-memory node. */
export function versionedNode(): VersionedNode {
  const docs = new Map<string, Map<string, Stored>>();
  let seq = 0;
  let refused = 0;
  const index = (name: string) => {
    let m = docs.get(name);
    if (!m) {
      m = new Map();
      docs.set(name, m);
    }
    return m;
  };
  const write = (op: string, meta: Record<string, unknown>, body: Doc): number => {
    const m = index(String(meta._index));
    const id = String(meta._id);
    const current = m.get(id);
    if (meta.if_seq_no !== undefined && current?.seqNo !== meta.if_seq_no) {
      refused++;
      return current ? 409 : 404;
    }
    if (op === 'create' && current) return 409;
    if (op === 'update') {
      if (!current) return 404;
      if (body.script) throw new Error('versioned node: scripts are not supported');
      m.set(id, { source: { ...current.source, ...(body.doc as Doc) }, seqNo: ++seq });
      return 200;
    }
    m.set(id, { source: body, seqNo: ++seq });
    return op === 'create' ? 201 : 200;
  };
  const hit = (name: string, id: string, s: Stored) => ({
    _index: name,
    _id: id,
    _seq_no: s.seqNo,
    _primary_term: 1,
    _source: s.source,
  });
  const matching = (name: string, query: Query = { match_all: {} }) => {
    const clauses = query.bool?.filter ?? [query];
    return [...index(name).entries()].filter(([, s]) => clauses.every((c) => matches(s.source, c)));
  };
  const respond = (request: RecordedRequest): FakeResponse | undefined => {
    const parts = request.path
      .split('/')
      .filter((p) => p !== '')
      .map(decodeURIComponent);
    const last = parts[parts.length - 1];
    if (last === '_bulk') {
      const lines = request.body as Record<string, Record<string, unknown>>[];
      const items: unknown[] = [];
      for (let i = 0; i < lines.length; i++) {
        const [op, meta] = Object.entries(lines[i] as object)[0] as [string, Record<string, unknown>];
        const body = op === 'delete' ? {} : ((lines[++i] ?? {}) as Doc);
        const status = write(op, meta, body);
        items.push({
          [op]: { _index: meta._index, _id: meta._id, status, ...(status >= 400 && { error: { status } }) },
        });
      }
      return {
        body: { took: 1, errors: items.some((it) => Object.values(it as object)[0].status >= 400), items },
      };
    }
    const [name, kind, id] = parts;
    if (!name) return undefined;
    if (kind === '_search') {
      const body = request.body as {
        query?: Query;
        sort?: Record<string, 'asc' | 'desc'>[];
        size?: number;
        from?: number;
      };
      const all = matching(name, body.query).sort(([, a], [, b]) => compare(body.sort ?? [])(a, b));
      const from = body.from ?? 0;
      const found = all.slice(from, from + (body.size ?? 10));
      return {
        body: {
          took: 1,
          timed_out: false,
          hits: {
            total: { value: all.length, relation: 'eq' },
            hits: found.map(([i, s]) => hit(name, i, s)),
          },
        },
      };
    }
    if (kind === '_delete_by_query') {
      const gone = matching(name, (request.body as { query?: Query }).query);
      for (const [i] of gone) index(name).delete(i);
      return { body: { took: 1, deleted: gone.length, failures: [] } };
    }
    if (kind === '_mget') {
      const ids = (request.body as { ids: string[] }).ids;
      return {
        body: {
          docs: ids.map((i) => {
            const s = docs.get(name)?.get(i);
            return s ? { ...hit(name, i, s), found: true } : { _index: name, _id: i, found: false };
          }),
        },
      };
    }
    if (kind === '_doc' && id !== undefined && request.method === 'GET') {
      const s = docs.get(name)?.get(id);
      return s ? { body: { ...hit(name, id, s), found: true } } : { statusCode: 404, body: { found: false } };
    }
    return undefined;
  };
  return { respond, docs, conflicts: () => refused };
}
