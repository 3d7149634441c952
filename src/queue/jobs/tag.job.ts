import { UnrecoverableError } from 'bullmq';
import { tagEvidence } from '../../evidence/tag-evidence';
import { defineJob } from '../job-context';
import { JOB_NAMES } from '../job-names';
import { recordFailure, requireProfile } from './stage-outcome';
import { StagePayloadSchema, STAGE_PAYLOAD_VERSION } from './stage-payload';

export const TagPayloadSchema = StagePayloadSchema;

/** Extracted document + profile → evidence. */
export const tagJob = defineJob({
  name: JOB_NAMES.tag,
  stage: 'tag',
  version: STAGE_PAYLOAD_VERSION,
  payloadSchema: TagPayloadSchema,
  async handle(payload, ctx) {
    const profile = requireProfile(ctx, payload.profileRef);
    const document = await ctx.storage.getDocument(payload.resumeId);
    if (!document) throw new UnrecoverableError('The extracted document is no longer stored (erased or past retention); submit the file again.');
    await ctx.storage.putEvidence(payload.resumeId, payload.reportId, tagEvidence(document, profile));
    await ctx.enqueue.report(payload);
  },
  onFinalFailure: (payload, ctx, error) => recordFailure(ctx, payload, error),
});
