// File helpers of backup and restore: streamed SHA-256, copies that hash what they write, private folders.
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** SHA-256 and size of a file's content. */
export interface FileDigest {
  sha256: string;
  bytes: number;
}

/** SHA-256 of a file, read as a stream (the database may be large). */
export async function hashFile(path: string): Promise<FileDigest> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), bytes };
}

/** Copy `from` to `to` (0600, folders 0700) and return the digest of the bytes written. */
export async function copyHashed(from: string, to: string): Promise<FileDigest> {
  await mkdir(dirname(to), { recursive: true, mode: 0o700 });
  const hash = createHash('sha256');
  let bytes = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  await pipeline(createReadStream(from), tap, createWriteStream(to, { mode: 0o600, flags: 'wx' }));
  return { sha256: hash.digest('hex'), bytes };
}

/** Whether a path exists (any kind). */
export async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/** Whether a directory exists and holds at least one entry. */
export async function nonEmptyDir(path: string): Promise<boolean> {
  return readdir(path).then(
    (names) => names.length > 0,
    () => false,
  );
}

/** Compact UTC time for folder names: 20261207T160512Z. */
export function stamp(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}

/** Error text of an unknown throw. */
export function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
