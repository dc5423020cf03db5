// The fast search plans (capped totals, newest-first scans) must return exactly the pages of the plain sorted
// plan (issue #8). Tuning shrinks the thresholds so a small store reaches every plan.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../core/log.js';
import { normalizeSearchQuery } from '../../store/query.js';
import { type SearchTuning, searchArticles } from '../../store/sqlite/search.js';
import { SqliteStore } from '../../store/sqlite/sqlite-store.js';
import { statementCache } from '../../store/sqlite/statements.js';
import type { SearchQuery } from '../../store/store.js';
import { makeArticle, makeAssessment } from './fixtures.js';

const EDU = { unitId: 'u1', unitName: '某某县教育局' };
const TOWN = { unitId: 'u2', unitName: '某某镇政府' };
const ITEMS = 60;

/** Sorted plan only, exact totals: the reference. */
const PLAIN: SearchTuning = { totalCap: 1_000_000, commonMatches: 1_000_000 };
/** Every term set counts as common, so pages come from the newest-first scan. */
const SCAN: SearchTuning = { totalCap: 1_000_000, commonMatches: 1 };
/** The per-row checks give up at once and the scan goes on against the set of all matches. */
const SET_SCAN: SearchTuning = { totalCap: 1_000_000, commonMatches: 1, scanChecks: 2, scanSetMinMatches: 0 };
/** The scan gives up at once and falls back to sorting. */
const GIVE_UP: SearchTuning = { totalCap: 1_000_000, commonMatches: 1, scanChecks: 2, scanSetRows: 0 };
/** The set phase gives up after a few rows and falls back to sorting. */
const SET_GIVE_UP: SearchTuning = {
  totalCap: 1_000_000,
  commonMatches: 1,
  scanChecks: 1,
  scanSetRows: 3,
  scanSetMinMatches: 0,
};

let dir: string;
let store: SqliteStore;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'yuqing-search-plans-'));
  store = new SqliteStore({ path: join(dir, 'yuqing.db'), logger: silentLogger() });
  await store.init();
  for (let i = 0; i < ITEMS; i++) {
    // Times are not in insertion order, several share one time, and scores repeat, to test the tie-breaks.
    const hour = String((i * 7) % 24).padStart(2, '0');
    const day = String(1 + ((i * 13) % 5)).padStart(2, '0');
    const common = i % 5 !== 0 ? '违规 收费' : '正常 公示';
    const rare = i % 11 === 0 ? ' 停车场' : '';
    const units = i % 3 === 0 ? [EDU] : i % 3 === 1 ? [TOWN] : [];
    await store.ingest({
      article: makeArticle({
        key: `p${i}`,
        title: `第${i}号 ${common}`,
        body: `${common}${rare} 情况 说明`,
        publishedAt: `2025-05-${day}T${hour}:00:00+08:00`,
        assessments:
          units.length > 0 ? [makeAssessment({ units, score: (i * 17) % 50, level: 'orange' })] : [],
      }),
      tips: [],
    });
  }
});

afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

function run(query: Partial<SearchQuery>, tuning: SearchTuning) {
  return searchArticles(
    statementCache(store.database),
    normalizeSearchQuery({ terms: [], ...query }),
    tuning,
  );
}

const QUERIES: Partial<SearchQuery>[] = [
  { terms: ['收费'] },
  { terms: ['收费'], unitId: 'u1' },
  { terms: ['收费'], roundId: 'r1', unitId: 'u2', sort: 'score' },
  { terms: ['违规', '收费'], limit: 5, offset: 3 },
  { terms: ['收费'], sort: 'score', limit: 7, offset: 10 },
  { terms: ['停车'], unitId: 'u1' },
  { terms: ['公示'], minLevel: 'orange' },
  { terms: ['收费'], exclude: ['停车场'], limit: 50 },
  { terms: ['收费'], offset: 500 },
];

describe('search plans', () => {
  it('the newest-first scan returns the same pages and totals as sorting every match', () => {
    for (const query of QUERIES) {
      const plain = run(query, PLAIN);
      expect(run(query, SCAN), JSON.stringify(query)).toEqual(plain);
      expect(run(query, GIVE_UP), JSON.stringify(query)).toEqual(plain);
      expect(run(query, SET_SCAN), JSON.stringify(query)).toEqual(plain);
      expect(run(query, SET_GIVE_UP), JSON.stringify(query)).toEqual(plain);
    }
    // The reference is not trivially empty.
    expect(run({ terms: ['收费'], unitId: 'u1' }, PLAIN).hits.length).toBeGreaterThan(5);
  });

  it('stops counting at the cap and says so; below the cap the total is exact and unflagged', () => {
    const exact = run({ terms: ['收费'] }, PLAIN);
    expect(exact.total).toBe(48);
    expect(exact.totalCapped).toBeUndefined();
    const capped = run({ terms: ['收费'] }, { totalCap: 10 });
    expect(capped).toMatchObject({ total: 10, totalCapped: true });
    expect(capped.hits).toEqual(exact.hits);
    expect(run({ terms: ['收费'] }, { totalCap: 48 }).totalCapped).toBeUndefined();
    expect(run({ terms: ['收费'] }, { totalCap: 47 })).toMatchObject({ total: 47, totalCapped: true });
    // Without terms and with folded stories the count is capped the same way.
    expect(run({ unitId: 'u1' }, { totalCap: 5 })).toMatchObject({ total: 5, totalCapped: true });
    expect(run({ terms: ['收费'], foldClusters: true }, { totalCap: 5 })).toMatchObject({
      total: 5,
      totalCapped: true,
    });
  });

  it('still returns pages past the cap', () => {
    const exact = run({ terms: ['收费'], limit: 5, offset: 20 }, PLAIN);
    const capped = run({ terms: ['收费'], limit: 5, offset: 20 }, { totalCap: 10 });
    expect(capped.hits.map((h) => h.id)).toEqual(exact.hits.map((h) => h.id));
    expect(capped.hits).toHaveLength(5);
  });
});
