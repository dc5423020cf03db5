import { resolve } from 'node:path';
import { loadConfig } from '../../config/loader.js';
import type { GlobalOptions } from '../command-context.js';

/** `yuqing config check`: validate the config directory and print what it contains. */
export async function configCheckCommand(options: GlobalOptions): Promise<void> {
  const config = await loadConfig(resolve(options.config), { dataDir: options.data });
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
