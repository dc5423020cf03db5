import { describe, expect, it } from 'vitest';
import type { ExtractedArticle } from '../../core/types.js';
import { normalizeArticle, normalizeBody, normalizeLine, normalizeUrl } from '../../pipeline/normalize.js';

const base: ExtractedArticle = {
  url: 'https://BBS.Example.ORG/thread-1.html?utm_source=wx&page=2#reply-3',
  sourceId: 'demo-forum',
  sourceName: ' 明州论坛\u00a0',
  sourceType: 'html',
  title: '\u3000实名举报\u200b明州市住建局\n  违规收费 ',
  body: '第一段\u3000\u3000文字\u200b内容。\r\n\r\n   \n第二段\t\t有  空格\u00a0和\ufeff零宽字符\n\n第三段',
  fetchedAt: '2026-11-22T09:30:00+08:00',
};

describe('normalizeLine / normalizeBody', () => {
  it('turns full-width and no-break spaces into one space and drops zero-width characters', () => {
    expect(normalizeLine('\u3000明州市\u3000\u3000住建局\u00a0通知\u200b\u200d ')).toBe('明州市 住建局 通知');
  });

  it('keeps Chinese punctuation but folds full-width letters and digits', () => {
    expect(normalizeLine('２０２６年，ＡＢＣ公司：！')).toBe('2026年，ABC公司：！');
  });

  it('drops control characters', () => {
    expect(normalizeLine('明州\u0007市\u0000住建局\u009f')).toBe('明州市住建局');
  });

  it('keeps paragraph breaks as single newlines and drops blank lines', () => {
    expect(normalizeBody('甲\r\n\r\n  \n乙\u2029丙\n\n')).toBe('甲\n乙\n丙');
  });
});

describe('normalizeUrl', () => {
  it('drops the fragment and utm_* parameters and lowercases the host', () => {
    expect(
      normalizeUrl('https://BBS.Example.ORG/Thread-1.html?utm_source=wx&page=2&UTM_medium=x#reply-3'),
    ).toBe('https://bbs.example.org/Thread-1.html?page=2');
  });

  it('drops an empty query and keeps the encoding of the parameters it keeps', () => {
    expect(normalizeUrl('http://a.example/x?utm_campaign=1')).toBe('http://a.example/x');
    expect(normalizeUrl('http://a.example/x?q=%E4%B8%AD+1&utm_id=2')).toBe(
      'http://a.example/x?q=%E4%B8%AD+1',
    );
  });

  it('keeps hash routes of single-page sites', () => {
    expect(normalizeUrl('http://a.example/app/#/article/7')).toBe('http://a.example/app/#/article/7');
  });

  it('returns a string that is not a URL trimmed and otherwise unchanged', () => {
    expect(normalizeUrl('  not a url  ')).toBe('not a url');
  });
});

describe('normalizeArticle', () => {
  it('cleans title, body, source name and URL and keeps the other fields', () => {
    const out = normalizeArticle({ ...base, author: ' \u3000 ' });
    expect(out).toEqual({
      ...base,
      url: 'https://bbs.example.org/thread-1.html?page=2',
      sourceName: '明州论坛',
      title: '实名举报明州市住建局 违规收费',
      body: '第一段 文字内容。\n第二段 有 空格 和零宽字符\n第三段',
    });
    expect('author' in out).toBe(false);
  });

  it('does not change its input', () => {
    const copy = structuredClone(base);
    normalizeArticle(base);
    expect(base).toEqual(copy);
  });
});
