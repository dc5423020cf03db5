// `yuqing store migrate` and `reindex`: SQLite → SQLite with a new dictionary (tokens re-segmented, everything
// else copied as is), resume after an interruption, and the same copy into Elasticsearch documents (offline
// through a recording connection; against a live cluster when ELASTICSEARCH_URL is set).
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../core/log.js';
import type { Segmenter } from '../../pipeline/types.js';
import { ElasticsearchStore } from '../../store/elasticsearch/elasticsearch-store.js';
import { elasticsearchTarget } from '../../store/elasticsearch/migrate-target.js';
import { reindexElasticsearch } from '../../store/elasticsearch/reindex.js';
import { migrateStore } from '../../store/migrate/migrate.js';
import { reindexSqlite } from '../../store/migrate/reindex.js';
import { sqliteTarget } from '../../store/migrate/target.js';
import { SqliteStore } from '../../store/sqlite/sqlite-store.js';
import { clusterUrl, dropPrefix, testClusterOptions, testPrefix } from './elasticsearch/cluster-env.js';
import { recordingClient } from './elasticsearch/recording-connection.js';
import { makeArticle, makeAssessment, makeTip } from './fixtures.js';

/** A segmenter knowing only `words` (longest match), every other character a token of its own. */
function dictionarySegmenter(words: readonly string[]): Segmenter {
  const sorted = [...words].sort((a, b) => b.length - a.length);
  const cut = (text: string) => {
    const out: string[] = [];
    for (let i = 0; i < text.length; ) {
      const word = sorted.find((w) => text.startsWith(w, i));
      const token = word ?? (text[i] as string);
      if (token.trim() !== '') out.push(token);
      i += token.length;
    }
    return out;
  };
  return { cut, cutForSearch: cut };
}

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tmp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'yuqing-migrate-'));
  dirs.push(dir);
  return dir;
}

// Distinct details, long enough for story band keys, so the five items stay five stories.
const DETAILS = [
  '城东安置小区项目的二十多名农民工从去年冬天起讨薪无果，多次到信访窗口反映均被告知等待协调。',
  '一家建材供应商称垫付的钢材货款已拖了十四个月，合同约定的验收付款节点早已过去仍无回音。',
  '市政道路改造的分包队伍反映审计结论出来半年，结算款迟迟不拨付，工人只能借钱过年。',
  '学校操场翻新工程完工两年，施工方多次催要尾款，对方以资金紧张为由一再推脱。',
  '老旧小区加装电梯项目的设备款被拖欠，厂家表示再不支付将停止后续维保服务。',
];

async function seed(path: string): Promise<SqliteStore> {
  const store = new SqliteStore({ path, logger: silentLogger() });
  await store.init();
  const unit = [{ unitId: 'u1', unitName: '明州市住建局' }];
  for (let i = 0; i < 5; i++) {
    const a = makeArticle({
      key: `m${i}`,
      title: `明州市住建局拖欠工程款问题${i}`,
      body: `群众反映住建局拖欠工程款，第${i}篇。${DETAILS[i]}`,
      titleTokens: `明州市住建局拖欠工程款问题${i}`,
      bodyTokens: '群众 反映',
      assessments: [makeAssessment({ units: unit, score: 70, level: 'red' })],
    });
    await store.ingest({ article: a, tips: [makeTip(a, { id: `tip-${i}`, unitId: 'u1' })] });
  }
  await store.updateTipWorkflow({
    tipId: 'tip-0',
    expectedStatus: 'new',
    patch: { status: 'assigned', team: '第二巡察组', dueAt: '2025-06-01T00:00:00+08:00' },
    entry: { at: '2025-05-14T09:00:00+08:00', actor: '张三', action: 'assign', from: 'new', to: 'assigned' },
  });
  await store.putEvidence({
    articleId: 'art-m0',
    sha256: 'a'.repeat(64),
    size: 10,
    contentType: 'text/html',
    status: 200,
    finalUrl: 'https://news.example.cn/a/m0.html',
    fetchedAt: '2025-05-13T10:00:00+08:00',
    path: '2025/05/13/art-m0',
    savedAt: '2025-05-13T10:00:01+08:00',
  });
  await store.recordSourceRun({ sourceId: 'news', at: '2025-05-13T10:00:00+08:00', ok: true, stored: 5 });
  await store.enqueueNotice(['email'], { kind: 'test', title: '测试', lines: ['一'] }, 'notice-1');
  await store.appendAudit({
    at: '2025-05-14T09:00:00+08:00',
    user: '张三',
    action: 'tip_change',
    target: 'tip-0',
  });
  await store.ledger.saveProblems([
    {
      roundId: 'r1',
      id: 'P-01',
      unitId: 'u1',
      title: '拖欠工程款',
      description: '住建局长期拖欠施工企业工程款',
      terms: ['拖欠', '工程款'],
      raisedOn: '2025-05-10',
      status: 'rectifying',
      createdAt: '2025-05-10T09:00:00+08:00',
      updatedAt: '2025-05-10T09:00:00+08:00',
    },
  ]);
  await store.ledger.addLinks([
    {
      roundId: 'r1',
      problemId: 'P-01',
      unitId: 'u1',
      articleId: 'art-m1',
      clusterId: 'art-m1',
      title: '明州市住建局拖欠工程款问题1',
      url: 'https://news.example.cn/a/m1.html',
      linkedAt: '2025-05-13T10:00:00+08:00',
      recurrence: true,
      reason: '涉及已反馈问题：拖欠工程款',
    },
  ]);
  await store.cursors.putSearchCursor({
    sourceId: 'search',
    next: 3,
    lastSearched: { 'r1/u1': '2025-05-13T10:00:00+08:00' },
    updatedAt: '2025-05-13T10:00:00+08:00',
  });
  return store;
}

const NEW_WORDS = ['住建局', '工程款', '明州市'];

describe('store migrate (SQLite → SQLite with a new dictionary)', () => {
  it('copies every record and re-segments the search tokens', async () => {
    const dir = tmp();
    const source = await seed(join(dir, 'old.db'));
    const target = new SqliteStore({ path: join(dir, 'new.db'), logger: silentLogger() });
    await target.init();
    const progress: string[] = [];
    const summary = await migrateStore({
      source: source.database,
      target: sqliteTarget(target.database, dictionarySegmenter(NEW_WORDS)),
      checkpointPath: join(dir, 'cp.json'),
      onProgress: (p) => progress.push(`${p.table} ${p.copied}/${p.total}`),
    });
    expect(summary.resumed).toBe(false);
    expect(progress).toContain('articles 5/5');
    expect(existsSync(join(dir, 'cp.json'))).toBe(false);
    expect(await target.countArticles()).toBe(5);
    expect(await target.listTips({})).toEqual(await source.listTips({}));
    expect(await target.tipHistory('tip-0')).toEqual(await source.tipHistory('tip-0'));
    expect(await target.listAlerts()).toEqual(await source.listAlerts());
    expect(await target.getEvidence('art-m0')).toEqual(await source.getEvidence('art-m0'));
    expect(await target.listSourceHealthStates()).toEqual(await source.listSourceHealthStates());
    expect(await target.listAudit({})).toEqual(await source.listAudit({}));
    expect(await target.getCluster('art-m0')).toEqual(await source.getCluster('art-m0'));
    // The ledger, its links, the search rotation and the story index come along.
    expect(await target.ledger.listProblems()).toEqual(await source.ledger.listProblems());
    expect(await target.ledger.listLinks()).toEqual(await source.ledger.listLinks());
    expect(await target.cursors.listSearchCursors()).toEqual(await source.cursors.listSearchCursors());
    const bands = (s: SqliteStore) =>
      s.database.prepare('SELECT band, seq FROM story_bands ORDER BY band, seq').all();
    expect(bands(target).length).toBeGreaterThan(0);
    expect(bands(target)).toEqual(bands(source));
    const copied = await target.getArticle('art-m0');
    expect(copied?.titleTokens).toBe('明州市 住建局 拖 欠 工程款 问 题 0');
    expect({ ...copied, titleTokens: '', bodyTokens: '' }).toEqual({
      ...(await source.getArticle('art-m0')),
      titleTokens: '',
      bodyTokens: '',
    });
    // The new dictionary's words are now index tokens (the old tokens had no 住建局 token).
    expect((await target.search({ terms: ['工程款'] })).total).toBe(5);
    await source.close();
    await target.close();
  });

  it('resumes after an interruption without copying anything twice', async () => {
    const dir = tmp();
    const source = await seed(join(dir, 'old.db'));
    const target = new SqliteStore({ path: join(dir, 'new.db'), logger: silentLogger() });
    await target.init();
    const options = {
      source: source.database,
      target: sqliteTarget(target.database, dictionarySegmenter(NEW_WORDS)),
      checkpointPath: join(dir, 'cp.json'),
      batchSize: 2,
    };
    await expect(migrateStore({ ...options, stopAfterBatches: 3 })).rejects.toThrow(/stopped/);
    expect(existsSync(join(dir, 'cp.json'))).toBe(true);
    expect(await target.countArticles()).toBeLessThan(5);
    const summary = await migrateStore(options);
    expect(summary.resumed).toBe(true);
    expect(await target.countArticles()).toBe(5);
    expect((await target.listTips({})).total).toBe(5);
    expect((await target.listAlerts()).length).toBe((await source.listAlerts()).length);
    await source.close();
    await target.close();
  });
});

describe('store reindex (SQLite)', () => {
  it('re-segments every article so a new dictionary word becomes a token', async () => {
    const dir = tmp();
    const store = await seed(join(dir, 'y.db'));
    const count = reindexSqlite(store.database, dictionarySegmenter(NEW_WORDS), undefined, 2);
    expect(count).toBe(5);
    expect((await store.getArticle('art-m3'))?.titleTokens).toBe('明州市 住建局 拖 欠 工程款 问 题 3');
    const fts = store.database
      .prepare(
        'SELECT count(*) AS n FROM articles_fts WHERE articles_fts MATCH \'{title_tokens} : "住建局"\'',
      )
      .get() as { n: number };
    expect(fts.n).toBe(5);
    expect((await store.search({ terms: ['拖欠'] })).total).toBe(5);
    await store.close();
  });
});

describe('store migrate (SQLite → Elasticsearch documents, offline)', () => {
  it('bulk-indexes articles, tips with their locks, history, outbox, evidence and audit by derived ids', async () => {
    const dir = tmp();
    const source = await seed(join(dir, 'old.db'));
    const { client, requests } = recordingClient();
    const es = new ElasticsearchStore({ client, indexPrefix: 'yq', logger: silentLogger() });
    await es.init();
    await migrateStore({
      source: source.database,
      target: elasticsearchTarget(es.context, dictionarySegmenter(NEW_WORDS)),
      checkpointPath: join(dir, 'cp.json'),
    });
    const lines = requests
      .filter((r) => r.path === '/_bulk')
      .flatMap((r) => r.body as Record<string, { _index?: string; _id?: string; titleTokens?: string }>[]);
    const indexed = (index: string) =>
      lines.filter((l) => l.index?._index === index).map((l) => l.index?._id);
    expect(indexed('yq-articles')).toHaveLength(5);
    expect(indexed('yq-tips')).toEqual(['tip-0', 'tip-1', 'tip-2', 'tip-3', 'tip-4']);
    expect(indexed('yq-tipkeys')).toHaveLength(5);
    expect(indexed('yq-history')).toEqual(['tip-0:1']);
    expect(indexed('yq-outbox')).toHaveLength((await source.listAlerts()).length);
    expect(indexed('yq-evidence')).toEqual(['art-m0']);
    expect(indexed('yq-audit')).toEqual(['1']);
    expect(indexed('yq-problems')).toEqual(['r1:P-01']);
    expect(indexed('yq-problemlinks')).toEqual(['r1:P-01:art-m1']);
    expect(indexed('yq-cursors')).toEqual(['search']);
    const article = lines[
      lines.findIndex((l) => l.index?._index === 'yq-articles' && l.index._id === 'art-m0') + 1
    ] as unknown as Record<string, unknown>;
    expect(article).toMatchObject({
      titleTokens: '明州市 住建局 拖 欠 工程款 问 题 0',
      clusterId: 'art-m0',
      roundUnits: ['r1\u0000u1'],
    });
    // Migration writes do not wait for refresh; the indices are refreshed once at the end, the audit counter set.
    expect(
      requests.filter((r) => r.path === '/_bulk').every((r) => !r.querystring.includes('refresh=wait_for')),
    ).toBe(true);
    expect(requests.some((r) => r.path.endsWith('/_refresh'))).toBe(true);
    expect(requests.some((r) => r.path === '/yq-counters/_update/audit')).toBe(true);
    await source.close();
  });
});

describe.skipIf(!clusterUrl)(
  clusterUrl
    ? 'store migrate and reindex on Elasticsearch'
    : 'store migrate and reindex on Elasticsearch (skipped: ELASTICSEARCH_URL not set)',
  () => {
    it('copies a SQLite store into the cluster and rebuilds the tokens', async () => {
      const dir = tmp();
      const source = await seed(join(dir, 'old.db'));
      const prefix = testPrefix();
      const es = new ElasticsearchStore({
        client: testClusterOptions(),
        indexPrefix: prefix,
        logger: silentLogger(),
        templates: { replicas: 0 },
      });
      try {
        await es.init();
        await migrateStore({
          source: source.database,
          target: elasticsearchTarget(es.context, dictionarySegmenter(NEW_WORDS)),
          checkpointPath: join(dir, 'cp.json'),
        });
        expect(await es.countArticles()).toBe(5);
        expect(await es.listTips({})).toEqual(await source.listTips({}));
        expect(await es.tipHistory('tip-0')).toEqual(await source.tipHistory('tip-0'));
        expect(await es.getEvidence('art-m0')).toEqual(await source.getEvidence('art-m0'));
        expect((await es.search({ terms: ['工程款'] })).total).toBe(5);
        expect(await reindexElasticsearch(es.context, dictionarySegmenter(['拖欠']))).toBe(5);
        expect((await es.getArticle('art-m1'))?.titleTokens).toContain('拖欠');
      } finally {
        await es.close();
        await source.close();
        await dropPrefix(prefix);
      }
    }, 120_000);
  },
);
