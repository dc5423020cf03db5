// Copy an item's evidence out of the data directory, in its original (uncompressed) form.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { StoreError } from '../../core/errors.js';
import type { EvidenceRecord } from '../store.js';
import { type EvidenceFiles, writeAtomic } from './evidence-files.js';

/** One file written by an export. */
export interface ExportedFile {
  /** What it is: the raw response, the screenshot or the metadata. */
  kind: 'response' | 'screenshot' | 'meta';
  path: string;
  bytes: number;
}

/** The item the evidence belongs to, named in the exported meta.json. */
export interface EvidenceItem {
  url: string;
  title: string;
}

/** File name of the exported raw response, with an extension that opens it in the right program. */
export function responseFileName(contentType: string): string {
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (type.includes('html')) return 'response.html';
  if (type.includes('json')) return 'response.json';
  if (type.includes('xml') || type.includes('rss') || type.includes('atom')) return 'response.xml';
  if (type.startsWith('text/')) return 'response.txt';
  return 'response.bin';
}

/**
 * Write the raw response bytes, the screenshot (if any) and meta.json into `outDir` (created if needed).
 * StoreError E_STORE_IO names the file when the stored evidence cannot be read or the output not written.
 */
export async function exportEvidence(
  files: EvidenceFiles,
  record: EvidenceRecord,
  outDir: string,
  item?: EvidenceItem,
): Promise<ExportedFile[]> {
  const content = await files.read(record);
  try {
    await mkdir(outDir, { recursive: true });
  } catch (cause) {
    throw new StoreError('E_STORE_IO', `cannot create output directory ${outDir}: ${String(cause)}`, {
      cause,
    });
  }
  const written: ExportedFile[] = [];
  const write = async (kind: ExportedFile['kind'], name: string, data: Buffer) => {
    const path = join(outDir, name);
    await writeAtomic(path, data);
    written.push({ kind, path, bytes: data.length });
  };
  const responseName = responseFileName(record.contentType);
  await write('response', responseName, content.body);
  if (content.screenshot) await write('screenshot', 'screenshot.png', content.screenshot);
  const meta = {
    ...record,
    ...(item ? { url: item.url, title: item.title } : {}),
    responseFile: responseName,
    ...(content.screenshot ? { screenshotFile: 'screenshot.png' } : {}),
  };
  await write('meta', 'meta.json', Buffer.from(`${JSON.stringify(meta, null, 2)}\n`));
  return written;
}
