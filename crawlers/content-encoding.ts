import { brotliDecompressSync, constants, gunzipSync, inflateRawSync, inflateSync } from 'node:zlib';
import { FetchError } from '../core/errors.js';

/**
 * Undoes a Content-Encoding strictly: a truncated or corrupt gzip/deflate/br body is an error (E_FETCH_PARSE),
 * not silently cut text, and the decoded size is capped (E_FETCH_TOO_LARGE) so a small bomb cannot blow up.
 */
export function decodeContent(bytes: Buffer, encoding: string, url: string, maxBytes: number): Buffer {
  const codings = encoding
    .toLowerCase()
    .split(',')
    .map((c) => c.trim())
    .filter((c) => c && c !== 'identity');
  let out = bytes;
  // Codings are listed in the order they were applied; undo them last first.
  for (const coding of codings.reverse()) out = decodeOne(out, coding, url, maxBytes);
  return out;
}

function decodeOne(bytes: Buffer, coding: string, url: string, maxBytes: number): Buffer {
  const opts = { maxOutputLength: maxBytes };
  try {
    if (coding === 'gzip' || coding === 'x-gzip') return gunzipSync(bytes, opts);
    if (coding === 'br') return brotliDecompressSync(bytes, opts);
    if (coding === 'deflate') {
      // "deflate" is zlib-wrapped by the spec, raw deflate on some servers.
      try {
        return inflateSync(bytes, opts);
      } catch (err) {
        if (isTooLarge(err)) throw err;
        return inflateRawSync(bytes, { ...opts, finishFlush: constants.Z_FINISH });
      }
    }
  } catch (err) {
    if (isTooLarge(err)) {
      throw new FetchError('E_FETCH_TOO_LARGE', url, `decoded body exceeds ${maxBytes} bytes`, {
        cause: err,
      });
    }
    throw new FetchError(
      'E_FETCH_PARSE',
      url,
      `corrupt or truncated ${coding} body (${(err as Error).message})`,
      { cause: err },
    );
  }
  throw new FetchError('E_FETCH_PARSE', url, `unsupported content-encoding ${coding}`);
}

function isTooLarge(err: unknown): boolean {
  const code = (err as { code?: string }).code;
  return code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError;
}
