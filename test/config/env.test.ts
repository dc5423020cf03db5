// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these strings hold the ${VAR} syntax of the YAML files.
import { describe, expect, it } from 'vitest';
import { expandString, expandTree } from '../../config/env.js';
import { formatPath } from '../../config/issue-path.js';

function expand(text: string, env: NodeJS.ProcessEnv): { value: string; problems: string[] } {
  const problems: string[] = [];
  return { value: expandString(text, env, (r) => problems.push(r)), problems };
}

describe('${VAR} expansion', () => {
  it('replaces set variables and uses defaults for unset or empty ones', () => {
    expect(expand('smtp://${HOST}:${PORT:-25}', { HOST: 'mail' })).toEqual({
      value: 'smtp://mail:25',
      problems: [],
    });
    expect(expand('${A:-x}${B:-y}', { A: '', B: 'b' })).toEqual({ value: 'xb', problems: [] });
    expect(expand('${EMPTY}', { EMPTY: '' })).toEqual({ value: '', problems: [] });
  });

  it('keeps $${ as a literal ${ and reports bad references', () => {
    expect(expand('cost $${N}', {})).toEqual({ value: 'cost ${N}', problems: [] });
    expect(expand('${1BAD}', {}).problems).toEqual([
      '无效的变量引用 ${1BAD}（应写成 ${变量名} 或 ${变量名:-默认值}）',
    ]);
    expect(expand('${OPEN', {}).problems).toEqual(['${ 没有闭合（应写成 ${变量名} 或 ${变量名:-默认值}）']);
  });

  it('walks a whole tree, names the path of unset variables and drops null values', () => {
    const out = expandTree({ a: [{ b: '${NOPE}' }], c: null, d: 3 }, {});
    expect(out.value).toEqual({ a: [{ b: '' }], d: 3 });
    expect(out.issues).toEqual([
      { path: ['a', 0, 'b'], reason: '环境变量 NOPE 未设置（请设置它，或写成 ${NOPE:-默认值}）' },
    ]);
    expect([...out.badPaths]).toEqual(['a[0].b']);
  });
});

describe('formatPath', () => {
  it('writes JS-like paths and quotes keys that are not plain words', () => {
    expect(formatPath(['units', 2, 'aliases'])).toBe('units[2].aliases');
    expect(formatPath([0, 'id'])).toBe('[0].id');
    expect(formatPath(['office-mail', 'smtp'])).toBe('office-mail.smtp');
    expect(formatPath(['a b', 'c'])).toBe('["a b"].c');
  });
});
