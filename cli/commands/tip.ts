import { TipNotFoundError, TipTransitionError } from '../../alerts/workflow/errors.js';
import { parseDismissReason, TIP_ACTIONS } from '../../alerts/workflow/labels.js';
import { transitionTip } from '../../alerts/workflow/service.js';
import type { TipCommand } from '../../alerts/workflow/transitions.js';
import { teamNames } from '../../config/teams.js';
import { InputError } from '../../core/errors.js';
import type { TipAction } from '../../core/types.js';
import type { App } from '../app.js';
import { commandLogger, type GlobalOptions, withApp } from '../command-context.js';
import { type CommandIo, parseDue, processIo, tipDetail } from './tip-format.js';

/** Options of `yuqing tip ID [ACTION]`. */
export interface TipOptions extends GlobalOptions {
  team?: string;
  /** Person the tip is assigned to (`--to`). */
  to?: string;
  due?: string;
  by?: string;
  note?: string;
  result?: string;
  reason?: string;
  phrase?: string;
  json?: boolean;
}

// Which options each action accepts, so a misplaced one (close --due) is an error rather than ignored.
const ACTION_OPTIONS: Readonly<Record<TipAction, readonly (keyof TipOptions)[]>> = {
  assign: ['team', 'to', 'due', 'by', 'note'],
  start: ['by', 'note'],
  close: ['result', 'by', 'note'],
  dismiss: ['reason', 'phrase', 'by', 'note'],
};
const OPTION_FLAGS: Readonly<Record<string, string>> = {
  team: '--team',
  to: '--to',
  due: '--due',
  by: '--by',
  note: '--note',
  result: '--result',
  reason: '--reason',
  phrase: '--phrase',
};

/** Default actor: $USER, else `cli`. */
export function defaultActor(env: NodeJS.ProcessEnv = process.env): string {
  return env.USER?.trim() || env.USERNAME?.trim() || 'cli';
}

function checkOptions(action: TipAction | undefined, options: TipOptions): void {
  const allowed: readonly string[] = action === undefined ? [] : ACTION_OPTIONS[action];
  for (const key of Object.keys(OPTION_FLAGS)) {
    if (options[key as keyof TipOptions] !== undefined && !allowed.includes(key)) {
      const where = action === undefined ? '查看线索时' : `${action} 时`;
      throw new InputError(`${where}不能使用 ${OPTION_FLAGS[key]}`);
    }
  }
}

/** The workflow command an action and its options describe; InputError (exit 2) on a usage mistake. */
export function commandFor(action: TipAction, options: TipOptions, zone: string): TipCommand {
  const note = options.note === undefined ? {} : { note: options.note };
  switch (action) {
    case 'assign': {
      if (options.due === undefined)
        throw new InputError('assign 需要 --due 办理期限（如 --due 2026-12-01）');
      if (options.team === undefined && options.to === undefined) {
        throw new InputError('assign 需要 --team 巡察组 或 --to 承办人');
      }
      return {
        action,
        dueAt: parseDue(options.due, zone),
        ...(options.team !== undefined && { team: options.team }),
        ...(options.to !== undefined && { assignee: options.to }),
        ...note,
      };
    }
    case 'start':
      return { action, ...note };
    case 'close':
      if (options.result === undefined) throw new InputError('close 需要 --result 办理结果');
      return { action, result: options.result, ...note };
    case 'dismiss':
      if (options.reason === undefined) throw new InputError('dismiss 需要 --reason 误报|无关|重复');
      return {
        action,
        reason: parseDismissReason(options.reason),
        ...(options.phrase !== undefined && { phrase: options.phrase }),
        ...note,
      };
  }
}

function parseAction(text: string | undefined): TipAction | undefined {
  if (text === undefined) return undefined;
  if (!(TIP_ACTIONS as readonly string[]).includes(text)) {
    throw new InputError(`未知操作「${text}」，应为 ${TIP_ACTIONS.join('|')}`);
  }
  return text as TipAction;
}

/** Show a tip, or apply one step and show the result, on an open app; returns the exit code. */
export async function runTip(
  app: App,
  tipId: string,
  actionText: string | undefined,
  options: TipOptions,
  io: CommandIo = processIo,
): Promise<number> {
  const action = parseAction(actionText);
  checkOptions(action, options);
  const zone = app.config.settings.timezone;
  try {
    let tip = await app.store.getTip(tipId);
    if (!tip) throw new TipNotFoundError(tipId);
    if (action !== undefined) {
      const command = commandFor(action, options, zone);
      const actor = options.by ?? defaultActor();
      tip = await transitionTip(app.store, tipId, command, {
        actor,
        at: new Date().toISOString(),
        teams: teamNames(app.config),
      });
    }
    const history = await app.store.tipHistory(tipId);
    io.out(options.json ? `${JSON.stringify({ tip, history }, null, 2)}\n` : tipDetail(tip, history, zone));
    return 0;
  } catch (error) {
    if (error instanceof TipNotFoundError || error instanceof TipTransitionError) {
      io.err(`错误 [${error.code}]：${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

/**
 * `yuqing tip ID [assign|start|close|dismiss]`: exit 0 done, 1 unknown tip or illegal transition, 2 usage
 * (thrown InputError, reported by main).
 */
export async function tipCommand(
  tipId: string,
  action: string | undefined,
  options: TipOptions,
  io: CommandIo = processIo,
): Promise<number> {
  // Usage mistakes are reported before the app (and its store) is opened.
  const parsed = parseAction(action);
  checkOptions(parsed, options);
  return withApp(options, commandLogger(false), (app) => runTip(app, tipId, action, options, io));
}
