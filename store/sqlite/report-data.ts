// The numbers behind a 舆情简报: per-unit level counts, new tips, top stories, tip backlog.
import { StoreError } from '../../core/errors.js';
import { LEVELS, type Level, type TipStatus } from '../../core/types.js';
import type { ReportData, ReportDataScope, TopStory, UnitLevelCounts } from '../store.js';
import { isoToEpochMs } from '../time.js';
import type { Prepare } from './statements.js';
import { toWorkflowTip, type WorkflowTipRow } from './tips.js';

/** Most new tips a report lists. */
export const REPORT_MAX_TIPS = 500;
/** Stories a report ranks. */
export const REPORT_TOP_STORIES = 10;

const STATUSES: readonly TipStatus[] = ['new', 'assigned', 'in_progress', 'closed', 'dismissed'];

function requireMs(name: string, iso: string): number {
  const ms = isoToEpochMs(iso);
  if (ms === undefined)
    throw new StoreError('E_STORE_INPUT', `reportData.${name} is not an ISO time: ${iso}`);
  return ms;
}

// The scoped units travel as one JSON array parameter; without a scope the filters are left out of the SQL.
function unitFilter(params: Params, column: string): string {
  return params.unitIds === undefined ? '' : ` AND ${column} IN (SELECT value FROM json_each(@unitIds))`;
}

function emptyCounts(): Record<Level, number> {
  return Object.fromEntries(LEVELS.map((l) => [l, 0])) as Record<Level, number>;
}

// The level counted is the one of the article's assessment for this round, not its best over all rounds.
function unitLevels(prep: Prepare, params: Params): UnitLevelCounts[] {
  const rows = prep(
    `SELECT au.unit_id AS unit_id, json_extract(j.value, '$.level') AS level, count(*) AS n
     FROM article_units au
     JOIN articles a ON a.id = au.article_id
     JOIN json_each(a.assessments) j ON json_extract(j.value, '$.roundId') = au.round_id
     WHERE au.round_id = @roundId AND a.time_ms BETWEEN @fromMs AND @toMs${unitFilter(params, 'au.unit_id')}
     GROUP BY au.unit_id, level ORDER BY au.unit_id`,
  ).all(params) as { unit_id: string; level: string; n: number }[];
  const byUnit = new Map<string, UnitLevelCounts>();
  for (const row of rows) {
    let entry = byUnit.get(row.unit_id);
    if (!entry) {
      entry = { unitId: row.unit_id, counts: emptyCounts() };
      byUnit.set(row.unit_id, entry);
    }
    if ((LEVELS as readonly string[]).includes(row.level)) entry.counts[row.level as Level] += row.n;
  }
  return [...byUnit.values()];
}

// Each article once, by its level for the round: an article naming two units is one article, not two.
function articleLevels(prep: Prepare, params: Params): Record<Level, number> {
  const rows = prep(
    `SELECT level, count(*) AS n FROM (
       SELECT DISTINCT a.id AS id, json_extract(j.value, '$.level') AS level
       FROM article_units au
       JOIN articles a ON a.id = au.article_id
       JOIN json_each(a.assessments) j ON json_extract(j.value, '$.roundId') = au.round_id
       WHERE au.round_id = @roundId AND a.time_ms BETWEEN @fromMs AND @toMs${unitFilter(params, 'au.unit_id')}
     ) GROUP BY level`,
  ).all(params) as { level: string; n: number }[];
  const counts = emptyCounts();
  for (const row of rows) {
    if ((LEVELS as readonly string[]).includes(row.level)) counts[row.level as Level] += row.n;
  }
  return counts;
}

interface StoryRow {
  id: string;
  size: number;
  level: string;
  units: string;
  sites: number;
  title: string;
  url: string;
  source_name: string;
  published_at: string | null;
}

// The story's first source is its earliest-published article (not the first one crawled: a copy is often
// fetched before its original).
// A scoped story must name a scoped unit in the period, but still lists every round unit it names then.
function topStories(prep: Prepare, params: Params): TopStory[] {
  const having =
    params.unitIds === undefined ? '' : 'HAVING max(au.unit_id IN (SELECT value FROM json_each(@unitIds)))';
  const rows = prep(
    `WITH hit AS (
       SELECT a.cluster_id AS cluster_id, group_concat(DISTINCT au.unit_id) AS units
       FROM article_units au JOIN articles a ON a.id = au.article_id
       WHERE au.round_id = @roundId AND a.time_ms BETWEEN @fromMs AND @toMs
       GROUP BY a.cluster_id ${having}
     )
     SELECT c.id, c.size, c.level, hit.units,
       (SELECT count(DISTINCT m.source_name) FROM articles m WHERE m.cluster_id = c.id) AS sites,
       f.title, f.url, f.source_name, f.published_at
     FROM hit JOIN clusters c ON c.id = hit.cluster_id
     JOIN articles f ON f.id = (
       SELECT m.id FROM articles m WHERE m.cluster_id = c.id ORDER BY m.time_ms, m.id LIMIT 1
     )
     ORDER BY c.size DESC, sites DESC, c.level_rank DESC, f.time_ms DESC, c.id
     LIMIT ${REPORT_TOP_STORIES}`,
  ).all(params) as StoryRow[];
  return rows.map((r) => ({
    clusterId: r.id,
    title: r.title,
    url: r.url,
    sourceName: r.source_name,
    ...(r.published_at !== null && { publishedAt: r.published_at }),
    size: r.size,
    sites: r.sites,
    level: r.level as Level,
    unitIds: r.units.split(',').sort(),
  }));
}

interface Params {
  roundId: string;
  fromMs: number;
  toMs: number;
  /** The scoped unit ids as a JSON array; absent: the whole round. */
  unitIds?: string;
}

/** Everything a report of `roundId` over [from, to] needs from the store; `scope` limits it to some units. */
export function reportData(
  prep: Prepare,
  roundId: string,
  from: string,
  to: string,
  scope?: ReportDataScope,
): ReportData {
  const params: Params = {
    roundId,
    fromMs: requireMs('from', from),
    toMs: requireMs('to', to),
    ...(scope?.unitIds !== undefined && { unitIds: JSON.stringify(scope.unitIds) }),
  };
  if (params.fromMs > params.toMs) {
    throw new StoreError('E_STORE_INPUT', `reportData: from ${from} is after to ${to}`);
  }
  const tipUnits = unitFilter(params, 'unit_id');
  const tipRows = prep(
    `SELECT * FROM tips WHERE round_id = @roundId AND created_ms BETWEEN @fromMs AND @toMs${tipUnits}
     ORDER BY created_ms, seq LIMIT ${REPORT_MAX_TIPS}`,
  ).all(params) as WorkflowTipRow[];
  const tipStatusCounts = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<TipStatus, number>;
  const statusRows = prep(
    `SELECT status, count(*) AS n FROM tips WHERE round_id = @roundId${tipUnits} GROUP BY status`,
  ).all(params) as { status: string; n: number }[];
  for (const row of statusRows) {
    if ((STATUSES as readonly string[]).includes(row.status))
      tipStatusCounts[row.status as TipStatus] = row.n;
  }
  return {
    roundId,
    from,
    to,
    unitLevels: unitLevels(prep, params),
    articleLevels: articleLevels(prep, params),
    newTips: tipRows.map(toWorkflowTip),
    topStories: topStories(prep, params),
    tipStatusCounts,
  };
}
