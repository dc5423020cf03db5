import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../core/html.js';

describe('escapeHtml', () => {
  it('escapes the five HTML special characters', () => {
    expect(escapeHtml(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;');
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  it('leaves other text, Chinese included, unchanged', () => {
    expect(escapeHtml('明州市住建局 违规收费 100%')).toBe('明州市住建局 违规收费 100%');
  });
});
