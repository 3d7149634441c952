/**
 * # One job per file, then a callback job
 *
 * A file screened against a profile is ONE BullMQ job, `resume.screen` (job id
 * `screen-<reportId>`, src/queue/jobs/screen.job.ts): extract in a budgeted thread, tag, build
 * and store the report. Callbacks are separate jobs (`resume.callback`), because they wait on
 * someone else's server and retry on their own schedule.
 *
 * History, so nobody re-splits it by accident: this was extract → tag → report as three chained
 * jobs, then extract → report. Each BullMQ job costs ≈ 60 Redis commands (add, fetch, lock,
 * finish, events stream), and each hand-over stored an intermediate result and read, parsed and
 * validated it back: together more CPU than tagging and building the report, and the reason the
 * queue cost ≈ 50 % on top of the in-process pipeline (docs/performance.md). What the chain gave
 * is kept inside the job: the document is stored with the report, so a second profile reuses
 * the extraction; a file that cannot be read gets its error report after one attempt.
 *
 * Why not a BullMQ FlowProducer for the callbacks: flows run children before parents and pass
 * results through job return values; we keep results in our own keys, with our TTL and erasure,
 * and a deterministic job id per (batch, report) already makes a duplicate callback a no-op.
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
  return {
    screen: async (payload) => {
      const parsed = StagePayloadSchema.parse(payload);
      await queues.screen.add(JOB_NAMES.screen, parsed, { jobId: stageJobId('screen', parsed.reportId) });
    },
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
