// Upgrades (issue 25): a data directory written at every earlier schema version opens with the current code,
// keeps its items, tips, alerts, evidence and accounts, runs each missing step once and says so in one log line.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { articleTexts } from '../../bench/source-text.js';
import { createLogger } from '../../core/log.js';
import { createEvidenceFiles, evidenceRoot } from '../../store/evidence/evidence-files.js';
import { verifyEvidence } from '../../store/evidence/verify.js';
import { searchGrams } from '../../store/search-grams.js';
import { simhashBands } from '../../store/simhash.js';
import { putEvidence } from '../../store/sqlite/evidence-records.js';
import { MIGRATIONS, migrate, SCHEMA_VERSION } from '../../store/sqlite/schema.js';
import { SqliteStore } from '../../store/sqlite/sqlite-store.js';
import { statementCache } from '../../store/sqlite/statements.js';
import type { EvidenceRecord } from '../../store/store.js';
import { articleTimeMs } from '../../store/time.js';
import { SHARED_DIR } from '../helpers/shared-dir.js';
import { makeArticle } from './fixtures.js';

const texts = articleTexts(SHARED_DIR);
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A logger whose JSON lines are kept for the test to read. */
function recordingLogger(): {
  logger: ReturnType<typeof createLogger>;
  lines: () => Record<string, unknown>[];
} {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  const logger = createLogger({ level: 'info', destination });
  const lines = () =>
    chunks
      .join('')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { logger, lines };
}

const quiet = () => recordingLogger().logger;

/** Run the real schema steps up to `version` on an open file. */
function stepsTo(db: Database.Database, version: number): void {
  migrate(
    db,
    quiet(),
    MIGRATIONS.filter((m) => m.version <= version),
  );
}

/** Items written with the columns of schema step 1 (the first release), from real article text. */
function insertV1Items(db: Database.Database): void {
  const now = '2025-05-13T10:00:05.000Z';
  for (const [i, key] of ['old1', 'old2'].entries()) {
    const body = texts[i]?.join('\n') ?? '';
    const a = makeArticle({ key, title: `示例区教育局 通报 ${key}`, body });
    const [sh0, sh1, sh2, sh3, sh4] = simhashBands(a.simhash);
    db.prepare(
      `INSERT INTO clusters (id, first_article_id, size, level, level_rank, created_at, updated_at)
       VALUES (?, ?, 1, 'red', 3, ?, ?)`,
    ).run(a.id, a.id, now, now);
    db.prepare(
      `INSERT INTO articles (id, url, source_id, source_name, source_type, title, body, published_at, fetched_at,
         author, time_ms, content_hash, simhash, sh0, sh1, sh2, sh3, sh4, title_tokens, body_tokens, assessments,
         score, level, level_rank, cluster_id, stored_at, title_grams, body_grams)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '[]', 9, 'red', 3, ?, ?, ?, ?)`,
    ).run(
      a.id,
      a.url,
      a.sourceId,
      a.sourceName,
      a.sourceType,
      a.title,
      a.body,
      a.publishedAt ?? null,
      a.fetchedAt,
      articleTimeMs(a),
      a.contentHash,
      a.simhash,
      sh0,
      sh1,
      sh2,
      sh3,
      sh4,
      a.title,
      '通报 学校 收费',
      a.id,
      now,
      searchGrams(a.title),
      searchGrams(a.body),
    );
    db.prepare('INSERT INTO article_units (article_id, round_id, unit_id) VALUES (?, ?, ?)').run(
      a.id,
      'r1',
      'edu',
    );
  }
  db.prepare(
    `INSERT INTO tips (id, round_id, unit_id, unit_name, team, cluster_id, article_id, title, url, source_name,
       published_at, level, level_rank, score, phase, parts, status, created_at, created_ms)
     VALUES ('tip-old1', 'r1', 'edu', '示例区教育局', '第一巡察组', 'art-old1', 'art-old1', '示例区教育局 通报 old1',
       'https://news.example.cn/a/old1.html', '示例新闻网', NULL, 'red', 3, 9, NULL, '[]', 'new', ?, ?)`,
  ).run(now, Date.parse(now));
  db.prepare(
    `INSERT INTO outbox (id, tip_id, channel, status, attempts, next_attempt_at, next_attempt_ms, last_error,
       sent_at, created_at, created_ms)
     VALUES ('out-old1', 'tip-old1', 'mail', 'sent', 1, ?, ?, NULL, ?, ?, ?)`,
  ).run(now, Date.parse(now), now, now, Date.parse(now));
}

/** Build a data directory whose database is at `version`, data written at the step where its table appeared. */
async function oldDataDir(
  version: number,
): Promise<{ dir: string; path: string; evidence?: EvidenceRecord }> {
  const dir = mkdtempSync(join(tmpdir(), `yuqing-upgrade-v${version}-`));
  dirs.push(dir);
  const path = join(dir, 'yuqing.db');
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  stepsTo(db, 1);
  insertV1Items(db);
  let evidence: EvidenceRecord | undefined;
  if (version >= 2) {
    stepsTo(db, 2);
    const files = createEvidenceFiles({ root: evidenceRoot(dir) });
    evidence = await files.save('art-old1', {
      body: Buffer.from(`<html><body>${texts[0]?.join('<p>') ?? ''}</body></html>`),
      contentType: 'text/html; charset=utf-8',
      status: 200,
      finalUrl: 'https://news.example.cn/a/old1.html',
      fetchedAt: '2025-05-13T10:00:00+08:00',
    });
    putEvidence(statementCache(db), evidence);
  }
  if (version >= 5) {
    stepsTo(db, 5);
    db.prepare(
      `INSERT INTO users (name, role, rounds, units, team, password_hash, disabled, must_change, created_at)
       VALUES ('zhang', 'officer', '[]', '[]', NULL, 'scrypt$x', 0, 0, '2025-05-01T00:00:00.000Z')`,
    ).run();
  }
  stepsTo(db, version);
  expect(db.pragma('user_version', { simple: true })).toBe(version);
  db.close();
  return { dir, path, ...(evidence ? { evidence } : {}) };
}

function migrationLines(lines: Record<string, unknown>[]): Record<string, unknown>[] {
  return lines.filter((l) => l.component === 'store-migrate');
}

const OLDER = MIGRATIONS.map((m) => m.version).filter((v) => v < SCHEMA_VERSION);

describe('opening a data directory of an earlier release', () => {
  it.each(OLDER)('upgrades schema %i once, keeps the data, and logs the steps that ran', async (version) => {
    const old = await oldDataDir(version);
    const first = recordingLogger();
    const store = new SqliteStore({ path: old.path, logger: first.logger });
    await store.init();
    const logged = migrationLines(first.lines());
    expect(logged).toHaveLength(1);
    expect(logged[0]?.msg).toBe(`数据库结构已从第 ${version} 版升级到第 ${SCHEMA_VERSION} 版`);
    expect(logged[0]).toMatchObject({ from: version, to: SCHEMA_VERSION });
    const ran = ((logged[0]?.steps ?? []) as { version: number }[]).map((s) => s.version);
    expect(ran).toEqual(MIGRATIONS.map((m) => m.version).filter((v) => v > version));
    expect(store.database.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);

    expect(await store.countArticles()).toBe(2);
    expect((await store.getArticle('art-old1'))?.title).toBe('示例区教育局 通报 old1');
    const hits = await store.search({ terms: ['收费'], unitId: 'edu' });
    expect(hits.hits.map((h) => h.id).sort()).toEqual(['art-old1', 'art-old2']);
    expect((await store.getTip('tip-old1'))?.status).toBe('new');
    const alerts = await store.listAlerts('sent');
    expect(alerts.map((a) => a.id)).toEqual(['out-old1']);
    if (old.evidence) {
      expect(await store.getEvidence('art-old1')).toEqual(old.evidence);
      const files = createEvidenceFiles({ root: evidenceRoot(old.dir) });
      expect((await verifyEvidence(files, old.evidence)).ok).toBe(true);
    }
    if (version >= 5) expect((await store.getUser('zhang'))?.role).toBe('officer');
    await store.close();

    const second = recordingLogger();
    const again = new SqliteStore({ path: old.path, logger: second.logger });
    await again.init();
    expect(migrationLines(second.lines())).toEqual([]);
    expect(await again.countArticles()).toBe(2);
    await again.close();
  });

  it('says "created" for a new file, and nothing when it is current', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'yuqing-upgrade-new-'));
    dirs.push(dir);
    const first = recordingLogger();
    const store = new SqliteStore({ path: join(dir, 'yuqing.db'), logger: first.logger });
    await store.init();
    await store.close();
    expect(migrationLines(first.lines()).map((l) => l.msg)).toEqual([
      `数据库结构已创建（第 ${SCHEMA_VERSION} 版）`,
    ]);
  });
});
