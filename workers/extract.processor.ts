/**
 * The sandboxed processor of `resume.extract` (BullMQ runs this file in a child process; see
 * workers/extract.worker.ts). pdf.js is CPU-bound: in the worker's own process a long parse would
 * block the event loop that renews job locks, and jobs would stall. Here the parent keeps
 * renewing locks while this child parses.
 *
 * The parse itself runs one level further down, in a worker thread with a heap limit and a
 * wall-clock timeout (the extraction budget): a file built to stall or exhaust a parser ends as a
 * FileError (EXTRACTION_TIMEOUT or TOO_COMPLEX) → UnrecoverableError, with an error report, after
 * ONE attempt; the child lives on. A timer in this process could not do that, since a parser stuck
 * in a synchronous loop would block the timer too.
 *
 * The child is its own process, so it builds its own context from the environment the parent
 * passed it (`workerEnvironment(config)` and `budgetEnvironment(budget)`), once, on its first job.
 */
import { UnrecoverableError, type SandboxedJob } from 'bullmq';
import { loadConfig } from '../src/config';
import { FileError } from '../src/errors';
import { budgetFromEnvironment } from '../src/extract/budget/budget-environment';
import { ExtractThreadPool } from '../src/extract/budget/extract-pool';
import { createLogger } from '../src/logger';
import { loadProfileRegistry } from '../src/profile/profile-registry';
import { defineJob, type JobContext, type JobDefinition } from '../src/queue/job-context';
import { extractJob } from '../src/queue/jobs/extract.job';
import { recordFailure, requireProfile } from '../src/queue/jobs/stage-outcome';
import { createJobContext, createPipelineQueues, runJob } from '../src/queue/pipeline-jobs';
import { createRedis } from '../src/queue/redis-connection';

let prepared: { ctx: JobContext; definition: JobDefinition } | undefined;

function prepare(): { ctx: JobContext; definition: JobDefinition } {
  if (prepared) return prepared;
  const config = loadConfig();
  const budget = budgetFromEnvironment(process.env);
  const logger = createLogger(config, { role: 'extract-sandbox' });
  const redis = createRedis(config.redisUrl, logger, 'extract-sandbox');
  const queues = createPipelineQueues(redis, config, logger);
  const profiles = loadProfileRegistry(config);
  // One job at a time runs in this child, so one thread; it is reused across jobs.
  const pool = new ExtractThreadPool({ ...budget, size: 1, idleMs: 60_000 });
  // If the parent worker dies (even by SIGKILL) the IPC channel closes: exit instead of living on
  // as an orphan holding a Redis connection. The job is recovered by the stalled checker.
  process.once('disconnect', () => process.exit(0));
  prepared = { ctx: createJobContext({ config, redis, queues, profiles, logger }), definition: budgetedExtractJob(pool) };
  return prepared;
}

/**
 * `resume.extract` with the parse under the budget: when the document is not stored yet, parse it
 * in the pool's thread and store it, then hand over to the job's own handler, which finds the
 * document and goes on as usual (state, next stage). Everything else is the job's own logic.
 */
export function budgetedExtractJob(pool: ExtractThreadPool): JobDefinition {
  return defineJob({
    ...extractJob,
    async handle(payload, ctx, run) {
      requireProfile(ctx, payload.profileRef);
      const pending =
        !(await ctx.storage.hasReport(payload.resumeId, payload.reportId)) && !(await ctx.storage.getDocument(payload.resumeId));
      const bytes = pending ? await ctx.storage.getBytes(payload.resumeId) : undefined;
      // Missing bytes (erased, expired) are the job's own case: its handler reports them.
      if (bytes) {
        await ctx.storage.setState(payload.resumeId, payload.reportId, { state: 'running', updatedAt: new Date().toISOString() });
        try {
          const document = await pool.extract(new Uint8Array(bytes), {
            maxBytes: ctx.config.maxFileBytes,
            // TEST ONLY (0 in production): hold the thread, as a stuck parser would; counts against the budget.
            ...(ctx.config.testExtractDelayMs > 0 ? { testBlockMs: ctx.config.testExtractDelayMs } : {}),
          });
          await ctx.storage.putDocument(payload.resumeId, document);
        } catch (error) {
          if (error instanceof FileError) {
            // The error report first, so the batch shows why; then stop: retrying cannot help.
            await recordFailure(ctx, payload, error);
            throw new UnrecoverableError(`${error.code}: ${error.message}`);
          }
          throw error;
        }
      }
      await extractJob.handle(payload, ctx, run);
    },
  });
}

export default async function extractProcessor(job: SandboxedJob): Promise<void> {
  const { ctx, definition } = prepare();
  await runJob(definition, job, ctx);
}
