// The numbers behind the console's situation dashboard (issue #6), each one indexed query.
import { StoreError } from '../../core/errors.js';
import { LEVELS, type Level } from '../../core/types.js';
import type { DashboardData, DashboardQuery, UnitLevelCounts } from '../store.js';
import { isoToEpochMs } from '../time.js';
import type { SqlParams } from './scope-sql.js';
import type { Prepare } from './statements.js';

/** Items whose title words are counted for the word cloud (the newest of the period). */
const TERM_SAMPLE = 2000;
const TOP_TERMS = 60;
/** A title word worth showing: two or more letters, at least one CJK character or a longer Latin word. */
const WORD = /^(?=.*[\p{Script=Han}])[\p{L}\p{N}]{2,}$|^[A-Za-z]{4,}$/u;

function ms(name: string, iso: string): number {
  const value = isoToEpochMs(iso);
  if (value === undefined) throw new StoreError('E_STORE_INPUT', `dashboardData: ${name} is not an ISO time`);
  return value;
}

function emptyCounts(): Record<Level, number> {
  return { red: 0, orange: 0, yellow: 0, green: 0 };
}

function byUnit(rows: readonly { unit_id: string; level: Level; n: number }[]): UnitLevelCounts[] {
  const map = new Map<string, Record<Level, number>>();
  for (const row of rows) {
    const counts = map.get(row.unit_id) ?? emptyCounts();
    if (LEVELS.includes(row.level)) counts[row.level] += row.n;
    map.set(row.unit_id, counts);
  }
  return [...map].map(([unitId, counts]) => ({ unitId, counts }));
}

/** The unit restriction over article_units `u`, or nothing. */
function unitFilter(query: DashboardQuery, params: SqlParams): string {
  if (query.unitIds === undefined) return '';
  if (query.unitIds.length === 0) return ' AND 0';
  const names = query.unitIds.map((unit, i) => {
    params[`unit${i}`] = unit;
    return `@unit${i}`;
  });
  return ` AND u.unit_id IN (${names.join(', ')})`;
}

/** Dashboard numbers of one round over [from, to]. */
export function dashboardData(prep: Prepare, query: DashboardQuery): DashboardData {
  const params: SqlParams = {
    roundId: query.roundId,
    fromMs: ms('from', query.from),
    toMs: ms('to', query.to),
    offsetS: query.utcOffsetMinutes * 60,
  };
  const units = unitFilter(query, params);
  // Articles of the round (and scope) in the period, once each even when they mention several units.
  const inPeriod = `SELECT DISTINCT a.seq FROM article_units u JOIN articles a ON a.id = u.article_id
    WHERE u.round_id = @roundId${units} AND a.time_ms BETWEEN @fromMs AND @toMs`;
  // Levels are the item's assessment for this round, never its best over all rounds: another round's verdict
  // must not colour this round's dashboard (compartments, issue 23).
  const unitLevels = prep(
    `SELECT u.unit_id, json_extract(j.value, '$.level') AS level, count(*) AS n
     FROM article_units u JOIN articles a ON a.id = u.article_id
     JOIN json_each(a.assessments) j ON json_extract(j.value, '$.roundId') = u.round_id
     WHERE u.round_id = @roundId${units} AND a.time_ms BETWEEN @fromMs AND @toMs
     GROUP BY u.unit_id, level`,
  ).all(params) as { unit_id: string; level: Level; n: number }[];
  const tipParams: SqlParams = { roundId: query.roundId };
  const tipUnits = unitFilter(query, tipParams);
  const openTips = prep(
    `SELECT u.unit_id, u.level, count(*) AS n FROM tips u
     WHERE u.round_id = @roundId${tipUnits} AND u.status IN ('new', 'assigned', 'in_progress')
     GROUP BY u.unit_id, u.level`,
  ).all(tipParams) as { unit_id: string; level: Level; n: number }[];
  const trend = prep(
    `SELECT strftime('%Y-%m-%d', a.time_ms / 1000 + @offsetS, 'unixepoch') AS day,
       (SELECT json_extract(j.value, '$.level') FROM json_each(a.assessments) j
        WHERE json_extract(j.value, '$.roundId') = @roundId) AS level, count(*) AS count
     FROM articles a WHERE a.seq IN (${inPeriod}) GROUP BY day, level ORDER BY day, level`,
  ).all(params) as { day: string; level: Level; count: number }[];
  const sourceTypes = prep(
    `SELECT a.source_type AS type, count(*) AS count FROM articles a WHERE a.seq IN (${inPeriod})
     GROUP BY a.source_type ORDER BY count DESC`,
  ).all(params) as { type: string; count: number }[];
  return {
    unitLevels: byUnit(unitLevels),
    openTips: byUnit(openTips),
    trend,
    sourceTypes,
    topTerms: topTerms(prep, inPeriod, params),
  };
}

/** Risk terms the scorer hit (weighted ×3) plus title words of the newest items of the period. */
function topTerms(prep: Prepare, inPeriod: string, params: SqlParams): { term: string; count: number }[] {
  const rows = prep(
    `SELECT a.title_tokens, a.assessments FROM articles a WHERE a.seq IN (${inPeriod})
     ORDER BY a.time_ms DESC LIMIT ${TERM_SAMPLE}`,
  ).all(params) as { title_tokens: string; assessments: string }[];
  const counts = new Map<string, number>();
  const add = (term: string, n: number) => counts.set(term, (counts.get(term) ?? 0) + n);
  for (const row of rows) {
    for (const word of new Set(row.title_tokens.split(' '))) if (WORD.test(word)) add(word, 1);
    const assessments = JSON.parse(row.assessments) as { roundId: string; parts?: { term?: string }[] }[];
    const hit = new Set<string>();
    for (const a of assessments) {
      if (a.roundId !== params.roundId) continue;
      for (const part of a.parts ?? []) if (part.term) hit.add(part.term);
    }
    for (const term of hit) add(term, 3);
  }
  return [...counts]
    .map(([term, count]) => ({ term, count }))
    .sort((a, b) => b.count - a.count || a.term.localeCompare(b.term))
    .slice(0, TOP_TERMS);
}
