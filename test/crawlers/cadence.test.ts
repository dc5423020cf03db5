import { describe, expect, it } from 'vitest';
import { type RoundConfig, roundSchema } from '../../config/schema.js';
import { cadenceLabel, cadenceOf } from '../../crawlers/cadence.js';

const zone = 'Asia/Shanghai';
const round = (over: Record<string, unknown> = {}): RoundConfig =>
  roundSchema.parse({
    id: 'r',
    name: 'r',
    units: [{ id: 'u', name: '明州市住房和城乡建设局' }],
    sources: ['s'],
    phases: {
      entry: { start: '2026-11-01', end: '2026-11-30' },
      feedback: { start: '2027-01-10', end: '2027-01-20' },
      rectification: { start: '2027-01-21', end: '2027-04-30' },
    },
    intensify: { afterFeedbackDays: 14 },
    ...over,
  });
const schedule = {
  default: '0 */2 * * *',
  entry: '*/10 * * * *',
  feedback: '*/15 * * * *',
  intensified: '*/5 * * * *',
  outside: 'pause',
};
const source = { id: 's', schedule };

describe('cadenceOf', () => {
  it('keeps a plain cron string as it is', () => {
    expect(cadenceOf({ id: 's', schedule: '*/15 * * * *' }, [round()], '2026-11-05T02:00:00Z', zone)).toEqual(
      {
        cron: '*/15 * * * *',
        reason: 'default',
      },
    );
  });

  it('picks the phase cron, the intensified window first, and falls back to default for a phase without one', () => {
    expect(cadenceOf(source, [round()], '2026-11-05T02:00:00Z', zone)).toMatchObject({
      cron: '*/10 * * * *',
      reason: 'entry',
    });
    // The first 14 days from the feedback start (10 Jan … 23 Jan, Shanghai dates) are intensified.
    expect(cadenceOf(source, [round()], '2027-01-23T15:00:00Z', zone).reason).toBe('intensified');
    expect(cadenceOf(source, [round()], '2027-01-23T16:30:00Z', zone)).toEqual({
      cron: '0 */2 * * *',
      reason: 'default',
    });
  });

  it('pauses outside every window, and takes the most intense of several rounds', () => {
    expect(cadenceOf(source, [round()], '2027-06-01T02:00:00Z', zone)).toEqual({ reason: 'outside' });
    expect(cadenceLabel(cadenceOf(source, [round()], '2027-06-01T02:00:00Z', zone))).toBe(
      '暂停（不在巡察阶段）',
    );
    const later = round({ id: 'r2', phases: { entry: { start: '2027-05-25', end: '2027-06-30' } } });
    expect(cadenceOf(source, [round(), later], '2027-06-01T02:00:00Z', zone)).toEqual({
      cron: '*/10 * * * *',
      reason: 'entry',
      roundId: 'r2',
    });
    // A paused round or one not using the source does not count.
    expect(cadenceOf(source, [{ ...later, active: false }], '2027-06-01T02:00:00Z', zone).reason).toBe(
      'outside',
    );
    expect(cadenceOf(source, [{ ...later, sources: [] }], '2027-06-01T02:00:00Z', zone).reason).toBe(
      'outside',
    );
  });
});
