import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tip, TipHistoryEntry } from '../../core/types.js';
import type { ExclusionSuggestion } from '../../store/store.js';
import { PLANTED } from './fixtures.js';
import { type InjectedConsole, openSeededApp } from './seed.js';
import type { TestSession } from './session.js';

let session: TestSession;
let opened: InjectedConsole;
const TIP = `tip-${PLANTED.id}`;

beforeAll(async () => {
  opened = await openSeededApp('admin');
  session = opened.session;
});

afterAll(async () => opened.close());

async function post(url: string, payload: unknown) {
  return session.inject({ method: 'POST', url, payload: payload as Record<string, unknown> });
}

describe('tip workflow API', () => {
  it('applies transitions, answers 409 for an illegal one and returns the history', async () => {
    const assigned = await post(`/api/tips/${TIP}/transitions`, {
      action: 'assign',
      team: '第一巡察组',
      assignee: '李四',
      dueAt: '2099-12-01',
      by: '张三',
      note: '请核实',
    });
    expect(assigned.statusCode, assigned.body).toBe(200);
    const body = assigned.json() as { tip: Tip; history: TipHistoryEntry[] };
    expect(body.tip).toMatchObject({
      status: 'assigned',
      assignee: '李四',
      dueAt: '2099-12-01T23:59:59+08:00',
    });
    expect(body.history).toHaveLength(1);

    const illegal = await post(`/api/tips/${TIP}/transitions`, { action: 'close', result: '完成' });
    expect(illegal.statusCode).toBe(409);
    expect(illegal.json()).toMatchObject({ error: { code: 'E_TIP_TRANSITION' } });
    expect((illegal.json() as { error: { message: string } }).error.message).toContain('assigned -> closed');

    expect((await post(`/api/tips/${TIP}/transitions`, { action: 'start' })).statusCode).toBe(200);
    const history = await session.inject({ method: 'GET', url: `/api/tips/${TIP}/history` });
    expect(history.statusCode).toBe(200);
    const entries = (history.json() as { history: TipHistoryEntry[] }).history;
    expect(entries.map((h) => [h.actor, h.from, h.to])).toEqual([
      ['admin', 'new', 'assigned'],
      ['admin', 'assigned', 'in_progress'],
    ]);
    const shown = await session.inject({ method: 'GET', url: `/api/tips/${TIP}` });
    expect((shown.json() as { tip: Tip }).tip.status).toBe('in_progress');
  });

  it('rejects bad input with 400 and unknown tips with 404', async () => {
    const bad = [
      { action: 'fly' },
      { action: 'assign', team: 'T' },
      { action: 'dismiss', reason: '不想办' },
      { action: 'start', extra: 'x' },
      { action: 'start', note: 5 },
    ];
    for (const payload of bad) {
      const res = await post(`/api/tips/${TIP}/transitions`, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json()).toMatchObject({ error: { code: 'E_INPUT' } });
    }
    expect((await post('/api/tips/nope/transitions', { action: 'start' })).statusCode).toBe(404);
    expect((await session.inject({ method: 'GET', url: '/api/tips/nope/history' })).statusCode).toBe(404);
  });

  it('refuses a past due date and an unknown team in Chinese and changes nothing', async () => {
    const list = await session.inject({ method: 'GET', url: '/api/tips?status=new' });
    const target = (list.json() as { tips: Tip[] }).tips.find((t) => t.id !== TIP);
    if (!target) throw new Error('the seed has a second new tip');
    const cases: [Record<string, string>, RegExp][] = [
      [{ team: '第一巡察组', dueAt: '2020-01-01' }, /办理期限「2020-01-01T23:59:59\+08:00」已经过去/],
      [{ team: '第九巡察组', dueAt: '2099-01-01' }, /巡察组「第九巡察组」不存在（已有的巡察组：.*第一巡察组/],
    ];
    for (const [fields, message] of cases) {
      const res = await post(`/api/tips/${target.id}/transitions`, { action: 'assign', ...fields });
      expect(res.statusCode).toBe(400);
      expect((res.json() as { error: { code: string; message: string } }).error).toMatchObject({
        code: 'E_INPUT',
        message: expect.stringMatching(message),
      });
    }
    const after = await session.inject({ method: 'GET', url: `/api/tips/${target.id}` });
    const unchanged = (after.json() as { tip: Tip }).tip;
    expect(unchanged.status).toBe('new');
    expect([unchanged.team, unchanged.dueAt, unchanged.updatedAt]).toEqual([
      target.team,
      target.dueAt,
      target.updatedAt,
    ]);
    const history = await session.inject({ method: 'GET', url: `/api/tips/${target.id}/history` });
    expect((history.json() as { history: unknown[] }).history).toEqual([]);
  });

  it('lists and decides suggestions from a 误报 dismissal', async () => {
    const list = await session.inject({ method: 'GET', url: '/api/tips?status=new' });
    const target = (list.json() as { tips: Tip[] }).tips.find((t) => t.id !== TIP)?.id ?? '';
    const dismissed = await post(`/api/tips/${target}/transitions`, {
      action: 'dismiss',
      reason: '误报',
      phrase: '违规收费',
    });
    expect(dismissed.statusCode, dismissed.body).toBe(200);
    const pending = await session.inject({ method: 'GET', url: '/api/suggestions?status=pending' });
    const [suggestion] = (pending.json() as { suggestions: ExclusionSuggestion[] }).suggestions;
    expect(suggestion).toMatchObject({ phrase: '违规收费', tipId: target });
    const decided = await post(`/api/suggestions/${suggestion?.id}/decision`, {
      decision: 'accept',
      by: 'admin',
    });
    expect(decided.json()).toMatchObject({ suggestion: { status: 'accepted', decidedBy: 'admin' } });
    expect(
      (await post(`/api/suggestions/${suggestion?.id}/decision`, { decision: 'reject' })).statusCode,
    ).toBe(409);
    expect((await post('/api/suggestions/none/decision', { decision: 'reject' })).statusCode).toBe(404);
  });
});
