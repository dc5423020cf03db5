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
    .option('--json', '输出 JSON { title, publishedAt, body, kind, … }')
    .action(
      run(async (cmd, input) =>
        (await import('./commands/extract.js')).extractCommand(String(input), globals(cmd)),
      ),
    );

  program
    .command('tips')
    .description('列出线索')
    .option(
      '--status <status>',
      'new|assigned|in_progress|closed|dismissed 或 待研判|已分办|处置中|已办结|已排除',
    )
    .option('--round <id>', '轮次')
    .option('--unit <id>', '被巡察单位')
    .option('--json', '输出 JSON')
    .action(run(async (cmd) => (await import('./commands/tips.js')).tipsCommand(globals(cmd))));

  // ---- tip workflow, reports and suggestions (issue #5) ----
  program
    .command('tip')
    .description('查看线索及处置记录，或进行分办/处置/办结/排除')
    .argument('<id>', '线索编号（见 yuqing tips）')
    .argument('[action]', 'assign（分办）| start（开始处置）| close（办结）| dismiss（排除）')
    .option('--team <team>', 'assign：巡察组')
    .option('--to <person>', 'assign：承办人')
    .option('--due <date>', 'assign：办理期限 YYYY-MM-DD')
    .option('--result <text>', 'close：办理结果')
    .option('--reason <reason>', 'dismiss：误报|无关|重复')
    .option('--phrase <words>', 'dismiss --reason 误报：建议排除的词语（管理员确认后生效）')
    .option('--note <text>', '备注')
    .option('--by <name>', '操作人（默认 $USER）')
    .option('--json', '输出 JSON')
    .action(
      run(async (cmd, id, action) => {
        const { tipCommand } = await import('./commands/tip.js');
        process.exitCode = await tipCommand(String(id), action as string | undefined, globals(cmd));
      }),
    );

  program
    .command('report')
    .description('生成舆情简报（Word 文档）')
    .option('--round <id>', '轮次（只有一个启用轮次时可省略）')
    .option('--from <date>', '起始日期 YYYY-MM-DD（默认 --to 前 6 天）')
    .option('--to <date>', '结束日期 YYYY-MM-DD（默认今天）')
    .option('--out <file>', '输出的 .docx 文件')
    .option('--html <file>', '同时输出邮件版 HTML')
    .option('--json', '输出 JSON')
    .action(
      run(async (cmd) => {
        process.exitCode = await (await import('./commands/report.js')).reportCommand(globals(cmd));
      }),
    );

  program
    .command('suggestions')
    .description('列出误报反馈提出的排除词建议，或采纳/驳回')
    .argument('[action]', 'accept（采纳）| reject（驳回）')
    .argument('[id]', '建议编号')
    .option('--all', '列出全部（默认只列待确认的）')
    .option('--by <name>', '操作人（默认 $USER）')
    .option('--json', '输出 JSON')
    .action(
      run(async (cmd, action, id) => {
        const { suggestionsCommand } = await import('./commands/suggestions.js');
        process.exitCode = await suggestionsCommand(
          action as string | undefined,
          id as string | undefined,
          globals(cmd),
        );
      }),
    );

  program
    .command('evidence')
    .description('查看、导出或校验一条信息的取证材料（原始响应、截图、SHA-256）')
    .argument('<itemId>', '信息 ID')
    .option('--out <dir>', '把原始响应、截图和 meta.json 写到该目录')
    .option('--verify', '重新计算 SHA-256 并与入库时记录的比对')
    .option('--json', '输出 JSON')
    .action(
      run(async (cmd, id) =>
        (await import('./commands/evidence.js')).evidenceCommand(String(id), globals(cmd)),
      ),
    );

  program
    .command('sources')
    .description('列出所有信息源的健康状况（最近成功、最近错误、连续失败、日均条数）')
    .option('--json', '输出 JSON')
    .action(run(async (cmd) => (await import('./commands/sources.js')).sourcesCommand(globals(cmd))));

  program
    .command('eval')
    .description('在标注评测集上运行评分器，输出精确率、召回率、F1 与单位归属准确率')
    .argument('<datasetDir>', '评测集目录（含 items.jsonl，或其 dev/ 子目录）')
    .option('--json', '输出 JSON')
    .option('--misses', '同时列出判错的条目×单位（漏报、误报）及评分说明，便于调整词库')
    .option('--model <file>', '风险模型文件（默认 配置目录/model/risk-model.json，否则用内置模型）')
    .action(
      run(async (cmd, dir) => (await import('./commands/eval.js')).evalCommand(String(dir), globals(cmd))),
    );

  program
    .command('train')
    .description('在标注训练集上拟合风险模型（逻辑回归），输出交叉验证的精确率、召回率并写出模型文件')
    .argument('<datasetDir>', '训练集目录（含 items.jsonl）')
    .requiredOption('--out <file>', '模型文件，例如 config/model/risk-model.json')
    .option('--folds <k>', '交叉验证折数（默认 5）')
    .option('--lambda <x>', 'L2 正则强度（默认 5）')
    .option('--json', '输出 JSON')
    .action(
      run(async (cmd, dir) =>
        (await import('./commands/train.js')).trainCommand(String(dir), {
          ...globals(cmd),
          ...(cmd.opts() as { out: string }),
        }),
      ),
    );

  // ---- console accounts (issue #6) ----
  // ---- rectification ledger (issue 20) ----
  const ledger = program.command('ledger').description('整改台账：问题清单的导入、查看、导出、删除');
  const ledgerCommands = async () => import('./commands/ledger.js');
  ledger
    .command('import')
    .description('从 Excel 导入问题清单（有任何错误则整表不导入）')
    .argument('<file>', '.xlsx 文件（第一个工作表，首行为表头）')
    .requiredOption('--round <id>', '轮次')
    .option('--by <name>', '操作人（默认 $USER）')
    .option('--json', '输出 JSON')
    .action(
      run(async (cmd, file) => (await ledgerCommands()).ledgerImportCommand(String(file), globals(cmd))),
    );
  ledger
    .command('list')
    .description('列出问题清单及关联舆情')
    .requiredOption('--round <id>', '轮次')
    .option('--unit <id>', '被巡察单位')
    .option('--json', '输出 JSON')
    .action(run(async (cmd) => (await ledgerCommands()).ledgerListCommand(globals(cmd))));
  ledger
    .command('export')
    .description('导出问题清单为 Excel')
    .requiredOption('--round <id>', '轮次')
    .requiredOption('--out <file>', '输出的 .xlsx 文件')
    .option('--unit <id>', '被巡察单位')
    .action(run(async (cmd) => (await ledgerCommands()).ledgerExportCommand(globals(cmd))));
  ledger
    .command('delete')
    .description('删除一个问题（原记录保留在审计日志中）')
    .argument('<id>', '问题编号')
    .requiredOption('--round <id>', '轮次')
    .option('--by <name>', '操作人（默认 $USER）')
    .action(run(async (cmd, id) => (await ledgerCommands()).ledgerDeleteCommand(String(id), globals(cmd))));

  const user = program.command('user').description('控制台账号：新建、列出、重置密码');
  user
    .command('add')
    .description('新建控制台账号（不指定密码时生成一次性密码）')
    .argument('<name>', '用户名')
    .requiredOption('--role <role>', 'admin（管理员）| officer（监测员）| team（巡察组）')
    .option('--rounds <ids>', 'team：可查看的轮次，逗号分隔')
    .option(
      '--units <ids>',
      'team：可查看的单位，逗号分隔；* 为轮次内全部单位（不指定则只看 --team 巡察组负责的单位）',
    )
    .option('--team <name>', 'team：巡察组名称')
    .option('--password-stdin', '从标准输入读取密码')
    .option('--json', '输出 JSON')
    .action(
      run(async (cmd, name) =>
        (await import('./commands/user.js')).userAddCommand(String(name), globals(cmd)),
      ),
    );
  user
    .command('list')
    .description('列出控制台账号')
    .option('--json', '输出 JSON')
    .action(run(async (cmd) => (await import('./commands/user.js')).userListCommand(globals(cmd))));
  user
    .command('reset')
    .description('为账号生成新的一次性密码')
    .argument('<name>', '用户名')
    .action(
      run(async (cmd, name) =>
        (await import('./commands/user.js')).userResetCommand(String(name), globals(cmd)),
      ),
    );

  const alerts = program
    .command('alerts')
    .description('查看告警发送记录（--failed 只看发送失败的）')
    .option('--failed', '只列出发送失败（重试中或已放弃）的告警')
    .option('--json', '输出 JSON')
    .action(run(async (cmd) => (await import('./commands/alerts.js')).alertsCommand(globals(cmd))));
  alerts
    .command('test')
    .description('向一个告警通道发送测试消息并显示其应答')
    .argument('<channel>', 'channels.yaml 中的通道名称')
    .action(
      run(async (cmd, channel) =>
        (await import('./commands/alerts.js')).alertsTestCommand(String(channel), globals(cmd)),
      ),
    );

  // ---- store maintenance (issue #7) ----
  const store = program.command('store').description('存储维护：迁移到 Elasticsearch、重建检索索引');
  store
    .command('migrate')
    .description('把 SQLite 中的全部数据复制到 Elasticsearch（或另一个 SQLite 文件），中断后重跑可继续')
    .requiredOption('--from <type>', '来源：sqlite')
    .requiredOption('--to <type>', '目标：elasticsearch | sqlite')
    .option('--from-path <file>', '来源 SQLite 文件（默认为配置的数据库）')
    .option('--to-path <file>', '--to sqlite 时的目标文件')
    .option('--batch <n>', '每批条数', '500')
    .option('--json', '输出 JSON')
    .action(
      run(async (cmd) => (await import('./commands/store.js')).storeMigrateCommand(globals(cmd) as never)),
    );
  store
    .command('reindex')
    .description('词库或词典变更后，按当前词典重建全部信息的检索索引')
    .option('--json', '输出 JSON')
    .action(run(async (cmd) => (await import('./commands/store.js')).storeReindexCommand(globals(cmd))));

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
