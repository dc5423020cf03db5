import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeBody, normaliseCharset, sniffMetaCharset } from '../../crawlers/decode.js';
import { newsPage } from './fixtures.js';

const gbkPage = iconv.encode(newsPage({ charsetMeta: 'gb2312' }), 'gbk');

describe('decodeBody', () => {
  it('honours a <meta charset> when the header has none', () => {
    const d = decodeBody(gbkPage, { contentType: 'text/html' });
    expect(d.source).toBe('meta');
    expect(d.encoding).toBe('gb18030');
    expect(d.text).toContain('青石县住建局回应老旧小区改造进度慢问题');
  });

  it('honours <meta http-equiv="Content-Type">', () => {
    const html =
      '<html><head><meta http-equiv="Content-Type" content="text/html; charset=GBK"></head><body>巡察组进驻</body></html>';
    expect(decodeBody(iconv.encode(html, 'gbk')).text).toContain('巡察组进驻');
  });

  it('prefers the HTTP charset over <meta>', () => {
    const html = '<meta charset="utf-8"><p>整改不到位</p>';
    const d = decodeBody(iconv.encode(html, 'gbk'), { contentType: 'text/html; charset=gbk' });
    expect(d.source).toBe('header');
    expect(d.text).toContain('整改不到位');
  });

  it('reads plainly valid UTF-8 as UTF-8 even when a stale <meta> or header says GBK', () => {
    // Sites re-encoded to UTF-8 often keep the old template's charset declaration.
    const page = Buffer.from(newsPage({ charsetMeta: 'gb2312' }), 'utf8');
    const viaMeta = decodeBody(page, { contentType: 'text/html' });
    expect(viaMeta.encoding).toBe('utf-8');
    expect(viaMeta.source).toBe('sniffed');
    expect(viaMeta.text).toContain('青石县住建局回应老旧小区改造进度慢问题');
    expect(decodeBody(page, { contentType: 'text/html; charset=GBK' }).text).toContain('青石县住建局回应');
  });

  it('keeps a declared GBK page GBK when its bytes only happen to hold a little valid UTF-8', () => {
    const html = '<meta charset="gbk"><p>巡察</p>';
    // Two GBK characters can form valid UTF-8 by chance; too few multi-byte characters to override the declaration.
    expect(decodeBody(iconv.encode(html, 'gbk')).text).toContain('巡察');
  });

  it('lets the source override win over everything', () => {
    const html = '<meta charset="utf-8"><p>群众反映</p>';
    const d = decodeBody(iconv.encode(html, 'big5'), {
      contentType: 'text/html; charset=utf-8',
      override: 'big5',
    });
    expect(d.text).toContain('群众反映');
  });

  it('honours a UTF-8 BOM', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<p>形式主义</p>')]);
    const d = decodeBody(bytes, { contentType: 'text/html; charset=gbk' });
    expect(d.source).toBe('bom');
    expect(d.text).toBe('<p>形式主义</p>');
  });

  it('falls back to GBK when undeclared bytes are not UTF-8', () => {
    const bytes = iconv.encode('<p>青石县住房和城乡建设局回应居民关于老旧小区改造工程停工的反映</p>', 'gbk');
    const d = decodeBody(bytes);
    expect(d.source).toBe('sniffed');
    expect(d.text).toContain('老旧小区改造工程');
  });

  it('defaults to UTF-8', () => {
    expect(decodeBody(Buffer.from('<p>巡察</p>')).text).toBe('<p>巡察</p>');
  });

  it('normalises labels and finds the XML declaration', () => {
    expect(normaliseCharset('GB2312')).toBe('gb18030');
    expect(normaliseCharset('no-such-charset')).toBeUndefined();
    expect(sniffMetaCharset(Buffer.from('<?xml version="1.0" encoding="GBK"?><rss/>'))).toBe('GBK');
  });
});
