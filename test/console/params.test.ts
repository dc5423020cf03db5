import { describe, expect, it } from 'vitest';
import { parseSearchQuery } from '../../console/routes/search.js';
import { parseTipFilter } from '../../console/routes/tips.js';
import { InputError } from '../../core/errors.js';
import { testConfig } from './fixtures.js';

const deps = { config: testConfig('/tmp/unused'), queryTerms: (q: string) => q.split(/\s+/).filter(Boolean) };

function inputMessage(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return (err as InputError).message;
  }
  throw new Error('expected an InputError');
}

describe('parseSearchQuery', () => {
  it('applies defaults and segments q into distinct terms', () => {
    expect(parseSearchQuery({ q: ' 违规 收费 违规 ' }, deps)).toEqual({
      terms: ['违规', '收费'],
      sort: 'time',
      limit: 20,
      offset: 0,
    });
  });

  it('maps every filter onto the store query', () => {
    const query = parseSearchQuery(
      {
        round: '2026-r4',
        unit: 'zjj',
        level: 'red',
        minLevel: 'orange',
        phase: 'rectification',
        source: 'demo-news',
        sourceType: 'rss',
        sort: 'score',
        limit: '200',
        offset: '40',
      },
      deps,
    );
    expect(query).toMatchObject({
      roundId: '2026-r4',
      unitId: 'zjj',
      level: 'red',
      minLevel: 'orange',
      phase: 'rectification',
      sourceId: 'demo-news',
      sourceType: 'rss',
      sort: 'score',
      limit: 200,
      offset: 40,
    });
  });

  it('reads a bare to date as the end of that day in Asia/Shanghai, from as its start', () => {
    const query = parseSearchQuery({ from: '2026-11-01', to: '2026-11-22' }, deps);
    expect(query.from).toBe('2026-11-01T00:00:00+08:00');
    expect(query.to).toBe('2026-11-22T23:59:59.999+08:00');
    expect(Date.parse(query.to ?? '')).toBe(Date.parse('2026-11-22T15:59:59.999Z'));
  });

  it('keeps an ISO time with its own offset as the same instant', () => {
    const query = parseSearchQuery({ from: '2026-11-22T01:00:00Z' }, deps);
    expect(query.from).toBe('2026-11-22T09:00:00+08:00');
  });

  it('uses the configured timezone for bare dates', () => {
    const utc = testConfig('/tmp/unused');
    utc.settings.timezone = 'UTC';
    expect(parseSearchQuery({ to: '2026-11-22' }, { ...deps, config: utc }).to).toBe(
      '2026-11-22T23:59:59.999Z',
    );
  });

  it('treats empty values as absent', () => {
    expect(parseSearchQuery({ q: '', level: '', round: '', from: '' }, deps)).toEqual({
      terms: [],
      sort: 'time',
      limit: 20,
      offset: 0,
    });
  });

  it.each([
    [{ level: 'purple' }, '参数 level 无效'],
    [{ minLevel: 'RED' }, '参数 minLevel 无效'],
    [{ phase: 'entrance' }, '参数 phase 无效'],
    [{ sort: 'relevance' }, '参数 sort 无效'],
    [{ sourceType: 'ftp' }, '参数 sourceType 无效'],
    [{ limit: '0' }, '参数 limit 无效'],
    [{ limit: '201' }, '参数 limit 无效'],
    [{ limit: '2.5' }, '参数 limit 无效'],
    [{ offset: '-1' }, '参数 offset 无效'],
    [{ from: '2026/11/01' }, '参数 from 无效'],
    [{ to: '2026-02-30' }, '参数 to 无效'],
    [{ to: 'yesterday' }, '参数 to 无效'],
    [{ from: '2026-11-23', to: '2026-11-22' }, '参数 from 无效'],
    [{ round: 'no-such-round' }, '参数 round 无效'],
    [{ unit: 'nobody' }, '参数 unit 无效'],
    [{ source: '<x>' }, '参数 source 无效'],
    [{ q: 'x'.repeat(201) }, '参数 q 无效'],
    [{ q: '！！ ??' }, '参数 q 无效'],
    [{ level: ['red', 'green'] }, '参数 level 无效'],
    [{ levle: 'red' }, '未知参数 levle'],
  ])('rejects %j', (query, message) => {
    expect(inputMessage(() => parseSearchQuery(query, deps))).toContain(message);
  });

  it('rejects a unit that does not belong to the given round', () => {
    const config = testConfig('/tmp/unused');
    const [round] = config.rounds;
    if (round === undefined) throw new Error('fixture round missing');
    config.rounds.push({
      ...structuredClone(round),
      id: 'r5',
      units: round.units.filter((u) => u.id === 'qsz'),
    });
    const message = inputMessage(() => parseSearchQuery({ round: 'r5', unit: 'zjj' }, { ...deps, config }));
    expect(message).toContain('参数 unit 无效');
    expect(message).toContain('r5');
  });
});

describe('parseTipFilter', () => {
  it('maps the filters and defaults', () => {
    expect(
      parseTipFilter({ round: '2026-r4', unit: 'qsz', status: 'in_progress', minLevel: 'orange' }, deps),
    ).toEqual({
      roundId: '2026-r4',
      unitId: 'qsz',
      status: 'in_progress',
      minLevel: 'orange',
      limit: 20,
      offset: 0,
    });
  });

  it.each([
    [{ status: 'open' }, '参数 status 无效'],
    [{ minLevel: 'pink' }, '参数 minLevel 无效'],
    [{ limit: '1000' }, '参数 limit 无效'],
    [{ round: 'x' }, '参数 round 无效'],
    [{ q: '违规' }, '未知参数 q'],
  ])('rejects %j', (query, message) => {
    expect(inputMessage(() => parseTipFilter(query, deps))).toContain(message);
  });
});
