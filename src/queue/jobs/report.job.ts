import { UnrecoverableError } from 'bullmq';
import { buildReport } from '../../report/build-report';
import { defineJob } from '../job-context';
import { JOB_NAMES } from '../job-names';
import { finishWithReport, recordFailure, requireProfile } from './stage-outcome';
import { StagePayloadSchema, STAGE_PAYLOAD_VERSION } from './stage-payload';

export const ReportPayloadSchema = StagePayloadSchema;

/** Source + document + evidence → report, stored under its deterministic id; queues callbacks. */
export const reportJob = defineJob({
  name: JOB_NAMES.report,
  stage: 'report',
  version: STAGE_PAYLOAD_VERSION,
  payloadSchema: ReportPayloadSchema,
  async handle(payload, ctx) {
    const profile = requireProfile(ctx, payload.profileRef);
    const [source, document, evidence] = await Promise.all([
      ctx.storage.getSource(payload.resumeId),
      ctx.storage.getDocument(payload.resumeId),
      ctx.storage.getEvidence(payload.resumeId, payload.reportId),
    ]);
    if (!source || !document || !evidence) {
      throw new UnrecoverableError('Stored stage results are gone (erased or past retention); submit the file again.');
    }
    await finishWithReport(ctx, payload, buildReport({ source, profile, document, evidence }));
  },
  onFinalFailure: (payload, ctx, error) => recordFailure(ctx, payload, error),
});
