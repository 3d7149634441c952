import { defineJob } from '../job-context';
import { JOB_NAMES } from '../job-names';
import { tagAndReport } from './report.job';
import { recordFailure } from './stage-outcome';
import { StagePayloadSchema, STAGE_PAYLOAD_VERSION } from './stage-payload';

export const TagPayloadSchema = StagePayloadSchema;

/**
 * Legacy `resume.tag`: the extract stage now queues `resume.report`, which tags and reports in one
 * job. This definition (and its queue and worker) stays so that tag jobs queued by an older
 * deployment during a rolling upgrade still finish: it does the same tag-and-report work.
 */
export const tagJob = defineJob({
  name: JOB_NAMES.tag,
  stage: 'tag',
  version: STAGE_PAYLOAD_VERSION,
  payloadSchema: TagPayloadSchema,
  handle: (payload, ctx) => tagAndReport(payload, ctx),
  onFinalFailure: (payload, ctx, error) => recordFailure(ctx, payload, error),
});
