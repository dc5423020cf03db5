// What the Elasticsearch store sends, checked offline through a recording client connection (no cluster):
// templates and mappings, bulk bodies with create-only writes, queries, aggregations and highlight output.
import { describe, expect, it } from 'vitest';
import { StoreError } from '../../../core/errors.js';
import { silentLogger } from '../../../core/log.js';
import { elasticsearchClientOptions } from '../../../store/elasticsearch/client-options.js';
import { ElasticsearchStore } from '../../../store/elasticsearch/elasticsearch-store.js';
import type { indexTemplate } from '../../../store/elasticsearch/mappings.js';
import { INDEX_KINDS } from '../../../store/elasticsearch/names.js';
import { makeArticle, makeTip } from '../fixtures.js';
import { memoryNode } from './memory-node.js';
import { article, type BulkLine, bulkActions, NOW, openStore } from './offline-store.js';
import { type RecordedRequest, recordingClient } from './recording-connection.js';

describe('Elasticsearch store requests (offline, recording connection)', () => {
  it('puts one index template per record type: whitespace-token fields, offsets on display text, no plugin', async () => {
    const { client, requests } = recordingClient();
    const store = new ElasticsearchStore({ client, indexPrefix: 'yq', logger: silentLogger() });
    await store.init();
    const templates = requests.filter((r) => r.method === 'PUT' && r.path.startsWith('/_index_template/'));
    expect(templates.map((r) => r.path)).toEqual(INDEX_KINDS.map((k) => `/_index_template/yq-${k}`));
    const articles = templates[0]?.body as ReturnType<typeof indexTemplate>;
    expect(articles.index_patterns).toEqual(['yq-articles']);
    const { settings, mappings } = articles.template as {
      settings: { analysis: { analyzer: Record<string, unknown> } };
      mappings: { dynamic: boolean; properties: Record<string, Record<string, unknown>> };
    };
    expect(settings.analysis.analyzer.yuqing_whitespace).toEqual({
      type: 'custom',
      tokenizer: 'whitespace',
      filter: ['lowercase'],
    });
    for (const field of ['titleTokens', 'bodyTokens', 'titleGrams', 'bodyGrams']) {
      expect(mappings.properties[field]).toMatchObject({ type: 'text', analyzer: 'yuqing_whitespace' });
    }
    expect(mappings.properties.title).toMatchObject({ type: 'text', index_options: 'offsets' });
    expect(mappings.properties.body).toMatchObject({ type: 'text', index_options: 'offsets' });
    for (const field of ['url', 'sourceId', 'level', 'clusterId', 'contentHash', 'roundUnits']) {
      expect(mappings.properties[field]).toEqual({ type: 'keyword' });
    }
    expect(mappings.properties.timeMs).toMatchObject({ type: 'date' });
    expect(mappings.properties.unitRefs).toMatchObject({ type: 'nested' });
    expect(mappings.dynamic).toBe(false);
    expect(JSON.stringify(templates)).not.toMatch(/ik_|smartcn|icu_/);
    // Missing indices are created from the templates.
    expect(requests.filter((r) => r.method === 'PUT' && /^\/yq-[a-z]+$/.test(r.path))).toHaveLength(
      INDEX_KINDS.length,
    );
  });

  it('extends an existing index mapping instead of recreating it (init is idempotent)', async () => {
    const { client, requests } = recordingClient((r) => (r.method === 'HEAD' ? { body: '' } : undefined));
    await new ElasticsearchStore({ client, indexPrefix: 'yq', logger: silentLogger() }).init();
    expect(requests.filter((r) => /^\/yq-[a-z]+$/.test(r.path) && r.method === 'PUT')).toEqual([]);
    expect(requests.filter((r) => r.path.endsWith('/_mapping'))).toHaveLength(INDEX_KINDS.length);
  });

  it('ingests with create-only writes: cluster, tip lock, tip and alerts in one bulk, the article last', async () => {
    const node = memoryNode();
    const { store, requests } = await openStore(node.respond);
    const result = await store.ingest({ article, tips: [makeTip(article, { id: 't1' })] });
    expect(result).toMatchObject({ inserted: true, clusterId: article.id, createdTipIds: ['t1'] });
    const creates = requests.filter((r) => r.path.includes('/_create/')).map((r) => r.path.split('/')[1]);
    expect(creates).toEqual(['yq-clusters', 'yq-tipkeys', 'yq-articles']);
    const actions = bulkActions(requests);
    expect(actions.map((a) => Object.keys(a)[0])).toEqual(['create', 'create', 'create']);
    expect(actions.map((a) => Object.values(a)[0]?._index)).toEqual(['yq-tips', 'yq-outbox', 'yq-outbox']);
    expect(Object.values(actions[0] as BulkLine)[0]?._id).toBe('t1');
    const last = requests[requests.length - 1] as RecordedRequest;
    const articleWrite = requests.find((r) => r.path.startsWith('/yq-articles/_create/')) as RecordedRequest;
    expect(articleWrite.querystring).toContain('refresh=wait_for');
    expect(requests.indexOf(articleWrite)).toBeGreaterThan(requests.findIndex((r) => r.path === '/_bulk'));
    expect(last.path).not.toBe('/_bulk');
    const doc = articleWrite.body as Record<string, unknown>;
    expect(doc).toMatchObject({ titleTokens: article.titleTokens, roundUnits: ['r1\u0000u1'], levelRank: 3 });
    expect(doc.titleGrams).toContain('收费');
  });

  it('a retried ingest after a crash (article not written) creates no second tip or alert', async () => {
    const node = memoryNode();
    const { store } = await openStore(node.respond);
    await store.ingest({ article, tips: [makeTip(article, { id: 't1' })] });
    node.docs.get('yq-articles')?.clear(); // the crash: everything but the commit marker was written
    const retry = await store.ingest({ article, tips: [makeTip(article, { id: 't1' })] });
    expect(retry.inserted).toBe(true);
    expect(retry.createdTipIds).toEqual([]);
    expect(node.docs.get('yq-tips')?.size).toBe(1);
    expect(node.docs.get('yq-outbox')?.size).toBe(2);
  });

  it('two instances ingesting the same story at once queue each alert once (op_type: create)', async () => {
    const node = memoryNode();
    const a = await openStore(node.respond);
    const b = await openStore(node.respond);
    const copy = makeArticle({ ...article, key: 'a1-copy', assessments: article.assessments });
    const [ra, rb] = await Promise.all([
      a.store.ingest({ article, tips: [makeTip(article, { id: 't-a' })] }),
      b.store.ingest({ article, tips: [makeTip(article, { id: 't-b' })] }),
    ]);
    expect([ra.inserted, rb.inserted].filter(Boolean)).toHaveLength(1);
    expect([...ra.createdTipIds, ...rb.createdTipIds]).toHaveLength(1);
    expect(node.docs.get('yq-tips')?.size).toBe(1);
    const alerts = [...(node.docs.get('yq-outbox')?.values() ?? [])];
    expect(alerts.map((x) => x.channel).sort()).toEqual(['email', 'wecom']);
    // A repost joining the story on the other instance adds no alert either.
    await b.store.ingest({ article: copy, joinClusterId: article.id, tips: [makeTip(copy, { id: 't-c' })] });
    expect(node.docs.get('yq-outbox')?.size).toBe(2);
  });

  it('a notice queued twice with one dedup key queues nothing the second time', async () => {
    const node = memoryNode();
    const { store } = await openStore(node.respond);
    const notice = { kind: 'test' as const, title: '测试', lines: ['一'] };
    const first = await store.enqueueNotice(['email', 'wecom'], notice, 'k1');
    expect(first).toHaveLength(2);
    expect(await store.enqueueNotice(['email', 'wecom'], notice, 'k1')).toEqual([]);
  });

  it('writes a refused bulk item to the dead-letter index and raises E_STORE_IO', async () => {
    const { store, requests } = await openStore((r) => {
      if (
        r.path !== '/_bulk' ||
        (r.body as BulkLine[]).some((l) => 'index' in l && l.index?._index === 'yq-deadletter')
      )
        return undefined;
      const items = (r.body as BulkLine[])
        .filter((l) => 'create' in l || 'index' in l)
        .map((l) => ({
          [Object.keys(l)[0] as string]: {
            ...Object.values(l)[0],
            status: 400,
            error: { type: 'mapper_parsing_exception' },
          },
        }));
      return { body: { errors: true, items } };
    });
    const error = await store
      .enqueueNotice(['email'], { kind: 'test', title: 't', lines: [] }, 'k')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).code).toBe('E_STORE_IO');
    const dead = requests.filter((r) => r.path === '/_bulk').pop();
    expect(JSON.stringify(dead?.body)).toContain('yq-deadletter');
    expect(JSON.stringify(dead?.body)).toContain('mapper_parsing_exception');
  });

  it('makes a workflow step conditional on the version read; a 409 is E_STORE_CONFLICT', async () => {
    const tip = { ...makeTip(article, { id: 't1' }).tip, levelRank: 3, createdMs: 0, seq: 1 };
    const { store, requests } = await openStore((r) => {
      if (r.method === 'GET' && r.path === '/yq-tips/_doc/t1')
        return { body: { found: true, _id: 't1', _seq_no: 7, _primary_term: 2, _source: tip } };
      if (r.method === 'PUT' && r.path === '/yq-tips/_doc/t1')
        return {
          statusCode: 409,
          body: { error: { type: 'version_conflict_engine_exception' }, status: 409 },
        };
      return undefined;
    });
    const step = {
      tipId: 't1',
      expectedStatus: 'new' as const,
      patch: { status: 'assigned' as const, team: '一组' },
      entry: {
        at: NOW.toISOString(),
        actor: 'cli',
        action: 'assign' as const,
        from: 'new' as const,
        to: 'assigned' as const,
      },
    };
    await expect(store.updateTipWorkflow(step)).rejects.toMatchObject({ code: 'E_STORE_CONFLICT' });
    expect(requests.find((r) => r.method === 'PUT')?.querystring).toMatch(
      /if_seq_no=7&if_primary_term=2|if_primary_term=2&if_seq_no=7/,
    );
    await expect(store.updateTipWorkflow({ ...step, expectedStatus: 'assigned' })).rejects.toMatchObject({
      code: 'E_STORE_CONFLICT',
    });
  });

  it('builds client options from settings: API key or basic auth, CA fingerprint', () => {
    expect(elasticsearchClientOptions({ node: 'https://es:9200', auth: { apiKey: 'abc' } })).toMatchObject({
      node: 'https://es:9200',
      auth: { apiKey: 'abc' },
    });
    expect(
      elasticsearchClientOptions({
        node: 'https://es:9200',
        auth: { username: 'elastic', password: 'pw' },
        tls: { caFingerprint: 'AA:BB' },
      }),
    ).toMatchObject({ auth: { username: 'elastic', password: 'pw' }, caFingerprint: 'AA:BB' });
    expect(() =>
      elasticsearchClientOptions({ node: 'https://es:9200', tls: { ca: '/no/such/ca.crt' } }),
    ).toThrow(/store\.tls\.ca/);
  });
});
