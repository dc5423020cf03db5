import { describe, expect, it } from 'vitest';
import { auditDetailText, labelValue, TIP_STATUS_LABELS } from '../../core/labels.js';
import { TIP_STATUS_LABELS as FROM_TYPES } from '../../core/types.js';

describe('labels', () => {
  it('turns an audit detail into Chinese without raw JSON or enum values', () => {
    const text = auditDetailText({ action: 'assign', from: 'new', to: 'assigned', reason: 'false_positive' });
    expect(text).toBe('操作：分办；原状态：待研判；新状态：已分办；原因：误报');
    expect(text).not.toMatch(/[{}"]|assign|false_positive/);
  });

  it('labels nested values and lists and keeps names as they are', () => {
    expect(auditDetailText({ params: { q: '明湖区', level: 'red' }, units: [] })).toBe(
      '条件：关键词=明湖区，等级=红；单位：（无）',
    );
    expect(labelValue('第二巡察组')).toBe('第二巡察组');
  });

  it('is the one module the server types re-export', () => {
    expect(FROM_TYPES).toBe(TIP_STATUS_LABELS);
  });
});
