import { InputError } from '../../core/errors.js';
import { LEVEL_LABELS, type TipStatus } from '../../core/types.js';
import { commandLogger, type GlobalOptions, printJson, withApp } from '../command-context.js';

const STATUSES: readonly TipStatus[] = ['new', 'assigned', 'in_progress', 'closed', 'dismissed'];

/** Options of `yuqing tips`. */
export interface TipsOptions extends GlobalOptions {
  status?: string;
  round?: string;
  unit?: string;
  json?: boolean;
}

/** `yuqing tips`: list tips, newest first. */
export async function tipsCommand(options: TipsOptions): Promise<void> {
  if (options.status && !(STATUSES as readonly string[]).includes(options.status)) {
    throw new InputError(`--status 应为 ${STATUSES.join('|')}，收到 "${options.status}"`);
  }
  const result = await withApp(options, commandLogger(false), (app) =>
    app.store.listTips({
      status: options.status as TipStatus | undefined,
      roundId: options.round,
      unitId: options.unit,
      limit: 200,
    }),
  );
  if (options.json) {
    printJson(result);
    return;
  }
  const lines = [`共 ${result.total} 条线索`];
  for (const t of result.tips)
    lines.push(`[${LEVEL_LABELS[t.level]}] ${t.unitName} ${t.score}分 ${t.title} ${t.url}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}
