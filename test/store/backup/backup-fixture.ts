// A real data directory for backup tests: a SQLite store with items and their evidence files, whose bodies are
// the real crawled pages of ../shared/corpus/articles/pages and whose screenshots are real PNGs.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { silentLogger } from '../../../core/log.js';
import {
  createEvidenceFiles,
  type EvidenceFiles,
  evidenceRoot,
} from '../../../store/evidence/evidence-files.js';
import { keepEvidence } from '../../../store/evidence/keep.js';
import { SqliteStore } from '../../../store/sqlite/sqlite-store.js';
import type { EvidenceRecord } from '../../../store/store.js';
import { SHARED_DIR } from '../../helpers/shared-dir.js';
import { makeArticle } from '../fixtures.js';

const PAGES = join(SHARED_DIR, 'corpus', 'articles', 'pages');
const pages = readdirSync(PAGES)
  .filter((f) => f.endsWith('.html'))
  .sort()
  .map((f) => ({ name: f, bytes: readFileSync(join(PAGES, f)) }));

/** A PNG with the item's key written into it (a screenshot stand-in that is a real image file). */
function screenshot(key: string): Buffer {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="240" height="60"><rect width="240" height="60" fill="#fff"/><text x="8" y="36" font-size="20">${key}</text></svg>`;
  return Buffer.from(new Resvg(svg).render().asPng());
}

/** A data directory: its path, the open store, its evidence files, and the records saved. */
export interface DataDir {
  dir: string;
  storePath: string;
  store: SqliteStore;
  files: EvidenceFiles;
  records: EvidenceRecord[];
  /** Store one more item with its evidence (every third with a screenshot). */
  add(key: string): Promise<EvidenceRecord>;
}

/** Open a store in a new temp directory and store `count` items with evidence. */
export async function makeDataDir(count: number, dirs: string[]): Promise<DataDir> {
  const dir = mkdtempSync(join(tmpdir(), 'yuqing-backup-data-'));
  dirs.push(dir);
  const storePath = join(dir, 'yuqing.db');
  const store = new SqliteStore({ path: storePath, logger: silentLogger() });
  await store.init();
  const files = createEvidenceFiles({ root: evidenceRoot(dir) });
  const records: EvidenceRecord[] = [];
  let n = 0;
  const add = async (key: string) => {
    const page = pages[n++ % pages.length];
    if (!page) throw new Error(`no pages in ${PAGES}`);
    const article = makeArticle({ key, title: `${page.name} ${key}` });
    await store.ingest({ article, tips: [] });
    const record = await keepEvidence({ store, files, logger: silentLogger() }, article.id, {
      body: page.bytes,
      contentType: 'text/html; charset=utf-8',
      status: 200,
      finalUrl: article.url,
      fetchedAt: article.fetchedAt,
      ...(n % 3 === 0 ? { screenshot: screenshot(key) } : {}),
    });
    if (!record) throw new Error(`evidence of ${key} not kept`);
    records.push(record);
    return record;
  };
  for (let i = 0; i < count; i++) await add(`item${i}`);
  return { dir, storePath, store, files, records, add };
}
