/**
 * # Why chained jobs and not a FlowProducer
 *
 * A résumé goes extract → report (→ callback) as CHAINED jobs: each stage, when it succeeds,
 * stores its result in Redis and adds the next stage's job with a deterministic id
 * (`report-report-<hash>`). The report job tags the document and builds the report in one go
 * (src/queue/jobs/report.job.ts): tagging is pure and takes about a millisecond, while a separate
 * tag job cost a BullMQ job (≈ 60 Redis commands), storing the evidence and reading it back, more
 * CPU than the tagging itself (docs/performance.md).
 *
 * We chose chained jobs over a BullMQ FlowProducer because:
 *
 * - Flows run children before parents, so the chain would be written upside down (report as the
 *   root, extract as the leaf) and results would travel through `getChildrenValues`, i.e. inside
 *   job return values. We keep results in our own keys, with our TTL and our erasure.
 * - Deduplication is simpler: a chained stage's job id depends only on the report id, so a
 *   duplicate upload, a retried stage or a worker killed between "store" and "add next" simply
 *   re-adds a job BullMQ already has (a no-op) or re-runs an idempotent stage. A flow's tree is
 *   added once, atomically, and a duplicate flow with the same ids is harder to reason about.
 * - A file that can never be read stops at the extract stage with an error report; with a flow
 *   the parents would sit in `waiting-children` unless every child sets `failParentOnFailure`.
 * - Each stage retries on its own (extraction is not redone when only the report step failed).
 *
 * The cost: the chain is not created atomically. That is safe because every stage is idempotent
 * (results overwrite keys derived from the ids) and a stage adds its successor only after storing
 * its own result; if a worker dies in between, BullMQ's stalled checker re-runs the stage.
 */
import { Queue, UnrecoverableError, type DefaultJobOptions, type WorkerOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { retentionSeconds, type AppConfig } from '../config';
import { jobLogger, type Logger } from '../logger';
import type { ProfileRegistry } from '../profile/profile-registry';
import { callbackJobId, stageJobId } from './ids';
import type { Enqueuer, JobContext, JobDefinition } from './job-context';
import { JOB_NAMES, QUEUE_NAMES, STAGES, type Stage } from './job-names';
import { CallbackPayloadSchema } from './jobs/callback.job';
import { StagePayloadSchema } from './jobs/stage-payload';
import { QueueStorage } from './storage';

/** Attempts for every job type; the one place retries are decided. */
export const JOB_ATTEMPTS = 5;

/**
 * The one `defaultJobOptions` for every queue: 5 attempts, exponential backoff from
 * `retryBaseDelayMs` with 50% jitter (so a Redis or network blip does not retry everything in
 * lockstep), and bounded completed/failed sets (job data holds ids only, but unbounded sets
 * grow Redis forever).
 */
export function defaultJobOptions(config: AppConfig): DefaultJobOptions {
  return {
    attempts: JOB_ATTEMPTS,
    backoff: { type: 'exponential', delay: config.retryBaseDelayMs, jitter: 0.5 },
    removeOnComplete: { age: 24 * 60 * 60, count: 1_000 },
    removeOnFail: { age: Math.min(retentionSeconds(config), 14 * 24 * 60 * 60), count: 5_000 },
  };
}

export type PipelineQueues = Record<Stage, Queue> & { close(): Promise<void> };

export function createPipelineQueues(connection: Redis, config: AppConfig, logger: Logger): PipelineQueues {
  const options = { connection, prefix: config.keyPrefix, defaultJobOptions: defaultJobOptions(config) };
  const queues = Object.fromEntries(
    STAGES.map((stage) => {
      const queue = new Queue(QUEUE_NAMES[stage], options);
      queue.on('error', (error: Error) => logger.error({ err: { message: error.message }, queue: queue.name }, 'queue error'));
      return [stage, queue];
    }),
  ) as Record<Stage, Queue>;
  return {
    ...queues,
    close: async () => {
      await Promise.all(STAGES.map((stage) => queues[stage].close()));
    },
  };
}

/** Adds stage jobs with deterministic ids; validates payloads on the way in too. */
export function createEnqueuer(queues: Record<Stage, Queue>): Enqueuer {
  const addStage = async (stage: 'extract' | 'report', payload: unknown): Promise<void> => {
    const parsed = StagePayloadSchema.parse(payload);
    await queues[stage].add(JOB_NAMES[stage], parsed, { jobId: stageJobId(stage, parsed.reportId) });
  };
  return {
    extract: (payload) => addStage('extract', payload),
    report: (payload) => addStage('report', payload),
    callback: async (payload) => {
      const parsed = CallbackPayloadSchema.parse(payload);
      await queues.callback.add(JOB_NAMES.callback, parsed, { jobId: callbackJobId(parsed.batchId, parsed.reportId) });
    },
  };
}

export function createJobContext(input: {
  config: AppConfig;
  redis: Redis;
  queues: Record<Stage, Queue>;
  profiles: ProfileRegistry;
  logger: Logger;
}): JobContext {
  return {
    config: input.config,
    storage: new QueueStorage(input.redis, input.config.keyPrefix, retentionSeconds(input.config)),
    profiles: input.profiles,
    enqueue: createEnqueuer(input.queues),
    logger: input.logger,
  };
}

/** The slice of a BullMQ job (in-process or sandboxed) a handler run needs. */
export interface RunnableJob {
  id?: string | undefined;
  name: string;
  data: unknown;
  attemptsMade: number;
  opts: { attempts?: number | undefined };
}

/**
 * What every worker shell does with a job: check its name and payload (a malformed payload can
 * never succeed: UnrecoverableError), run the handler with a per-job logger, and on the last
 * failed attempt let the definition record the failure. Errors are always rethrown so BullMQ
 * retries or fails the job; nothing is swallowed.
 */
export async function runJob(definition: JobDefinition, job: RunnableJob, ctx: JobContext): Promise<void> {
  const logger = jobLogger(ctx.logger, job);
  if (job.name !== definition.name) {
    throw new UnrecoverableError(`Job ${job.name} was added to the ${definition.stage} queue, which only runs ${definition.name}.`);
  }
  const parsed = definition.payloadSchema.safeParse(job.data);
  if (!parsed.success) {
    // Issue paths and messages only: never the payload values.
    const where = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(payload)'}: ${issue.message}`).join('; ');
    throw new UnrecoverableError(`Invalid ${definition.name} payload (expected v${definition.version}): ${where}`);
  }
  const run = { jobId: job.id ?? '', attemptsMade: job.attemptsMade, attempts: job.opts.attempts ?? 1, logger };
  try {
    await definition.handle(parsed.data, ctx, run);
  } catch (error) {
    const isFinal = error instanceof UnrecoverableError || run.attemptsMade + 1 >= run.attempts;
    logger.warn({ err: { name: error instanceof Error ? error.name : typeof error }, final: isFinal }, 'job attempt failed');
    if (!(error instanceof UnrecoverableError) && isFinal && definition.onFinalFailure) {
      await definition.onFinalFailure(parsed.data, ctx, error);
    }
    throw error;
  }
}

/**
 * Worker options shared by every stage. Stalled jobs (a worker that died holding a job) are left
 * to BullMQ's stalled checker: after `lockDuration` without renewal the next check moves the job
 * back to wait; `maxStalledCount: 2` lets a job survive two crashed workers before it fails.
 */
export function workerOptions(config: AppConfig, connection: Redis, concurrency: number): WorkerOptions {
  return {
    connection,
    prefix: config.keyPrefix,
    concurrency,
    lockDuration: config.jobLockMs,
    stalledInterval: config.stalledIntervalMs,
    maxStalledCount: 2,
    removeOnComplete: { age: 24 * 60 * 60, count: 1_000 },
    removeOnFail: { age: Math.min(retentionSeconds(config), 14 * 24 * 60 * 60), count: 5_000 },
  };
}
