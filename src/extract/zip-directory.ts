import { ERROR_CODES, FileError } from '../errors';

/** One entry of a ZIP file's central directory, as the file declares it. */
export interface ZipEntry {
  name: string;
  /** Declared uncompressed size in bytes (what a zip bomb lies about or inflates to). */
  uncompressedSize: number;
  /** Declared compressed size in bytes. */
  compressedSize: number;
  /** 0 = stored, 8 = deflate; anything else no DOCX writer uses. */
  method: number;
  /** Where the entry's local header starts. */
  localHeaderOffset: number;
}

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const ZIP64_MARKER = 0xffffffff;

/**
 * Reads the central directory synchronously, without inflating anything. We parse it ourselves
 * (rather than through jszip's private `_data`) so format detection stays synchronous and the
 * zip-bomb check runs before any decompression. ZIP64 sizes are reported as Infinity: no résumé
 * needs a 4 GB part, so callers reject them as too complex.
 */
export function readZipDirectory(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const endOffset = findEndOfDirectory(view);
  if (endOffset < 0) throw corrupt('its ZIP directory is missing (the file is probably truncated)');
  const entryCount = view.getUint16(endOffset + 10, true);
  const directoryOffset = view.getUint32(endOffset + 16, true);
  const entries: ZipEntry[] = [];
  const decoder = new TextDecoder('utf-8');
  let offset = directoryOffset;
  for (let index = 0; index < entryCount; index++) {
    if (offset + 46 > bytes.length || view.getUint32(offset, true) !== DIRECTORY_ENTRY) {
      throw corrupt('its ZIP directory is damaged');
    }
    const method = view.getUint16(offset + 10, true);
    const compressed = view.getUint32(offset + 20, true);
    const uncompressed = view.getUint32(offset + 24, true);
    const localHeaderOffset = view.getUint32(offset + 42, true);
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    if (offset + 46 + nameLength > bytes.length) throw corrupt('its ZIP directory is damaged');
    const name = decoder.decode(bytes.subarray(offset + 46, offset + 46 + nameLength));
    entries.push({
      name,
      uncompressedSize: uncompressed === ZIP64_MARKER ? Infinity : uncompressed,
      compressedSize: compressed === ZIP64_MARKER ? Infinity : compressed,
      method,
      localHeaderOffset,
    });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

function findEndOfDirectory(view: DataView): number {
  // The record is 22 bytes plus a comment of at most 65535 bytes, at the very end of the file.
  const last = view.byteLength - 22;
  const first = Math.max(0, last - 0xffff);
  for (let offset = last; offset >= first; offset--) {
    if (view.getUint32(offset, true) === END_OF_DIRECTORY) return offset;
  }
  return -1;
}

function corrupt(reason: string): FileError {
  return new FileError(
    ERROR_CODES.CORRUPT_FILE,
    `The file looks like a DOCX (ZIP) file but ${reason}; open it in Word or LibreOffice, save it again as DOCX or PDF, and retry.`,
  );
}
