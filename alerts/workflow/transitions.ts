// The tip workflow as pure rules: 待研判 → 已分办 → 处置中 → 已办结, or → 已排除 from any open status.
import { InputError } from '../../core/errors.js';
import type { DismissReason, Tip, TipAction, TipStatus } from '../../core/types.js';
import type { TipWorkflowPatch, TipWorkflowUpdate } from '../../store/store.js';
import { TipTransitionError } from './errors.js';

/** A workflow step as asked for by a person (CLI or console). */
export type TipCommand =
  | { action: 'assign'; team?: string; assignee?: string; dueAt: string; note?: string }
  | { action: 'start'; note?: string }
  | { action: 'close'; result: string; note?: string }
  | { action: 'dismiss'; reason: DismissReason; phrase?: string; note?: string };

/** Who makes a step and when (ISO time). */
export interface StepContext {
  actor: string;
  at: string;
  /** Team names an assignment may name (config/teams.ts); when given, any other team is refused. */
  teams?: readonly string[];
}

/** The statuses each action may start from, and where it leads; assign from assigned is a reassignment. */
export const TRANSITIONS: Readonly<Record<TipAction, { from: readonly TipStatus[]; to: TipStatus }>> = {
  assign: { from: ['new', 'assigned'], to: 'assigned' },
  start: { from: ['assigned'], to: 'in_progress' },
  close: { from: ['in_progress'], to: 'closed' },
  dismiss: { from: ['new', 'assigned', 'in_progress'], to: 'dismissed' },
};

/** Longest note, result or name accepted. */
export const MAX_TEXT = 2000;
/** Longest exclusion phrase accepted. */
export const MAX_PHRASE = 50;

/** Whether `action` is allowed from `status`. */
export function canTransition(status: TipStatus, action: TipAction): boolean {
  return TRANSITIONS[action].from.includes(status);
}

/** The actions a tip in `status` allows, in workflow order. */
export function allowedActions(status: TipStatus): TipAction[] {
  return (Object.keys(TRANSITIONS) as TipAction[]).filter((a) => canTransition(status, a));
}

// Trimmed text or undefined; InputError naming the field when it is too long.
function text(name: string, value: string | undefined, max = MAX_TEXT): string | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (trimmed.length > max) throw new InputError(`${name} 过长：不能超过 ${max} 个字符`);
  return trimmed === '' ? undefined : trimmed;
}

function isoTime(name: string, value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(Date.parse(value))) {
    throw new InputError(`${name} 无效：应为 ISO 时间，收到「${value}」`);
  }
  return value;
}

function assignPatch(command: Extract<TipCommand, { action: 'assign' }>, ctx: StepContext): TipWorkflowPatch {
  const team = text('team（巡察组）', command.team, 100);
  const assignee = text('assignee（承办人）', command.assignee, 100);
  if (team === undefined && assignee === undefined) {
    throw new InputError('分办需要指定巡察组（team）或承办人（assignee）');
  }
  if (team !== undefined && ctx.teams !== undefined && !ctx.teams.includes(team)) {
    const known = ctx.teams.length > 0 ? `已有的巡察组：${ctx.teams.join('、')}` : '配置中还没有任何巡察组';
    throw new InputError(`巡察组「${team}」不存在（${known}）`);
  }
  const dueAt = isoTime('dueAt（办理期限）', command.dueAt);
  if (Date.parse(dueAt) < Date.parse(ctx.at)) {
    throw new InputError(`办理期限「${command.dueAt}」已经过去，应为今天或以后的日期`);
  }
  return {
    status: 'assigned',
    ...(team !== undefined && { team }),
    ...(assignee !== undefined && { assignee }),
    dueAt,
  };
}

function patchFor(command: TipCommand, ctx: StepContext): TipWorkflowPatch {
  switch (command.action) {
    case 'assign':
      return assignPatch(command, ctx);
    case 'start':
      return { status: 'in_progress' };
    case 'close': {
      const result = text('result（办结结果）', command.result);
      if (result === undefined) throw new InputError('办结需要填写办理结果（result）');
      return { status: 'closed', result };
    }
    case 'dismiss':
      return { status: 'dismissed', dismissReason: command.reason };
  }
}

function phraseOf(command: TipCommand): string | undefined {
  if (command.action !== 'dismiss' || command.phrase === undefined) return undefined;
  const phrase = text('phrase（排除词语）', command.phrase, MAX_PHRASE);
  if (phrase === undefined) throw new InputError('排除词语（phrase）不能为空');
  if (command.reason !== 'false_positive') {
    throw new InputError('只有以「误报」排除时才能提出排除词语（phrase）');
  }
  return phrase;
}

// What the history keeps of a step besides from/to: the fields it set.
function detailsOf(patch: TipWorkflowPatch, phrase: string | undefined): Record<string, string> | undefined {
  const details: Record<string, string> = {};
  for (const key of ['team', 'assignee', 'dueAt', 'result', 'dismissReason'] as const) {
    const value = patch[key];
    if (value !== undefined) details[key] = value;
  }
  if (phrase !== undefined) details.phrase = phrase;
  return Object.keys(details).length > 0 ? details : undefined;
}

/**
 * Plan one step on a tip as read: the store update to apply. Throws TipTransitionError (E_TIP_TRANSITION)
 * when the tip's status does not allow the action, InputError (E_INPUT) when a required field is missing or
 * malformed.
 */
export function planTransition(tip: Tip, command: TipCommand, ctx: StepContext): TipWorkflowUpdate {
  const rule = TRANSITIONS[command.action];
  if (!rule.from.includes(tip.status)) {
    throw new TipTransitionError(tip.id, tip.status, command.action, rule.to, rule.from);
  }
  const actor = text('actor（操作人）', ctx.actor, 100);
  if (actor === undefined) throw new InputError('操作人（actor）不能为空');
  const at = isoTime('at', ctx.at);
  const patch = patchFor(command, ctx);
  const phrase = phraseOf(command);
  const note = text('note（备注）', command.note);
  const details = detailsOf(patch, phrase);
  return {
    tipId: tip.id,
    expectedStatus: tip.status,
    patch,
    entry: {
      at,
      actor,
      action: command.action,
      from: tip.status,
      to: rule.to,
      ...(note !== undefined && { note }),
      ...(details !== undefined && { details }),
    },
    ...(phrase !== undefined && { suggestion: { phrase } }),
  };
}
