import { parseTipStatus } from '../../alerts/workflow/labels.js';
import type { TipStatus } from '../../core/types.js';
import { commandLogger, type GlobalOptions, withApp } from '../command-context.js';
import { type CommandIo, processIo, tipListLine } from './tip-format.js';

/** Options of `yuqing tips`. */
export interface TipsOptions extends GlobalOptions {
  /** An id (`in_progress`) or a Chinese label (处置中). */
  status?: string;
  round?: string;
  unit?: string;
  json?: boolean;
}

/** `yuqing tips`: list tips, newest first; `--json` prints `{ total, tips }`. */
export async function tipsCommand(options: TipsOptions, io: CommandIo = processIo): Promise<void> {
  const status: TipStatus | undefined =
    options.status === undefined ? undefined : parseTipStatus(options.status);
  const result = await withApp(options, commandLogger(false), async (app) => {
    const listed = await app.store.listTips({
      ...(status !== undefined && { status }),
      ...(options.round !== undefined && { roundId: options.round }),
      ...(options.unit !== undefined && { unitId: options.unit }),
      limit: 200,
    });
    // Each tip names the rectification problems its story is linked to (issue 20); empty when none.
    const problems = await app.store.ledger.problemsForTips(listed.tips);
    return { ...listed, tips: listed.tips.map((t, i) => ({ ...t, problems: problems[i] ?? [] })) };
  });
  if (options.json) {
    io.out(`${JSON.stringify(result, null, 2)}\n`);
    return;
  }
  const lines = [`共 ${result.total} 条线索`, ...result.tips.map(tipListLine)];
  io.out(`${lines.join('\n')}\n`);
}
