import { describe, expect, it } from 'vitest';
import { isBoilerplateLine, stripBoilerplate } from '../../pipeline/boilerplate.js';

describe('stripBoilerplate', () => {
  it('drops reprint terms, disclaimers, editor lines and a trailing related-reading list', () => {
    const body = [
      '某县供电公司多次拖欠施工款，工人多次讨要未果。',
      '版权声明：本文系本站原创，未经授权禁止转载，违者必究。',
      '免责声明：本文仅代表作者个人观点，与本站无关。',
      '责任编辑：张三',
      '相关阅读',
      '某公司被约谈，责令整改',
    ].join('\n');
    expect(stripBoilerplate(body)).toBe('某县供电公司多次拖欠施工款，工人多次讨要未果。');
  });

  it('keeps an article sentence that only mentions reprinting in passing', () => {
    const line =
      '记者调查发现，该平台长期未经授权转载他人作品并以此牟利，多名作者已向市场监管部门投诉，要求平台公开道歉并赔偿损失，监管部门表示已受理并将依法调查处理。';
    expect(isBoilerplateLine(line)).toBe(false);
    expect(stripBoilerplate(`${line}\n未经授权禁止转载`)).toBe(line);
  });

  it('leaves a body without boilerplate unchanged', () => {
    const body = '第一段。\n第二段，分享了经验。';
    expect(stripBoilerplate(body)).toBe(body);
  });
});
