import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TipTransitionError } from '../../alerts/workflow/errors.js';
import { parseDismissReason, parseDue, parseTipStatus } from '../../alerts/workflow/labels.js';
import { transitionTip } from '../../alerts/workflow/service.js';
import {
  allowedActions,
  planTransition,
  type TipCommand,
  TRANSITIONS,
} from '../../alerts/workflow/transitions.js';
import type { Tip, TipStatus } from '../../core/types.js';
import type { SqliteStore } from '../../store/sqlite/sqlite-store.js';
import { openTempStore, type TempStore } from '../helpers/temp-store.js';
import { makeArticle, makeAssessment, makeTip } from '../store/fixtures.js';

const CTX = { actor: '张三', at: '2026-11-02T09:00:00+08:00' };
const STATUSES: TipStatus[] = ['new', 'assigned', 'in_progress', 'closed', 'dismissed'];
const COMMANDS: TipCommand[] = [
  { action: 'assign', team: '第一巡察组', dueAt: '2026-11-10T23:59:59+08:00' },
  { action: 'start' },
  { action: 'close', result: '已核实整改' },
  { action: 'dismiss', reason: 'irrelevant' },
];

function tipIn(status: TipStatus): Tip {
  const a = makeArticle({ key: 'x', assessments: [makeAssessment({ score: 80, level: 'red' })] });
  return { ...makeTip(a, { id: 'tip-x' }).tip, status };
}

describe('tip transitions (pure)', () => {
  it('allows exactly the documented transitions and names from/to when refusing', () => {
    const allowed: string[] = [];
    for (const status of STATUSES) {
      for (const command of COMMANDS) {
        try {
          const update = planTransition(tipIn(status), command, CTX);
          allowed.push(`${status}-${command.action}->${update.patch.status}`);
          expect(update.entry).toMatchObject({
            from: status,
            to: TRANSITIONS[command.action].to,
            actor: '张三',
          });
        } catch (error) {
          expect(error).toBeInstanceOf(TipTransitionError);
          expect(error).toMatchObject({ code: 'E_TIP_TRANSITION', from: status, action: command.action });
          expect((error as Error).message).toContain(`${status} -> ${TRANSITIONS[command.action].to}`);
        }
      }
    }
    expect(allowed.sort()).toEqual(
      [
        'new-assign->assigned',
        'new-dismiss->dismissed',
        'assigned-assign->assigned',
        'assigned-start->in_progress',
        'assigned-dismiss->dismissed',
        'in_progress-close->closed',
        'in_progress-dismiss->dismissed',
      ].sort(),
    );
    expect(allowedActions('closed')).toEqual([]);
    expect(allowedActions('new')).toEqual(['assign', 'dismiss']);
  });

  it('says in Chinese why a closed tip cannot be started', () => {
    expect(() => planTransition(tipIn('closed'), { action: 'start' }, CTX)).toThrow(
      /不能开始处置：当前状态为已办结\(closed\)/,
    );
  });

  it('requires the fields of each step and keeps them in the history details', () => {
    const tip = tipIn('new');
    expect(() => planTransition(tip, { action: 'assign', dueAt: '2026-11-10T00:00:00Z' }, CTX)).toThrow(
      /巡察组/,
    );
    expect(() => planTransition(tip, { action: 'assign', team: 'T', dueAt: '2026-11-10' }, CTX)).toThrow(
      /ISO/,
    );
    expect(() => planTransition(tipIn('in_progress'), { action: 'close', result: '  ' }, CTX)).toThrow(
      /办理结果/,
    );
    expect(() =>
      planTransition(tip, { action: 'dismiss', reason: 'duplicate', phrase: '收费' }, CTX),
    ).toThrow(/误报/);
    expect(() => planTransition(tipIn('assigned'), { action: 'start' }, { ...CTX, actor: ' ' })).toThrow(
      /操作人/,
    );
    const update = planTransition(
      tip,
      { action: 'dismiss', reason: 'false_positive', phrase: ' 收费公示 ', note: '正常公示' },
      CTX,
    );
    expect(update).toMatchObject({
      expectedStatus: 'new',
      patch: { status: 'dismissed', dismissReason: 'false_positive' },
      entry: { note: '正常公示', details: { dismissReason: 'false_positive', phrase: '收费公示' } },
      suggestion: { phrase: '收费公示' },
    });
  });

  it('parses statuses and reasons from ids or Chinese labels, and due dates in the zone', () => {
    expect(parseTipStatus('处置中')).toBe('in_progress');
    expect(parseTipStatus('closed')).toBe('closed');
    expect(() => parseTipStatus('done')).toThrow(/待研判/);
    expect(parseDismissReason('误报')).toBe('false_positive');
    expect(parseDismissReason('duplicate')).toBe('duplicate');
    expect(() => parseDismissReason('不想办')).toThrow(/误报/);
    expect(parseDue('2026-12-01', 'Asia/Shanghai')).toBe('2026-12-01T23:59:59+08:00');
    expect(parseDue('2026-12-01T10:00:00Z', 'Asia/Shanghai')).toBe('2026-12-01T10:00:00Z');
    expect(() => parseDue('12/01', 'Asia/Shanghai')).toThrow(/YYYY-MM-DD/);
  });
});

describe('tip workflow on a real store', () => {
  let temp: TempStore | undefined;
  let store: SqliteStore;

  beforeEach(async () => {
    temp = await openTempStore('yq-workflow-');
    store = temp.store;
    const a = makeArticle({ key: 'w', assessments: [makeAssessment({ score: 80, level: 'red' })] });
    await store.ingest({ article: a, tips: [makeTip(a, { id: 'tip-w' })] });
  });

  afterEach(async () => {
    await temp?.dispose();
  });

  it('walks 分办 → 处置 → 办结, refuses an illegal step, and keeps the full history', async () => {
    const step = (command: TipCommand, actor: string, at: string) =>
      transitionTip(store, 'tip-w', command, { actor, at });
    await step(
      { action: 'assign', team: '第一巡察组', assignee: '李四', dueAt: '2026-11-10T23:59:59+08:00' },
      '张三',
      '2026-11-02T09:00:00+08:00',
    );
    await step(
      { action: 'assign', team: '第二巡察组', dueAt: '2026-11-12T23:59:59+08:00', note: '改派' },
      '张三',
      '2026-11-02T10:00:00+08:00',
    );
    await step({ action: 'start' }, '王五', '2026-11-03T09:00:00+08:00');
    await expect(
      step({ action: 'assign', team: 'x', dueAt: '2026-11-12T00:00:00Z' }, 'a', CTX.at),
    ).rejects.toThrow(TipTransitionError);
    const closed = await step(
      { action: 'close', result: '约谈并督促整改' },
      '王五',
      '2026-11-05T09:00:00+08:00',
    );
    expect(closed).toMatchObject({
      status: 'closed',
      team: '第二巡察组',
      assignee: '李四',
      dueAt: '2026-11-12T23:59:59+08:00',
      result: '约谈并督促整改',
    });
    await expect(step({ action: 'dismiss', reason: 'duplicate' }, 'a', CTX.at)).rejects.toMatchObject({
      code: 'E_TIP_TRANSITION',
      from: 'closed',
      to: 'dismissed',
    });
    const history = await store.tipHistory('tip-w');
    expect(history.map((h) => `${h.actor}:${h.from}->${h.to}`)).toEqual([
      '张三:new->assigned',
      '张三:assigned->assigned',
      '王五:assigned->in_progress',
      '王五:in_progress->closed',
    ]);
    // The first assignment is still there as it was: history is never overwritten.
    expect(history[0]?.details).toEqual({
      team: '第一巡察组',
      assignee: '李四',
      dueAt: '2026-11-10T23:59:59+08:00',
    });
    expect(history[1]?.note).toBe('改派');
    await expect(transitionTip(store, 'nope', { action: 'start' }, CTX)).rejects.toMatchObject({
      code: 'E_TIP_NOT_FOUND',
    });
  });

  it('keeps the history table append-only even for direct SQL', () => {
    return transitionTip(store, 'tip-w', { action: 'dismiss', reason: 'irrelevant' }, CTX).then(() => {
      expect(() => store.database.prepare("UPDATE tip_history SET actor = 'x'").run()).toThrow(/append-only/);
      expect(() => store.database.prepare('DELETE FROM tip_history').run()).toThrow(/append-only/);
    });
  });
});
