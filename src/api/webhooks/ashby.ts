/**
 * Ashby webhooks.
 *
 * What we rely on (developers.ashbyhq.com/docs/authenticating-webhooks): `Ashby-Signature:
 * sha256=<hex>`, the HMAC-SHA256 of the raw JSON body under the webhook's secret token
 * (ASHBY_SECRET). Payloads look like `{ action, data }`; `applicationSubmit` carries
 * `data.application.candidate.id`. Ashby documents no delivery-id header, so a delivery is
 * deduplicated on the SHA-256 of its body (a retry resends the same bytes).
 *
 * Ashby's payload references the résumé by a file handle that needs Ashby's API (and a key we do
 * not hold). OUR DOCUMENTED EXTENSION, as for Lever: `data.resumeUrl` or `data.resumeBase64`, with
 * optional `data.fileName` and `data.profileId`. Unlike Lever, these fields are covered by the
 * signature. Events without them (including `ping`) answer 200 `{ignored: true}`.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../app-deps';
import { ApiError } from '../http-errors';
import { resolveProfileId } from '../profiles';
import { hmacSha256Hex, sha256Hex, signatureMatches } from '../signature';
import { parseJsonBuffer, parseWith } from '../validation';
import { headerValue, rawBody } from './raw-body';
import { obtainResume, ResumeSourceSchema } from './resume-source';
import { externalId, submitWebhookResume } from './submit-resume';

const IdSchema = z.union([z.number().int(), z.string().min(1)]);

const EnvelopeSchema = z
  .object({
    action: z.string(),
    data: z
      .object({
        application: z.object({ id: IdSchema.optional(), candidate: z.object({ id: IdSchema }).loose().optional() }).loose().optional(),
        resumeBase64: z.string().optional(),
        resumeUrl: z.string().optional(),
        fileName: z.string().optional(),
        profileId: z.string().optional(),
      })
      .loose()
      .default({}),
  })
  .loose();

export function registerAshbyWebhook(scope: FastifyInstance, deps: AppDeps): void {
  scope.post('/ashby', { config: { public: true, needsRedis: true } }, async (request, reply) => {
    const secret = deps.config.ashbySecret;
    if (secret === undefined || secret === '') {
      throw new ApiError('WEBHOOK_NOT_CONFIGURED', 'The Ashby webhook is not configured; set ASHBY_SECRET.');
    }
    const raw = rawBody(request.body);
    const header = headerValue(request.headers['ashby-signature']);
    const match = header === undefined ? null : /^sha256=([0-9a-fA-F]+)$/.exec(header.trim());
    if (!signatureMatches(match?.[1], hmacSha256Hex(secret, raw))) {
      throw new ApiError('INVALID_SIGNATURE', 'Missing or invalid Ashby-Signature header (expected "sha256=<hex HMAC of the raw body>").');
    }
    const envelope = parseWith(EnvelopeSchema, parseJsonBuffer(raw, 'Ashby webhook'), 'Ashby webhook');
    const { data } = envelope;
    if (data.resumeBase64 === undefined && data.resumeUrl === undefined) {
      return reply.code(200).send({ ignored: true, reason: `action "${envelope.action}" carries no resumeUrl/resumeBase64 (see docs/api.md)` });
    }
    const candidateId = data.application?.candidate?.id ?? data.application?.id;
    if (candidateId === undefined) {
      throw new ApiError('INVALID_INPUT', 'Invalid Ashby webhook: data.application.candidate.id is required.');
    }
    const source = parseWith(ResumeSourceSchema, data, 'Ashby webhook data');
    const profileId = resolveProfileId(deps.service, data.profileId);
    const resume = await obtainResume(source, data.fileName, deps.config);
    const outcome = await submitWebhookResume(deps, {
      origin: 'ashby',
      deliveryId: `body-${sha256Hex(raw)}`,
      profileId,
      externalCandidateId: externalId('ashby', candidateId),
      resume,
    });
    return reply.code(outcome.status).send(outcome.body);
  });
}
