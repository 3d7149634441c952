import { toErrorInfo } from '../../errors';
import type { ExtractedDocument } from '../../extract/document.schema';
import type { Profile } from '../../profile/profile.schema';
import { buildErrorReport } from '../../report/build-report';
import type { Report } from '../../report/report.schema';
import type { JobContext } from '../job-context';
import type { StagePayload } from './stage-payload';

/**
 * The profile a payload names. Unknown here may mean this worker runs an older deployment than
 * the producer, so it is a retryable error, not a permanent one.
 */
export function requireProfile(ctx: JobContext, profileRef: string): Profile {
  const profile = ctx.profiles.get(profileRef);
  if (!profile) {
    throw new Error(`Profile ${profileRef} is not known to this worker; deploy it to PROFILES_DIR of every worker.`);
  }
  return profile;
}

/**
 * Stores the report (ok or error; with a freshly extracted `document`, that too), marks the
 * file done/failed and queues a callback for every
 * batch that submitted this file with a callback URL, including batches that joined while the
 * job was running (they are found from the résumé's batch set, not from the payload).
 */
export async function finishWithReport(ctx: JobContext, payload: StagePayload, report: Report, document?: ExtractedDocument): Promise<void> {
  await ctx.storage.putReport(payload.resumeId, payload.reportId, report, document);
  await queueCallbacks(ctx, payload.resumeId, payload.reportId);
}

export async function queueCallbacks(ctx: JobContext, resumeId: string, reportId: string): Promise<void> {
  const batchIds = await ctx.storage.batchesOf(resumeId);
  // Most files are in one batch without a callback: one more round trip (file entry and batch,
  // read together) tells, and nothing is read per file of the batch.
  await Promise.all(
    batchIds.map(async (batchId) => {
      const [file, batch] = await Promise.all([ctx.storage.getBatchFile(batchId, reportId), ctx.storage.getBatch(batchId)]);
      const callbackUrl = file ? (file.callbackUrl ?? batch?.callbackUrl) : undefined;
      if (!callbackUrl) return;
      const state = await ctx.storage.getCallbackState(batchId, reportId);
      if (state?.state === 'delivered') return;
      await ctx.storage.setCallbackState(batchId, reportId, state ?? { state: 'pending', attempts: 0 });
      await ctx.enqueue.callback({ v: 1, batchId, resumeId, reportId });
    }),
  );
}

/**
 * Records a file that will never get an ok report: an error report when the source and profile are
 * known (so the batch shows why), otherwise just the failed state.
 */
export async function recordFailure(ctx: JobContext, payload: StagePayload, error: unknown): Promise<void> {
  const info = toErrorInfo(error);
  const profile = ctx.profiles.get(payload.profileRef);
  const source = await ctx.storage.getSource(payload.resumeId);
  if (profile && source) {
    await finishWithReport(ctx, payload, buildErrorReport({ source, profile, error: info }));
    return;
  }
  await ctx.storage.setState(payload.resumeId, payload.reportId, {
    state: 'failed',
    error: info,
    updatedAt: new Date().toISOString(),
  });
}
