import { InputError } from '../../core/errors.js';
import { LEVEL_LABELS } from '../../core/types.js';
import { STORE_FULL_CODE } from '../../crawlers/crawl-run.js';
import { type CycleSummary, runCycle } from '../../ingest/cycle.js';
import { commandLogger, type GlobalOptions, printJson, withApp } from '../command-context.js';
import { startDemoIfConfigured } from '../demo.js';

/** Options of `yuqing crawl`. */
export interface CrawlOptions extends GlobalOptions {
  once?: boolean;
  round?: string;
  source?: string;
  json?: boolean;
}

/** `yuqing crawl --once`: one cycle of every active source, then exit. */
export async function crawlCommand(options: CrawlOptions): Promise<void> {
  if (!options.once) throw new InputError('yuqing crawl 目前只支持 --once（持续调度请用 yuqing run）');
  const summary = await withApp(options, commandLogger(false), async (app) => {
    if (options.round && !app.config.rounds.some((r) => r.id === options.round)) {
      throw new InputError(`未知的轮次 --round ${options.round}`);
    }
    if (options.source && !app.config.sources.some((s) => s.id === options.source)) {
      throw new InputError(`未知的信息源 --source ${options.source}`);
    }
    const demo = await startDemoIfConfigured(app.config, app.logger);
    try {
      return await runCycle(app, { roundId: options.round, sourceId: options.source });
    } finally {
      await demo?.close();
    }
  });
  const full = summary.skips.filter((s) => s.code === STORE_FULL_CODE).length;
  if (full > 0) {
    process.stderr.write(
      `错误：数据目录所在磁盘已满，${full} 条信息未能入库；腾出空间后再次抓取即可补上。\n`,
    );
    process.exitCode = 3;
  }
  if (options.json) {
    const { fetched, stored, duplicates, skipped, tips, alerts, sources, skips } = summary;
    printJson({ fetched, stored, duplicates, skipped, tips, alerts, sources, skips });
  } else {
    process.stdout.write(formatSummary(summary));
  }
}

/** A short Chinese report of a cycle for the terminal. */
export function formatSummary(s: CycleSummary): string {
  const lines = [
    `抓取 ${s.fetched} 篇，新入库 ${s.stored} 篇（其中转载/重复 ${s.duplicates} 篇），跳过 ${s.skipped} 项`,
    `新线索 ${s.tips.length} 条；预警发送成功 ${s.alerts.sent} 条，失败 ${s.alerts.failed} 条`,
  ];
  for (const tip of s.tips)
    lines.push(`  [${LEVEL_LABELS[tip.level]}] ${tip.unitName} ${tip.score}分 ${tip.title} ${tip.url}`);
  for (const skip of s.skips) lines.push(`  跳过 [${skip.sourceId}] ${skip.reason}`);
  return `${lines.join('\n')}\n`;
}
