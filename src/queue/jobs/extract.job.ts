import { setTimeout as sleep } from 'node:timers/promises';
import { UnrecoverableError } from 'bullmq';
import { FileError, toErrorInfo } from '../../errors';
import { extractDocument } from '../../extract/extract';
import { defineJob } from '../job-context';
import { JOB_NAMES } from '../job-names';
import { recordFailure, requireProfile } from './stage-outcome';
import { StagePayloadSchema, STAGE_PAYLOAD_VERSION } from './stage-payload';

export const ExtractPayloadSchema = StagePayloadSchema;

/**
 * Bytes → extracted document. Runs in a BullMQ sandboxed child process (workers/extract.worker.ts)
 * so that pdf.js, which is CPU-bound, cannot starve the parent's lock renewal.
 */
export const extractJob = defineJob({
  name: JOB_NAMES.extract,
  stage: 'extract',
  version: STAGE_PAYLOAD_VERSION,
  payloadSchema: ExtractPayloadSchema,
  async handle(payload, ctx, run) {
    const profile = requireProfile(ctx, payload.profileRef);
    if (await ctx.storage.hasReport(payload.resumeId, payload.reportId)) {
      run.logger.info('report already stored; nothing to do');
      return;
    }
    await ctx.storage.setState(payload.resumeId, payload.reportId, { state: 'running', updatedAt: new Date().toISOString() });
    // The document does not depend on the profile: a second profile reuses the first extraction.
    if (!(await ctx.storage.getDocument(payload.resumeId))) {
      const bytes = await ctx.storage.getBytes(payload.resumeId);
      if (!bytes) {
        // Erased or expired: there is nothing left to screen, and nothing may be stored again.
        throw new UnrecoverableError('The file is no longer stored (erased or past retention); submit it again.');
      }
      if (ctx.config.testExtractDelayMs > 0) await sleep(ctx.config.testExtractDelayMs);
      let document;
      try {
        document = await extractDocument(new Uint8Array(bytes), { maxBytes: ctx.config.maxFileBytes });
      } catch (error) {
        if (error instanceof FileError) {
          // Store the error report first so the batch shows why, then stop: retrying cannot help.
          await recordFailure(ctx, payload, error);
          throw new UnrecoverableError(`${error.code}: ${toErrorInfo(error).message}`);
        }
        throw error;
      }
      await ctx.storage.putDocument(payload.resumeId, document);
    }
    run.logger.debug({ profile: profile.id }, 'document stored');
    await ctx.enqueue.tag(payload);
  },
  onFinalFailure: (payload, ctx, error) => recordFailure(ctx, payload, error),
});
