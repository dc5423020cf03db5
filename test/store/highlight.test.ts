import { describe, expect, it } from 'vitest';
import { buildHighlights, containsAnyTerm, highlightSnippets } from '../../store/highlight.js';

describe('highlightSnippets', () => {
  it('marks every occurrence and escapes all five HTML characters', () => {
    expect(highlightSnippets(`<a href="x">'收费'</a> & 收费`, ['收费'])).toEqual([
      '&lt;a href=&quot;x&quot;&gt;&#39;<mark>收费</mark>&#39;&lt;/a&gt; &amp; <mark>收费</mark>',
    ]);
  });

  it('escapes a script title and never lets markup through', () => {
    const [snippet] = highlightSnippets('<script>alert(1)</script>违规收费', ['script', '收费']);
    expect(snippet).toBe(
      '&lt;<mark>script</mark>&gt;alert(1)&lt;/<mark>script</mark>&gt;违规<mark>收费</mark>',
    );
  });

  it('matches Latin case-insensitively and keeps the original case', () => {
    expect(highlightSnippets('The COVID-19 Notice', ['covid-19'])).toEqual([
      'The <mark>COVID-19</mark> Notice',
    ]);
  });

  it('prefers the longest term where terms overlap', () => {
    expect(highlightSnippets('违规收费', ['收费', '违规收费'])).toEqual(['<mark>违规收费</mark>']);
  });

  it('cuts long text around matches with ellipses and merges close windows', () => {
    const text = `${'甲'.repeat(200)}收费${'乙'.repeat(10)}收费${'丙'.repeat(200)}退费${'丁'.repeat(200)}`;
    const snippets = highlightSnippets(text, ['收费', '退费'], { width: 40 });
    expect(snippets).toHaveLength(2);
    expect(snippets[0]).toMatch(/^…甲+<mark>收费<\/mark>乙{10}<mark>收费<\/mark>丙+…$/);
    expect(snippets[1]).toMatch(/^…丙+<mark>退费<\/mark>丁+…$/);
    for (const s of snippets) expect(s.replace(/<\/?mark>/g, '').length).toBeLessThanOrEqual(60);
  });

  it('returns at most maxSnippets snippets', () => {
    const text = Array.from({ length: 10 }, () => `收费${'文'.repeat(100)}`).join('');
    expect(highlightSnippets(text, ['收费'], { maxSnippets: 2 })).toHaveLength(2);
    expect(highlightSnippets(text, ['收费'])).toHaveLength(3);
  });

  it('falls back to the escaped lead when nothing matches', () => {
    const text = `<b>${'字'.repeat(150)}`;
    const [lead] = highlightSnippets(text, ['无关']);
    expect(lead).toBe(`&lt;b&gt;${'字'.repeat(97)}…`);
    expect(highlightSnippets('短文', [])).toEqual(['短文']);
    expect(highlightSnippets('  ', ['x'])).toEqual([]);
  });

  it('collapses line breaks and does not split surrogate pairs', () => {
    expect(highlightSnippets('第一段\n\n第二段收费', ['收费'])).toEqual(['第一段 第二段<mark>收费</mark>']);
    const text = `${'😀'.repeat(60)}收费`;
    const [snippet] = highlightSnippets(text, ['收费'], { width: 20 });
    expect(snippet).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
  });

  it('treats regex characters in terms literally', () => {
    expect(highlightSnippets('a.b a+b (c)', ['a+b', '(c)'])).toEqual([
      'a.b <mark>a+b</mark> <mark>(c)</mark>',
    ]);
  });
});

describe('buildHighlights', () => {
  it('puts the whole marked title first, then body snippets', () => {
    expect(buildHighlights('学校收费', '家长说收费太高', ['收费'])).toEqual([
      '学校<mark>收费</mark>',
      '家长说<mark>收费</mark>太高',
    ]);
  });

  it('shows only body snippets when the title does not match', () => {
    expect(buildHighlights('通知', '家长说收费太高', ['收费'])).toEqual(['家长说<mark>收费</mark>太高']);
  });

  it('shows the body lead when nothing matches', () => {
    expect(buildHighlights('通知', '<i>正文</i>', ['收费'])).toEqual(['&lt;i&gt;正文&lt;/i&gt;']);
  });

  it('helpers agree', () => {
    expect(containsAnyTerm('ABC', ['b'])).toBe(true);
    expect(containsAnyTerm('ABC', [' '])).toBe(false);
  });
});
