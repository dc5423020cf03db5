import { resolve } from 'node:path';
import type { GlobalOptions } from '../command-context.js';
import { loadValidatedConfig } from '../preflight.js';

/**
 * `yuqing config check`: the same validation as `run` (every problem of every file at once, then whether the
 * console can listen and the store be created), and what the directory contains.
 */
export async function configCheckCommand(options: GlobalOptions): Promise<void> {
  const config = await loadValidatedConfig(resolve(options.config), 'check', { dataDir: options.data });
  const units = config.rounds.reduce((n, r) => n + r.units.length, 0);
  const lines = [
    `配置有效：${config.dir}`,
    `  轮次 ${config.rounds.length} 个（${config.rounds.map((r) => `${r.id} ${r.name}`).join('；')}）`,
    `  被巡察单位 ${units} 个，信息源 ${config.sources.length} 个，推送渠道 ${Object.keys(config.channels).length} 个`,
    `  风险词库 ${config.lexicon.length} 个词，数据文件 ${config.settings.storePath}`,
  ];
  for (const warning of config.warnings ?? []) lines.push(`  警告：${warning}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}
