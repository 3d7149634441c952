import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../app-deps';
import { parseWith } from '../validation';

const ParamsSchema = z.object({ resumeId: z.string().regex(/^resume-[0-9a-f]{64}$/, 'expected "resume-<sha256 hex>" as returned by POST /v1/batches') });

/**
 * Erasure on request (GDPR art. 17): deletes everything stored for one résumé and says what.
 * Idempotent: erasing twice answers 200 with nothing left to delete.
 */
export function registerCandidateRoutes(app: FastifyInstance, deps: AppDeps): void {
  app.delete('/v1/candidates/:resumeId', { config: { needsRedis: true } }, async (request) => {
    const { resumeId } = parseWith(ParamsSchema, request.params, 'path');
    const { deleted } = await deps.service.eraseCandidate({ resumeId });
    return { resumeId, deleted };
  });
}
