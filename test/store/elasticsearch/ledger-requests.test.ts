// What the Elasticsearch ledger sends, checked offline on a recording connection (no cluster here; the live
// contract runs in contract.test.ts when ELASTICSEARCH_URL is set).
import { describe, expect, it } from 'vitest';
import { StoreError } from '../../../core/errors.js';
import type { Problem, ProblemLink } from '../../../core/ledger.js';
import { bulkActions, openStore } from './offline-store.js';

const problem: Problem = {
  roundId: 'r 4',
  id: 'ZJJ/01',
  unitId: 'zjj',
  title: '老旧小区改造质量',
  description: '外墙渗水',
  terms: ['外墙渗水'],
  status: 'rectifying',
  createdAt: '2026-10-16T01:00:00.000Z',
  updatedAt: '2026-10-16T01:00:00.000Z',
};

const link: ProblemLink = {
  roundId: 'r 4',
  problemId: 'ZJJ/01',
  unitId: 'zjj',
  articleId: 'a1',
  clusterId: 'c1',
  title: '还是老样子',
  url: 'http://127.0.0.1/a1.html',
  publishedAt: '2026-11-20T09:00:00+08:00',
  linkedAt: '2026-11-20T02:00:00.000Z',
  recurrence: true,
  reason: '涉及已反馈问题：ZJJ/01',
};

describe('Elasticsearch ledger requests', () => {
  it('creates the problems and problemlinks indices at init', async () => {
    const { store } = await openStore();
    expect(store.context.names.problems).toBe('yq-problems');
    expect(store.context.names.problemlinks).toBe('yq-problemlinks');
  });

  it('imports problems in one bulk request keyed by round and id, keeping existing creation times', async () => {
    const { store, requests } = await openStore((r) =>
      r.path.endsWith('/_mget')
        ? {
            body: {
              docs: [
                {
                  _id: 'r%204:ZJJ%2F01',
                  found: true,
                  _source: { ...problem, createdAt: '2026-01-01T00:00:00.000Z' },
                },
              ],
            },
          }
        : undefined,
    );
    expect(await store.ledger.saveProblems([problem, { ...problem, id: 'ZJJ-02' }])).toEqual({
      created: 1,
      updated: 1,
    });
    const bulks = requests.filter((r) => r.path === '/_bulk');
    expect(bulks).toHaveLength(1);
    expect(bulkActions(requests)).toEqual([
      { index: { _index: 'yq-problems', _id: 'r%204:ZJJ%2F01' } },
      { index: { _index: 'yq-problems', _id: 'r%204:ZJJ-02' } },
    ]);
    const docs = ((bulks[0]?.body ?? []) as Record<string, unknown>[]).filter((l) => 'title' in l);
    expect(docs[0]).toMatchObject({ id: 'ZJJ/01', createdAt: '2026-01-01T00:00:00.000Z' });
  });

  it('creates links with op_type create so a link already stored is kept, and sorts them by time', async () => {
    const { store, requests } = await openStore((r) =>
      r.path === '/_bulk'
        ? {
            body: {
              errors: true,
              items: [
                {
                  create: {
                    _index: 'yq-problemlinks',
                    _id: 'x',
                    status: 409,
                    error: { type: 'version_conflict_engine_exception' },
                  },
                },
              ],
            },
          }
        : undefined,
    );
    await store.ledger.addLinks([link]);
    expect(bulkActions(requests)).toEqual([
      { create: { _index: 'yq-problemlinks', _id: 'r%204:ZJJ%2F01:a1' } },
    ]);
    const doc = ((requests[0]?.body ?? []) as Record<string, unknown>[])[1];
    expect(doc).toMatchObject({ timeMs: Date.parse('2026-11-20T09:00:00+08:00'), recurrence: true });

    requests.length = 0;
    await store.ledger.listLinks({ roundId: 'r 4', problemId: 'ZJJ/01' });
    const search = requests.find((r) => r.path === '/yq-problemlinks/_search');
    expect(search?.body).toMatchObject({
      query: { bool: { filter: [{ term: { roundId: 'r 4' } }, { term: { problemId: 'ZJJ/01' } }] } },
      sort: [{ timeMs: 'asc' }, { linkedAt: 'asc' }, { articleId: 'asc' }],
    });
  });

  it('reports a failed bulk item as a store error', async () => {
    const { store } = await openStore((r) =>
      r.path === '/_bulk'
        ? {
            body: {
              errors: true,
              items: [
                {
                  index: {
                    _index: 'yq-problems',
                    _id: 'x',
                    status: 400,
                    error: { type: 'mapper_parsing_exception', reason: 'bad' },
                  },
                },
              ],
            },
          }
        : undefined,
    );
    await expect(store.ledger.saveProblems([problem])).rejects.toBeInstanceOf(StoreError);
  });
});
