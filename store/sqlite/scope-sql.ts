import type { ScopeEntry } from '../store.js';

/** Named SQL parameters. */
export type SqlParams = Record<string, string | number>;

/**
 * A boolean SQL expression true when (roundColumn, unitColumn) falls inside one of the scope entries; adds its
 * parameters (prefixed by `prefix`) to `params`. An empty scope matches nothing.
 */
export function scopeCondition(
  scope: readonly ScopeEntry[],
  columns: { round: string; unit: string },
  params: SqlParams,
  prefix: string,
): string {
  if (scope.length === 0) return '0';
  const alternatives = scope.map((entry, i) => {
    const round = `${prefix}r${i}`;
    params[round] = entry.roundId;
    const units = entry.unitIds ?? [];
    if (units.length === 0) return `${columns.round} = @${round}`;
    const names = units.map((unit, j) => {
      const name = `${prefix}u${i}_${j}`;
      params[name] = unit;
      return `@${name}`;
    });
    return `(${columns.round} = @${round} AND ${columns.unit} IN (${names.join(', ')}))`;
  });
  return `(${alternatives.join(' OR ')})`;
}
