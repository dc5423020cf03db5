// The Elasticsearch story lookup offline (issue 19): band terms on the storyBands keyword field, candidates
// verified by containment on their bodies, the band keys in the article document, the re-check before a new
// cluster is created. The live behaviour is covered only by the contract suite with ELASTICSEARCH_URL.
import { describe, expect, it } from 'vitest';
import { esStoryBands } from '../../../store/elasticsearch/docs.js';
import { makeArticle } from '../fixtures.js';
import { openStore } from './offline-store.js';
import type { RecordedRequest } from './recording-connection.js';

const ORIGINAL = [
  '我叫刘某，在明州做了十几年建筑劳务，手下有四十多个农民工兄弟。今天我实名反映有关部门工作人员违规收费的问题。',
  '去年我们承接城东一个安置房项目的劳务分包，办理施工许可和竣工验收备案时，被以各种名义先后收取了三万多元。',
  '项目完工已经一年多，总包单位至今拖欠我们四十多名农民工工资共计一百二十多万元，来回反映却没有下文。',
].join('\n');
const REPOST = `近日，有网友在本地论坛发帖反映以下情况，引发关注。\n${ORIGINAL}\n对此你怎么看？欢迎留言。`;

const stored = makeArticle({ key: 'orig', body: ORIGINAL });
const searchHit = (r: RecordedRequest) =>
  r.path === '/yq-articles/_search' && JSON.stringify(r.body).includes('storyBands');
const answer = (r: RecordedRequest) =>
  searchHit(r)
    ? {
        body: {
          took: 1,
          hits: {
            total: { value: 1, relation: 'eq' },
            hits: [
              {
                _id: stored.id,
                _score: 3,
                _source: { id: stored.id, clusterId: 'story-1', body: ORIGINAL, seq: 1, storedMs: 1 },
              },
            ],
          },
        },
      }
    : undefined;

describe('Elasticsearch story lookup (offline)', () => {
  it('asks for the band terms (no scan) and verifies the candidates by containment', async () => {
    const { store, requests } = await openStore(answer);
    expect(await store.findSameStory(REPOST)).toMatchObject({ articleId: stored.id, clusterId: 'story-1' });
    const search = requests.find(searchHit);
    const body = search?.body as {
      query: { bool: { should: { term: { storyBands: string } }[]; minimum_should_match: number } };
      size: number;
    };
    expect(body.query.bool.should.map((s) => s.term.storyBands)).toEqual(esStoryBands(REPOST));
    expect(body.query.bool.minimum_should_match).toBe(1);
    expect(body.size).toBeLessThanOrEqual(50);
    expect(await store.findSameStory('太短')).toBeUndefined();
  });

  it('writes the band keys with the article and joins the found story when the ingest re-checks', async () => {
    const { store, requests } = await openStore(answer);
    const copy = makeArticle({ key: 'copy', body: REPOST });
    const result = await store.ingest({ article: copy, recheckStory: true, tips: [] });
    expect(result.clusterId).toBe('story-1');
    const write = requests.find((r) => r.path.startsWith('/yq-articles/_create/'));
    expect((write?.body as { storyBands: string[] } | undefined)?.storyBands).toEqual(esStoryBands(REPOST));
    expect(requests.some((r) => r.path.startsWith('/yq-clusters/_update/story-1'))).toBe(true);
  });
});
