import { describe, expect, it } from 'vitest';
import { fileKindOf, humanPath } from '../../config/human-path.js';

describe('humanPath: Chinese, 1-based names of places in config files', () => {
  it('names list items from 1 and keeps the YAML keys after the last index', () => {
    expect(humanPath('round', ['units', 1, 'name'])).toBe('第 2 个单位的名称（name）');
    expect(humanPath('round', ['units', 0, 'children', 2, 'aliases', 0])).toBe(
      '第 1 个单位的第 3 个下属单位的第 1 个别名',
    );
    expect(humanPath('round', ['alerts', 0, 'channels', 1])).toBe('第 1 条推送规则的第 2 个渠道');
    expect(humanPath('sources', [3, 'list', 'item'])).toBe('第 4 个信息源的列表页的条目选择器（list.item）');
  });

  it('names map keys, folds 巡察阶段 and 等级分数线, and quotes keys it does not know', () => {
    expect(humanPath('channels', ['office-mail', 'smtp'])).toBe('渠道「office-mail」的SMTP 地址（smtp）');
    expect(humanPath('round', ['phases', 'entry', 'start'])).toBe('进驻阶段的开始日期（phases.entry.start）');
    expect(humanPath('round', ['levels', 'red'])).toBe('红色分数线（levels.red）');
    expect(humanPath('settings', ['crawl', 'timeoutSecs'])).toBe('采集的超时秒数（crawl.timeoutSecs）');
    expect(humanPath('settings', ['crawl', 'prot'])).toBe('采集的「prot」（crawl.prot）');
    expect(humanPath('settings', [])).toBe('');
  });

  it('knows the kind of each config file from its label', () => {
    expect(fileKindOf('rounds/2026-r4.yaml')).toBe('round');
    expect(fileKindOf('lexicon/recurrence/local.yaml')).toBe('recurrence');
    expect(fileKindOf('lexicon/default.yaml')).toBe('lexicon');
    expect(fileKindOf('config/lexicon/default.yaml')).toBe('lexicon');
    expect(fileKindOf('other.yaml')).toBeUndefined();
  });
});
