// Narrowing a 舆情简报 to some units and levels (a team's digest, a route's `units:`/`teams:`/`minLevel`), so a
// recipient never sees items of units it does not cover. Pure: the store's numbers in, the scoped numbers out.
import type { RoundConfig } from '../../config/schema.js';
import {
  LEVEL_LABELS,
  type Level,
  levelRank,
  PHASE_LABELS,
  type PhaseName,
  type TipStatus,
} from '../../core/types.js';
import type { ReportData } from '../../store/store.js';
import { oneLine } from '../render.js';

/** What a scoped report covers; every field is optional (absent: the whole round, every item). */
export interface ReportScope {
  /** Only these unit ids: their rows, counts, new tips and stories. */
  unitIds?: readonly string[];
  /** Who the scope is for (e.g. the team), shown in the title, the 范围 line and the file name. */
  name?: string;
  /** The item lists (new tips, stories) leave out items below this level; the level counts stay complete. */
  minLevel?: Level;
  /** New tips only of these phases. */
  phases?: readonly PhaseName[];
  /**
   * The tip backlog by status of the scoped units. The store's `tipStatusCounts` cover the whole round, so a
   * report narrowed by `unitIds` without these says the backlog is not counted rather than show other units'.
   */
  tipStatusCounts?: Record<TipStatus, number>;
}

/** The store's numbers limited to a scope, and what the limits left out. */
export interface ScopedData {
  data: ReportData;
  /** New tips of the scoped units left out of the list by `minLevel` / `phases`. */
  hiddenTips: number;
  /** The backlog to show; undefined when it cannot be limited to the scope. */
  tipStatusCounts?: Record<TipStatus, number>;
}

// Green is the lowest level: a route with `minLevel: green` lists everything and needs no note.
function listedMinRank(scope: ReportScope): number {
  return scope.minLevel === undefined ? 0 : levelRank(scope.minLevel);
}

/** Limit the store's numbers of a round to a scope (no scope: unchanged). */
export function applyScope(data: ReportData, scope: ReportScope | undefined): ScopedData {
  if (scope === undefined) return { data, hiddenTips: 0, tipStatusCounts: data.tipStatusCounts };
  const units = scope.unitIds === undefined ? undefined : new Set(scope.unitIds);
  const inScope = (id: string) => units === undefined || units.has(id);
  const minRank = listedMinRank(scope);
  const phases = scope.phases;
  const tips = data.newTips.filter((t) => inScope(t.unitId));
  // A tip outside every phase window has no phase: a phase-limited scope leaves it out, as routing does.
  const listed = tips.filter(
    (t) =>
      levelRank(t.level) >= minRank &&
      (phases === undefined || (t.phase !== undefined && phases.includes(t.phase))),
  );
  // Stories and level counts carry no phase (a story spans phases; the store counts articles by level only),
  // so `phases` cannot narrow them. A story keeps only the scoped units it names: another unit's name is not
  // the recipient's business. Digests ask the store for the scope's own top stories (reportData's scope);
  // from the whole round's data, or after `minLevel`, a scoped report may list fewer than the store's limit.
  const topStories = data.topStories
    .map((s) => ({ ...s, unitIds: s.unitIds.filter(inScope) }))
    .filter((s) => s.unitIds.length > 0 && levelRank(s.level) >= minRank);
  const tipStatusCounts = scope.tipStatusCounts ?? (units === undefined ? data.tipStatusCounts : undefined);
  const unitLevels = data.unitLevels.filter((u) => inScope(u.unitId));
  // The distinct-article counts hold only while no unit's articles were cut here (a store-scoped fetch).
  const { articleLevels, ...rest } = data;
  return {
    data: {
      ...rest,
      ...(articleLevels !== undefined && unitLevels.length === data.unitLevels.length && { articleLevels }),
      unitLevels,
      newTips: listed,
      topStories,
    },
    hiddenTips: tips.length - listed.length,
    ...(tipStatusCounts !== undefined && { tipStatusCounts }),
  };
}

/** The 范围 text of a scope, e.g. `第二巡察组：某某县人民医院、某某县财政局`; undefined for the whole round. */
export function scopeText(round: RoundConfig, scope: ReportScope | undefined): string | undefined {
  if (scope?.unitIds === undefined) return scope?.name === undefined ? undefined : oneLine(scope.name, 40);
  const name = (id: string) => oneLine(round.units.find((u) => u.id === id)?.name ?? id, 60);
  const names = scope.unitIds.length > 0 ? scope.unitIds.map(name).join('、') : '（无单位）';
  return scope.name === undefined ? names : `${oneLine(scope.name, 40)}：${names}`;
}

/** The note on what the lists leave out, e.g. `仅列出橙色及以上的线索和信息（等级统计含全部信息）`. */
export function filterText(scope: ReportScope | undefined): string | undefined {
  if (scope === undefined) return undefined;
  const parts: string[] = [];
  if (scope.minLevel !== undefined && listedMinRank(scope) > 0)
    parts.push(`仅列出${LEVEL_LABELS[scope.minLevel]}色及以上的线索和信息`);
  if (scope.phases !== undefined)
    parts.push(`新增线索限${scope.phases.map((p) => PHASE_LABELS[p]).join('、')}阶段`);
  return parts.length === 0 ? undefined : `${parts.join('，')}（等级统计含全部信息）`;
}
