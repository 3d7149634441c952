import { ERROR_CODES, FileError, ResumeEvidenceError, type ErrorCode } from '../../errors';
import type { ExtractedDocument } from '../document.schema';
import type { ExtractOptions } from '../extract';

/** Main thread → extraction thread: one file. */
export interface ExtractRequest {
  id: number;
  /** A copy of the file's bytes, transferred (the caller's buffer is never detached). */
  bytes: ArrayBuffer;
  options: ExtractOptions;
  /**
   * TEST ONLY: block the thread synchronously this long before parsing, as a parser stuck in a
   * loop would (its event loop cannot run; only terminating the thread stops it). Never set it
   * outside tests.
   */
  testBlockMs?: number;
}

/** What crosses back for an error: the typed code and message, or only the error's class name. */
export type SerialisedError = { typed: true; fileError: boolean; code: ErrorCode; message: string } | { typed: false; name: string };

/** Extraction thread → main thread. */
export type ExtractResponse =
  | { type: 'ready' }
  | { type: 'done'; id: number; document: ExtractedDocument }
  | { type: 'failed'; id: number; error: SerialisedError };

/** Messages of a third-party error may quote the file: keep only its class name unless it is ours. */
export function serialiseError(error: unknown): SerialisedError {
  if (error instanceof ResumeEvidenceError) {
    return { typed: true, fileError: error instanceof FileError, code: error.code, message: error.message };
  }
  return { typed: false, name: error instanceof Error ? error.name : typeof error };
}

export function deserialiseError(error: SerialisedError): Error {
  if (error.typed) {
    return error.fileError ? new FileError(error.code, error.message) : new ResumeEvidenceError(error.code, error.message);
  }
  const unexpected = new Error(`Extraction failed with an unexpected ${error.name} in the extraction thread.`);
  unexpected.name = error.name === 'Error' ? 'ExtractionThreadError' : error.name;
  return unexpected;
}

export const ERROR_FOR = {
  timeout: (timeoutMs: number) =>
    new FileError(
      ERROR_CODES.EXTRACTION_TIMEOUT,
      `Reading the file took longer than ${Number((timeoutMs / 1000).toFixed(1))} s and was stopped; the file is unusually complex or built to stall parsers. Export the résumé again as a plain PDF or DOCX and retry.`,
    ),
  outOfMemory: (limitMb: number) =>
    new FileError(
      ERROR_CODES.TOO_COMPLEX,
      `Reading the file needed more than the ${limitMb} MB memory budget and was stopped; the file is unusually complex (huge pages, images or embedded objects). Export the résumé again as a plain PDF or DOCX and retry.`,
    ),
};
