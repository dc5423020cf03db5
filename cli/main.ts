#!/usr/bin/env node
import { Command } from 'commander';
import { YuqingError } from '../core/errors.js';
import type { GlobalOptions } from './command-context.js';

// Commands are imported lazily so that `yuqing extract` does not load the store, the console or Chromium.
type Action = (...args: unknown[]) => Promise<void>;

function globals(command: Command): GlobalOptions {
  return command.optsWithGlobals() as GlobalOptions;
}

/** Build the `yuqing` command line (exported for tests). */
export function buildProgram(): Command {
  const program = new Command('yuqing')
    .description('巡察舆情监测预警：监测被巡察单位的网络舆情，高风险信息作为线索推送')
    .option('--config <dir>', '配置目录', './config')
    .option('--data <dir>', '数据目录（覆盖 settings.yaml 的 dataDir 与 store.path）')
    .showHelpAfterError();

  program
    .command('run')
    .description('启动定时抓取与控制台（持续运行）')
    .action(run(async (cmd) => (await import('./commands/run.js')).runCommand(globals(cmd))));

  program
    .command('crawl')
    .description('抓取一轮所有启用的信息源后退出')
    .option('--once', '只抓取一轮')
    .option('--round <id>', '只抓取该轮次的信息源')
    .option('--source <id>', '只抓取该信息源')
    .option('--json', '输出 JSON')
    .action(run(async (cmd) => (await import('./commands/crawl.js')).crawlCommand(globals(cmd))));

  program
    .command('search')
    .description('全文检索已入库的信息')
    .argument('<query>', '检索词（中文自动分词）')
    .option('--round <id>', '轮次')
    .option('--unit <id>', '被巡察单位')
    .option('--level <level>', '等级 red|orange|yellow|green')
    .option('--sort <order>', 'time（最新）或 score（风险最高）', 'time')
    .option('--limit <n>', '条数（1–200）', '20')
    .option('--json', '输出 JSON')
    .action(
      run(async (cmd, query) =>
        (await import('./commands/search.js')).searchCommand(String(query), globals(cmd)),
      ),
    );

  program
    .command('extract')
    .description('用通用抽取器解析一个网页文件或网址')
    .argument('<fileOrUrl>', '本地 HTML 文件或 http(s) 网址')
    .option('--json', '输出 JSON { title, publishedAt, body }')
    .action(
      run(async (cmd, input) =>
        (await import('./commands/extract.js')).extractCommand(String(input), globals(cmd)),
      ),
    );

  program
    .command('tips')
    .description('列出线索')
    .option('--status <status>', 'new|assigned|in_progress|closed|dismissed')
    .option('--round <id>', '轮次')
    .option('--unit <id>', '被巡察单位')
    .option('--json', '输出 JSON')
    .action(run(async (cmd) => (await import('./commands/tips.js')).tipsCommand(globals(cmd))));

  program
    .command('config')
    .description('配置相关命令')
    .command('check')
    .description('校验配置目录并退出')
    .action(
      run(async (cmd) => (await import('./commands/config-check.js')).configCheckCommand(globals(cmd))),
    );

  return program;
}

// Commander passes (args..., options, command); the command is always last.
function run(fn: (cmd: Command, ...args: unknown[]) => Promise<void>): Action {
  return async (...args: unknown[]) => {
    const cmd = args[args.length - 1] as Command;
    try {
      await fn(cmd, ...args.slice(0, -2));
    } catch (error) {
      process.exitCode = reportError(error);
    }
  };
}

/** Print an error for a person (no stack trace for bad input) and choose the exit code. */
function reportError(error: unknown): number {
  if (error instanceof YuqingError) {
    process.stderr.write(`错误 [${error.code}]：\n${error.message}\n`);
    return 2;
  }
  process.stderr.write(
    `内部错误：${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  return 1;
}

await buildProgram().parseAsync(process.argv);
