import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import type { FetchEvidence } from '../../core/types.js';
import { createEvidenceFiles, evidenceFolder, evidenceRoot } from '../../store/evidence/evidence-files.js';
import { exportEvidence, responseFileName } from '../../store/evidence/export.js';
import { verifyEvidence } from '../../store/evidence/verify.js';

const dirs: string[] = [];

function tmpDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'yuqing-evidence-'));
  dirs.push(dir);
  return dir;
}

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

// GBK bytes of 「巡察」 followed by ASCII: evidence keeps bytes, never decoded text.
const BODY = Buffer.concat([
  Buffer.from('<html><meta charset="gbk"><title>'),
  Buffer.from([0xd1, 0xb2, 0xb2, 0xec]),
  Buffer.from('</title></html>'),
]);

function evidence(extra: Partial<FetchEvidence> = {}): FetchEvidence {
  return {
    body: new Uint8Array(BODY),
    contentType: 'text/html; charset=gbk',
    status: 200,
    finalUrl: 'http://127.0.0.1/news/1.html',
    fetchedAt: '2026-11-05T10:00:00+08:00',
    ...extra,
  };
}

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('evidence files', () => {
  it('saves the raw bytes gzipped with their SHA-256 and reads them back unchanged', async () => {
    const root = evidenceRoot(tmpDir());
    const files = createEvidenceFiles({ root, clock: () => new Date('2026-11-05T02:00:05Z') });
    const record = await files.save('abcdef123456', evidence());
    expect(record).toEqual({
      articleId: 'abcdef123456',
      sha256: sha(BODY),
      size: BODY.length,
      contentType: 'text/html; charset=gbk',
      status: 200,
      finalUrl: 'http://127.0.0.1/news/1.html',
      fetchedAt: '2026-11-05T10:00:00+08:00',
      path: 'ab/abcdef123456',
      savedAt: '2026-11-05T02:00:05.000Z',
    });
    const folder = join(root, 'ab', 'abcdef123456');
    // Only the final files: no temp file left behind, no screenshot for a plain fetch.
    expect(readdirSync(folder).sort()).toEqual(['meta.json', 'response.gz']);
    const content = await files.read(record);
    expect(content.body.equals(BODY)).toBe(true);
    expect(content.screenshot).toBeUndefined();
    expect(content.meta).toMatchObject({ sha256: sha(BODY), compressedSize: expect.any(Number) });
    expect(await verifyEvidence(files, record)).toEqual({
      articleId: 'abcdef123456',
      ok: true,
      expectedSha256: sha(BODY),
      actualSha256: sha(BODY),
      problems: [],
    });
  });

  it('keeps a screenshot with its own hash and exports everything in original form', async () => {
    const dir = tmpDir();
    const files = createEvidenceFiles({ root: evidenceRoot(dir) });
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    const record = await files.save('ffee01', evidence({ screenshot: new Uint8Array(png) }));
    expect(record).toMatchObject({ screenshotSha256: sha(png), screenshotSize: png.length });
    const out = join(dir, 'out');
    const written = await exportEvidence(files, record, out, { url: 'http://x/1', title: '标题' });
    expect(written.map((f) => f.kind)).toEqual(['response', 'screenshot', 'meta']);
    expect(readFileSync(join(out, 'response.html')).equals(BODY)).toBe(true);
    expect(readFileSync(join(out, 'screenshot.png')).equals(png)).toBe(true);
    const meta = JSON.parse(readFileSync(join(out, 'meta.json'), 'utf8'));
    expect(meta).toMatchObject({
      sha256: sha(BODY),
      url: 'http://x/1',
      title: '标题',
      responseFile: 'response.html',
    });
  });

  it('fails verification, naming the file, when the stored response is altered, damaged or gone', async () => {
    const files = createEvidenceFiles({ root: evidenceRoot(tmpDir()) });
    const record = await files.save('aa11', evidence());
    const gz = files.pathOf(record, 'response');

    writeFileSync(gz, gzipSync(Buffer.from('<html>改过的内容</html>')));
    const altered = await verifyEvidence(files, record);
    expect(altered.ok).toBe(false);
    expect(altered.actualSha256).not.toBe(record.sha256);
    expect(altered.problems.join('\n')).toContain('SHA-256 与入库时记录的不一致');
    expect(altered.problems.join('\n')).toContain(gz);

    writeFileSync(gz, Buffer.from('not gzip at all'));
    const damaged = await verifyEvidence(files, record);
    expect(damaged.ok).toBe(false);
    expect(damaged.problems.join('\n')).toContain('无法解压');

    rmSync(gz);
    const gone = await verifyEvidence(files, record);
    expect(gone).toMatchObject({ ok: false, problems: [`文件缺失：${gz}`] });
    await expect(files.read(record)).rejects.toMatchObject({ code: 'E_STORE_IO' });
  });

  it('catches a screenshot or meta.json changed after saving', async () => {
    const files = createEvidenceFiles({ root: evidenceRoot(tmpDir()) });
    const record = await files.save('bb22', evidence({ screenshot: new Uint8Array([1, 2, 3]) }));
    writeFileSync(files.pathOf(record, 'screenshot'), Buffer.from([1, 2, 4]));
    const meta = JSON.parse(readFileSync(files.pathOf(record, 'meta'), 'utf8'));
    writeFileSync(files.pathOf(record, 'meta'), JSON.stringify({ ...meta, sha256: 'f'.repeat(64) }));
    const check = await verifyEvidence(files, record);
    expect(check.ok).toBe(false);
    expect(check.problems).toHaveLength(2);
    expect(check.problems[0]).toContain('截图');
    expect(check.problems[1]).toContain('meta.json');
  });

  it('refuses ids that are not plain tokens, so nothing is written outside the root', async () => {
    const dir = tmpDir();
    const files = createEvidenceFiles({ root: evidenceRoot(dir) });
    for (const id of ['../escape', 'a/b', '', 'x'.repeat(201)]) {
      expect(() => evidenceFolder(id)).toThrow(/not a plain id/);
      await expect(files.save(id, evidence())).rejects.toMatchObject({ code: 'E_STORE_INPUT' });
    }
    expect(existsSync(join(dir, 'escape'))).toBe(false);
  });

  it('names the exported response after its content type', () => {
    expect(responseFileName('text/html; charset=utf-8')).toBe('response.html');
    expect(responseFileName('application/rss+xml')).toBe('response.xml');
    expect(responseFileName('application/json')).toBe('response.json');
    expect(responseFileName('text/plain')).toBe('response.txt');
    expect(responseFileName('')).toBe('response.bin');
  });
});
