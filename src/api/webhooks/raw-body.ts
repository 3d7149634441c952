import type { FastifyInstance } from 'fastify';
import { ApiError } from '../http-errors';

/**
 * Inside the webhook scope every body is kept as the exact bytes received: signatures are computed
 * over those bytes, and JSON.parse + JSON.stringify would not give them back (Greenhouse escapes
 * Unicode, key order and whitespace vary). Routes parse the JSON themselves after verifying.
 */
export function keepRawBodies(scope: FastifyInstance, bodyLimit: number): void {
  scope.removeAllContentTypeParsers();
  scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit }, (_request, body, done) => {
    done(null, body);
  });
}

export function rawBody(body: unknown): Buffer {
  if (Buffer.isBuffer(body)) return body;
  throw new ApiError('INVALID_INPUT', 'Expected a request body.');
}

export function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
