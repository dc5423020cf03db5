// Evidence records (取证) and HTTP validators: small tables of schema step 2.
import { StoreError } from '../../core/errors.js';
import type { EvidenceRecord, HttpValidators } from '../store.js';
import type { Prepare } from './statements.js';

/** A row of `evidence`. */
interface EvidenceRow {
  article_id: string;
  sha256: string;
  size: number;
  content_type: string;
  status: number;
  final_url: string;
  fetched_at: string;
  path: string;
  screenshot_sha256: string | null;
  screenshot_size: number | null;
  saved_at: string;
}

const PUT = `
  INSERT INTO evidence (article_id, sha256, size, content_type, status, final_url, fetched_at, path,
    screenshot_sha256, screenshot_size, saved_at)
  VALUES (@articleId, @sha256, @size, @contentType, @status, @finalUrl, @fetchedAt, @path, @screenshotSha256,
    @screenshotSize, @savedAt)
  ON CONFLICT (article_id) DO UPDATE SET sha256 = excluded.sha256, size = excluded.size,
    content_type = excluded.content_type, status = excluded.status, final_url = excluded.final_url,
    fetched_at = excluded.fetched_at, path = excluded.path, screenshot_sha256 = excluded.screenshot_sha256,
    screenshot_size = excluded.screenshot_size, saved_at = excluded.saved_at`;

/** Insert or replace the record; E_STORE_NOT_FOUND when the article is not stored, E_STORE_INPUT on a bad hash. */
export function putEvidence(prep: Prepare, record: EvidenceRecord): void {
  if (!/^[0-9a-f]{64}$/.test(record.sha256)) {
    throw new StoreError('E_STORE_INPUT', `putEvidence ${record.articleId}: sha256 is not 64 hex digits`);
  }
  const known = prep('SELECT 1 FROM articles WHERE id = ?').get(record.articleId);
  if (!known) throw new StoreError('E_STORE_NOT_FOUND', `putEvidence: no article ${record.articleId}`);
  prep(PUT).run({
    articleId: record.articleId,
    sha256: record.sha256,
    size: record.size,
    contentType: record.contentType,
    status: record.status,
    finalUrl: record.finalUrl,
    fetchedAt: record.fetchedAt,
    path: record.path,
    savedAt: record.savedAt,
    screenshotSha256: record.screenshotSha256 ?? null,
    screenshotSize: record.screenshotSize ?? null,
  });
}

/** The evidence record of an article, if any. */
export function getEvidence(prep: Prepare, articleId: string): EvidenceRecord | undefined {
  const row = prep('SELECT * FROM evidence WHERE article_id = ?').get(articleId) as EvidenceRow | undefined;
  if (!row) return undefined;
  return {
    articleId: row.article_id,
    sha256: row.sha256,
    size: row.size,
    contentType: row.content_type,
    status: row.status,
    finalUrl: row.final_url,
    fetchedAt: row.fetched_at,
    path: row.path,
    ...(row.screenshot_sha256 === null ? {} : { screenshotSha256: row.screenshot_sha256 }),
    ...(row.screenshot_size === null ? {} : { screenshotSize: row.screenshot_size }),
    savedAt: row.saved_at,
  };
}

/** ETag / Last-Modified of a URL, if any were kept. */
export function getValidators(prep: Prepare, url: string): HttpValidators | undefined {
  const row = prep('SELECT etag, last_modified FROM http_validators WHERE url = ?').get(url) as
    | { etag: string | null; last_modified: string | null }
    | undefined;
  if (!row) return undefined;
  return {
    ...(row.etag === null ? {} : { etag: row.etag }),
    ...(row.last_modified === null ? {} : { lastModified: row.last_modified }),
  };
}

/** Keep a URL's validators; with neither present the URL is forgotten. */
export function putValidators(prep: Prepare, url: string, validators: HttpValidators, now: string): void {
  const etag = validators.etag || null;
  const lastModified = validators.lastModified || null;
  if (etag === null && lastModified === null) {
    prep('DELETE FROM http_validators WHERE url = ?').run(url);
    return;
  }
  prep(
    `INSERT INTO http_validators (url, etag, last_modified, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,
       updated_at = excluded.updated_at`,
  ).run(url, etag, lastModified, now);
}
