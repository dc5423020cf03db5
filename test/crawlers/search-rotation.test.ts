import { describe, expect, it } from 'vitest';
import { rotationBatch, rotationQueries, type UnitNames } from '../../crawlers/search-rotation.js';

// The situation of the issue: 11 units with a name and two aliases each, `queries: 10`.
const units: UnitNames[] = Array.from({ length: 11 }, (_, i) => ({
  key: `r/u${i}`,
  names: [`单位${i}全称`, `单位${i}简称`, `单位${i}别称`],
}));

describe('search rotation', () => {
  it('interleaves the units so consecutive queries go to different units', () => {
    const all = rotationQueries({}, units, []);
    expect(all).toHaveLength(33);
    expect(all.slice(0, 11).map((q) => q.unitKey)).toEqual(units.map((u) => u.key));
    expect(all[11]).toEqual({ query: '单位0简称', unitKey: 'r/u0' });
  });

  it('covers every unit within two cycles of 10 and every query within four, then starts over', () => {
    const all = rotationQueries({}, units, []);
    let cursor = 0;
    const seenUnits = new Set<string>();
    const seenQueries = new Set<string>();
    for (let cycle = 1; cycle <= 4; cycle++) {
      const { batch, next } = rotationBatch(all, cursor, 10);
      expect(batch).toHaveLength(10);
      for (const q of batch) {
        seenUnits.add(q.unitKey);
        seenQueries.add(q.query);
      }
      if (cycle === 2) expect(seenUnits.size).toBe(11);
      cursor = next;
    }
    expect(seenQueries.size).toBe(33);
    expect(cursor).toBe(40 % 33);
  });

  it('combines risk terms, drops shared names, and copes with a stale cursor or a budget above the list', () => {
    const shared: UnitNames[] = [
      { key: 'r1/a', names: ['市住建局'] },
      { key: 'r2/a', names: ['市住建局', '明州住建局'] },
    ];
    expect(rotationQueries({ riskTerms: ['举报'] }, shared, []).map((q) => q.query)).toEqual([
      '市住建局 举报',
      '明州住建局 举报',
    ]);
    expect(rotationQueries({ riskTerms: 'keywords' }, shared, ['违规收费'])[0]?.query).toBe(
      '市住建局 违规收费',
    );
    const all = rotationQueries({}, shared, []);
    expect(rotationBatch(all, 57, 1)).toEqual({ batch: [all[1]], next: 0 });
    expect(rotationBatch(all, 0, 50).batch).toHaveLength(2);
    expect(rotationBatch([], 3, 10)).toEqual({ batch: [], next: 0 });
  });
});
