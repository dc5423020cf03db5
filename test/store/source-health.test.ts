import { describe, expect, it } from 'vitest';
import type { SourceConfig } from '../../config/schema.js';
import { buildSourceHealth, dayWindow, LAYOUT_WARNING } from '../../store/source-health.js';
import type { SourceHealthState } from '../../store/store.js';

function source(id: string, enabled = true): SourceConfig {
  return {
    id,
    name: `来源${id}`,
    type: 'html',
    url: `http://127.0.0.1/${id}/`,
    enabled,
    list: { item: 'a' },
  } as unknown as SourceConfig;
}

const DAYS = ['2026-11-03', '2026-11-04', '2026-11-05'];

describe('source health', () => {
  it('lists every configured source in config order, never-run and switched-off ones included', () => {
    const states: SourceHealthState[] = [
      {
        sourceId: 'fail',
        lastRunAt: '2026-11-05T10:00:00Z',
        lastSuccessAt: '2026-11-01T10:00:00Z',
        lastError: 'HTTP 503',
        lastErrorAt: '2026-11-05T10:00:00Z',
        consecutiveFailures: 5,
        failingSince: '2026-11-05T06:00:00Z',
        itemsStored: 40,
      },
      { sourceId: 'ok', lastRunAt: 'x', lastSuccessAt: 'x', consecutiveFailures: 0, itemsStored: 9 },
      {
        sourceId: 'layout',
        lastRunAt: 'y',
        lastError: '列表为空',
        consecutiveFailures: 1,
        emptyListAt: 'y',
        itemsStored: 0,
      },
      { sourceId: 'gone-from-config', consecutiveFailures: 9, itemsStored: 0 },
    ];
    const counts = [
      { sourceId: 'ok', day: '2026-11-03', count: 4 },
      { sourceId: 'ok', day: '2026-11-05', count: 5 },
      { sourceId: 'fail', day: '2026-11-01', count: 7 },
    ];
    const health = buildSourceHealth(
      [source('ok'), source('fail'), source('never'), source('layout'), source('off', false)],
      states,
      counts,
      DAYS,
      5,
    );
    expect(health.map((h) => [h.sourceId, h.status, h.statusLabel])).toEqual([
      ['ok', 'ok', '正常'],
      ['fail', 'failing', '失败'],
      ['never', 'never', '未运行'],
      ['layout', 'layout', '疑似改版'],
      ['off', 'disabled', '已停用'],
    ]);
    const [ok, fail, never, layout] = health;
    expect(ok).toMatchObject({ itemsPerDay: 3, itemsStored: 9, alerting: false });
    expect(ok?.daily).toEqual([
      { day: '2026-11-03', count: 4 },
      { day: '2026-11-04', count: 0 },
      { day: '2026-11-05', count: 5 },
    ]);
    expect(fail).toMatchObject({
      consecutiveFailures: 5,
      alerting: true,
      lastError: 'HTTP 503',
      lastErrorAt: '2026-11-05T10:00:00Z',
      failingSince: '2026-11-05T06:00:00Z',
      lastSuccessAt: '2026-11-01T10:00:00Z',
      // A count outside the window does not count.
      itemsPerDay: 0,
    });
    expect(never).toMatchObject({ consecutiveFailures: 0, itemsStored: 0, alerting: false });
    expect(never?.lastRunAt).toBeUndefined();
    expect(layout).toMatchObject({ layoutWarning: LAYOUT_WARNING, emptyListAt: 'y', alerting: false });
  });

  it('builds the day window in the configured timezone', () => {
    // 2026-11-05T17:30Z is already the 6th in Shanghai.
    const window = dayWindow('Asia/Shanghai', 3, new Date('2026-11-05T17:30:00Z'));
    expect(window).toEqual({
      days: ['2026-11-04', '2026-11-05', '2026-11-06'],
      since: '2026-11-03T16:00:00.000Z',
      offsetMinutes: 480,
    });
    expect(dayWindow('UTC', 1, new Date('2026-11-05T17:30:00Z')).days).toEqual(['2026-11-05']);
  });
});
