import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FRAME_CSP } from '../../console/routes/evidence.js';
import { createConsoleServer } from '../../console/server.js';
import { createEvidenceFiles, evidenceRoot } from '../../store/evidence/evidence-files.js';
import type { SqliteStore } from '../../store/sqlite/sqlite-store.js';
import { NEUTRAL, PLANTED, tempDir } from '../console/fixtures.js';
import { seededStore, testDeps } from '../console/seed.js';
import { signIn, type TestSession } from '../console/session.js';

// Finding 7 of issue 23: the evidence frame passed the crawled Content-Type through (charset=utf-7), /api/health
// told anyone the article count, and the database was created 0644.

let app: FastifyInstance;
let store: SqliteStore;
let officer: TestSession;
let dir: string;
let cleanup: () => Promise<void>;

// A UTF-7 page: read as UTF-7 this is a <script>; it must reach the browser only as harmless UTF-8 text.
const UTF7_PAGE = '<html><body><p>原帖</p>+ADw-script+AD4-parent.x=1+ADw-/script+AD4-</body></html>';
const GBK_PAGE = '<html><head><meta charset="gbk"></head><body><p>某局违规收费</p></body></html>';

beforeAll(async () => {
  const tmp = tempDir();
  dir = tmp.dir;
  store = await seededStore(tmp.dir);
  const deps = testDeps(tmp.dir, store);
  const files = createEvidenceFiles({ root: evidenceRoot(deps.config.settings.dataDir) });
  const save = async (id: string, body: Uint8Array, contentType: string) =>
    store.putEvidence(
      await files.save(id, {
        body,
        contentType,
        status: 200,
        finalUrl: PLANTED.url,
        fetchedAt: PLANTED.fetchedAt,
      }),
    );
  await save(PLANTED.id, iconv.encode(UTF7_PAGE, 'utf-7'), 'text/html; charset=utf-7');
  await save(NEUTRAL.id, iconv.encode(GBK_PAGE, 'gbk'), 'text/html; charset=GBK');
  app = createConsoleServer(deps);
  await app.ready();
  officer = await signIn(app, store, deps.config, { name: 'officer', role: 'officer' });
  cleanup = async () => {
    await app.close();
    await store.close();
    tmp.remove();
  };
});

afterAll(async () => cleanup());

describe('evidence frame', () => {
  it('is always text/html; charset=utf-8 with the sandbox CSP, whatever charset the page was crawled in', async () => {
    for (const [id, expected] of [
      [PLANTED.id, '原帖'],
      [NEUTRAL.id, '某局违规收费'],
    ] as const) {
      const res = await officer.inject({ method: 'GET', url: `/api/articles/${id}/evidence/frame` });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['content-security-policy']).toBe(FRAME_CSP);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      // Re-encoded: the UTF-8 bytes carry the page's text, not the crawled charset's bytes.
      expect(res.rawPayload.toString('utf8')).toContain(expected);
    }
    // The raw response stays byte for byte what was crawled (its SHA-256 is the evidence).
    const raw = await officer.inject({ method: 'GET', url: `/api/articles/${NEUTRAL.id}/evidence/response` });
    expect(raw.rawPayload.equals(iconv.encode(GBK_PAGE, 'gbk'))).toBe(true);
  });
});

describe('/api/health', () => {
  it('says only {"ok":true} without a session, and the article count to a signed-in one', async () => {
    const anonymous = await app.inject({ method: 'GET', url: '/api/health' });
    expect(anonymous.statusCode).toBe(200);
    expect(anonymous.body).toBe('{"ok":true}');
    const signedIn = await officer.getJson<{ ok: boolean; articles: number }>('/api/health');
    expect(signedIn).toEqual({ ok: true, articles: 5 });
    const forged = await app.inject({
      method: 'GET',
      url: '/api/health',
      headers: { cookie: 'yq_session=not-a-session' },
    });
    expect(forged.body).toBe('{"ok":true}');
  });
});

describe('file modes', () => {
  it('creates the database 0600 and evidence folders 0700, files 0600', async () => {
    const mode = (path: string) => statSync(path).mode & 0o777;
    expect(mode(join(dir, 'yuqing.db'))).toBe(0o600);
    const record = await store.getEvidence(PLANTED.id);
    if (!record) throw new Error('no evidence record');
    const files = createEvidenceFiles({ root: evidenceRoot(testDeps(dir, store).config.settings.dataDir) });
    const response = files.pathOf(record, 'response');
    expect(mode(response)).toBe(0o600);
    expect(mode(join(response, '..'))).toBe(0o700);
    expect(mode(files.pathOf(record, 'meta'))).toBe(0o600);
  });
});
