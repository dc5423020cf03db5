// Highlighting on Elasticsearch, offline: the highlight section the store asks for (html encoder, <mark> tags,
// the words as phrases on the display fields) and how the fragments a node answers become hit highlights.
import { describe, expect, it } from 'vitest';
import { hitHighlights, normalizeFragment } from '../../../store/elasticsearch/highlight-response.js';
import { article, openStore } from './offline-store.js';
import type { RecordedRequest } from './recording-connection.js';

const articleSearch = (requests: RecordedRequest[]) =>
  requests.find((r) => r.path === '/yq-articles/_search')?.body as Record<string, unknown>;

/** Strip our tags; what is left must hold no raw markup. */
const stripMarks = (html: string) => html.replaceAll('<mark>', '').replaceAll('</mark>', '');

describe('Elasticsearch highlight request (offline)', () => {
  it('asks the unified highlighter for html-escaped <mark> fragments of title and body', async () => {
    const { store, requests } = await openStore();
    await store.search({
      terms: ['住建局'],
      phrases: ['工程款'],
      anyOf: [['收费', '欠薪']],
      exclude: ['表彰'],
    });
    const { highlight } = articleSearch(requests) as { highlight: Record<string, unknown> };
    expect(highlight).toMatchObject({
      type: 'unified',
      encoder: 'html',
      pre_tags: ['<mark>'],
      post_tags: ['</mark>'],
      fields: {
        title: { number_of_fragments: 0 },
        body: { fragment_size: 80, number_of_fragments: 3, no_match_size: 100 },
      },
    });
    const should = (
      highlight.highlight_query as { bool: { should: unknown[]; minimum_should_match: number } }
    ).bool;
    expect(should.minimum_should_match).toBe(1);
    // Every word to mark as a phrase on each display field; exclusions are not marked.
    expect(should.should).toEqual(
      ['住建局', '工程款', '收费', '欠薪'].flatMap((w) => [
        { match_phrase: { title: w } },
        { match_phrase: { body: w } },
      ]),
    );
    expect(JSON.stringify(highlight)).not.toContain('表彰');
  });

  it('asks for no highlights when there is no word to mark', async () => {
    const { store, requests } = await openStore();
    await store.search({ terms: [], exclude: ['表彰'], sourceType: 'html' });
    expect(articleSearch(requests)).not.toHaveProperty('highlight');
  });
});

describe('Elasticsearch highlight response (offline)', () => {
  const hitWith = (source: Record<string, unknown>, highlight?: Record<string, string[]>) =>
    openStore((r) =>
      r.path === '/yq-articles/_search' && (r.body as { size?: number }).size !== 0
        ? {
            body: {
              hits: {
                total: { value: 1, relation: 'eq' },
                hits: [{ _id: source.id, _source: source, ...(highlight && { highlight }) }],
              },
            },
          }
        : undefined,
    );

  it('merges per-character marks and keeps escaped markup escaped, with … where the body is cut', async () => {
    const source = {
      ...article,
      title: '市住建局通报',
      body: '据悉，<script>alert("x")</script>市住建局拖欠工程款一事引发关注，有关部门已介入调查。',
      clusterId: 'c1',
      assessments: [],
    };
    const { store } = await hitWith(source, {
      title: ['市<mark>住</mark><mark>建</mark><mark>局</mark>通报'],
      body: [
        '&lt;script&gt;alert(&quot;x&quot;)&lt;&#x2F;script&gt;市<mark>住</mark><mark>建</mark><mark>局</mark>拖欠<mark>工</mark><mark>程</mark>款一事',
      ],
    });
    const { hits } = await store.search({ terms: ['住建局', '工程'] });
    expect(hits[0]?.highlights).toEqual([
      '市<mark>住建局</mark>通报',
      '…&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;市<mark>住建局</mark>拖欠<mark>工程</mark>款一事…',
    ]);
    for (const h of hits[0]?.highlights ?? []) expect(stripMarks(h)).not.toMatch(/[<>]/);
  });

  it('shows only the title when the body has no match, as the SQLite backend does', () => {
    expect(
      hitHighlights('学校收费', '说明全文', { title: ['学校<mark>收费</mark>'], body: ['说明全文'] }),
    ).toEqual(['学校<mark>收费</mark>']);
  });

  it('shows the lead Elasticsearch sent (no_match_size) when nothing is marked', () => {
    const body = `${'甲'.repeat(100)}乙`;
    expect(hitHighlights('标题', body, { body: ['甲'.repeat(100)] })).toEqual([`${'甲'.repeat(100)}…`]);
  });

  it('falls back to the escaped lead of the body when a hit carries no highlight', async () => {
    const source = {
      ...article,
      title: '学校收费公示',
      body: '学校收费公示 & 说明：<b>以上</b>为准。',
      clusterId: 'c1',
      assessments: [],
    };
    const { store } = await hitWith(source);
    const { hits } = await store.search({ terms: [], sourceType: 'html' });
    expect(hits[0]?.highlights).toEqual(['学校收费公示 &amp; 说明：&lt;b&gt;以上&lt;/b&gt;为准。']);
  });

  it('never lets raw tags through: a literal </mark> in the text stays text, stray tags are balanced', () => {
    // The html encoder escapes the document's own "</mark>", so only the highlighter's tags are raw.
    expect(normalizeFragment('a&lt;&#x2F;mark&gt;<mark>b</mark>').html).toBe('a&lt;/mark&gt;<mark>b</mark>');
    expect(normalizeFragment('</mark>x<mark>y<mark>z').html).toBe('x<mark>yz</mark>');
    expect(normalizeFragment('<img src=x onerror=alert(1)>&#39;&amp;lt;').html).toBe(
      '&lt;img src=x onerror=alert(1)&gt;&#39;&amp;lt;',
    );
  });
});
