import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger, silentLogger } from '../../core/log.js';
import type { FetchEvidence } from '../../core/types.js';
import { createEvidenceFiles, evidenceRoot } from '../../store/evidence/evidence-files.js';
import { keepEvidence } from '../../store/evidence/keep.js';
import { SqliteStore } from '../../store/sqlite/sqlite-store.js';
import { makeArticle } from '../store/fixtures.js';

const dirs: string[] = [];
const stores: SqliteStore[] = [];

afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function setup(): Promise<{ dir: string; store: SqliteStore }> {
  const dir = mkdtempSync(join(tmpdir(), 'yuqing-keep-'));
  dirs.push(dir);
  const store = new SqliteStore({ path: join(dir, 'yuqing.db'), logger: silentLogger() });
  stores.push(store);
  await store.init();
  return { dir, store };
}

const proof: FetchEvidence = {
  body: new TextEncoder().encode('<html>原文</html>'),
  contentType: 'text/html',
  status: 200,
  finalUrl: 'http://127.0.0.1/a.html',
  fetchedAt: '2026-11-05T10:00:00+08:00',
};

describe('keepEvidence', () => {
  it('writes the files and the store record of a stored item', async () => {
    const { dir, store } = await setup();
    const article = makeArticle({ key: 'k1' });
    await store.ingest({ article, tips: [] });
    const files = createEvidenceFiles({ root: evidenceRoot(dir) });
    const record = await keepEvidence({ store, files, logger: silentLogger() }, article.id, proof);
    expect(record).toBeDefined();
    expect(await store.getEvidence(article.id)).toEqual(record);
  });

  it('logs the reason and returns nothing when the evidence cannot be written', async () => {
    const { dir, store } = await setup();
    const article = makeArticle({ key: 'k2' });
    await store.ingest({ article, tips: [] });
    // The evidence root is an ordinary file: no folder can be created under it.
    const blocked = join(dir, 'blocked');
    writeFileSync(blocked, 'x');
    const lines: string[] = [];
    const stream = new PassThrough();
    stream.on('data', (chunk: Buffer) => lines.push(chunk.toString()));
    const logger = createLogger({ level: 'error', destination: stream });
    const files = createEvidenceFiles({ root: blocked });
    expect(await keepEvidence({ store, files, logger }, article.id, proof)).toBeUndefined();
    expect(await store.getEvidence(article.id)).toBeUndefined();
    const entry = JSON.parse(lines.join('').trim().split('\n')[0] ?? '{}');
    expect(entry).toMatchObject({ msg: 'evidence not saved', articleId: article.id });
    expect(entry.reason).toContain(blocked);
  });
});
