import { inflateRawSync } from 'node:zlib';
import { ERROR_CODES, FileError } from '../errors';
import type { ZipEntry } from './zip-directory';

/** Parts nothing reads: we never convert images (see docx.ts), so they are never inflated. */
const NEVER_READ = /^word\/media\//;
const LOCAL_HEADER = 0x04034b50;

/**
 * Inflates every part a DOCX reader may read, counting the bytes that really come out, and stops
 * at `limit`. The declared sizes in the ZIP directory are whatever the file says: a zip bomb
 * declares 4 KB and inflates to gigabytes. Inflated buffers live outside the V8 heap, so the
 * extraction thread's heap limit would not stop them; this does, before jszip or mammoth inflate
 * anything. Each inflate is capped (`maxOutputLength`), so no part is ever fully expanded.
 */
export function checkInflatedSizes(bytes: Uint8Array, entries: readonly ZipEntry[], limit: number, tooLarge: () => FileError): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let total = 0;
  for (const entry of entries) {
    if (NEVER_READ.test(entry.name) || entry.name.endsWith('/')) continue;
    const data = entryData(bytes, view, entry);
    if (entry.method === 0) total += data.length;
    else if (entry.method === 8) {
      try {
        total += inflateRawSync(data, { maxOutputLength: Math.max(1, limit - total + 1) }).length;
      } catch (error) {
        if ((error as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge();
        throw corrupt(`its part ${JSON.stringify(entry.name.slice(0, 80))} cannot be decompressed`, error);
      }
    } else throw corrupt(`it uses an unsupported compression method (${entry.method})`);
    if (total > limit) throw tooLarge();
  }
}

function entryData(bytes: Uint8Array, view: DataView, entry: ZipEntry): Uint8Array {
  const at = entry.localHeaderOffset;
  if (at + 30 > bytes.length || view.getUint32(at, true) !== LOCAL_HEADER) throw corrupt('a part header is missing');
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  const end = start + entry.compressedSize;
  if (!Number.isFinite(end) || end > bytes.length) throw corrupt('a part is cut short (the file is probably truncated)');
  return bytes.subarray(start, end);
}

function corrupt(reason: string, cause?: unknown): FileError {
  return new FileError(
    ERROR_CODES.CORRUPT_FILE,
    `The DOCX file is damaged (${reason}); open it in Word or LibreOffice, save it again (or export it as PDF), and try again.`,
    cause === undefined ? undefined : { cause },
  );
}
