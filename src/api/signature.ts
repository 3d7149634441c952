import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** Hex HMAC-SHA256 of `message` under `secret`, as every ATS we support signs. */
export function hmacSha256Hex(secret: string, message: Buffer | string): string {
  return createHmac('sha256', secret).update(message).digest('hex');
}

/**
 * Constant-time equality of two strings. Both sides are hashed first so the buffers handed to
 * timingSafeEqual always have equal length, and a length difference leaks nothing either.
 */
export function constantTimeEqual(a: string, b: string): boolean {
  const left = createHash('sha256').update(a, 'utf8').digest();
  const right = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(left, right);
}

/**
 * Compares a hex signature received in a header with the one we computed. Case-insensitive hex;
 * anything that is not 64 hex digits is simply unequal.
 */
export function signatureMatches(receivedHex: string | undefined, expectedHex: string): boolean {
  if (receivedHex === undefined || !/^[0-9a-fA-F]{64}$/.test(receivedHex)) return false;
  const received = Buffer.from(receivedHex.toLowerCase(), 'hex');
  const expected = Buffer.from(expectedHex, 'hex');
  return received.length === expected.length && timingSafeEqual(received, expected);
}

export function sha256Hex(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}
