// Text output shared by `yuqing tip`, `yuqing tips` and `yuqing suggestions`, and where they write it.
import { DateTime } from 'luxon';
import { ACTION_LABELS } from '../../alerts/workflow/labels.js';

export { parseDue } from '../../alerts/workflow/labels.js';

import { allowedActions } from '../../alerts/workflow/transitions.js';
import {
  DISMISS_REASON_LABELS,
  LEVEL_LABELS,
  TIP_STATUS_LABELS,
  type Tip,
  type TipHistoryEntry,
} from '../../core/types.js';

/** Where a command writes: the process streams, or a capture in tests. */
export interface CommandIo {
  out(text: string): void;
  err(text: string): void;
}

/** The process's stdout and stderr. */
export const processIo: CommandIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

/** Local `yyyy-MM-dd HH:mm` of an ISO time in the configured zone. */
export function localTime(iso: string, zone: string): string {
  const dt = DateTime.fromISO(iso, { setZone: true });
  return dt.isValid ? dt.setZone(zone).toFormat('yyyy-MM-dd HH:mm') : iso;
}

/** One line of `yuqing tips`: the original columns, then the status and the id to act on. */
export function tipListLine(t: Tip): string {
  return `[${LEVEL_LABELS[t.level]}] ${t.unitName} ${t.score}分 ${t.title} ${t.url} ${TIP_STATUS_LABELS[t.status]} ${t.id}`;
}

function historyLine(h: TipHistoryEntry, zone: string): string {
  const details = Object.entries(h.details ?? {})
    .map(
      ([k, v]) =>
        `${k}=${k === 'dismissReason' ? ((DISMISS_REASON_LABELS as Readonly<Record<string, string>>)[v] ?? v) : v}`,
    )
    .join(' ');
  return (
    `  ${h.seq}. ${localTime(h.at, zone)} ${h.actor} ${ACTION_LABELS[h.action]}` +
    `（${TIP_STATUS_LABELS[h.from]} → ${TIP_STATUS_LABELS[h.to]}）` +
    (details ? ` ${details}` : '') +
    (h.note ? ` 备注：${h.note}` : '')
  );
}

/** A tip with its workflow fields and full history, for `yuqing tip ID`. */
export function tipDetail(tip: Tip, history: readonly TipHistoryEntry[], zone: string): string {
  const lines = [
    `线索 ${tip.id} [${LEVEL_LABELS[tip.level]}] ${tip.unitName} ${tip.score}分 状态：${TIP_STATUS_LABELS[tip.status]}`,
    `标题：${tip.title}`,
    `链接：${tip.url}`,
    `发现时间：${localTime(tip.createdAt, zone)}`,
  ];
  if (tip.team) lines.push(`巡察组：${tip.team}`);
  if (tip.assignee) lines.push(`承办人：${tip.assignee}`);
  if (tip.dueAt) lines.push(`办理期限：${localTime(tip.dueAt, zone)}`);
  if (tip.result) lines.push(`办结结果：${tip.result}`);
  if (tip.dismissReason) lines.push(`排除原因：${DISMISS_REASON_LABELS[tip.dismissReason]}`);
  const next = allowedActions(tip.status);
  lines.push(
    `可进行：${next.length > 0 ? next.map((a) => `${a}（${ACTION_LABELS[a]}）`).join('、') : '无（已结束）'}`,
  );
  lines.push(history.length > 0 ? '处置记录：' : '处置记录：无');
  for (const h of history) lines.push(historyLine(h, zone));
  return `${lines.join('\n')}\n`;
}
