/**
 * Greenhouse Recruiting webhooks.
 *
 * What we rely on (developers.greenhouse.io/webhooks.html, read for this module):
 * - `Signature: sha256 <hex>`: HMAC-SHA256 of the whole raw body under the webhook's secret key
 *   (GREENHOUSE_SECRET). Greenhouse escapes Unicode before signing, so only the raw bytes verify.
 * - `Greenhouse-Event-ID`: "a unique id associated with this delivery"; our dedupe key. When it is
 *   missing we fall back to the SHA-256 of the body (a retry resends the same bytes).
 * - `action: "delete_candidate"` with `payload.person.id` → we erase that candidate's reports
 *   (idempotent, so it runs again on a replay rather than being deduplicated).
 * - Application events (`new_candidate_application`, `application_updated`, ...) carry
 *   `payload.application.candidate.attachments[]` with `{filename, url, type}`; the first
 *   attachment of type `resume` is fetched at once (its URL is signed and expires) and queued.
 * Anything else (ping, job events) answers 200 `{ignored: true}` so Greenhouse does not retry it.
 * The profile comes from `?profile=<id>` on the webhook URL, else the default profile.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../app-deps';
import { ApiError } from '../http-errors';
import { resolveProfileId } from '../profiles';
import { hmacSha256Hex, sha256Hex, signatureMatches } from '../signature';
import { parseJsonBuffer, parseWith } from '../validation';
import { headerValue, rawBody } from './raw-body';
import { obtainResume } from './resume-source';
import { externalId, submitWebhookResume } from './submit-resume';

const IdSchema = z.union([z.number().int(), z.string().min(1)]);

const EnvelopeSchema = z.object({ action: z.string(), payload: z.unknown() }).loose();

const DeleteCandidateSchema = z.object({ person: z.object({ id: IdSchema }).loose() }).loose();

const ApplicationSchema = z
  .object({
    application: z
      .object({
        candidate: z
          .object({
            id: IdSchema,
            attachments: z
              .array(z.object({ filename: z.string().optional(), url: z.string(), type: z.string() }).loose())
              .nullish(),
          })
          .loose(),
      })
      .loose(),
  })
  .loose();

const QuerySchema = z.object({ profile: z.string().optional() });

export function registerGreenhouseWebhook(scope: FastifyInstance, deps: AppDeps): void {
  scope.post('/greenhouse', { config: { public: true, needsRedis: true } }, async (request, reply) => {
    const secret = deps.config.greenhouseSecret;
    if (secret === undefined || secret === '') {
      throw new ApiError('WEBHOOK_NOT_CONFIGURED', 'The Greenhouse webhook is not configured; set GREENHOUSE_SECRET.');
    }
    const raw = rawBody(request.body);
    const header = headerValue(request.headers.signature);
    const match = header === undefined ? null : /^sha256\s+([0-9a-fA-F]+)$/.exec(header.trim());
    if (!signatureMatches(match?.[1], hmacSha256Hex(secret, raw))) {
      throw new ApiError('INVALID_SIGNATURE', 'Missing or invalid Signature header (expected "sha256 <hex HMAC of the raw body>").');
    }
    const envelope = parseWith(EnvelopeSchema, parseJsonBuffer(raw, 'Greenhouse webhook'), 'Greenhouse webhook');
    const deliveryId = headerValue(request.headers['greenhouse-event-id']) ?? `body-${sha256Hex(raw)}`;

    if (envelope.action === 'delete_candidate') {
      const payload = parseWith(DeleteCandidateSchema, envelope.payload, 'Greenhouse delete_candidate payload');
      const erased = await deps.service.eraseCandidate({ externalCandidateId: externalId('greenhouse', payload.person.id) });
      return reply.code(200).send({ action: envelope.action, deleted: erased.deleted });
    }

    const application = ApplicationSchema.safeParse(envelope.payload);
    if (!application.success) return reply.code(200).send({ ignored: true, reason: `action "${envelope.action}" is not handled` });
    const candidate = application.data.application.candidate;
    const attachment = (candidate.attachments ?? []).find((entry) => entry.type === 'resume');
    if (attachment === undefined) return reply.code(200).send({ ignored: true, reason: 'the application has no résumé attachment' });

    const query = parseWith(QuerySchema, request.query, 'query');
    const profileId = resolveProfileId(deps.service, query.profile);
    const resume = await obtainResume({ resumeUrl: attachment.url }, attachment.filename, deps.config);
    const outcome = await submitWebhookResume(deps, {
      origin: 'greenhouse',
      deliveryId,
      profileId,
      externalCandidateId: externalId('greenhouse', candidate.id),
      resume,
    });
    return reply.code(outcome.status).send(outcome.body);
  });
}
