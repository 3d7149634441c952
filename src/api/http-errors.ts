import type { FastifyError, FastifyReply } from 'fastify';
import { ERROR_CODES, ResumeEvidenceError, type ErrorCode } from '../errors';

/**
 * The one place where error codes become HTTP statuses. Routes throw `ApiError` (or let a
 * `ResumeEvidenceError` through); the app's error handler calls `toHttpError` and nothing else
 * decides a status.
 */
export const API_ERROR_CODES = {
  UNAUTHORIZED: 'UNAUTHORIZED',
  NOT_FOUND: 'NOT_FOUND',
  REDIS_UNAVAILABLE: 'REDIS_UNAVAILABLE',
  NO_FILES: 'NO_FILES',
  TOO_MANY_FILES: 'TOO_MANY_FILES',
  UNKNOWN_PROFILE: 'UNKNOWN_PROFILE',
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  INVALID_SIGNATURE: 'INVALID_SIGNATURE',
  WEBHOOK_NOT_CONFIGURED: 'WEBHOOK_NOT_CONFIGURED',
  ATTACHMENT_URL_REFUSED: 'ATTACHMENT_URL_REFUSED',
  ATTACHMENT_TOO_LARGE: 'ATTACHMENT_TOO_LARGE',
  ATTACHMENT_FETCH_FAILED: 'ATTACHMENT_FETCH_FAILED',
  ATTACHMENT_TIMEOUT: 'ATTACHMENT_TIMEOUT',
} as const;

export type ApiErrorCode = (typeof API_ERROR_CODES)[keyof typeof API_ERROR_CODES] | ErrorCode;

const STATUS_BY_CODE: Record<ApiErrorCode, number> = {
  UNAUTHORIZED: 401,
  NOT_FOUND: 404,
  REDIS_UNAVAILABLE: 503,
  NO_FILES: 400,
  TOO_MANY_FILES: 413,
  UNKNOWN_PROFILE: 400,
  UNSUPPORTED_MEDIA_TYPE: 415,
  PAYLOAD_TOO_LARGE: 413,
  INVALID_SIGNATURE: 401,
  WEBHOOK_NOT_CONFIGURED: 404,
  ATTACHMENT_URL_REFUSED: 400,
  ATTACHMENT_TOO_LARGE: 413,
  ATTACHMENT_FETCH_FAILED: 502,
  ATTACHMENT_TIMEOUT: 502,
  // Codes of src/errors.ts: a file problem is the client's input, a profile problem too.
  UNSUPPORTED_FORMAT: 415,
  EMPTY_FILE: 400,
  FILE_TOO_LARGE: 413,
  CORRUPT_FILE: 400,
  ENCRYPTED_FILE: 400,
  NO_TEXT_LAYER: 400,
  NOT_UTF8: 400,
  TOO_COMPLEX: 400,
  EXTRACTION_TIMEOUT: 400,
  FILE_NOT_READABLE: 400,
  INVALID_PROFILE: 400,
  INVALID_INPUT: 400,
  INTERNAL: 500,
};

export const REDIS_UNAVAILABLE_MESSAGE = 'Redis is not reachable; reports cannot be queued right now. Retry later.';

/** An error a route throws on purpose: the code picks the status, the message says what to do. */
export class ApiError extends Error {
  readonly code: ApiErrorCode;
  /** Mirrors the map below for code that only looks at `statusCode` (bull-board's error handler). */
  readonly statusCode: number;
  constructor(code: ApiErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ApiError';
    this.code = code;
    this.statusCode = STATUS_BY_CODE[code];
  }
}

export function redisUnavailable(cause?: unknown): ApiError {
  return new ApiError('REDIS_UNAVAILABLE', REDIS_UNAVAILABLE_MESSAGE, { cause });
}

export function statusFor(code: ApiErrorCode): number {
  return STATUS_BY_CODE[code];
}

export interface HttpErrorBody {
  error: { code: string; message: string };
}

const REDIS_ERROR_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH', 'EPIPE', 'NR_CLOSED']);
const REDIS_ERROR_MESSAGES = [
  'Connection is closed',
  "Stream isn't writeable",
  'Reached the max retries per request limit',
  'connect ECONNREFUSED',
  'Redis is not reachable',
];

/**
 * ioredis and BullMQ report a lost connection in several shapes (error codes, a
 * MaxRetriesPerRequestError, "Connection is closed."); all of them mean "retry later", never 500.
 */
export function isRedisUnavailableError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (code === 'REDIS_UNAVAILABLE') return true;
  if (typeof code === 'string' && REDIS_ERROR_CODES.has(code)) return true;
  if (error.name === 'MaxRetriesPerRequestError') return true;
  if (REDIS_ERROR_MESSAGES.some((fragment) => error.message.includes(fragment))) return true;
  return error.cause !== undefined && error.cause !== error && isRedisUnavailableError(error.cause);
}

/** Fastify's own and @fastify/multipart's errors carry a status; map the ones clients cause. */
function fromFastifyError(error: FastifyError): { status: number; body: HttpErrorBody } | undefined {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_REQ_FILE_TOO_LARGE':
    case 'FST_PARTS_LIMIT':
    case 'FST_FIELDS_LIMIT':
      return body('PAYLOAD_TOO_LARGE', `Request too large (${error.message}); send smaller files or fewer at once.`);
    case 'FST_FILES_LIMIT':
      return body('TOO_MANY_FILES', 'Too many files in one request; split the batch.');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return body('UNSUPPORTED_MEDIA_TYPE', `Unsupported Content-Type (${error.message}).`);
    default:
      break;
  }
  if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
    const code = error.statusCode === 404 ? 'NOT_FOUND' : 'INVALID_INPUT';
    return { status: error.statusCode, body: { error: { code, message: error.message } } };
  }
  return undefined;
}

function body(code: ApiErrorCode, message: string): { status: number; body: HttpErrorBody } {
  return { status: statusFor(code), body: { error: { code, message } } };
}

/**
 * Anything thrown by a route → status and JSON body. Unknown errors become a 500 whose message
 * never echoes the error (it could quote résumé text); the caller logs the error itself.
 */
export function toHttpError(error: unknown): { status: number; body: HttpErrorBody; unexpected: boolean } {
  if (error instanceof ApiError || error instanceof ResumeEvidenceError) {
    return { ...body(error.code, error.message), unexpected: false };
  }
  if (isRedisUnavailableError(error)) return { ...body('REDIS_UNAVAILABLE', REDIS_UNAVAILABLE_MESSAGE), unexpected: false };
  if (error instanceof Error && typeof (error as Partial<FastifyError>).code === 'string') {
    const mapped = fromFastifyError(error as FastifyError);
    if (mapped) return { ...mapped, unexpected: false };
  }
  return {
    ...body(ERROR_CODES.INTERNAL, 'Unexpected server error; it has been logged. Retry, and report it if it persists.'),
    unexpected: true,
  };
}

/** Sends an error from a hook directly, so it does not depend on which scope's error handler runs. */
export function sendHttpError(reply: FastifyReply, error: unknown): FastifyReply {
  const mapped = toHttpError(error);
  return reply.code(mapped.status).send(mapped.body);
}
