/**
 * Lever webhooks.
 *
 * Lever signs inside the JSON body, not a header: `{ token, triggeredAt, signature, event, data }`
 * where signature = hex HMAC-SHA256(LEVER_SIGNATURE_TOKEN, token + triggeredAt). `token` is unique
 * per delivery, so it is our dedupe key.
 *
 * Lever sends ids only (`data.opportunityId`, `data.candidateId`, ...); fetching the résumé itself
 * needs Lever's API and an API key, which this service does not hold. OUR DOCUMENTED EXTENSION: a
 * relay in front of us (or a Lever integration) adds to `data` either `resumeUrl` (fetched under
 * FETCH_ALLOWLIST rules) or `resumeBase64`, plus optional `fileName` and `profileId`. Note the
 * signature covers only token + triggeredAt, so whoever adds these fields must be trusted as much as
 * the signature secret; see docs/api.md.
 *
 * Events: `applicationCreated` (and any event carrying the extension fields) → queue the résumé;
 * `candidateDeleted` → erase by every id present (opportunityId, candidateId); others → 200 ignored.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../app-deps';
import { ApiError } from '../http-errors';
import { resolveProfileId } from '../profiles';
import { hmacSha256Hex, signatureMatches } from '../signature';
import { parseJsonBuffer, parseWith } from '../validation';
import { rawBody } from './raw-body';
import { obtainResume, ResumeSourceSchema } from './resume-source';
import { externalId, submitWebhookResume } from './submit-resume';

const IdSchema = z.union([z.number().int(), z.string().min(1)]);

const SignedEnvelopeSchema = z
  .object({
    token: z.string().min(1),
    triggeredAt: z.union([z.number(), z.string().min(1)]),
    signature: z.string(),
    event: z.string(),
    data: z.record(z.string(), z.unknown()).default({}),
  })
  .loose();

const IdsSchema = z.object({ opportunityId: IdSchema.optional(), candidateId: IdSchema.optional() }).loose();

const ExtensionSchema = z
  .object({ resumeBase64: z.string().optional(), resumeUrl: z.string().optional(), fileName: z.string().optional(), profileId: z.string().optional() })
  .loose();

export function registerLeverWebhook(scope: FastifyInstance, deps: AppDeps): void {
  scope.post('/lever', { config: { public: true, needsRedis: true } }, async (request, reply) => {
    const secret = deps.config.leverSignatureToken;
    if (secret === undefined || secret === '') {
      throw new ApiError('WEBHOOK_NOT_CONFIGURED', 'The Lever webhook is not configured; set LEVER_SIGNATURE_TOKEN.');
    }
    const json = parseJsonBuffer(rawBody(request.body), 'Lever webhook');
    const signed = SignedEnvelopeSchema.safeParse(json);
    if (!signed.success || !signatureMatches(signed.data.signature, hmacSha256Hex(secret, `${signed.data.token}${String(signed.data.triggeredAt)}`))) {
      throw new ApiError('INVALID_SIGNATURE', 'Missing or invalid Lever signature (HMAC-SHA256 of token + triggeredAt under LEVER_SIGNATURE_TOKEN).');
    }
    const { event, token, data } = signed.data;
    const ids = parseWith(IdsSchema, data, 'Lever webhook data');
    const idsPresent = [ids.opportunityId, ids.candidateId].filter((id): id is string | number => id !== undefined);

    if (event === 'candidateDeleted') {
      const deleted: string[] = [];
      for (const id of idsPresent) {
        deleted.push(...(await deps.service.eraseCandidate({ externalCandidateId: externalId('lever', id) })).deleted);
      }
      return reply.code(200).send({ event, deleted });
    }

    const extension = parseWith(ExtensionSchema, data, 'Lever webhook data');
    const hasResume = extension.resumeBase64 !== undefined || extension.resumeUrl !== undefined;
    if (!hasResume) {
      return reply.code(200).send({ ignored: true, reason: `event "${event}" carries no resumeUrl/resumeBase64 (see docs/api.md)` });
    }
    const candidateKey = idsPresent[0];
    if (candidateKey === undefined) throw new ApiError('INVALID_INPUT', 'Invalid Lever webhook data: opportunityId or candidateId is required.');
    const source = parseWith(ResumeSourceSchema, extension, 'Lever webhook data');
    const profileId = resolveProfileId(deps.service, extension.profileId);
    const resume = await obtainResume(source, extension.fileName, deps.config);
    const outcome = await submitWebhookResume(deps, {
      origin: 'lever',
      deliveryId: token,
      profileId,
      externalCandidateId: externalId('lever', candidateKey),
      resume,
    });
    return reply.code(outcome.status).send(outcome.body);
  });
}
