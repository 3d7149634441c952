/**
 * Generic webhook: our own scheme, for any system that can compute an HMAC.
 *
 *   POST /webhooks/generic
 *   Content-Type: application/json
 *   X-Resume-Evidence-Delivery: <unique id per delivery; a retry reuses it>
 *   X-Resume-Evidence-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">
 *
 * The key is GENERIC_WEBHOOK_SECRET. The signed string is the decimal timestamp, a dot, then the
 * body bytes exactly as sent. A timestamp more than WEBHOOK_TOLERANCE_SECONDS away from our clock is
 * refused (401 "timestamp outside tolerance"), which bounds replays; within the window a repeated
 * delivery id answers 200 `{deduplicated: true}` and queues nothing.
 *
 * Body (JSON): `{ candidateId, profileId?, fileName, resumeBase64?, resumeUrl?, callbackUrl? }`,
 * exactly one of resumeBase64 / resumeUrl. `candidateId` is your id for the person; erase with
 * DELETE /v1/candidates/<resumeId> (ids returned here) when they ask.
 *
 * With openssl:
 *   t=$(date +%s)
 *   sig=$(printf '%s.%s' "$t" "$(cat body.json)" | openssl dgst -sha256 -hmac "$GENERIC_WEBHOOK_SECRET" -hex | sed 's/^.* //')
 *   curl -H "X-Resume-Evidence-Signature: t=$t,v1=$sig" -H "X-Resume-Evidence-Delivery: $(uuidgen)" \
 *        -H 'Content-Type: application/json' --data-binary @body.json https://host/webhooks/generic
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../app-deps';
import { validateCallbackUrl } from '../callback-url';
import { ApiError } from '../http-errors';
import { resolveProfileId } from '../profiles';
import { hmacSha256Hex, signatureMatches } from '../signature';
import { parseJsonBuffer, parseWith } from '../validation';
import { headerValue, rawBody } from './raw-body';
import { obtainResume, ResumeSourceSchema } from './resume-source';
import { externalId, submitWebhookResume } from './submit-resume';

export const GenericWebhookBodySchema = z
  .object({
    candidateId: z.string().trim().min(1).max(200),
    profileId: z.string().optional(),
    fileName: z.string().trim().min(1).max(255),
    resumeBase64: z.string().min(1).optional(),
    resumeUrl: z.string().min(1).optional(),
    callbackUrl: z.string().optional(),
  })
  .strict();

/** Parses `t=<seconds>,v1=<hex>`; several v1 entries are allowed (secret rotation). */
export function parseGenericSignature(header: string | undefined): { timestamp: number; signatures: string[] } | undefined {
  if (header === undefined) return undefined;
  let timestamp: number | undefined;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const [key, value] = part.trim().split('=', 2);
    if (key === 't' && value !== undefined && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    if (key === 'v1' && value !== undefined) signatures.push(value);
  }
  return timestamp === undefined || signatures.length === 0 ? undefined : { timestamp, signatures };
}

export function registerGenericWebhook(scope: FastifyInstance, deps: AppDeps, now: () => number = Date.now): void {
  scope.post('/generic', { config: { public: true, needsRedis: true } }, async (request, reply) => {
    const secret = deps.config.genericWebhookSecret;
    if (secret === undefined || secret === '') {
      throw new ApiError('WEBHOOK_NOT_CONFIGURED', 'The generic webhook is not configured; set GENERIC_WEBHOOK_SECRET.');
    }
    const raw = rawBody(request.body);
    const parsed = parseGenericSignature(headerValue(request.headers['x-resume-evidence-signature']));
    if (parsed === undefined) {
      throw new ApiError('INVALID_SIGNATURE', 'Missing or malformed X-Resume-Evidence-Signature header (expected "t=<unix seconds>,v1=<hex>").');
    }
    const skewSeconds = Math.abs(now() / 1000 - parsed.timestamp);
    if (skewSeconds > deps.config.webhookToleranceSeconds) {
      throw new ApiError('INVALID_SIGNATURE', `Signature timestamp outside tolerance (${deps.config.webhookToleranceSeconds}s); sign with the current time.`);
    }
    const expected = hmacSha256Hex(secret, Buffer.concat([Buffer.from(`${parsed.timestamp}.`, 'utf8'), raw]));
    if (!parsed.signatures.some((signature) => signatureMatches(signature, expected))) {
      throw new ApiError('INVALID_SIGNATURE', 'Invalid X-Resume-Evidence-Signature: v1 must be the hex HMAC-SHA256 of "<t>.<raw body>".');
    }
    const deliveryId = headerValue(request.headers['x-resume-evidence-delivery'])?.trim();
    if (deliveryId === undefined || deliveryId === '' || deliveryId.length > 200) {
      throw new ApiError('INVALID_INPUT', 'X-Resume-Evidence-Delivery header is required (a unique id per delivery, at most 200 characters).');
    }
    const body = parseWith(GenericWebhookBodySchema, parseJsonBuffer(raw, 'generic webhook body'), 'generic webhook body');
    const source = parseWith(ResumeSourceSchema, body, 'generic webhook body');
    const profileId = resolveProfileId(deps.service, body.profileId);
    const callbackUrl = validateCallbackUrl(body.callbackUrl, deps.config);
    const resume = await obtainResume(source, body.fileName, deps.config);
    const outcome = await submitWebhookResume(deps, {
      origin: 'generic',
      deliveryId,
      profileId,
      externalCandidateId: externalId('generic', body.candidateId),
      resume,
      ...(callbackUrl === undefined ? {} : { callbackUrl }),
    });
    return reply.code(outcome.status).send(outcome.body);
  });
}
