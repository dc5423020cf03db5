import { describe, expect, it } from 'vitest';
import { capNesting, flattenDeepNodes, loadHtml } from '../../crawlers/extract/load-html.js';

describe('loadHtml and its nesting limits', () => {
  it('leaves ordinary pages byte for byte as they are, unclosed <p> and <li> included', () => {
    const page = `<html><body><div class="a"><p>一<p>二<ul><li>甲<li>乙</ul><br><img src="x.png"/></div></body></html>`;
    expect(capNesting(page, 5)).toBe(page);
  });

  it('drops only the tags nested deeper than the limit and keeps their text', () => {
    const html = `${'<div>'.repeat(10)}正文${'</div>'.repeat(10)}`;
    const capped = capNesting(html, 3);
    expect(capped).toBe(`${'<div>'.repeat(3)}正文${'</div>'.repeat(3)}`);
  });

  it('flattens the parsed tree below the depth limit into text', () => {
    const $ = loadHtml(`<div><section><article><p>深层<b>正文</b></p></article></section></div>`);
    const body = $('body')[0];
    if (!body) throw new Error('no body');
    flattenDeepNodes(body, 2);
    expect($('section').html()).toBe('深层正文');
    expect($('article')).toHaveLength(0);
  });
});
