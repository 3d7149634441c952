import { setTimeout as sleep } from 'node:timers/promises';
import { UnrecoverableError } from 'bullmq';
import { FileError, toErrorInfo } from '../../errors';
import type { ExtractedDocument } from '../../extract/document.schema';
import { defineJob, type JobDefinition } from '../job-context';
import { JOB_NAMES } from '../job-names';
import { recordFailure, requireProfile } from './stage-outcome';
import { StagePayloadSchema, STAGE_PAYLOAD_VERSION, type StagePayload } from './stage-payload';

export const ExtractPayloadSchema = StagePayloadSchema;

/**
 * How the job turns bytes into a document. The queue's extract worker passes one that parses in
 * a worker thread under the extraction budget (workers/extract.worker.ts); `testBlockMs` (TEST
 * ONLY, 0 in production) stands in for a parser stuck in a loop and counts against that budget.
 */
export type DocumentExtractor = (bytes: Uint8Array, options: { maxBytes: number; testBlockMs?: number }) => Promise<ExtractedDocument>;

/**
 * Parses on the calling thread, with no budget: for tests and tools, never the queue worker. The
 * parsers are loaded on first use, so a worker process (which parses in its threads) does not
 * hold a second copy of pdf.js and mammoth on its main thread.
 */
export const extractInline: DocumentExtractor = async (bytes, { testBlockMs, ...options }) => {
  if (testBlockMs !== undefined && testBlockMs > 0) await sleep(testBlockMs);
  const { extractDocument } = await import('../../extract/extract');
  return extractDocument(bytes, options);
};

/**
 * Bytes → extracted document, in ONE pass over Redis: report stored? document stored (a second
 * profile reuses the first extraction)? else bytes → `extract` → document; then the report job
 * (tag + report). The document is not read back after it is stored: the report job reads it.
 */
export function createExtractJob(extract: DocumentExtractor): JobDefinition<typeof ExtractPayloadSchema> {
  return defineJob({
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
      if (!(await ctx.storage.hasDocument(payload.resumeId))) {
        const bytes = await ctx.storage.getBytes(payload.resumeId);
        if (!bytes) {
          // Erased or expired: there is nothing left to screen, and nothing may be stored again.
          throw new UnrecoverableError('The file is no longer stored (erased or past retention); submit it again.');
        }
        await ctx.storage.putDocument(payload.resumeId, await extractOrReport(extract, bytes, ctx.config, payload, ctx));
      }
      run.logger.debug({ profile: profile.id }, 'document stored');
      // Tagging and the report are one job (see report.job.ts).
      await ctx.enqueue.report(payload);
    },
    onFinalFailure: (payload, ctx, error) => recordFailure(ctx, payload, error),
  });
}

async function extractOrReport(
  extract: DocumentExtractor,
  bytes: Buffer,
  config: { maxFileBytes: number; testExtractDelayMs: number },
  payload: StagePayload,
  ctx: Parameters<typeof recordFailure>[0],
): Promise<ExtractedDocument> {
  try {
    return await extract(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
      maxBytes: config.maxFileBytes,
      ...(config.testExtractDelayMs > 0 ? { testBlockMs: config.testExtractDelayMs } : {}),
    });
  } catch (error) {
    if (error instanceof FileError) {
      // Store the error report first so the batch shows why, then stop: retrying cannot help.
      await recordFailure(ctx, payload, error);
      throw new UnrecoverableError(`${error.code}: ${toErrorInfo(error).message}`);
    }
    throw error;
  }
}

/**
 * The registry's `resume.extract` (parses inline). The extract worker runs
 * `createExtractJob(<budgeted thread pool>)` instead; both share everything but the parser.
 */
export const extractJob = createExtractJob(extractInline);
