import { UnrecoverableError } from 'bullmq';
import { tagEvidence } from '../../evidence/tag-evidence';
import { buildReport } from '../../report/build-report';
import { defineJob, type JobContext } from '../job-context';
import { JOB_NAMES } from '../job-names';
import { finishWithReport, recordFailure, requireProfile } from './stage-outcome';
import { StagePayloadSchema, STAGE_PAYLOAD_VERSION, type StagePayload } from './stage-payload';

export const ReportPayloadSchema = StagePayloadSchema;

/**
 * Stored document + profile → evidence → report, in one job: tagging is pure and cheap (≈ 1 ms),
 * so storing the evidence, queueing a job and reading it back cost more than tagging again on a
 * retry. Stores the report under its deterministic id and queues callbacks.
 */
export async function tagAndReport(payload: StagePayload, ctx: JobContext): Promise<void> {
  const profile = requireProfile(ctx, payload.profileRef);
  const [source, document] = await Promise.all([ctx.storage.getSource(payload.resumeId), ctx.storage.getDocument(payload.resumeId)]);
  if (!source || !document) {
    throw new UnrecoverableError('Stored stage results are gone (erased or past retention); submit the file again.');
  }
  const evidence = tagEvidence(document, profile);
  await finishWithReport(ctx, payload, buildReport({ source, profile, document, evidence }));
}

export const reportJob = defineJob({
  name: JOB_NAMES.report,
  stage: 'report',
  version: STAGE_PAYLOAD_VERSION,
  payloadSchema: ReportPayloadSchema,
  handle: (payload, ctx) => tagAndReport(payload, ctx),
  onFinalFailure: (payload, ctx, error) => recordFailure(ctx, payload, error),
});
