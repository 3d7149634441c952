/**
 * Error classes with stable codes. The code is what reports, batch status and the API show;
 * the message says what to do about it. Codes never change meaning once released.
 */
export const ERROR_CODES = {
  UNSUPPORTED_FORMAT: 'UNSUPPORTED_FORMAT',
  EMPTY_FILE: 'EMPTY_FILE',
  FILE_TOO_LARGE: 'FILE_TOO_LARGE',
  CORRUPT_FILE: 'CORRUPT_FILE',
  ENCRYPTED_FILE: 'ENCRYPTED_FILE',
  NO_TEXT_LAYER: 'NO_TEXT_LAYER',
  NOT_UTF8: 'NOT_UTF8',
  TOO_COMPLEX: 'TOO_COMPLEX',
  EXTRACTION_TIMEOUT: 'EXTRACTION_TIMEOUT',
  FILE_NOT_READABLE: 'FILE_NOT_READABLE',
  INVALID_PROFILE: 'INVALID_PROFILE',
  INVALID_INPUT: 'INVALID_INPUT',
  INTERNAL: 'INTERNAL',
} as const;

export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES];

export class ResumeEvidenceError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ResumeEvidenceError';
    this.code = code;
  }
}

/** A file that can never be read, whatever we retry: the queue must not retry it. */
export class FileError extends ResumeEvidenceError {
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = 'FileError';
  }
}

/** A profile file that does not match the schema; the message names the field. */
export class ProfileError extends ResumeEvidenceError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(ERROR_CODES.INVALID_PROFILE, message, options);
    this.name = 'ProfileError';
  }
}

/** Turns anything thrown into `{ code, message }` for a report entry, never leaking résumé text. */
export function toErrorInfo(error: unknown): { code: ErrorCode; message: string } {
  if (error instanceof ResumeEvidenceError) return { code: error.code, message: error.message };
  return {
    code: ERROR_CODES.INTERNAL,
    message: `Unexpected error (${error instanceof Error ? error.name : typeof error}); please report it with the file's format, not its content.`,
  };
}
