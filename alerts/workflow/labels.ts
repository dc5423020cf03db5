// Parsing of the words people type for statuses, reasons and actions: English ids or Chinese labels.
import { DateTime } from 'luxon';
import { InputError } from '../../core/errors.js';
import {
  DISMISS_REASON_LABELS,
  type DismissReason,
  TIP_STATUS_LABELS,
  type TipAction,
  type TipStatus,
} from '../../core/types.js';

/** Every tip status, in workflow order. */
export const TIP_STATUSES: readonly TipStatus[] = ['new', 'assigned', 'in_progress', 'closed', 'dismissed'];
/** Every dismissal reason. */
export const DISMISS_REASONS: readonly DismissReason[] = ['false_positive', 'irrelevant', 'duplicate'];
/** Every workflow action. */
export const TIP_ACTIONS: readonly TipAction[] = ['assign', 'start', 'close', 'dismiss'];

/** Chinese verb of each action, for messages and history. */
export const ACTION_LABELS: Readonly<Record<TipAction, string>> = {
  assign: '分办',
  start: '开始处置',
  close: '办结',
  dismiss: '排除',
};

function parseLabelled<T extends string>(
  what: string,
  text: string,
  ids: readonly T[],
  labels: Readonly<Record<T, string>>,
): T {
  const value = text.trim();
  const found = ids.find((id) => id === value || labels[id] === value);
  if (found === undefined) {
    const choices = ids.map((id) => `${id}|${labels[id]}`).join('、');
    throw new InputError(`${what}无效：「${text}」，应为 ${choices} 之一`);
  }
  return found;
}

/** A status from its id (`in_progress`) or Chinese label (处置中); InputError otherwise. */
export function parseTipStatus(text: string): TipStatus {
  return parseLabelled('线索状态', text, TIP_STATUSES, TIP_STATUS_LABELS);
}

/** A dismissal reason from its id (`false_positive`) or label (误报); InputError otherwise. */
export function parseDismissReason(text: string): DismissReason {
  return parseLabelled('排除原因', text, DISMISS_REASONS, DISMISS_REASON_LABELS);
}

/**
 * A due date as an ISO time: `YYYY-MM-DD` is the end of that day in `zone`; a full ISO time is kept.
 * InputError naming the option otherwise.
 */
export function parseDue(text: string, zone: string, option = '--due'): string {
  const value = text.trim();
  const invalid = () => new InputError(`${option} 应为日期 YYYY-MM-DD 或 ISO 时间，收到「${text}」`);
  if (!/^\d{4}-\d{2}-\d{2}(T.*)?$/.test(value)) throw invalid();
  const dt = DateTime.fromISO(value, { zone, setZone: true });
  if (!dt.isValid) throw invalid();
  const moment = value.length === 10 ? dt.endOf('day').set({ millisecond: 0 }) : dt;
  const iso = moment.toISO({ suppressMilliseconds: true });
  if (iso === null) throw invalid();
  return iso;
}
