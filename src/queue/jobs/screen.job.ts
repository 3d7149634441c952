import { setTimeout as sleep } from 'node:timers/promises';
import { UnrecoverableError } from 'bullmq';
import { FileError, toErrorInfo } from '../../errors';
import type { ExtractedDocument } from '../../extract/document.schema';
import { tagEvidence } from '../../evidence/tag-evidence';
import { buildReport } from '../../report/build-report';
import { defineJob, type JobDefinition } from '../job-context';
import { JOB_NAMES } from '../job-names';
import { finishWithReport, recordFailure, requireProfile } from './stage-outcome';
import { StagePayloadSchema, STAGE_PAYLOAD_VERSION, type StagePayload } from './stage-payload';

export const ScreenPayloadSchema = StagePayloadSchema;

/**
 * How the job turns bytes into a document. The queue's screen worker passes one that parses in
 * a worker thread under the extraction budget (workers/screen.worker.ts); `testBlockMs` (TEST
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
 * One job per file and profile: bytes → document → evidence → report, with as few Redis round
 * trips as the work allows (docs/performance.md):
 *
 *   1. report stored? + source + stored document (a second profile reuses the first extraction)
 *   2. state "running" (+ the file's bytes when there is no document yet), then parse in the thread
 *   3. report + document + state "done"/"failed" in one transaction
 *   4. the file's batches, for callbacks
 *
 * Why not extract and report as two chained jobs (as before): each BullMQ job costs ≈ 60 Redis
 * commands (add, fetch, lock, finish, events) plus storing the document and reading, parsing
 * and validating it back, which together cost more CPU than tagging and building the report.
 * What the chain gave is kept: a file that cannot be read stops with its error report after one
 * attempt, and the document is stored (with the report), so a second profile does not parse
 * again. A retry after a failure between parsing and storing parses again: that window holds
 * only pure, millisecond steps.
 */
export function createScreenJob(extract: DocumentExtractor): JobDefinition<typeof ScreenPayloadSchema> {
  return defineJob({
    name: JOB_NAMES.screen,
    stage: 'screen',
    version: STAGE_PAYLOAD_VERSION,
    payloadSchema: ScreenPayloadSchema,
    async handle(payload, ctx, run) {
      const profile = requireProfile(ctx, payload.profileRef);
      const stored = await ctx.storage.readForScreening(payload.resumeId, payload.reportId);
      if (stored.hasReport) {
        run.logger.info('report already stored; nothing to do');
        return;
      }
      if (!stored.source) {
        // Erased or expired: there is nothing left to screen, and nothing may be stored again.
        throw new UnrecoverableError('The file is no longer stored (erased or past retention); submit it again.');
      }
      const running = { state: 'running', updatedAt: new Date().toISOString() } as const;
      const [, bytes] = await Promise.all([
        ctx.storage.setState(payload.resumeId, payload.reportId, running),
        stored.document ? undefined : ctx.storage.getBytes(payload.resumeId),
      ]);
      let document = stored.document;
      let extracted: ExtractedDocument | undefined;
      if (!document) {
        if (!bytes) throw new UnrecoverableError('The file is no longer stored (erased or past retention); submit it again.');
        extracted = await extractOrReport(extract, bytes, ctx.config, payload, ctx);
        document = extracted;
      }
      const evidence = tagEvidence(document, profile);
      await finishWithReport(ctx, payload, buildReport({ source: stored.source, profile, document, evidence }), extracted);
      run.logger.debug({ profile: profile.id }, 'report stored');
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
 * The registry's `resume.screen` (parses inline). The screen worker runs
 * `createScreenJob(<budgeted thread pool>)` instead; both share everything but the parser.
 */
export const screenJob = createScreenJob(extractInline);
