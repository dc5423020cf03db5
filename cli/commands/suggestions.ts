import { InputError } from '../../core/errors.js';
import type { ExclusionSuggestion } from '../../store/store.js';
import type { App } from '../app.js';
import { commandLogger, type GlobalOptions, withApp } from '../command-context.js';
import { defaultActor } from './tip.js';
import { type CommandIo, localTime, processIo } from './tip-format.js';

/** Options of `yuqing suggestions [accept|reject ID]`. */
export interface SuggestionsOptions extends GlobalOptions {
  /** List every suggestion, not only pending ones. */
  all?: boolean;
  by?: string;
  json?: boolean;
}

const STATUS_LABELS: Readonly<Record<ExclusionSuggestion['status'], string>> = {
  pending: '待确认',
  accepted: '已采纳',
  rejected: '已驳回',
};

function line(s: ExclusionSuggestion, app: App): string {
  const round = app.config.rounds.find((r) => r.id === s.roundId);
  const unit = round?.units.find((u) => u.id === s.unitId)?.name ?? s.unitId;
  return (
    `${s.id} [${STATUS_LABELS[s.status]}] 「${s.phrase}」 ${round?.name ?? s.roundId} / ${unit}` +
    ` 来自线索 ${s.tipId}，${s.createdBy} 于 ${localTime(s.createdAt, app.config.settings.timezone)} 提出`
  );
}

/** List, accept or reject suggestions on an open app; returns the exit code. */
export async function runSuggestions(
  app: App,
  action: string | undefined,
  id: string | undefined,
  options: SuggestionsOptions,
  io: CommandIo = processIo,
): Promise<number> {
  if (action === undefined) {
    const list = await app.store.listSuggestions(options.all ? undefined : 'pending');
    if (options.json) io.out(`${JSON.stringify(list, null, 2)}\n`);
    else io.out(`${[`共 ${list.length} 条排除建议`, ...list.map((s) => line(s, app))].join('\n')}\n`);
    return 0;
  }
  const status = action === 'accept' ? 'accepted' : 'rejected';
  try {
    const decided = await app.store.decideSuggestion(id ?? '', {
      status,
      by: options.by ?? defaultActor(),
      at: new Date().toISOString(),
    });
    if (options.json) io.out(`${JSON.stringify(decided, null, 2)}\n`);
    else {
      const effect = status === 'accepted' ? '；重启服务（yuqing run）后生效，此后该词不再计为本轮风险' : '';
      io.out(`${line(decided, app)}\n已${status === 'accepted' ? '采纳' : '驳回'}${effect}\n`);
    }
    return 0;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'E_STORE_NOT_FOUND' || code === 'E_STORE_CONFLICT') {
      const message = code === 'E_STORE_NOT_FOUND' ? `未找到排除建议 ${id}` : (error as Error).message;
      io.err(`错误 [${code}]：${message}\n`);
      return 1;
    }
    throw error;
  }
}

/** `yuqing suggestions [accept|reject ID]`: exit 0 done, 1 unknown or already decided, 2 usage. */
export async function suggestionsCommand(
  action: string | undefined,
  id: string | undefined,
  options: SuggestionsOptions,
  io: CommandIo = processIo,
): Promise<number> {
  if (action !== undefined && action !== 'accept' && action !== 'reject') {
    throw new InputError(`未知操作「${action}」，应为 accept 或 reject`);
  }
  if (action !== undefined && (id === undefined || id.trim() === '')) {
    throw new InputError(`${action} 需要排除建议编号（见 yuqing suggestions）`);
  }
  return withApp(options, commandLogger(false), (app) => runSuggestions(app, action, id, options, io));
}
