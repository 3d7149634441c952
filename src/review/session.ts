import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { REVIEWER_ID_PATTERN } from './decision.schema';

/**
 * Browser sessions of the reviewer workspace, stateless: the cookie holds the reviewer id, a random
 * session id and an expiry, signed with HMAC-SHA256 under a key derived from API_TOKEN (so every
 * API instance accepts it and rotating API_TOKEN ends every session). The cookie is HttpOnly,
 * SameSite=Strict and Path=/review; POST forms also carry a CSRF token derived from the session id.
 */
export const SESSION_COOKIE = 're_review_session';
export const SESSION_TTL_SECONDS = 8 * 60 * 60;

const SessionSchema = z.object({ sid: z.string().min(16), rid: z.string().regex(REVIEWER_ID_PATTERN), exp: z.number().int() });
export type Session = z.infer<typeof SessionSchema>;

export function sessionKey(apiToken: string): Buffer {
  return createHmac('sha256', apiToken).update('resume-evidence review session v1').digest();
}

function sign(key: Buffer, payload: string): string {
  return createHmac('sha256', key).update(payload).digest('base64url');
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export function newSession(reviewerId: string, nowSeconds: number): Session {
  return { sid: randomBytes(18).toString('base64url'), rid: reviewerId, exp: nowSeconds + SESSION_TTL_SECONDS };
}

export function encodeSession(key: Buffer, session: Session): string {
  const payload = Buffer.from(JSON.stringify(session)).toString('base64url');
  return `${payload}.${sign(key, payload)}`;
}

/** The session in a cookie value, or null when it is missing, forged or expired. */
export function decodeSession(key: Buffer, value: string | undefined, nowSeconds: number): Session | null {
  if (value === undefined) return null;
  const [payload, signature, extra] = value.split('.');
  if (payload === undefined || signature === undefined || extra !== undefined) return null;
  if (!safeEqual(signature, sign(key, payload))) return null;
  try {
    const parsed = SessionSchema.safeParse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
    if (!parsed.success || parsed.data.exp <= nowSeconds) return null;
    return parsed.data;
  } catch {
    return null;
  }
}

export function csrfToken(key: Buffer, session: Session): string {
  return sign(key, `csrf:${session.sid}`);
}

export function checkCsrf(key: Buffer, session: Session, submitted: string | undefined): boolean {
  return submitted !== undefined && safeEqual(submitted, csrfToken(key, session));
}

/** Cookie header → name/value map (first occurrence wins). */
export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const index = part.indexOf('=');
    if (index <= 0) continue;
    const name = part.slice(0, index).trim();
    if (!cookies.has(name)) cookies.set(name, part.slice(index + 1).trim());
  }
  return cookies;
}

export function sessionCookie(value: string, secure: boolean): string {
  return `${SESSION_COOKIE}=${value}; Path=/review; HttpOnly; SameSite=Strict; Max-Age=${SESSION_TTL_SECONDS}${secure ? '; Secure' : ''}`;
}

export function clearedSessionCookie(secure: boolean): string {
  return `${SESSION_COOKIE}=; Path=/review; HttpOnly; SameSite=Strict; Max-Age=0${secure ? '; Secure' : ''}`;
}

/**
 * Who may log in. With REVIEWER_TOKENS ("alice:tok1,bob:tok2") each reviewer has their own token
 * and the id is authenticated; without it, the shared API_TOKEN opens a session under any reviewer
 * id the person types (identity is then declared, not proven). Returns the reviewer id or null.
 */
export function authenticateReviewer(
  reviewerTokens: Readonly<Record<string, string>>,
  apiToken: string,
  reviewerId: string,
  token: string,
): string | null {
  const id = reviewerId.trim();
  if (!REVIEWER_ID_PATTERN.test(id)) return null;
  if (Object.keys(reviewerTokens).length > 0) {
    const expected = Object.hasOwn(reviewerTokens, id) ? reviewerTokens[id] : undefined;
    return expected !== undefined && safeEqual(token, expected) ? id : null;
  }
  return safeEqual(token, apiToken) ? id : null;
}
