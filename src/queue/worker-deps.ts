import { Worker, type Processor } from 'bullmq';
import type { Redis } from 'ioredis';
import type { AppConfig } from '../config';
import type { Logger } from '../logger';
import type { JobContext, JobDefinition } from './job-context';
import { QUEUE_NAMES, type JobName, type Stage } from './job-names';
import { runJob, workerOptions } from './pipeline-jobs';

/** What each worker shell in workers/ is given by `runWorkers`. */
export interface WorkerDeps {
  config: AppConfig;
  connection: Redis;
  ctx: JobContext;
  registry: ReadonlyMap<JobName, JobDefinition>;
  logger: Logger;
}

/** Logs worker-level events (never job data); a worker without an 'error' listener can crash the process. */
export function watchWorker(worker: Worker, logger: Logger): Worker {
  worker.on('error', (error: Error) => logger.error({ err: { message: error.message }, queue: worker.name }, 'worker error'));
  worker.on('failed', (job, error) =>
    logger.warn({ jobId: job?.id, jobName: job?.name, attemptsMade: job?.attemptsMade, reason: error.name }, 'job failed'),
  );
  worker.on('stalled', (jobId: string) => logger.warn({ jobId, queue: worker.name }, 'job stalled; moved back to wait'));
  return worker;
}

/** An in-process worker for one stage whose handler is cheap (tag, report, callback). */
export function startStageWorker(stage: Stage, jobName: JobName, deps: WorkerDeps, concurrency: number): Worker {
  const definition = deps.registry.get(jobName);
  if (!definition) throw new Error(`No handler for job ${jobName}.`);
  const processor: Processor = (job) => runJob(definition, job, deps.ctx);
  const worker = new Worker(QUEUE_NAMES[stage], processor, workerOptions(deps.config, deps.connection, concurrency));
  return watchWorker(worker, deps.logger);
}
