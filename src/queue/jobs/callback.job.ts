import { UnrecoverableError } from 'bullmq';
import { z } from 'zod';
import { buildCallbackSummary } from '../callback-summary';
import { signCallback, SIGNATURE_HEADER } from '../callback-signature';
import { BATCH_ID_PATTERN, REPORT_ID_PATTERN, RESUME_ID_PATTERN } from '../ids';
import { defineJob } from '../job-context';
import { JOB_NAMES } from '../job-names';

export const CALLBACK_PAYLOAD_VERSION = 1;
export const CallbackPayloadSchema = z.object({
  v: z.literal(CALLBACK_PAYLOAD_VERSION),
  batchId: z.string().regex(BATCH_ID_PATTERN),
  resumeId: z.string().regex(RESUME_ID_PATTERN),
  reportId: z.string().regex(REPORT_ID_PATTERN),
});
export type CallbackPayload = z.infer<typeof CallbackPayloadSchema>;

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return `${error.message}${cause}`;
}

/**
 * POSTs a signed summary of a stored report to the batch's callback URL. A non-2xx answer or a
 * network error is retried with the shared backoff; each attempt is recorded for batch status.
 */
export const callbackJob = defineJob({
  name: JOB_NAMES.callback,
  stage: 'callback',
  version: CALLBACK_PAYLOAD_VERSION,
  payloadSchema: CallbackPayloadSchema,
  async handle(payload, ctx, run) {
    const { storage, config } = ctx;
    const file = await storage.getBatchFile(payload.batchId, payload.reportId);
    const report = await storage.getReportOf(payload.resumeId, payload.reportId);
    const callbackUrl = file?.callbackUrl ?? (await storage.getBatch(payload.batchId))?.callbackUrl;
    if (!file || !report || !callbackUrl) {
      run.logger.info('nothing to deliver (erased or no callback URL)');
      return;
    }
    const attempts = run.attemptsMade + 1;
    if (!config.callbackSecret) {
      await storage.setCallbackState(payload.batchId, payload.reportId, {
        state: 'failed',
        attempts,
        lastError: 'CALLBACK_SECRET is not set; callbacks are only sent signed.',
      });
      throw new UnrecoverableError('CALLBACK_SECRET is not set; set it on the workers to send result callbacks.');
    }
    const body = JSON.stringify(
      buildCallbackSummary({
        report,
        reportId: payload.reportId,
        resumeId: payload.resumeId,
        batchId: payload.batchId,
        externalCandidateId: file.externalCandidateId,
        publicBaseUrl: config.publicBaseUrl,
      }),
    );
    try {
      const response = await fetch(callbackUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [SIGNATURE_HEADER]: signCallback(body, config.callbackSecret, Math.floor(Date.now() / 1000)),
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(config.fetchTimeoutMs),
      });
      await response.body?.cancel();
      if (response.status < 200 || response.status >= 300) {
        throw new Error(`callback answered HTTP ${response.status}`);
      }
    } catch (error) {
      const lastError = describe(error);
      await storage.setCallbackState(payload.batchId, payload.reportId, {
        state: attempts >= run.attempts ? 'failed' : 'pending',
        attempts,
        lastError,
      });
      run.logger.warn({ attempts, lastError }, 'callback delivery failed');
      throw error;
    }
    await storage.setCallbackState(payload.batchId, payload.reportId, { state: 'delivered', attempts });
    run.logger.info({ attempts }, 'callback delivered');
  },
});
