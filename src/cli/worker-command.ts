import type { Worker } from 'bullmq';
import type { AppConfig } from '../config';
import { createLogger, type Logger } from '../logger';
import { loadProfileRegistry } from '../profile/profile-registry';
import { buildJobRegistry } from '../queue/jobs/job-registry';
import { createJobContext, createPipelineQueues } from '../queue/pipeline-jobs';
import { createRedis } from '../queue/redis-connection';
import { startCallbackWorker } from '../../workers/callback.worker';
import { startScreenWorker } from '../../workers/screen.worker';

export interface RunningWorkers {
  /** Waits for jobs in progress to finish, then closes queues and the Redis connection. */
  close(): Promise<void>;
}

/**
 * Starts every worker of this process: screen (parsing in budgeted threads; tagging and the
 * report in this process) and callback. Fails
 * before starting anything when a job type has no handler or a profile file is invalid.
 */
export async function runWorkers(config: AppConfig, deps: { logger?: Logger } = {}): Promise<RunningWorkers> {
  const logger = deps.logger ?? createLogger(config, { role: 'worker' });
  const registry = buildJobRegistry();
  const profiles = loadProfileRegistry(config);
  const connection = createRedis(config.redisUrl, logger, 'worker');
  const queues = createPipelineQueues(connection, config, logger);
  const ctx = createJobContext({ config, redis: connection, queues, profiles, logger });
  const workerDeps = { config, connection, ctx, registry, logger };
  const workers: Worker[] = [
    startScreenWorker(workerDeps, config.extractBudget),
    startCallbackWorker(workerDeps),
  ];
  await Promise.all(workers.map((worker) => worker.waitUntilReady()));
  logger.info({ queues: workers.map((worker) => worker.name), concurrency: config.workerConcurrency }, 'workers started');

  let closing: Promise<void> | undefined;
  return {
    close: () => {
      closing ??= (async () => {
        await Promise.all(workers.map((worker) => worker.close()));
        await queues.close();
        await connection.quit();
        logger.info('workers stopped');
      })();
      return closing;
    },
  };
}

/**
 * `resume-evidence worker` and `workers/start.ts`: a long-running worker process. SIGTERM/SIGINT
 * let jobs in progress finish, then close queues and Redis. After an uncaught exception the
 * process state is unknown: log and exit; jobs in flight are recovered by another worker's stalled
 * checker.
 */
export async function startWorkerProcess(config: AppConfig): Promise<RunningWorkers> {
  const logger = createLogger(config, { role: 'worker' });
  process.on('uncaughtException', (error) => {
    logger.fatal({ err: { name: error.name, message: error.message } }, 'uncaught exception; exiting');
    process.exit(1);
  });
  process.on('unhandledRejection', (reason) => {
    logger.fatal({ err: { name: reason instanceof Error ? reason.name : typeof reason } }, 'unhandled rejection; exiting');
    process.exit(1);
  });
  const workers = await runWorkers(config, { logger });
  const stop = (signal: NodeJS.Signals): void => {
    logger.info({ signal }, 'stopping workers');
    workers.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: { name: error instanceof Error ? error.name : typeof error } }, 'error while stopping');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  return workers;
}
