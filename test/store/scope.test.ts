// The compartment rule itself (store/scope.ts): which assessments, units, levels and filters a scope sees.
import { describe, expect, it } from 'vitest';
import type { Assessment, UnitMatch } from '../../core/types.js';
import {
  ALL_UNITS,
  accountUnits,
  filterRounds,
  narrowScope,
  scopeAssessments,
  scopedArticle,
  scopedHitFields,
} from '../../store/scope.js';

const unit = (unitId: string, score: number, level: UnitMatch['level']): UnitMatch => ({
  roundId: 'a',
  unitId,
  unitName: unitId,
  mentions: [],
  score,
  level,
  parts: [{ kind: 'term', label: `${unitId} 的评分`, points: score, unitId }],
});

// Round a names two units (u1 red, u2 yellow); round b one unit (v1 green).
const ASSESSMENTS: Assessment[] = [
  {
    roundId: 'a',
    units: [unit('u1', 80, 'red'), unit('u2', 20, 'yellow')],
    score: 80,
    level: 'red',
    parts: [],
  },
  { roundId: 'b', units: [{ ...unit('v1', 5, 'green'), roundId: 'b' }], score: 5, level: 'green', parts: [] },
];

describe('compartment rule', () => {
  it('a unit-limited scope sees its best visible unit’s verdict and explanation, never another unit’s', () => {
    const [seen] = scopeAssessments(ASSESSMENTS, [{ roundId: 'a', unitIds: ['u2'] }]);
    expect(seen).toMatchObject({ roundId: 'a', score: 20, level: 'yellow' });
    expect(seen?.units.map((u) => u.unitId)).toEqual(['u2']);
    expect(seen?.parts.map((p) => p.label)).toEqual(['u2 的评分']);
  });

  it('drops rounds outside the scope and takes the overall verdict over what is left', () => {
    const item = { assessments: ASSESSMENTS, score: 80, level: 'red' as const };
    expect(scopedArticle(item, [{ roundId: 'b' }])).toMatchObject({ score: 5, level: 'green' });
    expect(scopedArticle(item, [{ roundId: 'b' }]).assessments.map((a) => a.roundId)).toEqual(['b']);
    expect(scopedHitFields(item, [])).toEqual({ score: 0, level: 'green', units: [] });
    expect(scopedHitFields(item, undefined)).toEqual({ score: 80, level: 'red', units: ['u1', 'u2', 'v1'] });
  });

  it('resolves a team account deny by default: listed units, * for all, else its team’s, else none', () => {
    const round = { units: [{ id: 'u1', team: '一组' }, { id: 'u2', team: '二组' }, { id: 'u3' }] };
    expect(accountUnits({ units: ['u3'] }, round)).toEqual(['u3']);
    expect(accountUnits({ units: [ALL_UNITS] }, round)).toEqual(['u1', 'u2', 'u3']);
    expect(accountUnits({ units: [], team: '二组' }, round)).toEqual(['u2']);
    expect(accountUnits({ units: [] }, round)).toEqual([]);
  });

  it('narrows a scope to a round/unit filter, and round-dependent filters to the scope’s rounds', () => {
    const scope = [{ roundId: 'a', unitIds: ['u1'] }, { roundId: 'b' }];
    expect(narrowScope(scope, 'b', undefined)).toEqual([{ roundId: 'b' }]);
    expect(narrowScope(scope, undefined, 'u1')).toEqual([
      { roundId: 'a', unitIds: ['u1'] },
      { roundId: 'b', unitIds: ['u1'] },
    ]);
    expect(narrowScope(scope, 'a', 'u2')).toEqual([]);
    expect(narrowScope(undefined, 'a', 'u2')).toBeUndefined();
    expect(filterRounds(undefined, scope)).toEqual(['a', 'b']);
    expect(filterRounds('a', scope)).toEqual(['a']);
    expect(filterRounds(undefined, undefined)).toBeUndefined();
  });
});
