import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { ERROR_CODES } from '../errors';
import type { SourceInfo } from '../report/build-report';

export type InputFile =
  | { ok: true; fileName: string; bytes: Uint8Array }
  | { ok: false; source: SourceInfo; error: { code: string; message: string } };

async function hashFile(filePath: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(filePath)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Reads one input file, refusing files over the size limit before loading them into memory
 * (their hash is streamed so the error report still identifies the file).
 */
export async function readInputFile(filePath: string, maxBytes: number): Promise<InputFile> {
  const fileName = path.basename(filePath);
  try {
    const info = await stat(filePath);
    if (info.size > maxBytes) {
      return {
        ok: false,
        source: { fileName, sha256: await hashFile(filePath), bytes: info.size },
        error: {
          code: ERROR_CODES.FILE_TOO_LARGE,
          message: `The file is ${info.size} bytes; the limit is ${maxBytes} bytes. Export a smaller PDF or DOCX, or raise --max-bytes.`,
        },
      };
    }
    return { ok: true, fileName, bytes: new Uint8Array(await readFile(filePath)) };
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'unknown reason';
    return {
      ok: false,
      source: { fileName, sha256: createHash('sha256').update(filePath).digest('hex'), bytes: 0 },
      error: {
        code: ERROR_CODES.FILE_NOT_READABLE,
        message: `The file could not be opened (${reason}); check that it exists and that you may read it.`,
      },
    };
  }
}
