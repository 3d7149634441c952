import type { Redis } from 'ioredis';
import type { AppConfig } from '../../../src/config';
import { runWorkers, type RunningWorkers } from '../../../src/cli/worker-command';
import { ScreeningService } from '../../../src/queue/screening-service';
import { cleanPrefix, connect, testConfig, uniquePrefix, waitFor } from './redis-helper';

export interface QueueStack {
  prefix: string;
  config: AppConfig;
  redis: Redis;
  service: ScreeningService;
  workers?: RunningWorkers;
  /** Closes workers and service, then removes every key of this test. */
  stop(): Promise<void>;
}

/** A service and (unless `workers: false`) the workers, on a fresh prefix of a real Redis. */
export async function startStack(options: { env?: Record<string, string>; workers?: boolean } = {}): Promise<QueueStack> {
  const prefix = uniquePrefix();
  const config = testConfig(prefix, options.env);
  const redis = connect();
  const service = ScreeningService.create(config, { redis });
  const stack: QueueStack = {
    prefix,
    config,
    redis,
    service,
    stop: async () => {
      await stack.workers?.close();
      await service.close();
      await cleanPrefix(redis, prefix);
      await redis.quit();
    },
  };
  if (options.workers !== false) stack.workers = await runWorkers(config);
  return stack;
}

/** Waits until no file of the batch is queued or running. */
export function waitForBatch(service: ScreeningService, batchId: string, timeoutMs = 20_000) {
  return waitFor(
    `batch ${batchId} to finish`,
    async () => {
      const status = await service.getBatchStatus(batchId);
      return status && status.counts.total > 0 && status.counts.done + status.counts.failed === status.counts.total ? status : undefined;
    },
    timeoutMs,
  );
}
