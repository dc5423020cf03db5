import { createContext, runInContext, Script } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { APP_JS } from '../../console/page/app-js.js';
import { PAGE_CSS } from '../../console/page/css.js';
import { PAGE_HTML } from '../../console/page/html.js';
import { HELPERS_JS } from '../../console/page/js-helpers.js';

interface Helpers {
  sanitizeHighlight(html: string): string;
  safeUrl(url: string): string | null;
  formatTime(iso: string | undefined, timezone: string): string;
}

// The browser helpers run in a fresh V8 context, as the page would run them (no DOM needed for these).
function loadHelpers(): Helpers {
  const context = createContext({ URL });
  return runInContext(`${HELPERS_JS}\n({ sanitizeHighlight, safeUrl, formatTime });`, context) as Helpers;
}

describe('page script helpers', () => {
  const { sanitizeHighlight, safeUrl, formatTime } = loadHelpers();

  it('keeps <mark> and already-escaped entities', () => {
    expect(sanitizeHighlight('&lt;b&gt;<mark>违规收费</mark> &amp; &quot;x&quot; &#39;')).toBe(
      '&lt;b&gt;<mark>违规收费</mark> &amp; &quot;x&quot; &#39;',
    );
  });

  it('escapes any other markup, even if the API let it through', () => {
    expect(sanitizeHighlight('<script>alert(1)</script><mark>收费</mark>')).toBe(
      '&lt;script&gt;alert(1)&lt;/script&gt;<mark>收费</mark>',
    );
    expect(sanitizeHighlight('<img src=x onerror=alert(1)>')).toBe('&lt;img src=x onerror=alert(1)&gt;');
    expect(sanitizeHighlight('<mark onclick="x">a</mark>')).toBe(
      '&lt;mark onclick=&quot;x&quot;&gt;a</mark>',
    );
    expect(sanitizeHighlight('<MARK>a</MARK>')).toBe('&lt;MARK&gt;a&lt;/MARK&gt;');
  });

  it('escapes a bare ampersand but not a valid entity', () => {
    expect(sanitizeHighlight('A&B &lt &#x27; &#60;')).toBe('A&amp;B &amp;lt &#x27; &#60;');
  });

  it('allows only http and https links', () => {
    expect(safeUrl('https://example.org/a?b=1')).toBe('https://example.org/a?b=1');
    expect(safeUrl('http://127.0.0.1:8931/news/1.html')).toBe('http://127.0.0.1:8931/news/1.html');
    expect(safeUrl('javascript:alert(1)')).toBeNull();
    expect(safeUrl(' JavaScript:alert(1)')).toBeNull();
    expect(safeUrl('data:text/html,<script>alert(1)</script>')).toBeNull();
    expect(safeUrl('/relative')).toBeNull();
  });

  it('formats times in Asia/Shanghai', () => {
    expect(formatTime('2026-11-22T16:30:00Z', 'Asia/Shanghai')).toBe('2026/11/23 00:30');
    expect(formatTime(undefined, 'Asia/Shanghai')).toBe('时间未知');
    expect(formatTime('garbage', 'Asia/Shanghai')).toBe('时间未知');
  });
});

describe('page assets', () => {
  it('app.js is valid script', () => {
    expect(() => new Script(APP_JS, { filename: 'app.js' })).not.toThrow();
  });

  it('loads nothing from the internet', () => {
    for (const asset of [PAGE_HTML, PAGE_CSS, APP_JS]) {
      expect(asset).not.toMatch(/(https?:)?\/\/[a-z0-9.-]+\.[a-z]{2,}/i);
    }
    expect(PAGE_CSS).not.toMatch(/@import|\burl\(/i);
  });

  it('the page is Simplified Chinese with both tabs and no inline script', () => {
    expect(PAGE_HTML).toContain('<html lang="zh-CN">');
    expect(PAGE_HTML).toContain('<title>巡察舆情监测预警</title>');
    expect(PAGE_HTML).toContain('>检索</button>');
    expect(PAGE_HTML).toContain('>线索</button>');
    // Every script is external (CSP script-src 'self'): no inline <script> bodies, no on* handlers.
    expect(PAGE_HTML.match(/<script[^>]*>/g)).toEqual(['<script src="/assets/app.js" defer>']);
    expect(PAGE_HTML).not.toMatch(/\son[a-z]+=/i);
  });
});
